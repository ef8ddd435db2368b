"""The search core on the bundled corpus: what a journalist sees for real queries."""

from __future__ import annotations

import shutil
import threading
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
    ids=["hyphen-accents", "elision", "hyphenated-name", "case-accents", "alias-putin",
         "alias-kursk", "cyrillic-putin"],
)
def test_spellings_find_the_same_articles(engine, query, same_as):
    found = ids(engine, q=query)
    assert found
    assert sorted(found) == sorted(ids(engine, q=same_as))


def test_snippets_mark_words_accent_insensitively(engine):
    page = engine.search(SearchRequest(q="etats unis", per_page=3))
    assert all("<mark>États</mark>-<mark>Unis</mark>" in " ".join(hit.snippets)
               for hit in page.hits)


def test_actor_facet_is_disjunctive(engine):
    everything = engine.search(SearchRequest(q="ukraine"))
    with_poutine = engine.search(SearchRequest(q="ukraine", actor=(POUTINE,)))
    assert 0 < with_poutine.total < everything.total
    # The people facet keeps the counts it had before Poutine was ticked...
    assert facet(with_poutine, "person") == facet(everything, "person")
    # ...while the other facets narrow to Poutine's articles.
    assert sum(facet(with_poutine, "year").values()) == with_poutine.total
    selected = [v for v in with_poutine.facets["person"] if v.selected]
    assert [v.value for v in selected] == [POUTINE]


def test_values_of_one_facet_or_and_facets_and(engine):
    poutine = set(ids(engine, actor=(POUTINE,)))
    macron = set(ids(engine, actor=(MACRON,)))
    assert set(ids(engine, actor=(POUTINE, MACRON))) == poutine | macron
    moscou = set(ids(engine, location=("moscou",)))
    assert set(ids(engine, actor=(POUTINE,), location=("moscou",))) == poutine & moscou


def test_exclusion_removes_an_actor(engine):
    everything = set(ids(engine, q="ukraine"))
    poutine = set(ids(engine, q="ukraine", actor=(POUTINE,)))
    assert set(ids(engine, q="ukraine", not_actor=(POUTINE,))) == everything - poutine


def test_date_range_and_sorting(engine):
    import datetime as dt

    found = engine.search(SearchRequest(date_from=dt.date(2022, 1, 1),
                                        date_to=dt.date(2022, 12, 31), sort="date",
                                        per_page=100))
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


def test_reindex_is_seen_without_restart(corpus_dir, tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(corpus_dir / "markdown", articles)
    index_dir = tmp_path / "index"
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0))
    engine = Engine(index_dir)
    assert engine.search(SearchRequest(q="gazoduc")).total == 0
    (articles / "extra.md").write_text(
        "---\ntitle: Un gazoduc sous la Baltique\ndate: 2024-05-02\n---\n\n"
        "Le gazoduc relie l’Allemagne à la Russie depuis 2011.\n", encoding="utf-8")
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0))
    assert engine.search(SearchRequest(q="gazoduc")).total == 1
    (articles / "extra.md").unlink()
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0, full=True))
    assert engine.search(SearchRequest(q="gazoduc")).total == 0


@pytest.mark.parametrize("raw", ['{"entities": [{"key"', '["Macron"]'], ids=["cut", "list"])
def test_damaged_stored_entities_are_logged_and_the_article_still_shows(raw, caplog):
    from search.hits import make_hit

    stored = {"id": "remaniement", "title": "L’Élysée annonce un remaniement",
              "body": "Emmanuel Macron a reçu les chefs de parti.", "entities": raw}
    with caplog.at_level("WARNING", logger="search.hits"):
        hit = make_hit(stored, frozenset({"macron"}), None)
    assert hit.title == "L’Élysée annonce un remaniement" and not hit.actors
    assert any("remaniement" in r.getMessage() for r in caplog.records)
