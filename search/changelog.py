"""The change log of an index directory: what each indexing run added, updated and deleted.

Bots keep a mirror with ``GET /api/v1/changes?since=TOKEN``: the changes
after a token, oldest first, and the token to continue from. The log is an
SQLite file beside the generations (``changes.sqlite3``), so a ``--full``
rebuild, which swaps in a new generation, keeps it: each run compares the
index it leaves with the state the log last recorded (table ``live``: ids and
content hashes) and appends the difference. A run that crashed before
recording is caught up by the next one, since the comparison is with what
the log says, not with what the run believes it did.

A token names the log (a random id made with it) and a position in it. A
token of another log (the file was deleted, or comes from another server) is
answered with :class:`ResyncNeeded`: the client must start again without
``since``.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SearchError
from .layout import CHANGES_FILE

TOKEN_PREFIX = "c1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS live (id TEXT PRIMARY KEY, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    change TEXT NOT NULL CHECK (change IN ('added', 'updated', 'deleted')),
    time TEXT NOT NULL
);
"""


class LogUnreadable(SearchError):
    """The change log file exists but cannot be read (locked too long, damaged)."""


class BadToken(ValueError):
    """A ``since`` value that is not a token of any change log."""


class ResyncNeeded(LookupError):
    """A token of another change log: the client must start over without ``since``."""


@dataclass(frozen=True)
class Position:
    """A point in a change log: its id and the last change seen."""

    log: str
    seq: int

    def token(self) -> str:
        """The opaque token a client sends back as ``since``."""
        raw = f"{TOKEN_PREFIX}:{self.log}:{self.seq}".encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def parse_token(token: str) -> Position:
    """The position a token names; BadToken when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(token.strip() + "=" * (-len(token.strip()) % 4))
        prefix, log, seq = raw.decode("ascii").split(":")
        if prefix != TOKEN_PREFIX or not log or int(seq) < 0:
            raise ValueError(token)
        return Position(log, int(seq))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise BadToken(
            f"{token[:60]!r} is not a changes token: send the next value of a "
            "previous response as is, or no since to start from the "
            "beginning"
        ) from None


def record(index_dir: str | Path, live: Mapping[str, str], time: str) -> int:
    """Append what changed between the logged state and *live* (id -> content hash).

    Called by the indexer after each run, under its lock; returns the number
    of changes appended. Deletions come first, then additions and updates,
    each in id order.
    """
    path = Path(index_dir) / CHANGES_FILE
    try:
        with closing(_connect(path)) as db, db:
            _log_id(db)
            before = dict(db.execute("SELECT id, hash FROM live"))
            deleted = sorted(before.keys() - live.keys())
            changed = sorted(i for i in live if before.get(i) != live[i])
            rows = [(i, "deleted", time) for i in deleted]
            rows += [(i, "updated" if i in before else "added", time) for i in changed]
            db.executemany("INSERT INTO changes (id, change, time) VALUES (?, ?, ?)", rows)
            db.executemany("DELETE FROM live WHERE id = ?", [(i,) for i in deleted])
            db.executemany(
                "INSERT OR REPLACE INTO live (id, hash) VALUES (?, ?)",
                [(i, live[i]) for i in changed],
            )
    except sqlite3.Error as e:
        raise LogUnreadable(
            f"the change log {path} cannot be written: {e}; the index "
            "itself is up to date (move the file away to start a new "
            "log: clients will be asked to resync)"
        ) from None
    return len(rows)


def changes_since(index_dir: str | Path, since: str | None, limit: int) -> dict[str, Any]:
    """Up to *limit* changes after the token *since* (all from the start without one)."""
    path = Path(index_dir) / CHANGES_FILE
    position = parse_token(since) if since else None
    if not path.exists():
        if position is not None:
            raise ResyncNeeded("this index keeps no change log any more")
        return {"changes": [], "next": Position("none", 0).token(), "more": False}
    try:
        with closing(_connect(path, read_only=True)) as db:
            log = _log_id(db)
            last = db.execute("SELECT COALESCE(MAX(seq), 0) FROM changes").fetchone()[0]
            start = 0 if position is None else _checked(position, log, last)
            rows = db.execute(
                "SELECT seq, id, change, time FROM changes WHERE seq > ? ORDER BY seq LIMIT ?",
                (start, limit + 1),
            ).fetchall()
    except sqlite3.Error as e:
        raise LogUnreadable(f"the change log {path} cannot be read: {e}") from None
    page = rows[:limit]
    end = page[-1][0] if page else start
    return {
        "changes": [{"id": i, "change": c, "time": t} for _, i, c, t in page],
        "next": Position(log, end).token(),
        "more": len(rows) > limit,
    }


def _checked(position: Position, log: str, last: int) -> int:
    if position.log == "none" and position.seq == 0:
        return 0  # the token of a directory that had no log yet: everything is new
    if position.log != log:
        raise ResyncNeeded(
            "this token belongs to another change log (the log was "
            "reset, or the token comes from another server)"
        )
    if position.seq > last:
        raise BadToken(
            "this token points past the end of the change log: send the "
            "next value of a previous response as is"
        )
    return position.seq


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if read_only:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    db = sqlite3.connect(path, timeout=30)
    db.executescript(_SCHEMA)
    return db


def _log_id(db: sqlite3.Connection) -> str:
    """The log's random id, made on first use."""
    row = db.execute("SELECT value FROM meta WHERE key = 'log'").fetchone()
    if row:
        return row[0]
    log = secrets.token_hex(8)
    db.execute("INSERT INTO meta (key, value) VALUES ('log', ?)", (log,))
    return log
