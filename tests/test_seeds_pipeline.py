"""The real scraped pages through the whole indexer: clean text, right facets.

Skipped when ../shared/seeds is absent. The annotation (names only) is
bench/data/seeds_entities.json; here the pages go through the real reader and
cleaner, not the benchmark's simulated cleaning.
"""

from __future__ import annotations

import json

import pytest
from tests_support import ROOT, SEEDS

from index.discover import SourceFile
from index.fingerprint import article_id
from index.pipeline import IndexOptions, run_index
from index.readers import read_file
from search.aliases import load_aliases
from search.engine import Engine
from search.normalize import match_key
from search.results import SearchRequest

ANNOTATION = ROOT / "bench" / "data" / "seeds_entities.json"
#: The seed that holds three articles, each ending with the site's closing links.
THREE_ARTICLES = "004_9d4d41cdd73818b4.txt"
BOILERPLATE_NAMES = {"nolwenn leroy", "google", "sabah", "laisser"}
BOILERPLATE_TEXT = [
    "Laisser un commentaire",
    "Voir l’article",
    "Aller à l’accueil",
    "2–3 minutes",
    "Getty Images",
    "newsletter",
]

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason=f"no seeds in {SEEDS}")


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory) -> Engine:
    index_dir = tmp_path_factory.mktemp("seeds-index")
    report = run_index(IndexOptions(paths=[SEEDS], index_dir=index_dir, workers=0))
    assert report.added == 7 and not report.failed, report.summary()
    return Engine(index_dir)


def first_id(name: str) -> str:
    """The id of the first article the reader finds in the seed *name*."""
    return article_id(next(read_file(SourceFile(SEEDS / name, SEEDS, name))))


def articles(engine: Engine) -> dict[str, dict]:
    """Every indexed article, by id."""
    page = engine.search(SearchRequest(per_page=20, snippets=False))
    return {hit.id: engine.stored(hit.id) for hit in page.hits}


def test_every_article_of_a_file_holding_three_is_found(seed_engine):
    stored = articles(seed_engine)
    assert len(stored) == 7
    assert len({article["title"] for article in stored.values()}) == 7
    first = first_id(THREE_ARTICLES)
    for phrase in ("Freedom Shield", "Marco Rubio", "Yonhap"):
        hits = seed_engine.search(SearchRequest(q=f'"{phrase}"', snippets=False)).hits
        # Found in a later article of the file, indexed on its own.
        later = [h for h in hits if h.file == THREE_ARTICLES and h.id != first]
        assert later, (phrase, [(h.file, h.title) for h in hits])
        assert later[0].title != stored[first]["title"]
        assert phrase in stored[later[0].id]["body"]


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

    stored_by_id = articles(seed_engine)
    for file, expected in annotation.items():
        if not file.endswith(".txt"):
            continue  # a note about the annotation
        # The annotation covers each file's first article.
        stored = stored_by_id[first_id(file)]
        found = json.loads(stored["entities"])["entities"]
        for column, want in (
            ("actors", {(key(a["name"]), a["type"]) for a in expected["actors"]}),
            ("locations", {(key(n), "location") for n in expected["locations"]}),
        ):
            got = {
                (e["key"], e["kind"])
                for e in found
                if (e["kind"] == "location") == (column == "locations")
            }
            hits = len(got & want)
            precision = hits / len(got) if got else 1.0
            recall = hits / len(want) if want else 1.0
            assert precision >= 0.9 and recall >= 0.9, (
                file,
                column,
                sorted(got - want),
                sorted(want - got),
            )
