"""`loupe index --scheduler`: extraction on a Dask cluster gives the index the local path gives."""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from test_index_cli import stored_documents

from index.cli import cli
from index.pipeline import IndexOptions, run_index

distributed = pytest.importorskip("distributed", reason="the [cluster] extra is not installed")


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two worker processes on this machine, one thread each."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: None still binds 8787, busy in parallel runs
            host="127.0.0.1",
        ) as local,
        distributed.Client(local, set_as_default=False) as client,
    ):
        yield local, client


def test_the_cluster_indexes_what_the_local_path_does_even_losing_a_worker(
    cluster, corpus_dir, corpus_index, tmp_path, monkeypatch
):
    import index.pipeline

    local, client = cluster
    monkeypatch.setattr(index.pipeline, "BATCH", 4)  # many batches: some on the lost worker
    monkeypatch.setattr(index.pipeline, "MIN_FOR_WORKERS", 1)  # warm the workers up too
    victim = next(iter(client.run(os.getpid).values()))
    seen = []

    def progress(stage: str, done: int, total: int | None) -> None:
        seen.append((stage, done, total))
        if stage == "indexing" and done == 1:
            os.kill(victim, signal.SIGKILL)  # the nanny starts a new one

    index_dir = tmp_path / "index"
    report = run_index(
        IndexOptions(paths=[corpus_dir], index_dir=index_dir, scheduler=local.scheduler_address),
        progress,
    )
    assert not report.failed, report.summary()
    assert victim not in client.run(os.getpid).values()
    on_cluster, alone = stored_documents(index_dir), stored_documents(corpus_index)
    assert sorted(on_cluster) == sorted(alone)
    assert any(doc["person"] for doc in alone.values())
    for doc_id, doc in alone.items():
        assert on_cluster[doc_id] == doc, doc_id
    written = [done for stage, done, _ in seen if stage == "indexing"]
    assert written == list(range(1, len(alone) + 1))  # progress as usual, in order


def index_on(corpus_dir: Path, index_dir: Path, scheduler: str, *extra: str) -> Result:
    """``loupe index CORPUS --index-dir DIR --scheduler ADDRESS [extra...]``."""
    command = ["index", str(corpus_dir), "--index-dir", str(index_dir), "--scheduler", scheduler]
    return CliRunner().invoke(cli, [*command, *extra])


def test_an_unreachable_scheduler_is_a_clear_error_and_writes_nothing(corpus_dir, tmp_path):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # free, and nobody listens on it
    index_dir = tmp_path / "index"
    result = index_on(corpus_dir, index_dir, f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 3
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
    assert not (index_dir / "current").exists()


def test_workers_and_scheduler_together_are_refused(corpus_dir, tmp_path):
    result = index_on(corpus_dir, tmp_path / "index", "tcp://127.0.0.1:8786", "--workers", "2")
    assert result.exit_code == 2
    assert "--workers is for local extraction" in result.output


def test_a_worker_with_other_versions_is_named(cluster, corpus_dir, tmp_path, monkeypatch):
    import importlib.metadata

    from index.cluster import extraction_versions

    local, _ = cluster
    real = importlib.metadata.version
    # This process plays a coordinator upgraded before its workers.
    monkeypatch.setattr(
        importlib.metadata, "version", lambda name: "9.9.9" if name == "loupe" else real(name)
    )
    extraction_versions.cache_clear()
    try:
        result = index_on(corpus_dir, tmp_path / "index", local.scheduler_address)
    finally:
        extraction_versions.cache_clear()
    assert result.exit_code == 3, result.output
    assert "2 Dask worker(s)" in result.output
    assert "where this machine runs loupe 9.9.9" in result.output
    assert not (tmp_path / "index" / "current").exists()
