"""Fuzz the JSON API from its own OpenAPI description with Schemathesis.

Usage:
  python bench/api_fuzz.py [--index-dir /tmp/ix20k] [--max-examples 150] [--seed 1]
                           [--report FILE]

Starts ``loupe serve`` on a free loopback port (rate limit off) and runs
``schemathesis run`` on ``/api/v1/openapi.json``: every phase (examples,
coverage with invalid values, random fuzzing, stateful sequences), valid and
invalid inputs, with the checks that matter here: no 5xx, status codes,
content types, headers and bodies as described, and a 405 with ``Allow``
for methods the API does not serve. Prints Schemathesis' summary and a short
JSON report (test cases generated, failures).

Target: 1,000 or more generated requests, no failure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from api_load import BIN, HOST, Server

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "unsupported_method",
    "allow_header_conformance",
)


def fuzz(server: Server, args: argparse.Namespace, report: Path) -> int:
    """Run Schemathesis against *server*; its exit status."""
    command = [
        str(BIN / "schemathesis"),
        "run",
        f"http://{HOST}:{server.port}/api/v1/openapi.json",
        "--checks",
        ",".join(CHECKS),
        "--mode",
        "all",
        "--max-examples",
        str(args.max_examples),
        "--seed",
        str(args.seed),
        "--workers",
        str(args.workers),
        "--generation-database",
        "none",
        "--request-timeout",
        "60",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]
    return subprocess.run(command, cwd=report.parent, check=False).returncode


def main() -> int:
    """Serve, fuzz, summarise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", type=Path, default=Path("/tmp/ix20k"))
    parser.add_argument(
        "--max-examples", type=int, default=150, help="test cases per operation and phase"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="loupe-api-fuzz-"))
    server = Server(args.index_dir, 8, work / "server.log")
    try:
        status = fuzz(server, args, work / "schemathesis.json")
    finally:
        server.stop()
    run = json.loads((work / "schemathesis.json").read_text(encoding="utf-8"))
    summary = {
        "exit_code": status,
        "operations": run["operations"]["tested"],
        "test_cases": run["test_cases"]["generated"],
        "with_failures": run["test_cases"]["with_failures"],
        "errored": run["test_cases"]["errored"],
        "failures": [
            {"code": f["code"], "title": f["title"], "count": f["count"]} for f in run["failures"]
        ],
        "errors": run["errors"],
        "seconds": round(run["running_time"], 1),
        "server_log": str(work / "server.log"),
    }
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
