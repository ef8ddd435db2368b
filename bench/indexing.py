"""Benchmark `loupe index` on the generated French news corpus.

Usage:  python bench/indexing.py [--n 20000] [--corpus DIR] [--workers N] [--keep DIR]
                                 [--scheduler ADDRESS | --local-cluster N]

Generates the corpus with ../shared/bench-corpus/gen_corpus.py unless --corpus
is given, then measures (issue targets in brackets):
- a full run with all extraction: articles per second        [>= 60 on 2 cores]
- a second, incremental run with nothing changed: its time as a share of the
  full run's                                                      [<= 5 %]
- peak resident memory of the whole process tree, sampled every 100 ms
                                                                  [<= 1.5 GB]
- the CPU seconds all processes spent, which other jobs on the machine do
  not inflate as they do wall time

--local-cluster N starts a Dask LocalCluster of N one-thread worker processes
(fresh: spaCy loads during the run, as the local path's workers do) and runs
`loupe index --scheduler` on it; its workers count in the process tree and
the CPU seconds. Issue target: within 1.15x of the local path's time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


def children_cpu() -> float:
    """CPU seconds of this process's finished (waited-for) descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(
    command: list[str], cluster_cpu: Callable[[], float] | None = None
) -> tuple[float, int, int, float]:
    """Run *command*; wall seconds, peak tree RSS in bytes, exit status, CPU seconds.

    With a local cluster, the tree is this process's (the cluster's scheduler
    runs in it, its workers are its children) and *cluster_cpu* adds the CPU
    they spent.
    """
    root_is_self = cluster_cpu is not None
    cluster_cpu = cluster_cpu or (lambda: 0.0)
    started, cpu_before, cluster_before = time.monotonic(), children_cpu(), cluster_cpu()
    process = subprocess.Popen(command)
    root = os.getpid() if root_is_self else process.pid
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(root))
        time.sleep(0.1)
    cpu = children_cpu() - cpu_before + cluster_cpu() - cluster_before
    return time.monotonic() - started, peak, process.returncode, cpu


@contextlib.contextmanager
def local_cluster(workers: int):
    """A Dask LocalCluster of *workers* one-thread processes; (address, CPU-seconds reader)."""
    import distributed
    import psutil

    with (
        distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, dashboard_address=":0", host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        processes = [psutil.Process(pid) for pid in client.run(os.getpid).values()]

        def cpu() -> float:
            return sum(sum(p.cpu_times()[:2]) for p in processes)

        yield cluster.scheduler_address, cpu


def ensure_corpus(n: int, given: Path | None) -> Path:
    """The corpus folder, generated deterministically when not given."""
    if given:
        return given
    out = HERE / "out" / f"N{n}"
    if not (out / "manifest.json").exists():
        subprocess.run(
            [sys.executable, str(GEN_CORPUS), "--n", str(n), "--out", str(out)], check=True
        )
    return out / "corpus"


def main() -> int:
    """Run the full and the incremental indexing, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--workers", type=int)
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the index in this folder and keep it (for bench/search_facets.py)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="extract on this Dask scheduler's workers")
    where.add_argument(
        "--local-cluster",
        type=int,
        metavar="N",
        help="extract on a fresh Dask LocalCluster of N worker processes",
    )
    args = parser.parse_args()
    if args.local_cluster:
        with local_cluster(args.local_cluster) as (address, cpu):
            return measure(args, address, cpu)
    return measure(args, args.scheduler)


def measure(
    args: argparse.Namespace,
    scheduler: str | None,
    cluster_cpu: Callable[[], float] | None = None,
) -> int:
    """The full and the unchanged runs, printed."""
    corpus = ensure_corpus(args.n, args.corpus)
    loupe = str(Path(sys.executable).parent / "loupe")
    index_dir = args.keep or Path(tempfile.mkdtemp(prefix="loupe-bench-"))
    report = index_dir.parent / f"{index_dir.name}-report.json"
    base = [
        loupe,
        "index",
        str(corpus),
        "--index-dir",
        str(index_dir),
        "--quiet",
        "--report",
        str(report),
    ]
    if args.workers is not None:
        base += ["--workers", str(args.workers)]
    if scheduler:
        base += ["--scheduler", scheduler]
    try:
        full_s, full_peak, status, full_cpu = timed_run([*base, "--full"], cluster_cpu)
        full = json.loads(report.read_text())
        again_s, again_peak, status2, _ = timed_run(base, cluster_cpu)
        again = json.loads(report.read_text())
    finally:
        if not args.keep:
            shutil.rmtree(index_dir, ignore_errors=True)
        report.unlink(missing_ok=True)
    print(f"corpus: {corpus}  cpus: {os.cpu_count()}  extraction: {scheduler or 'local'}")
    print(
        f"full run:        {full['added']} articles in {full_s:.1f} s = "
        f"{full['added'] / full_s:.1f} articles/s (>= 60), exit {status}, "
        f"{full['failed']} failed, {full_cpu:.0f} CPU s"
    )
    print(f"peak memory:     {full_peak / 2**20:.0f} MB for the process tree (<= 1536)")
    print(
        f"unchanged rerun: {again_s:.2f} s = {again_s / full_s:.1%} of the full run "
        f"(<= 5%), {again['unchanged']} unchanged, exit {status2}, "
        f"peak {again_peak / 2**20:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
