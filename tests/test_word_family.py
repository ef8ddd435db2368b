"""A ranking word also finds, below the articles using it, those using only its family or neighbours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.pipeline import IndexOptions, run_index
from search import execute, neighbours
from search.analysis import ANALYZER_VERSION
from search.engine import Engine
from search.results import SearchRequest

ARTICLES = [
    (
        "budget-madrid",
        "L’Espagne adopte son budget",
        (
            "Le Parlement de l’Espagne a adopté mardi le budget de l’an prochain, "
            "après des semaines de négociations entre la majorité et les régions."
        ),
    ),
    (
        "tracteurs-andalousie",
        "Les agriculteurs espagnols bloquent les routes d’Andalousie",
        (
            "Des centaines de tracteurs ont bloqué les routes andalouses. Les syndicats "
            "espagnols réclament une baisse du prix du gazole."
        ),
    ),
    (
        "opposant-detenu",
        "Un opposant biélorusse emprisonné depuis deux ans",
        (
            "Le militant, détenu à Minsk sans jugement, a entamé une grève de la faim. "
            "Sa famille dénonce une détention arbitraire."
        ),
    ),
    (
        "tour-paris",
        "Le Tour arrive sur les Champs-Élysées",
        "Les coureurs ont rallié Paris dimanche sous un soleil de plomb.",
    ),
]


@pytest.fixture(scope="module")
def family_engine(tmp_path_factory) -> Engine:
    """An index of four short news articles."""
    base = tmp_path_factory.mktemp("family")
    folder = base / "articles"
    folder.mkdir()
    lines = [
        json.dumps(
            {"id": doc_id, "title": title, "date": "2024-05-14", "source": "Fil", "body": body},
            ensure_ascii=False,
        )
        for doc_id, title, body in ARTICLES
    ]
    (folder / "fil.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_index(IndexOptions(paths=[folder], index_dir=base / "index", workers=0))
    return Engine(base / "index")


def search(engine: Engine, q: str, **params):
    return engine.search(SearchRequest(q=q, **{"per_page": 20, **params}))


def test_a_country_finds_what_uses_only_its_adjective_below_what_names_it(family_engine):
    page = search(family_engine, "budget Espagne")
    assert [hit.id for hit in page.hits] == ["budget-madrid", "tracteurs-andalousie"]
    assert page.total_all == 1 and page.widened
    assert page.hits[1].missing == ["budget", "Espagne"]


def test_a_sentence_finds_an_article_that_only_uses_words_near_it(family_engine):
    page = search(family_engine, "prison politique")
    assert [hit.id for hit in page.hits] == ["opposant-detenu"]
    assert page.hits[0].missing == ["prison", "politique"] and page.total_all == 0


def test_a_date_clause_among_the_words_is_not_widened(family_engine):
    page = search(family_engine, "prison politique date:2024")
    assert page.total == 0 and not page.widened


def test_one_word_alone_is_not_widened(family_engine):
    page = search(family_engine, "prison")
    assert page.total == 0 and not page.widened


def test_all_the_words_still_means_the_words_themselves(family_engine):
    found = search(family_engine, "budget Espagne", match="all")
    assert [hit.id for hit in found.hits] == ["budget-madrid"] and not found.widened
    assert search(family_engine, "prison politique", match="all").total == 0
    assert search(family_engine, '"prison" politique').total == 0


def test_known_names_are_not_widened_to_their_neighbours(engine):
    page = search(engine, "Poutine Koursk", snippets=False)
    assert page.total > page.total_all > 0 and not page.widened


def test_the_shipped_neighbour_table_is_for_this_analyzer():
    header = neighbours.TABLE.read_text(encoding="utf-8").split("\n", 1)[0]
    assert header.startswith(f"# analyzer {ANALYZER_VERSION};")
    assert "emprison" in neighbours.neighbours("prison")


def test_a_missing_table_leaves_words_to_their_family(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(neighbours, "TABLE", tmp_path / "absent.txt")
    neighbours._table.cache_clear()
    try:
        assert neighbours.neighbours("prison") == ()
    finally:
        neighbours._table.cache_clear()


def test_related_words_add_only_their_best_articles(engine, monkeypatch):
    sentence = "Poutine signe un accord de défense avec la Corée du Nord"
    monkeypatch.setattr(execute, "WIDEN_WORDS", 99)
    own = search(engine, sentence, snippets=False, per_page=100)
    monkeypatch.setattr(execute, "WIDEN_WORDS", 2)
    wide = search(engine, sentence, snippets=False, per_page=100)
    assert wide.widened and wide.total > own.total + 2
    monkeypatch.setattr(execute, "WIDEN_KEEP", 2)
    kept = search(engine, sentence, snippets=False, per_page=100)
    assert kept.total == own.total + 2
    added = [hit.id for hit in kept.hits if hit.id not in {h.id for h in own.hits}]
    best = [hit.id for hit in wide.hits if hit.id not in {h.id for h in own.hits}][:2]
    assert added == best
