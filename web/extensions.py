"""The search engine of the app: opened once per process, shared by every thread."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from search.aliases import aliases_from_spec
from search.engine import Engine
from search.errors import IndexNotFound

KEY = "loupe.engine"


class EngineHolder:
    """Opens the engine at startup, or on the first request once an index exists.

    A server started before the first ``loupe index`` answers 503 with the
    command to run, then serves as soon as the index appears.
    """

    def __init__(self, index_dir: str, aliases: str) -> None:
        self.index_dir = Path(index_dir)
        self.aliases = aliases
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def get(self) -> Engine:
        """The engine; raises a SearchError when the index cannot be opened."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = Engine(self.index_dir, aliases_from_spec(self.aliases))
                engine = self._engine
        return engine


def init_app(app: Flask) -> None:
    """Open the index now when it exists; a missing index is reported per request."""
    holder = EngineHolder(app.config["INDEX_DIR"], app.config["ALIASES"])
    app.extensions[KEY] = holder
    try:
        holder.get()
    except IndexNotFound as e:
        app.logger.warning("%s", e)


def get_engine() -> Engine:
    """The app's engine (for views)."""
    return current_app.extensions[KEY].get()
