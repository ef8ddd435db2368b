"""The search core on the bundled corpus: what a journalist sees for real queries."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import threading
import time
from collections import Counter
from dataclasses import replace

import pytest

from index.pipeline import IndexOptions, run_index
from search.engine import Engine
from search.results import SearchRequest

POUTINE = "vladimir poutine"
MACRON = "emmanuel macron"


def ids(engine: Engine, **params) -> list[str]:
    """Ids of every hit of a search, in order."""
    page = engine.search(SearchRequest(per_page=100, snippets=False, **params))
    return [hit.id for hit in page.hits]


def hit_text(engine: Engine, doc_id: str) -> list[str]:
    """The words of an article's body, as split on spaces."""
    return engine.stored(doc_id)["body"].split()


def facet(page, name: str) -> dict[str, int]:
    return {v.value: v.count for v in page.facets[name]}


def test_empty_query_browses_everything_newest_first(engine):
    page = engine.search(SearchRequest(per_page=100))
    assert page.total == 51
    dates = [hit.published[:10] for hit in page.hits if hit.published]
    assert dates == sorted(dates, reverse=True)
    years = [v.value for v in page.facets["year"]]
    assert years == [str(y) for y in range(2019, 2026)]


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("etats unis", "États-Unis"),
        ("l’OTAN", "otan"),
        ("Kim Jong-un", '"Kim Jong Un"'),
        ("ELYSEE", "élysée"),
        ("Putin", "Poutine"),
        ("Kursk", "Koursk"),
        ("Путин", "Poutine"),
    ],
    ids=[
        "hyphen-accents",
        "elision",
        "hyphenated-name",
        "case-accents",
        "alias-putin",
        "alias-kursk",
        "cyrillic-putin",
    ],
)
def test_spellings_find_the_same_articles(engine, query, same_as):
    found = ids(engine, q=query)
    assert found
    assert sorted(found) == sorted(ids(engine, q=same_as))


def test_snippets_mark_words_accent_insensitively(engine):
    page = engine.search(SearchRequest(q="etats unis", per_page=3))
    assert all("<mark>États-Unis</mark>" in " ".join(hit.snippets) for hit in page.hits)


def test_a_compound_is_marked_whole_never_its_words_alone(engine):
    page = engine.search(SearchRequest(q="États-Unis", per_page=20))
    marks = {
        m for hit in page.hits for s in hit.snippets for m in re.findall(r"<mark>(.*?)</mark>", s)
    }
    assert marks == {"États-Unis"}


def test_snippets_are_whole_and_never_repeat(engine):
    page = engine.search(SearchRequest(q="Corée Poutine Koursk soldats", per_page=30))
    assert page.hits
    for hit in page.hits:
        texts = [re.sub(r"<[^>]+>", "", s).strip(" …") for s in hit.snippets]
        assert all(texts), hit.snippets  # no empty passage, no lone ellipsis
        assert len(set(texts)) == len(texts)
        for one, other in itertools.combinations(texts, 2):
            assert one[:40] not in other and other[:40] not in one, hit.snippets
        for snippet in hit.snippets:  # words are never cut in two
            body = re.sub(r"<[^>]+>", "", snippet)
            head, tail = body.removeprefix("… "), body.removesuffix(" …")
            assert head.split()[0] in hit_text(engine, hit.id), snippet
            assert tail.split()[-1] in hit_text(engine, hit.id), snippet


def request_of(**params) -> SearchRequest:
    """A request with facet filters given as keywords (``person=(...)``, ``not_actor=...``)."""
    options = {k: params.pop(k) for k in ("q", "any_of", "date_from", "date_to") if k in params}
    return SearchRequest(per_page=100, snippets=False, filters=params, **options)


def filtered(engine: Engine, **params) -> set[str]:
    return {hit.id for hit in engine.search(request_of(**params)).hits}


def test_ticking_a_person_narrows_and_counts_say_what_a_click_gives(engine):
    everything = engine.search(request_of(q="ukraine"))
    with_poutine = engine.search(request_of(q="ukraine", person=(POUTINE,)))
    assert 0 < with_poutine.total < everything.total
    years = facet(with_poutine, "year")
    assert sum(years.values()) + with_poutine.undated == with_poutine.total
    for value in with_poutine.facets["person"]:
        if value.selected:
            assert value.value == POUTINE and value.count == with_poutine.total
            continue
        click = engine.search(request_of(q="ukraine", person=(POUTINE, value.value)))
        assert value.count == click.total > 0, value.label


@pytest.mark.parametrize("q", ["", "ukraine", "otan sommet"], ids=["all", "many", "few"])
def test_each_entity_count_is_the_number_of_hits_holding_it(engine, q):
    # All articles, then fewer: facets are counted over every (article, value)
    # pair when many match and over the matched articles' values when few do.
    page = engine.search(SearchRequest(q=q, per_page=100, snippets=False, facet_size=200))
    assert 0 < page.total == len(page.hits)
    for name, refs in (("person", "actors"), ("organisation", "actors"), ("location", "locations")):
        held = Counter(r.value for hit in page.hits for r in getattr(hit, refs) if r.type == name)
        assert held and facet(page, name) == held, name


def test_people_combine_with_et_unless_switched_to_ou(engine):
    poutine, macron = filtered(engine, person=(POUTINE,)), filtered(engine, person=(MACRON,))
    assert filtered(engine, person=(POUTINE, MACRON)) == poutine & macron
    assert filtered(engine, person=(POUTINE, MACRON), any_of=("person",)) == poutine | macron
    moscou = filtered(engine, location=("moscou",))
    assert filtered(engine, person=(POUTINE,), location=("moscou",)) == poutine & moscou


def test_a_person_and_an_organisation_narrow_together(engine):
    otan = filtered(engine, organisation=("otan",))
    poutine = filtered(engine, person=(POUTINE,))
    assert filtered(engine, person=(POUTINE,), organisation=("otan",)) == poutine & otan
    # ``actor`` still means a person or an organisation.
    assert filtered(engine, actor=("otan",)) == otan


def test_or_counts_give_the_widened_total(engine):
    page = engine.search(request_of(person=(POUTINE,), any_of=("person",)))
    for value in page.facets["person"][:6]:
        if value.selected:
            continue
        click = engine.search(request_of(person=(POUTINE, value.value), any_of=("person",)))
        assert value.count == click.total > page.total, value.label
    sources = engine.search(request_of()).facets["source"]
    first = sources[0].value
    page = engine.search(request_of(source=(first,)))
    for value in page.facets["source"][1:4]:
        assert value.count == engine.search(request_of(source=(first, value.value))).total


def test_exclusion_removes_an_actor(engine):
    everything = filtered(engine, q="ukraine")
    poutine = filtered(engine, q="ukraine", person=(POUTINE,))
    assert filtered(engine, q="ukraine", not_person=(POUTINE,)) == everything - poutine
    page = engine.search(request_of(q="ukraine", not_person=(POUTINE,)))
    excluded = [v for v in page.facets["person"] if v.excluded]
    assert [(v.value, v.count) for v in excluded] == [(POUTINE, len(everything))]


def test_date_range_and_sorting(engine):
    import datetime as dt

    found = engine.search(
        SearchRequest(
            date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31), sort="date", per_page=100
        )
    )
    days = [hit.published[:10] for hit in found.hits]
    assert days and all(d.startswith("2022") for d in days)
    assert days == sorted(days)
    months = [v for v in found.facets["month"] if v.value.startswith("2022")]
    assert len(months) == 12  # zero-filled for the timeline


def test_pages_follow_each_other(engine):
    request = SearchRequest(q="président", per_page=3)
    first, second = engine.search(request), engine.search(replace(request, page=2))
    everything = ids(engine, q="président")
    assert [h.id for h in first.hits + second.hits] == everything[:6]
    assert first.next_offset == 3
    past_the_end = engine.search(replace(request, offset=10_000))
    assert past_the_end.hits == [] and past_the_end.total == first.total


def test_facet_value_search_by_prefix(engine):
    values = engine.facet_search("person", "lav", SearchRequest())
    assert [v.label for v in values] == ["Sergueï Lavrov"]
    assert engine.facet_search("location", "SEO", SearchRequest())[0].label == "Séoul"


def test_more_like_this(engine):
    first = ids(engine, q="Koursk")[0]
    similar = engine.similar(first)
    assert similar and first not in [hit.id for hit in similar]
    assert engine.similar("no-such-article") is None


def test_malformed_queries_never_raise(engine):
    for query in ['"unclosed', "(a OR", "OR", "acteur:", "\x00\x07", "*", "x" * 10_000]:
        engine.search(SearchRequest(q=query))


def test_concurrent_searches_agree(engine):
    expected = ids(engine, q="Corée du Nord")
    results: list[list[str]] = []

    def work() -> None:
        for _ in range(5):
            results.append(ids(engine, q="Corée du Nord"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 40


def _indexed_copy(corpus_dir, tmp_path):
    """(articles, index directory, engine) of a copy of the bundled Markdown articles."""
    articles = tmp_path / "articles"
    shutil.copytree(corpus_dir / "markdown", articles)
    index_dir = tmp_path / "index"
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0))
    return articles, index_dir, Engine(index_dir)


def _add_gazoduc_article(articles, index_dir) -> None:
    """Write an article on a pipeline, the one article to say « gazoduc », and index it."""
    (articles / "extra.md").write_text(
        "---\ntitle: Un gazoduc sous la Baltique\ndate: 2024-05-02\n---\n\n"
        "Le gazoduc relie l’Allemagne à la Russie depuis 2011.\n",
        encoding="utf-8",
    )
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0))


def test_reindex_is_seen_without_restart(corpus_dir, tmp_path):
    articles, index_dir, engine = _indexed_copy(corpus_dir, tmp_path)
    assert engine.search(SearchRequest(q="gazoduc")).total == 0
    # An index untouched for a while: its last listing is reused, until a commit.
    generation = (index_dir / "current").resolve()
    os.utime(generation, ns=(time.time_ns() - 60 * 10**9,) * 2)
    version = engine.version()
    assert engine.search(SearchRequest(q="gazoduc")).total == 0
    _add_gazoduc_article(articles, index_dir)
    assert engine.search(SearchRequest(q="gazoduc")).total == 1
    assert engine.version() != version
    (articles / "extra.md").unlink()
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0, full=True))
    assert engine.search(SearchRequest(q="gazoduc")).total == 0


@pytest.mark.parametrize("raw", ['{"entities": [{"key"', '["Macron"]'], ids=["cut", "list"])
def test_damaged_stored_entities_are_logged_and_the_article_still_shows(raw, caplog):
    from search.articles import article_view
    from search.hits import make_hit

    stored = {
        "id": "remaniement",
        "title": "L’Élysée annonce un remaniement",
        "body": "Emmanuel Macron a reçu les chefs de parti.",
        "person": "emmanuel macron",
        "entities": raw,
    }
    labels = {"emmanuel macron": "Emmanuel Macron"}
    with caplog.at_level("WARNING", logger="search.hits"):
        hit = make_hit(stored, labels, frozenset({"macron"}), None)
        # The result list labels people from the facets' table: the JSON is not read.
        assert [a.label for a in hit.actors] == ["Emmanuel Macron"]
        assert not caplog.records
        # A key the table lacks falls back to the damaged JSON: no actor, a warning.
        assert not make_hit(stored, {}, frozenset({"macron"}), None).actors
        view = article_view(stored, frozenset({"macron"}))
    assert view.title == "L’Élysée annonce un remaniement" and not view.entities
    assert any("remaniement" in r.getMessage() for r in caplog.records)


def test_hits_label_an_entity_as_its_facet_does(engine):
    """However one article spelled a name, the result list and the facet agree."""
    page = engine.search(SearchRequest(q="Corée"))
    labels = {v.value: v.label for v in page.facets["person"] + page.facets["location"]}
    shown = [ref for hit in page.hits for ref in hit.actors + hit.locations]
    assert shown and all(ref.label == labels[ref.value] for ref in shown if ref.value in labels)


@pytest.mark.parametrize(
    "word", ["abattre", "déployer", "travailler", "aller", "élection", "Poutine", "missile"]
)
def test_snippets_mark_every_form_the_analyzer_joins(corpus_dir, word):
    """Snippets and the article page mark the same words: those the analyzer reads as the query's."""
    from search.analysis import french_analyzer, terms
    from search.marking import Token, marked_spans
    from search.snippets import matched_words

    wanted = frozenset(terms(word))
    texts = [path.read_text(encoding="utf-8") for path in sorted(corpus_dir.rglob("*.md"))]
    texts.append(
        "Les bûcherons abattaient les arbres ; il abattit le dernier. Ils vont "
        "voter : les élections auront lieu. Ils iront, ils allèrent."
    )
    for text in texts:
        every = [
            Token(t.text, t.startchar, t.endchar)
            for t in french_analyzer()(text, chars=True, mode="query")
            if t.text in wanted
        ]
        assert matched_words(text, wanted) == marked_spans(text, every, wanted)


def test_a_search_that_finds_nothing_lists_no_values_but_keeps_ticked_ones(engine):
    nothing = engine.search(request_of(q="zqwxv"))
    assert nothing.total == 0
    assert all(not nothing.facets[name] for name in ("person", "organisation", "location"))
    ticked = engine.search(request_of(q="zqwxv", person=(POUTINE,)))
    assert ticked.total == 0
    assert [(v.value, v.selected) for v in ticked.facets["person"]] == [(POUTINE, True)]


def test_a_searcher_replaced_by_a_commit_is_freed(corpus_dir, tmp_path):
    """Caches keyed by searcher must not keep an old one (and its open files) alive."""
    import gc
    import weakref

    articles, index_dir, engine = _indexed_copy(corpus_dir, tmp_path)
    assert engine.search(SearchRequest(q="gazoduc")).total == 0
    old = weakref.ref(engine.current()[1])
    _add_gazoduc_article(articles, index_dir)
    assert engine.search(SearchRequest(q="gazoduc")).total == 1
    gc.collect()
    assert old() is None
