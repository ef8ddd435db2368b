"""Benchmark `loupe index` on the generated French news corpus.

Usage:  python bench/indexing.py [--n 20000] [--corpus DIR] [--workers N] [--keep DIR]

Generates the corpus with ../shared/bench-corpus/gen_corpus.py unless --corpus
is given, then measures (issue targets in brackets):
- a full run with all extraction: articles per second        [>= 60 on 2 cores]
- a second, incremental run with nothing changed: its time as a share of the
  full run's                                                      [<= 5 %]
- peak resident memory of the whole process tree, sampled every 100 ms
                                                                  [<= 1.5 GB]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
GEN_CORPUS = HERE.parent.parent / "shared" / "bench-corpus" / "gen_corpus.py"
PAGE = os.sysconf("SC_PAGE_SIZE")


def tree_rss(root: int) -> int:
    """Resident bytes of *root* and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        rss[pid] = pages * PAGE
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def timed_run(command: list[str]) -> tuple[float, int, int]:
    """Run *command*; wall seconds, peak tree RSS in bytes, exit status."""
    started = time.monotonic()
    process = subprocess.Popen(command)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.1)
    return time.monotonic() - started, peak, process.returncode


def ensure_corpus(n: int, given: Path | None) -> Path:
    """The corpus folder, generated deterministically when not given."""
    if given:
        return given
    out = HERE / "out" / f"N{n}"
    if not (out / "manifest.json").exists():
        subprocess.run([sys.executable, str(GEN_CORPUS), "--n", str(n), "--out", str(out)],
                       check=True)
    return out / "corpus"


def main() -> int:
    """Run the full and the incremental indexing, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--keep", type=Path,
                        help="build the index in this folder and keep it (for bench/search_facets.py)")
    args = parser.parse_args()
    corpus = ensure_corpus(args.n, args.corpus)
    loupe = str(Path(sys.executable).parent / "loupe")
    index_dir = args.keep or Path(tempfile.mkdtemp(prefix="loupe-bench-"))
    report = index_dir.parent / f"{index_dir.name}-report.json"
    base = [loupe, "index", str(corpus), "--index-dir", str(index_dir), "--quiet",
            "--report", str(report)]
    if args.workers is not None:
        base += ["--workers", str(args.workers)]
    try:
        full_s, full_peak, status = timed_run([*base, "--full"])
        full = json.loads(report.read_text())
        again_s, again_peak, status2 = timed_run(base)
        again = json.loads(report.read_text())
    finally:
        if not args.keep:
            shutil.rmtree(index_dir, ignore_errors=True)
        report.unlink(missing_ok=True)
    print(f"corpus: {corpus}  cpus: {os.cpu_count()}")
    print(f"full run:        {full['added']} articles in {full_s:.1f} s = "
          f"{full['added'] / full_s:.1f} articles/s (>= 60), exit {status}, "
          f"{full['failed']} failed")
    print(f"peak memory:     {full_peak / 2**20:.0f} MB for the process tree (<= 1536)")
    print(f"unchanged rerun: {again_s:.2f} s = {again_s / full_s:.1%} of the full run "
          f"(<= 5%), {again['unchanged']} unchanged, exit {status2}, "
          f"peak {again_peak / 2**20:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
