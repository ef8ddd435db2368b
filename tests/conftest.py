"""Shared fixtures: the bundled corpus indexed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import ROOT

from index.pipeline import IndexOptions, run_index

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The sample corpus shipped with the project."""
    return CORPUS


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory) -> Path:
    """The bundled sample corpus, indexed once; tests must not write to it."""
    index_dir = tmp_path_factory.mktemp("corpus-index")
    report = run_index(IndexOptions(paths=[CORPUS], index_dir=index_dir, workers=0))
    assert not report.failed, report.summary()
    return index_dir


@pytest.fixture(scope="session")
def engine(corpus_index):
    """A search engine on the sample corpus, shared by the session."""
    from search.engine import Engine

    return Engine(corpus_index)
