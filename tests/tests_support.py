"""Paths the tests share (plain constants; fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def app_for(index_dir: Path, **config: object):
    """The web app on *index_dir* for tests: no environment, rate limit off unless asked."""
    from web import create_app

    return create_app(
        {"TESTING": True, "INDEX_DIR": str(index_dir), "RATELIMIT_ENABLED": False, **config}
    )


def refuse_to_list(monkeypatch, folder_name: str) -> None:
    """Make discovery meet a folder it may not list (``PermissionError``), as on a real disk."""
    import os

    from index import discover

    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith(folder_name):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(discover.os, "scandir", scandir)
