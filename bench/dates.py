"""Score ``index.dates.find_dates`` against a hand annotation of the seed pages.

Usage:  python bench/dates.py [--seeds DIR] [--annotations FILE] [--repeat N]

Prints, per file and overall, the precision and recall of the dates found
(a found date counts when its first day and precision equal an annotated
one; each annotated date is matched once), the misses and false alarms, and
the speed of ``find_dates`` on the first 400 words of the seeds (issue
targets: precision >= 0.9, recall >= 0.9, well under 1 ms per article).
Always exits 0: the figures are for reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections import Counter
from pathlib import Path

from index.dates import find_dates

HERE = Path(__file__).parent
DEFAULT_SEEDS = Path("/work/shared/seeds")
DEFAULT_ANNOTATIONS = HERE / "data" / "seeds_dates.json"
SPEED_WORDS = 400

Key = tuple[str, str]


def score(found: Counter[Key], expected: Counter[Key]) -> tuple[int, int, int]:
    """(true positives, found, expected), each annotated date matched once."""
    return sum((found & expected).values()), sum(found.values()), sum(expected.values())


def ratio(part: int, whole: int) -> str:
    """``part / whole`` to three places, or ``n/a`` when *whole* is 0."""
    return f"{part / whole:.3f}" if whole else "  n/a"


def evaluate(seeds: Path, annotations: dict[str, dict]) -> tuple[int, int, int]:
    """Print one line per file (and its errors); return the summed counts."""
    total = [0, 0, 0]
    for name, note in sorted(annotations.items()):
        if name.startswith("_"):
            continue
        text = (seeds / name).read_text(encoding="utf-8")
        published = dt.date.fromisoformat(note["published"]) if note["published"] else None
        mentions = find_dates(text, published)
        found = Counter((m.start.isoformat(), m.precision) for m in mentions)
        expected = Counter(tuple(pair) for pair in note["dates"])
        hits, n_found, n_expected = score(found, expected)
        total = [a + b for a, b in zip(total, (hits, n_found, n_expected), strict=False)]
        print(
            f"{name}  found {n_found:2}  expected {n_expected:2}  "
            f"precision {ratio(hits, n_found)}  recall {ratio(hits, n_expected)}"
        )
        for key in (found - expected).elements():
            spans = [m.text for m in mentions if (m.start.isoformat(), m.precision) == key]
            print(f"    false alarm {key} from {spans}")
        for key in (expected - found).elements():
            print(f"    missed {key}")
    return total[0], total[1], total[2]


def speed(seeds: Path, repeat: int) -> tuple[int, float]:
    """(characters per chunk, seconds per call) of find_dates on 400-word chunks.

    The seeds are cut into consecutive chunks of 400 words (the size of a news
    article); every chunk is timed, so dense and sparse passages both count.
    """
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))).split(" ")
    chunks = [" ".join(words[i : i + SPEED_WORDS]) for i in range(0, len(words), SPEED_WORDS)]
    chunks = [c for c in chunks if len(c.split()) >= SPEED_WORDS // 2]
    published = dt.date(2024, 6, 19)  # so that relative expressions are resolved too
    for chunk in chunks:
        find_dates(chunk, published)  # compile the expressions outside the timing
    began = time.perf_counter()
    for _ in range(repeat):
        for chunk in chunks:
            find_dates(chunk, published)
    calls = repeat * len(chunks)
    return sum(map(len, chunks)) // len(chunks), (time.perf_counter() - began) / calls


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--annotations", type=Path, default=DEFAULT_ANNOTATIONS)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    annotations = json.loads(args.annotations.read_text(encoding="utf-8"))
    hits, n_found, n_expected = evaluate(args.seeds, annotations)
    print(
        f"overall  found {n_found}  expected {n_expected}  "
        f"precision {ratio(hits, n_found)}  recall {ratio(hits, n_expected)}"
    )
    chars, seconds = speed(args.seeds, args.repeat)
    print(
        f"speed  {SPEED_WORDS}-word chunks (~{chars} characters): "
        f"{seconds * 1000:.3f} ms per call, "
        f"{chars / seconds:,.0f} characters/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
