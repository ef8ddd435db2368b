"""Ranked retrieval: sentences and questions find articles, those with every word first."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from tests_support import ROOT, app_for

from index.pipeline import IndexOptions, run_index
from search.engine import Engine
from search.results import SearchRequest

SEEDS = ROOT.parent / "shared" / "seeds"


def search(engine: Engine, q: str, **params):
    return engine.search(SearchRequest(q=q, per_page=100, snippets=False, **params))


def ids(engine: Engine, q: str, **params) -> list[str]:
    return [hit.id for hit in search(engine, q, **params).hits]


def test_a_sentence_finds_articles_though_none_has_every_word(engine):
    sentence = "Poutine signe un accord de défense avec la Corée du Nord"
    assert search(engine, sentence, match="all").total == 0
    page = search(engine, sentence)
    assert page.total > 0 and page.total_all == 0
    assert all(hit.missing for hit in page.hits)
    # The best hit lacks fewer words than the last one.
    assert len(page.hits[0].missing) < len(page.hits[-1].missing)


def test_articles_with_every_word_come_first(engine):
    page = search(engine, "retraites Borne")
    strict = ids(engine, "retraites Borne", match="all")
    assert page.total > page.total_all == len(strict) > 0
    first = [hit.id for hit in page.hits[: page.total_all]]
    assert sorted(first) == sorted(strict)
    assert all(not hit.missing for hit in page.hits[: page.total_all])
    assert all(hit.missing for hit in page.hits[page.total_all :])


def test_paging_through_a_ranked_query_keeps_its_order(engine):
    whole = ids(engine, "retraites Borne")
    paged = []
    for page in (1, 2, 3):
        result = engine.search(
            SearchRequest(q="retraites Borne", per_page=2, page=page, snippets=False)
        )
        paged += [hit.id for hit in result.hits]
    assert paged == whole[:6]


def test_rare_words_weigh_more_than_common_ones(engine):
    # "Hanoï" is in one article, "sommet" in several: the rare word decides.
    page = search(engine, "sommet Hanoï")
    assert "Hanoï" in page.hits[0].title
    assert page.hits[0].missing == []


@pytest.mark.parametrize(
    "question",
    [
        "Combien de soldats nord-coréens ?",
        "Pourquoi des soldats nord-coréens ?",
        "Quels soldats nord-coréens ?",
    ],
)
def test_question_words_never_make_a_query_fail(engine, question):
    assert ids(engine, question, match="all") == ids(engine, "soldats nord-coréens", match="all")


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("Qui a été nommé Première ministre ?", "nommé Première ministre"),
        ("Par qui a-t-il été accueilli ?", "accueilli"),
    ],
)
def test_a_compound_tense_is_not_the_season(engine, question, words):
    assert ids(engine, question, match="all") == ids(engine, words, match="all")


def test_the_season_is_still_a_word(engine):
    summer = ids(engine, "été", match="all")
    assert summer and ids(engine, "cet été", match="all") == summer


def test_question_words_still_count_inside_quotes(engine):
    assert search(engine, '"comment"', match="all").total < search(engine, "*").total


@pytest.mark.parametrize(
    ("query", "required"),
    [
        ("+Borne retraites", "Borne"),
        ('"Corée du Nord" accord', '"Corée du Nord"'),
        ("titre:Retraites Borne", "titre:Retraites"),
        ("(Hidalgo OU Borne) grève", "Hidalgo OU Borne"),
    ],
)
def test_quotes_plus_and_fields_stay_required(engine, query, required):
    found = set(ids(engine, query))
    assert found and found <= set(ids(engine, required))


@pytest.mark.parametrize(
    ("query", "strict"),
    [
        ("Poutine AND accord", "Poutine accord"),
        ("Poutine ET accord", "Poutine accord"),
    ],
)
def test_operators_and_groups_keep_their_boolean_meaning(engine, query, strict):
    assert sorted(ids(engine, query)) == sorted(ids(engine, strict, match="all"))


def test_words_in_parentheses_rank_like_the_others(engine):
    aside = "accord de défense (signé en juin avec Pyongyang)"
    assert ids(engine, aside) == ids(engine, "accord de défense signé en juin avec Pyongyang")


def test_quotes_in_parentheses_bind_as_they_would_outside(engine):
    aside = 'accord de défense (signé avec la "Corée du Nord")'
    found = ids(engine, aside)
    assert found and found == ids(engine, 'accord de défense signé avec la "Corée du Nord"')


def test_an_unknown_word_is_read_with_typos(engine):
    page = search(engine, "Pyongyagn soldats")
    assert page.total_all > 0
    assert "Pyongyagn" not in page.hits[0].missing


def test_exclusions_still_exclude(engine):
    found = set(ids(engine, "retraites -Borne"))
    assert found and not found & set(ids(engine, "Borne"))


def test_a_name_with_an_article_ranks_its_entity_first(engine):
    page = search(engine, "Le Pen")
    assert [e.value for e in page.entities] == ["marine le pen"]
    mentions = set(ids(engine, 'personne:"marine le pen"'))
    assert mentions
    first = [hit.id for hit in page.hits[: len(mentions)]]
    assert set(first) == mentions


def test_a_quoted_name_offers_its_entity_in_both_modes(engine):
    for match in ("any", "all"):
        page = search(engine, '"Les Républicains" immigration', match=match)
        assert [e.label for e in page.entities] == ["Les Républicains"]


def test_a_preposition_does_not_make_a_name(engine):
    # "de France" ends "Île-de-France" but names no entity by itself.
    page = search(engine, "président de France")
    assert page.entities == []


def test_api_reports_match_and_the_count_with_every_word(corpus_index):
    client = app_for(corpus_index).test_client()
    body = client.get("/api/v1/search?q=retraites+Borne").get_json()
    assert body["match"] == "any" and body["total"] > body["total_all"] > 0
    assert any(hit["missing"] for hit in body["hits"])
    strict = client.get("/api/v1/search?q=retraites+Borne&match=all").get_json()
    assert strict["total"] == strict["total_all"] == body["total_all"]
    bad = client.get("/api/v1/search?q=x&match=some")
    assert bad.status_code == 400 and bad.get_json()["param"] == "match"


def test_page_sets_partial_matches_apart(corpus_index):
    client = app_for(corpus_index).test_client()
    doc = lxml.html.fromstring(client.get("/?q=retraites+Borne").get_data(as_text=True))
    headings = [h.text_content() for h in doc.iter("h3")]
    assert any(h.startswith("Articles contenant une partie des mots") for h in headings)
    assert "contiennent tous les mots" in doc.text_content()
    box = doc.get_element_by_id("match-all")
    assert box.get("checked") is None
    strict = lxml.html.fromstring(
        client.get("/?q=retraites+Borne&match=all").get_data(as_text=True)
    )
    assert strict.get_element_by_id("match-all").get("checked") is not None
    assert "Articles contenant une partie des mots" not in strict.text_content()


@pytest.fixture(scope="module")
def seeds_engine(tmp_path_factory) -> Engine:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    index_dir: Path = tmp_path_factory.mktemp("seeds-index")
    run_index(IndexOptions(paths=[SEEDS], index_dir=index_dir, workers=0))
    return Engine(index_dir)


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        # The accord was signed during Poutine's visit to Pyongyang: an article on
        # the visit "to strengthen defence ties" is about it without the word.
        (
            "Poutine signe un accord de défense avec la Corée du Nord",
            {"Poutine", "défense", "Corée du Nord"},
        ),
        (
            "Combien de soldats nord-coréens ont été déployés en Russie ?",
            {"soldats", "nord-coréens", "déployés"},
        ),
    ],
)
def test_the_seeds_answer_a_sentence_and_a_question(seeds_engine, query, topic):
    page = search(seeds_engine, query)
    assert page.total >= 3
    # The first article has the words that carry the story, whatever it lacks.
    assert not topic & set(page.hits[0].missing), page.hits[0].missing
