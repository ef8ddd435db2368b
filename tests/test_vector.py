"""Ranking as arrays: the same pages, totals and scores as Whoosh's own matchers."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from tests_support import ROOT

from index.pipeline import IndexOptions, run_index
from search import ranking, vector
from search.engine import Engine
from search.results import SearchRequest

GEN_CORPUS = ROOT.parent / "shared" / "bench-corpus" / "gen_corpus.py"

#: What people type: words, sentences, questions, quotes, names, aliases,
#: prefixes, typos, fields, operators, dates and entity filters.
QUERIES = [
    "Corée du Nord",
    "Poutine signe un accord de défense avec la Corée du Nord",
    "combien de soldats nord-coréens ont été déployés en Russie ?",
    '"accord de défense"',
    '"Kim Jong"~2 Moscou',
    "Le Monde",
    "Putin Pyongyang",
    "écon* réforme",
    "gouvernemnt budget",
    "titre:accord texte:Russie",
    "réforme -retraites",
    "réforme OU grève",
    "(budget OR impôts) ET gouvernement",
    "+Russie accord militaire",
    "États-Unis sanctions",
    "budget date:2024",
    "acteur:Poutine accord",
    "zzzqxw",
]


@pytest.fixture(autouse=True)
def summed_fields(monkeypatch):
    """Whoosh sums a word's fields: compare with fields summed, except where tested."""
    monkeypatch.setattr(ranking, "TIE", None)
    monkeypatch.setattr(ranking, "COMBINED", False)


def whoosh_scores(searcher, query) -> dict[int, float]:
    """Every live match of *query* with the score Whoosh's matcher tree gives it."""
    scores = {}
    for sub, offset in searcher.leaf_searchers():
        matcher = query.matcher(sub)
        while matcher.is_active():
            scores[offset + matcher.id()] = matcher.score()
            matcher.next()
    return scores


def assert_same_as_whoosh(engine: Engine, text: str) -> int:
    """Compare every query a search runs; return how many ran as arrays."""
    ran = 0
    gen, searcher = engine.current()
    arrays = gen.facets.arrays(searcher)
    for match in ("any", "all"):
        parsed = engine.parse_request(SearchRequest(q=text, match=match), gen, arrays, searcher)
        queries = [parsed.query, *((parsed.ranking, parsed.strict) if parsed.ranked else ())]
        for query in queries:
            evaluated = vector.evaluate(searcher, gen.postings, query)
            if evaluated is None:
                continue
            ran += 1
            mask, scores = evaluated
            mask &= arrays.live
            expected = whoosh_scores(searcher, query)
            assert sorted(expected) == list(np.flatnonzero(mask)), (text, match, query)
            got = [scores[doc] for doc in sorted(expected)]
            assert got == pytest.approx([expected[d] for d in sorted(expected)], rel=1e-9), (
                text,
                match,
                query,
            )
    return ran


def pages(engine: Engine, text: str, **params) -> tuple:
    page = engine.search(SearchRequest(q=text, per_page=30, snippets=False, facets=(), **params))
    return page.total, page.total_all, [(h.id, round(h.score or 0, 9)) for h in page.hits]


def test_scores_and_matches_equal_whooshs_on_the_bundled_corpus(engine):
    ran = sum(assert_same_as_whoosh(engine, q) for q in QUERIES)
    assert ran >= 2 * len(QUERIES)  # most queries run as arrays, not a silent fallback


def test_pages_equal_the_whoosh_path_on_the_bundled_corpus(engine, monkeypatch):
    for params in ({}, {"match": "all"}, {"sort": "date"}):
        fast = [pages(engine, q, **params) for q in QUERIES]
        monkeypatch.setattr(vector, "ENABLED", False)
        slow = [pages(engine, q, **params) for q in QUERIES]
        monkeypatch.setattr(vector, "ENABLED", True)
        assert fast == slow


def test_date_ranges_and_entity_keys_fall_back_to_whoosh(engine):
    gen, searcher = engine.current()
    arrays = gen.facets.arrays(searcher)
    for text in ("budget date:2024", "acteur:Poutine accord"):
        parsed = engine.parse_request(SearchRequest(q=text), gen, arrays, searcher)
        assert vector.evaluate(searcher, gen.postings, parsed.ranking) is None
    assert pages(engine, "acteur:Poutine accord")[0] > 0


def test_a_sentence_ranks_by_score_and_its_rare_name_first(engine):
    sentence = "Poutine signe un accord de défense avec la Corée du Nord"
    page = engine.search(SearchRequest(q=sentence, per_page=50, snippets=False))
    assert page.hits and not page.partial
    scores = [hit.score for hit in page.hits[: page.total_all]]
    assert scores == sorted(scores, reverse=True)
    # The rarest words, the name of the country, weigh most.
    assert "Corée du Nord" not in page.hits[0].missing


def test_a_word_scores_its_best_field_plus_a_share_of_the_others(engine, monkeypatch):
    gen, searcher = engine.current()
    arrays = gen.facets.arrays(searcher)
    word = engine.parse_request(SearchRequest(q="Corée"), gen, arrays, searcher).should[0].complete
    per_field = [vector.evaluate(searcher, gen.postings, q)[1] for q in word.subqueries]
    monkeypatch.setattr(ranking, "TIE", 0.3)
    mask, scores = vector.evaluate(searcher, gen.postings, word)
    fields = np.array(per_field)
    in_title_and_body = np.flatnonzero((fields > 0).sum(axis=0) >= 2)
    assert len(in_title_and_body)
    best = fields.max(axis=0)
    expected = best + 0.3 * (fields.sum(axis=0) - best)
    assert scores[mask] == pytest.approx(expected[mask])
    assert (scores[in_title_and_body] < fields.sum(axis=0)[in_title_and_body]).all()


def test_a_word_in_several_fields_saturates_once(engine, monkeypatch):
    """Combined fields: a word in the title and the body is still one word of the article."""
    gen, searcher = engine.current()
    arrays = gen.facets.arrays(searcher)
    word = engine.parse_request(SearchRequest(q="Corée"), gen, arrays, searcher).should[0].complete
    summed = vector.evaluate(searcher, gen.postings, word)[1]
    monkeypatch.setattr(ranking, "COMBINED", True)
    mask, combined = vector.evaluate(searcher, gen.postings, word)
    idf = min(
        searcher.idf(q.fieldname, q.text)
        for q in word.subqueries
        if searcher.doc_frequency(q.fieldname, q.text)
    )
    ceiling = idf * (ranking.K1 + 1)  # what any number of occurrences tends to
    assert mask.any() and (combined[mask] < ceiling).all()
    assert (summed[mask] > ceiling).any()


def test_top_breaks_ties_by_document_number_and_keeps_the_cut_exact():
    mask = np.array([True, True, True, True, False, True])
    scores = np.array([1.0, 3.0, 2.0, 2.0, 9.0, 2.0])
    assert vector.top(mask, scores, 3) == [(1, 3.0), (2, 2.0), (3, 2.0)]
    assert vector.top(mask, scores, 10) == [(1, 3.0), (2, 2.0), (3, 2.0), (5, 2.0), (0, 1.0)]
    assert vector.top(~mask & False, scores, 3) == []


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Engine, list[str], set[str]]:
    """A generated corpus indexed in three runs (three segments), then one file deleted."""
    if not GEN_CORPUS.exists():
        pytest.skip("../shared/bench-corpus is absent")
    base = tmp_path_factory.mktemp("generated")
    subprocess.run(
        [
            sys.executable,
            str(GEN_CORPUS),
            "--n",
            "1000",
            "--out",
            str(base / "gen"),
            "--seed",
            "11",
            "--jobs",
            "1",
        ],
        check=True,
        capture_output=True,
    )
    lines = (base / "gen" / "corpus" / "articles-00000.jsonl").read_text("utf-8").splitlines()
    corpus, index_dir = base / "corpus", base / "index"
    corpus.mkdir()
    for part in range(3):
        chunk = lines[part * 70 : (part + 1) * 70]
        (corpus / f"part{part}.jsonl").write_text("\n".join(chunk) + "\n", "utf-8")
        run_index(IndexOptions(paths=[corpus], index_dir=index_dir, workers=0))
    removed = {json.loads(line)["id"] for line in lines[70:140]}
    (corpus / "part1.jsonl").unlink()
    run_index(IndexOptions(paths=[corpus], index_dir=index_dir, workers=0))
    queries = [
        line.split("\t", 1)[1]
        for line in (base / "gen" / "queries.tsv").read_text("utf-8").splitlines()
    ][::6]
    return Engine(index_dir), queries, removed


def test_scores_equal_whooshs_on_a_generated_corpus_with_deletions(generated):
    engine, queries, _ = generated
    _, searcher = engine.current()
    assert searcher.doc_count() == 140
    assert sum(assert_same_as_whoosh(engine, q) for q in queries) >= len(queries)


def test_pages_equal_the_whoosh_path_and_never_show_deleted_articles(generated, monkeypatch):
    engine, queries, removed = generated
    fast = [pages(engine, q) for q in queries]
    monkeypatch.setattr(vector, "ENABLED", False)
    slow = [pages(engine, q) for q in queries]
    assert fast == slow
    assert any(hits for _, _, hits in fast)
    assert not {doc for _, _, hits in fast for doc, _ in hits} & removed


def test_an_article_scores_the_same_whichever_run_indexed_it(tmp_path, monkeypatch):
    """Two copies of one article in two segments; only the first segment has the word in bodies.

    With the shipped ranking (a word's fields combined), its weight must not
    depend on which fields hold it in the article's own segment: the copies
    rank equal.
    """
    monkeypatch.setattr(ranking, "COMBINED", True)
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    first = {
        "id": "premier",
        "title": "Un gazoduc sous la Manche",
        "body": "La préfecture annonce une enquête publique au printemps, "
        "après des mois de protestations des riverains et des associations.",
    }
    bodies = [
        {"id": town, "title": f"Chronique de {town}", "body": f"À {town}, le gazoduc {worry}."}
        for town, worry in (
            ("Cherbourg", "inquiète les pêcheurs de la baie"),
            ("Granville", "fuit encore selon les riverains"),
            ("Barfleur", "attend une expertise indépendante"),
        )
    ]
    (corpus / "a.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in (first, *bodies)) + "\n", "utf-8"
    )
    run_index(IndexOptions(paths=[corpus], index_dir=index_dir, workers=0))
    second = {**first, "id": "second"}
    (corpus / "b.jsonl").write_text(json.dumps(second, ensure_ascii=False) + "\n", "utf-8")
    run_index(IndexOptions(paths=[corpus], index_dir=index_dir, workers=0))
    engine = Engine(index_dir)
    assert len(list(engine.current()[1].leaf_searchers())) == 2
    scores = {h.id: h.score for h in engine.search(SearchRequest(q="gazoduc enquête")).hits}
    assert scores["premier"] == scores["second"]
