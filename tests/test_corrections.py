"""Spelling corrections: correct words are left alone, a query that finds nothing is corrected."""

from __future__ import annotations

import shutil

import lxml.html
import pytest
from click.testing import CliRunner
from tests_support import app_for

from search import layout
from search.engine import Engine
from search.results import SearchRequest
from search.suggest import Speller
from web.cli import search as search_command


def search(engine, q: str, **options):
    return engine.search(SearchRequest(q=q, **options))


@pytest.fixture
def speller(engine):
    gen, searcher = engine.current()
    yield Speller(searcher.reader(), lambda: gen.vocabulary, engine.aliases)


@pytest.mark.parametrize(
    "q",
    [
        "traités",  # the corpus writes « traité »: another form of an indexed word
        "signes",
        "soldats déployés",
        "grenouille",  # French, though no article uses it
        "débris",  # nor this one, which the dictionary lacks: « depuis » is two edits away
        "Putin",  # an alias of a known name
        "Kim Jong-un a signé un traité avec la Russie",
        "Poutine signe un accord de défense avec la Corée du Nord",
    ],
    ids=[
        "plural",
        "plural-2",
        "participle",
        "unused-french",
        "short-unused-word",
        "alias",
        "sentence",
        "sentence-2",
    ],
)
def test_a_correct_word_is_left_alone(engine, q):
    found = search(engine, q)
    assert found.suggestion is None and found.corrected is None
    assert found.query == q


def test_a_query_that_finds_nothing_shows_its_correction_results(engine):
    found = search(engine, "Pyongyan")
    right = search(engine, "Pyongyang")
    assert found.corrected == {"from": "Pyongyan", "to": "Pyongyang"}
    assert found.total == right.total > 0
    assert [h.id for h in found.hits] == [h.id for h in right.hits]
    assert found.suggestion is None
    assert found.query == "Pyongyan"


def test_corrections_restore_accents_and_keep_the_case_typed(engine):
    assert search(engine, "Melanchon").corrected == {"from": "Melanchon", "to": "Mélenchon"}
    assert search(engine, "melanchon").corrected["to"] == "mélenchon"


def test_two_letters_swapped_are_one_typo(engine):
    assert search(engine, "Kousrk").corrected == {"from": "Kousrk", "to": "Koursk"}


def test_the_query_as_typed_on_request(engine):
    strict = search(engine, "Pyongyan", autocorrect=False, match="all")
    assert (strict.total, strict.corrected, strict.suggestion) == (0, None, "Pyongyang")
    ranked = search(engine, "Pyongyan", autocorrect=False)  # unknown words read with typos
    assert (ranked.corrected, ranked.suggestion) == (None, "Pyongyang")


def test_results_with_an_unknown_word_offer_a_suggestion(engine):
    found = search(engine, "Pyongyan OU Séoul")
    assert found.total == search(engine, "Séoul").total > 0
    assert found.corrected is None
    assert found.suggestion == "Pyongyang OU Séoul"


def test_a_correction_that_finds_nothing_is_not_offered(engine):
    found = search(engine, "parapluie Pyongyan", match="all")
    assert (found.total, found.suggestion, found.corrected) == (0, None, None)
    ranked = search(engine, "parapluie Pyongyan")  # « Pyongyang » alone finds articles
    assert ranked.corrected == {"from": "parapluie Pyongyan", "to": "parapluie Pyongyang"}


def test_only_the_unknown_words_are_replaced(speller):
    q = "« Pyongyan »  OU titre:Séoul -Melanchon date:2024 écon* Poutime~ (Kaesong OR Pyongyan)"
    assert speller.suggest(q) == (
        "« Pyongyang »  OU titre:Séoul -Melanchon date:2024 écon* Poutime~ (Kaesong OR Pyongyang)"
    )


@pytest.mark.parametrize(
    "q",
    [
        "the quick brown fox jumps over the lazy dog",
        "Xqzw Pyongyan Melanchon",
    ],
    ids=["another-language", "mostly-unknown"],
)
def test_a_query_mostly_unknown_is_not_rewritten(speller, q):
    assert speller.suggest(q) is None


def test_capitals_are_kept(speller):
    assert speller.suggest("PYONGYAN") == "PYONGYANG"


@pytest.fixture(scope="module")
def client(corpus_index):
    return app_for(corpus_index).test_client()


def test_api_reports_the_correction_and_obeys_nocorrect(client):
    corrected = client.get("/api/v1/search?q=Pyongyan").get_json()
    assert corrected["corrected"] == {"from": "Pyongyan", "to": "Pyongyang"}
    assert corrected["total"] == client.get("/api/v1/search?q=Pyongyang").get_json()["total"]
    typed = client.get("/api/v1/search?q=Pyongyan&nocorrect=1&match=all").get_json()
    assert (typed["total"], typed["corrected"], typed["suggestion"]) == (0, None, "Pyongyang")


def test_a_bad_nocorrect_value_says_what_to_write(client):
    response = client.get("/api/v1/search?q=Pyongyan&nocorrect=peut-être")
    assert response.status_code == 400
    assert response.get_json()["param"] == "nocorrect"
    assert "1 or 0" in response.get_json()["detail"]


def test_the_page_shows_the_correction_and_links_to_the_query_as_typed(client):
    doc = lxml.html.fromstring(client.get("/?q=Pyongyan").get_data(as_text=True))
    note = doc.find_class("correction")[0]
    assert note.text_content() == (
        "Résultats pour «\u00a0Pyongyang\u00a0». Rechercher plutôt «\u00a0Pyongyan\u00a0»"
    )
    assert doc.find_class("hit")
    typed_url = note.find(".//a").get("href")
    typed = lxml.html.fromstring(client.get(typed_url).get_data(as_text=True))
    assert not typed.find_class("correction")
    offer = typed.find_class("suggestion")[0]
    assert offer.text_content() == "Essayez plutôt «\u00a0Pyongyang\u00a0»"
    assert "nocorrect" not in offer.find(".//a").get("href")
    # a new query typed in the box may be corrected again
    assert "nocorrect" not in {i.get("name") for i in typed.forms[0].inputs}


def test_the_command_line_says_what_it_searched(corpus_index):
    runner = CliRunner()
    shown = runner.invoke(search_command, ["Pyongyan", "--index-dir", str(corpus_index)])
    assert "showing results for: Pyongyang (--nocorrect searches Pyongyan)" in shown.output
    typed = runner.invoke(
        search_command,
        ["Pyongyan", "--nocorrect", "--match", "all", "--index-dir", str(corpus_index)],
    )
    assert typed.output.startswith("0 articles") and "did you mean: Pyongyang" in typed.output


def test_facet_values_follow_the_corrected_search(client):
    corrected = client.get("/api/v1/facets/location?q=Pyongyan").get_json()["values"]
    right = client.get("/api/v1/facets/location?q=Pyongyang").get_json()["values"]
    assert corrected == right and right
    typed = client.get("/api/v1/facets/location?q=Pyongyan&nocorrect=1&match=all").get_json()
    assert typed["values"] == []


@pytest.mark.parametrize(
    "content",
    [None, '["Pyongyang", 12]', "{tronqué"],
    ids=["missing", "not-an-object", "truncated"],
)
def test_an_index_without_word_forms_only_loses_the_corrections(corpus_index, tmp_path, content):
    copy = tmp_path / "index"
    shutil.copytree(corpus_index, copy, symlinks=True)
    vocabulary = layout.current_generation(copy) / layout.VOCABULARY_FILE
    if content is None:
        vocabulary.unlink()
    else:
        vocabulary.write_text(content, encoding="utf-8")
    engine = Engine(copy)
    assert search(engine, "Pyongyang").total > 0
    assert search(engine, "Pyongyan").corrected is None  # no word forms to correct with
