"""Benchmark the batch search: 1,000 person names through POST /api/v1/batch.

Usage:  python bench/batch.py --index-dir DIR [--lines 1000] [--repeat 1]

DIR is the 20,000-article index (``python bench/indexing.py --keep DIR``). The
names are the index's own people, read through ``GET /api/v1/facets/person``
(one prefix per letter), then, to reach --lines, first names paired with
other people's surnames, as a real list would hold names the corpus never
cites. The batch is sent in one request through Flask's test client (the
API's whole code path in one process, warm caches); wall and CPU time of the
best of --repeat runs are printed.
Target: 1,000 names in <= 30 s.
"""

from __future__ import annotations

import argparse
import itertools
import string
import sys
import time
from pathlib import Path

from timing import best_of  # a sibling module: the scripts run as bench/NAME.py

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 30.0


def person_names(client, wanted: int) -> list[str]:
    """The index's people (several words), then invented pairings up to *wanted*."""
    names: dict[str, None] = {}
    for letter in string.ascii_lowercase:
        response = client.get(f"/api/v1/facets/person?prefix={letter}&size=200")
        for value in response.get_json()["values"]:
            if len(value["label"].split()) >= 2:
                names.setdefault(value["label"])
    known = list(names)
    firsts = sorted({n.split()[0] for n in known})
    lasts = sorted({n.split(maxsplit=1)[1] for n in known})
    for first, last in itertools.product(firsts, lasts):
        if len(names) >= wanted:
            break
        names.setdefault(f"{first} {last}")
    return list(names)[:wanted]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", required=True, type=Path)
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE.parent))
    from web import create_app

    app = create_app(
        {
            "TESTING": True,
            "INDEX_DIR": str(args.index_dir),
            "RATELIMIT_ENABLED": False,
            "SEARCH_TIME_LIMIT": 0,
        }
    )
    client = app.test_client()
    names = person_names(client, args.lines)
    result: dict = {}

    def run() -> None:
        response = client.post("/api/v1/batch", json={"queries": names})
        if response.status_code != 200:
            raise SystemExit(f"HTTP {response.status_code}: {response.get_data()[:300]!r}")
        result.update(response.get_json())

    cpu = best_of(args.repeat, run, clock=time.process_time)
    wall = best_of(args.repeat, run)
    readings = [r["searched"].startswith("entite:") for r in result["rows"]]
    print(
        f"{len(names)} names ({sum(readings)} read as known entities, "
        f"{len(readings) - sum(readings)} as exact phrases), "
        f"{result['matched']} with articles"
    )
    print(
        f"wall {wall:.1f} s, CPU {cpu:.1f} s, {wall / len(names) * 1000:.1f} ms per name "
        f"(target <= {TARGET_SECONDS:.0f} s: {'met' if wall <= TARGET_SECONDS else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
