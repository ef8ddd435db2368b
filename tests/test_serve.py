"""`loupe serve` as an operator starts it: several processes on one port."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_serve_with_two_processes_answers_and_stops(corpus_index):
    port = free_port()
    loupe = Path(sys.executable).parent / "loupe"
    server = subprocess.Popen(
        [str(loupe), "serve", "--index-dir", str(corpus_index), "--port", str(port),
         "--processes", "2", "--threads", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = get_json(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "loupe serve did not start"
                assert server.poll() is None, "loupe serve exited"
                time.sleep(0.2)
        assert health == {"status": "ok", "articles": 51}
        found = get_json(f"http://127.0.0.1:{port}/api/v1/search?q=Putin&per_page=1")
        assert found["total"] > 0
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=20)
    assert server.returncode == 0
    assert "2 processes" in output
