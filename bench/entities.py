"""Entity extraction on the seed articles: precision and recall, raw spaCy vs Loupe's layer.

Usage: ``python bench/entities.py [--verbose] [--repeat N]``

Each seed is cut the way the indexer's cleaning would (teasers after
``Voir l’article``/``Aller à l’accueil``, comment boxes, newsletter blocks,
reading times, photo credits), its first line taken as the title, and the
result compared with the hand annotation in ``bench/data/seeds_entities.json``.
Names are compared on their canonical key (alias table, then
``match_key``); an actor also needs the right type (person or organisation).
"raw" is spaCy's PER/ORG/LOC spans as they come (MISC has no facet).
Throughput is measured in words (whitespace-separated) per CPU-second.
"""

from __future__ import annotations

import os

if __name__ == "__main__":
    # One BLAS thread per process, as in the indexer's workers; must precede numpy.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from index.entities import article_text, extract_entities, load_ner
from index.entities.gazetteer import Knowledge, load_gazetteer
from search.aliases import AliasTable, load_aliases
from search.normalize import match_key

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
ANNOTATION = Path(__file__).resolve().parent / "data" / "seeds_entities.json"

_CUT = re.compile(
    r"^\s*(Voir l[’']article|Aller à l[’']accueil|Laisser un commentaire"
    r"|Le bulletin d[’']information)"
)
_DROP = re.compile(
    r"^\s*(\d+[–-]\d+ minutes?$|Image ?:|You are currently viewing|•"
    r"|[A-ZÀ-Ý]\w+[a-zé][A-ZÀ-Ý]\w+$|\w{1,3}$)"
)
_CREDIT = re.compile(r"\((?:Photo|Crédit|Image)s? ?:[^)]*\)")
KIND_OF_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "location"}


def simulate_cleaning(raw: str) -> tuple[str, str]:
    """Cut a seed the way the indexer's cleaning would, and split off the title."""
    lines: list[str] = []
    for line in raw.splitlines():
        if _CUT.match(line):
            break
        if not _DROP.match(line):
            lines.append(_CREDIT.sub("", line).rstrip())
    text = "\n".join(lines).strip()
    title, _, body = text.partition("\n")
    return title.strip(), body.strip()


@dataclass(frozen=True)
class Score:
    """True positives, predictions and expectations of one comparison."""

    hits: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.hits + other.hits, self.predicted + other.predicted, self.expected + other.expected
        )

    def __str__(self) -> str:
        counts = f"{self.hits}/{self.predicted}/{self.expected}"
        return f"P {self.precision:.2f} R {self.recall:.2f} ({counts})"


def score(predicted: set[tuple[str, str]], expected: set[tuple[str, str]]) -> Score:
    """Compare two sets of ``(key, kind)``."""
    return Score(len(predicted & expected), len(predicted), len(expected))


def expected_sets(entry: dict[str, list], kb: Knowledge) -> tuple[set, set]:
    """Annotated actors and locations as ``(key, kind)`` sets."""

    def key(name: str) -> str:
        known = kb.lookup(name)
        return known.key if known else match_key(name)

    actors = {(key(a["name"]), a["type"]) for a in entry["actors"]}
    places = {(key(name), "location") for name in entry["locations"]}
    return actors, places


def layer_sets(title: str, body: str, aliases: AliasTable) -> tuple[set, set]:
    """Loupe's actors and locations for one article."""
    found = next(extract_entities([(title, body)], aliases))
    actors = {(e.key, e.kind) for e in found.people + found.organisations}
    return actors, {(e.key, "location") for e in found.locations}


def raw_sets(title: str, body: str) -> tuple[set, set]:
    """spaCy's own spans, keyed the same way, MISC left out."""
    doc = load_ner().nlp(article_text(title, body))
    pairs = {
        (match_key(e.text), KIND_OF_LABEL[e.label_])
        for e in doc.ents
        if e.label_ in KIND_OF_LABEL and match_key(e.text)
    }
    return {p for p in pairs if p[1] != "location"}, {p for p in pairs if p[1] == "location"}


def evaluate(seeds: Path = SEEDS, aliases: AliasTable | None = None) -> dict[str, dict[str, Score]]:
    """Per file: raw and layer scores for actors and locations."""
    aliases = aliases or load_aliases()
    kb = Knowledge(aliases, load_gazetteer())
    annotation = json.loads(ANNOTATION.read_text(encoding="utf-8"))
    results: dict[str, dict[str, Score]] = {}
    for name, entry in annotation.items():
        if name.startswith("_"):
            continue
        title, body = simulate_cleaning((seeds / name).read_text(encoding="utf-8"))
        want_actors, want_places = expected_sets(entry, kb)
        raw_actors, raw_places = raw_sets(title, body)
        actors, places = layer_sets(title, body, aliases)
        results[name] = {
            "raw actors": score(raw_actors, want_actors),
            "raw locations": score(raw_places, want_places),
            "actors": score(actors, want_actors),
            "locations": score(places, want_places),
            "_diff": _diff(actors | places, want_actors | want_places),  # type: ignore[dict-item]
        }
    return results


def _diff(got: set, want: set) -> str:
    extra = sorted(f"{k}/{t}" for k, t in got - want)
    missing = sorted(f"{k}/{t}" for k, t in want - got)
    return f"    extra: {extra}\n    missing: {missing}"


def throughput(seeds: Path, repeat: int) -> tuple[float, float]:
    """Words per CPU-second for spaCy's NER alone and for the whole extraction."""
    texts = [simulate_cleaning(p.read_text(encoding="utf-8")) for p in sorted(seeds.glob("*.txt"))]
    texts = texts * repeat
    words = sum(len(article_text(t, b).split()) for t, b in texts)
    ner, aliases = load_ner(), load_aliases()
    list(extract_entities(texts[:5], aliases))  # warm up
    started = time.process_time()
    for _ in ner.nlp.pipe((article_text(t, b) for t, b in texts), batch_size=8):
        pass
    ner_time = time.process_time() - started
    started = time.process_time()
    for _ in extract_entities(texts, aliases):
        pass
    full_time = time.process_time() - started
    return words / ner_time, words / full_time


def main(argv: list[str] | None = None) -> int:
    """Print per-file and overall precision/recall, then throughput."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list extra and missing names")
    parser.add_argument("--repeat", type=int, default=10, help="copies of the seeds to time")
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"no seeds at {SEEDS}", file=sys.stderr)
        return 1
    results = evaluate()
    columns = ("raw actors", "raw locations", "actors", "locations")
    total = {c: Score(0, 0, 0) for c in columns}
    for name, row in results.items():
        print(name)
        for column in columns:
            print(f"  {column:<14} {row[column]}")
            total[column] = total[column] + row[column]
        if args.verbose:
            print(row["_diff"])
    print("overall")
    for column in columns:
        print(f"  {column:<14} {total[column]}")
    ner_rate, full_rate = throughput(SEEDS, args.repeat)
    print(
        f"NER alone: {ner_rate:,.0f} words per CPU-second; "
        f"with the layer: {full_rate:,.0f} words per CPU-second"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
