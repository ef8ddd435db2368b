"""`loupe serve` as an operator runs it: worker processes on one port, kept alive."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

LOUPE = Path(sys.executable).parent / "loupe"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def workers(pid: int) -> set[int]:
    """The worker processes of the server whose master is *pid* (Linux)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in children.read_text().split()} if children.exists() else set()


def wait_for(check, what: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = check()
            if found:
                return found
        except OSError:
            pass
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


@pytest.fixture
def server(corpus_index):
    port = free_port()
    process = subprocess.Popen(
        [
            str(LOUPE),
            "serve",
            "--index-dir",
            str(corpus_index),
            "--port",
            str(port),
            "--processes",
            "2",
            "--threads",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(
            lambda: process.poll() is None and get_json(f"{url}/healthz"),
            "loupe serve did not start",
        )
        wait_for(lambda: len(workers(process.pid)) == 2, "two workers did not start")
        yield process, url
    finally:
        process.send_signal(signal.SIGTERM)
        process.output, _ = process.communicate(timeout=30)


def test_serve_with_two_processes_answers_and_stops(server):
    process, url = server
    assert get_json(f"{url}/healthz") == {"status": "ok", "articles": 51}
    assert get_json(f"{url}/api/v1/search?q=Putin&per_page=1")["total"] > 0
    process.send_signal(signal.SIGTERM)
    process.output, _ = process.communicate(timeout=30)
    assert process.returncode == 0
    assert "2 processes" in process.output


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_a_worker_that_dies_is_replaced(server):
    process, url = server
    before = workers(process.pid)
    os.kill(min(before), signal.SIGKILL)

    def replaced():
        now = workers(process.pid)
        return now if len(now) == 2 and now != before else None

    after = wait_for(replaced, "the dead worker was not replaced")
    assert max(before) in after
    for _ in range(6):  # whichever worker answers
        assert get_json(f"{url}/api/v1/search?q=Putin&per_page=1")["total"] > 0


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_hup_starts_fresh_workers_without_dropping_the_port(server):
    process, url = server
    before = workers(process.pid)
    process.send_signal(signal.SIGHUP)
    wait_for(
        lambda: len(w := workers(process.pid)) == 2 and not w & before,
        "HUP did not replace the workers",
    )
    assert get_json(f"{url}/healthz")["status"] == "ok"


def test_an_unreadable_alias_file_stops_serve_before_it_starts(corpus_index, tmp_path):
    missing = tmp_path / "absent.toml"
    result = subprocess.run(
        [str(LOUPE), "serve", "--index-dir", str(corpus_index), "--port", str(free_port())],
        env={**os.environ, "LOUPE_ALIASES": str(missing)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert f"{missing}: cannot read alias file" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_a_bad_setting_stops_serve_with_one_line(corpus_index):
    result = subprocess.run(
        [str(LOUPE), "serve", "--index-dir", str(corpus_index), "--port", str(free_port())],
        env={**os.environ, "LOUPE_SEARCH_WORKERS": "beaucoup"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        (
            "Error: LOUPE_SEARCH_WORKERS='beaucoup' is not a number of threads: "
            "write a whole number from 1 to 32"
        )
    ]
    assert "Listening" not in result.stdout + result.stderr
