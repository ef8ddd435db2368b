"""Load-test the JSON API: ``loupe serve`` on loopback, concurrent bot-like clients.

Usage:
  python bench/api_load.py [--index-dir /tmp/ix20k] [--queries FILE] [--clients 8]
                           [--seconds 60] [--single-seconds 30] [--reindex CORPUS]
                           [--report FILE]

Starts ``loupe serve`` on a free loopback port (rate limit off), warms it up,
then runs the same request mix (searches with varied queries, actor, place,
source and date filters, page 2, facet value searches, articles, similar
articles, status) first with one client, then with --clients threads, each
on its own keep-alive connection with ``Accept-Encoding: gzip``. Reports
latency percentiles, throughput, errors (5xx, unexpected 4xx, broken
connections) and partial pages, and the server's peak resident memory
(VmRSS, RssAnon, RssFile from /proc/PID/status, sampled every 200 ms).

With --reindex CORPUS the index is first copied to a temporary directory (the
original is left alone), and ``loupe index CORPUS --full`` runs on the copy
during the multi-client phase, which lasts until the indexer has finished
plus --after seconds. A monitor polls /api/v1/status to see when the new
generation is served.

Targets: 0 errors; multi-client p95 <= 3 x single-client p95; peak VmRSS
<= 400 MB; with --reindex, 0 failed requests and the new generation served.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

BIN = Path(sys.executable).parent
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def fetch(conn: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    """GET *path*; status and (decompressed) body."""
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = conn.getresponse()
    body = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
    return response.status, body


class Server:
    """``loupe serve`` in a subprocess, with a memory sampler."""

    def __init__(
        self, index_dir: Path, threads: int, log: Path, settings: dict[str, str] | None = None
    ) -> None:
        self.port = free_port()
        env = {**os.environ, "LOUPE_RATELIMIT_ENABLED": "false", **(settings or {})}
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [
                str(BIN / "loupe"),
                "serve",
                "--index-dir",
                str(index_dir),
                "--host",
                HOST,
                "--port",
                str(self.port),
                "--threads",
                str(threads),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        self.peak = {"VmRSS": 0, "RssAnon": 0, "RssFile": 0}
        self._stop = threading.Event()
        self._wait_ready()
        threading.Thread(target=self._sample, daemon=True).start()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(
                    f"loupe serve exited with {self.process.returncode}; see {self.log.name}"
                )
            try:
                if fetch(self.connect(), "/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("loupe serve did not answer /healthz within 60 s")

    def connect(self) -> http.client.HTTPConnection:
        """A new keep-alive connection to the server."""
        return http.client.HTTPConnection(HOST, self.port, timeout=120)

    def _sample(self) -> None:
        """Peak memory of the server's whole process tree (loupe serve forks)."""
        while not self._stop.is_set() and self.process.poll() is None:
            totals = dict.fromkeys(self.peak, 0)
            for pid in [self.process.pid, *_children(self.process.pid)]:
                try:
                    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
                except OSError:
                    continue
                for line in lines:
                    name, _, value = line.partition(":")
                    if name in totals:
                        totals[name] += int(value.split()[0]) * 1024
            for name, value in totals.items():
                self.peak[name] = max(self.peak[name], value)
            time.sleep(0.2)

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the server's processes have used so far."""
        ticks = 0
        for pid in [self.process.pid, *_children(self.process.pid)]:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(stat[11]) + int(stat[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """Terminate the server (only the process this script started)."""
        self._stop.set()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def _children(pid: int) -> list[int]:
    """Child processes of *pid*, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


@dataclass
class Mix:
    """Bot-like requests built from real queries and the index's own facet values."""

    queries: list[str]
    actors: list[str]
    places: list[str]
    sources: list[str]
    labels: list[str]
    ids: list[str]
    years: list[str]

    def path(self, rng: random.Random) -> str:
        """One request path, drawn with fixed weights."""
        q = rng.choice(self.queries)
        roll = rng.random()
        if roll < 0.40:
            return _search(q=q)
        if roll < 0.55:
            return _search(q=q, actor=rng.choice(self.actors))
        if roll < 0.65:
            return _search(q=q, location=rng.choice(self.places), sort="-date")
        if roll < 0.73:
            year = rng.choice(self.years)
            return _search(
                source=rng.choice(self.sources), **{"from": year, "to": year}, sort="-date"
            )
        if roll < 0.78:
            return _search(q=q, page=2)
        if roll < 0.85:
            label = rng.choice(self.labels)
            return "/api/v1/facets/person?" + urlencode(
                {"prefix": label[: rng.randint(2, 4)], "q": rng.choice(("", q))}
            )
        if roll < 0.93:
            return f"/api/v1/articles/{quote(rng.choice(self.ids), safe='')}"
        if roll < 0.97:
            return f"/api/v1/articles/{quote(rng.choice(self.ids), safe='')}/similar"
        return "/api/v1/status"


def _search(**params: object) -> str:
    return "/api/v1/search?" + urlencode(params)


def build_mix(server: Server, queries: list[str]) -> Mix:
    """Facet values and article ids from the server itself (also warms it up)."""
    conn = server.connect()
    data = json.loads(fetch(conn, _search(facet_size=40, per_page=100))[1])
    facets = data["facets"]
    ids = [hit["id"] for hit in data["hits"]]
    for q in queries[:20]:
        ids += [hit["id"] for hit in json.loads(fetch(conn, _search(q=q))[1])["hits"]]
    return Mix(
        queries=queries,
        actors=[v["value"] for v in facets["person"] + facets["organisation"]],
        places=[v["value"] for v in facets["location"]],
        sources=[v["value"] for v in facets["source"]],
        labels=[v["label"] for v in facets["person"]],
        ids=ids,
        years=[v["value"] for v in facets["year"] if v["count"]],
    )


@dataclass
class Tally:
    """What one phase saw."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    partial: int = 0
    by_status: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, latency: float, status: int, body: bytes, path: str) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.by_status[status] = self.by_status.get(status, 0) + 1
            if status != 200:
                self.errors.append(f"{status} {path} {body[:200]!r}")
            elif b'"partial":true' in body:
                self.partial += 1

    def summary(self, seconds: float) -> dict[str, object]:
        xs = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(xs[min(len(xs) - 1, int(p * len(xs)))] * 1000, 1) if xs else 0.0

        return {
            "requests": len(xs),
            "seconds": round(seconds, 1),
            "per_second": round(len(xs) / seconds, 1) if seconds else 0.0,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
            "max_ms": round(xs[-1] * 1000, 1) if xs else 0.0,
            "mean_ms": round(statistics.mean(xs) * 1000, 1) if xs else 0.0,
            "errors": len(self.errors),
            "partial": self.partial,
            "by_status": self.by_status,
            "first_errors": self.errors[:5],
        }


def client(server: Server, mix: Mix, seed: int, until: threading.Event, tally: Tally) -> None:
    """One bot: requests back to back on a keep-alive connection until *until* is set."""
    rng = random.Random(seed)
    conn = server.connect()
    while not until.is_set():
        path = mix.path(rng)
        started = time.perf_counter()
        try:
            status, body = fetch(conn, path)
        except (OSError, http.client.HTTPException) as e:
            status, body = 599, repr(e).encode()
            conn.close()
            conn = server.connect()
        tally.add(time.perf_counter() - started, status, body, path)


def run_phase(server: Server, mix: Mix, clients: int, stop_when) -> dict[str, object]:
    """Run *clients* bots until ``stop_when()`` returns True."""
    tally, until = Tally(), threading.Event()
    threads = [
        threading.Thread(target=client, args=(server, mix, 1000 + i, until, tally))
        for i in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while not stop_when():
        time.sleep(0.2)
    until.set()
    for thread in threads:
        thread.join()
    return tally.summary(time.monotonic() - started)


def for_seconds(seconds: float):
    """A stop condition: *seconds* from now."""
    deadline = time.monotonic() + seconds
    return lambda: time.monotonic() >= deadline


class SwapWatch:
    """Runs ``loupe index --full`` and notes when the server serves the new generation."""

    def __init__(
        self, server: Server, index_dir: Path, corpus: Path, delay: float, after: float
    ) -> None:
        self.server, self.index_dir, self.corpus = server, index_dir, corpus
        self.after = after
        self.old = json.loads(fetch(server.connect(), "/api/v1/status")[1])["generation"]
        self.indexer: subprocess.Popen | None = None
        self.started_at = time.monotonic() + delay
        self.finished_at: float | None = None
        self.served_at: float | None = None
        self.new: str | None = None
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        conn = self.server.connect()
        while self.served_at is None:
            try:
                generation = json.loads(fetch(conn, "/api/v1/status")[1])["generation"]
            except (OSError, ValueError, KeyError, http.client.HTTPException):
                conn = self.server.connect()  # counted by the clients, not here
                continue
            if generation != self.old:
                self.new, self.served_at = generation, time.monotonic()
            time.sleep(0.5)

    def done(self) -> bool:
        """Start the indexer after the delay; done --after seconds after it ends."""
        now = time.monotonic()
        if self.indexer is None and now >= self.started_at:
            self.indexer = subprocess.Popen(
                [
                    str(BIN / "loupe"),
                    "index",
                    str(self.corpus),
                    "--index-dir",
                    str(self.index_dir),
                    "--full",
                    "--quiet",
                ]
            )
        running = self.indexer is not None and self.finished_at is None
        if running and self.indexer.poll() is not None:
            self.finished_at = now
        return self.finished_at is not None and now >= self.finished_at + self.after

    def summary(self) -> dict[str, object]:
        current = (self.index_dir / "current").resolve().name
        return {
            "indexer_exit": self.indexer.returncode if self.indexer else None,
            "index_seconds": round(self.finished_at - self.started_at, 1)
            if self.finished_at
            else None,
            "old_generation": self.old,
            "new_generation": self.new,
            "current_on_disk": current,
            "new_generation_served": self.new == current != self.old,
            "served_after_index_exit_s": round(self.served_at - self.finished_at, 2)
            if self.served_at and self.finished_at
            else None,
        }


def main() -> int:
    """Run the phases and print a JSON report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=Path("/tmp/ix20k"))
    parser.add_argument("--queries", type=Path, default=Path("/tmp/bench20k/queries.txt"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--single-seconds", type=float, default=30)
    parser.add_argument(
        "--reindex",
        type=Path,
        metavar="CORPUS",
        help="run loupe index CORPUS --full on a copy during the load",
    )
    parser.add_argument("--delay", type=float, default=5, help="seconds before reindexing")
    parser.add_argument(
        "--after", type=float, default=10, help="seconds of load after the reindex ends"
    )
    parser.add_argument(
        "--wait", type=float, default=3600, help="seconds to wait for the index to appear"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="server setting, e.g. LOUPE_SEARCH_WORKERS=2 (repeatable)",
    )
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    settings = dict(item.split("=", 1) for item in args.set)

    deadline = time.monotonic() + args.wait
    while not (args.index_dir / "current").exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"no index in {args.index_dir}")
        time.sleep(10)
    queries = [q for q in args.queries.read_text(encoding="utf-8").splitlines() if q.strip()]
    work = Path(tempfile.mkdtemp(prefix="loupe-api-load-"))
    index_dir = args.index_dir
    if args.reindex:
        index_dir = work / "index"
        shutil.copytree(args.index_dir, index_dir, symlinks=True)
    log = Path(f"{work}-server.log")
    print(f"server log: {log}", file=sys.stderr)
    server = Server(index_dir, args.threads, log, settings)
    report: dict[str, object] = {
        "index_dir": str(args.index_dir),
        "clients": args.clients,
        "settings": settings,
    }
    try:
        mix = build_mix(server, queries)
        run_phase(server, mix, 1, for_seconds(5))  # warm caches
        if not args.reindex:
            report["single"] = run_phase(server, mix, 1, for_seconds(args.single_seconds))
            report["multi"] = run_phase(server, mix, args.clients, for_seconds(args.seconds))
            single, multi = report["single"], report["multi"]
            report["p95_ratio"] = round(multi["p95_ms"] / single["p95_ms"], 2)
        else:
            watch = SwapWatch(server, index_dir, args.reindex, args.delay, args.after)
            report["multi"] = run_phase(server, mix, args.clients, watch.done)
            report["reindex"] = watch.summary()
        report["server_peak_bytes"] = dict(server.peak)
        report["server_peak_mb"] = {k: round(v / 2**20) for k, v in server.peak.items()}
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    failed = report["multi"]["errors"] or report.get("single", {}).get("errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
