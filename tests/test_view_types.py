"""The view models match their TypedDicts (web/view_models.py): mypy checks the page builders."""

from __future__ import annotations

import pytest
from tests_support import ROOT

VIEW_MODULES = ("pages", "timeline", "entity_view", "batch_view", "view_models")


def test_page_builders_build_the_shapes_they_declare(tmp_path):
    api = pytest.importorskip("mypy.api")
    files = [str(ROOT / "web" / f"{name}.py") for name in VIEW_MODULES]
    report, errors, status = api.run(
        [
            "--ignore-missing-imports",
            "--follow-imports=silent",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / "mypy"),
            *files,
        ]
    )
    assert status == 0, report + errors
