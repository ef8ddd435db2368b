"""The real scraped pages through the whole indexer: clean text, right facets.

Skipped when ../shared/seeds is absent. The annotation (names only) is
bench/data/seeds_entities.json; here the pages go through the real reader and
cleaner, not the benchmark's simulated cleaning.
"""

from __future__ import annotations

import json

import pytest
from tests_support import ROOT, SEEDS

from index.pipeline import IndexOptions, run_index
from search.aliases import load_aliases
from search.engine import Engine
from search.normalize import match_key
from search.results import SearchRequest

ANNOTATION = ROOT / "bench" / "data" / "seeds_entities.json"
BOILERPLATE_NAMES = {"nolwenn leroy", "google", "sabah", "laisser"}
BOILERPLATE_TEXT = ["Laisser un commentaire", "Voir l’article", "Aller à l’accueil",
                    "2–3 minutes", "Getty Images", "newsletter"]

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason=f"no seeds in {SEEDS}")


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory) -> Engine:
    index_dir = tmp_path_factory.mktemp("seeds-index")
    report = run_index(IndexOptions(paths=[SEEDS], index_dir=index_dir, workers=0))
    assert report.added == 5 and not report.failed, report.summary()
    return Engine(index_dir)


def articles(engine: Engine) -> dict[str, dict]:
    page = engine.search(SearchRequest(per_page=10, snippets=False))
    return {hit.file: engine.stored(hit.id) for hit in page.hits}


def test_no_boilerplate_in_text_or_facets(seed_engine):
    for file, stored in articles(seed_engine).items():
        for phrase in BOILERPLATE_TEXT:
            assert phrase.lower() not in stored["body"].lower(), (file, phrase)
        keys = {e["key"] for e in json.loads(stored["entities"])["entities"]}
        assert not keys & BOILERPLATE_NAMES, (file, keys & BOILERPLATE_NAMES)


def test_actors_and_locations_match_the_annotation(seed_engine):
    annotation = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    aliases = load_aliases()

    def key(name: str) -> str:
        known = aliases.canonical(name)
        return known.key if known else match_key(name)

    for file, stored in articles(seed_engine).items():
        expected = annotation[file]
        found = json.loads(stored["entities"])["entities"]
        for column, want in (
            ("actors", {(key(a["name"]), a["type"]) for a in expected["actors"]}),
            ("locations", {(key(n), "location") for n in expected["locations"]}),
        ):
            got = {(e["key"], e["kind"]) for e in found
                   if (e["kind"] == "location") == (column == "locations")}
            hits = len(got & want)
            precision = hits / len(got) if got else 1.0
            recall = hits / len(want) if want else 1.0
            assert precision >= 0.9 and recall >= 0.9, (
                file, column, sorted(got - want), sorted(want - got))
