"""Paths the tests share (plain constants; fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def app_for(index_dir: Path, **config: object):
    """The web app on *index_dir* for tests: no environment, rate limit off unless asked."""
    from web import create_app

    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir),
                       "RATELIMIT_ENABLED": False, **config})
