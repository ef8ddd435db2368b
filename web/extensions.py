"""The search engine of the app: opened once per process, shared by every thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app

from search.aliases import AliasTable
from search.engine import Engine
from search.errors import IndexNotFound

KEY = "loupe.engine"
SLOTS_KEY = "loupe.search_slots"
T = TypeVar("T")


class EngineHolder:
    """Opens the engine at startup, or on the first request once an index exists.

    A server started before the first ``loupe index`` answers 503 with the
    command to run, then serves as soon as the index appears.
    """

    def __init__(self, index_dir: Path, aliases: AliasTable) -> None:
        self.index_dir = index_dir
        self.aliases = aliases
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    def get(self) -> Engine:
        """The engine; raises a SearchError when the index cannot be opened."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = Engine(self.index_dir, self.aliases)
                engine = self._engine
        return engine


def init_app(app: Flask) -> None:
    """Open the index now when it exists; a missing index is reported per request.

    At most ``SEARCH_WORKERS`` searches run at once, for the pages and the
    API alike; the others wait their turn: the search is pure Python, so
    request threads would only share one core through the GIL, each slowed
    by the others.
    """
    app.extensions[SLOTS_KEY] = threading.BoundedSemaphore(app.config["SEARCH_WORKERS"])
    holder = EngineHolder(app.config["INDEX_DIR"], app.config["ALIASES"])
    app.extensions[KEY] = holder
    try:
        holder.get()
    except IndexNotFound as e:
        app.logger.warning("%s", e)


def get_engine() -> Engine:
    """The app's engine (for views)."""
    return current_app.extensions[KEY].get()


def time_limit() -> float | None:
    """Seconds a search's ranking may take in this app (None: no limit)."""
    return current_app.config["SEARCH_TIME_LIMIT"]


def run(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run engine work in this thread once a search slot is free.

    Slots rather than a pool of search threads: handing each search to
    another thread and back cost ~0.5 ms a request, a third of a search
    that finds nothing.
    """
    with current_app.extensions[SLOTS_KEY]:
        return work(*args, **kwargs)
