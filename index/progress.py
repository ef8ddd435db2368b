"""Progress of an indexing run on a terminal: count, rate and time left."""

from __future__ import annotations

import sys
import time
from typing import TextIO

#: Redraw at most this often: a terminal write per article would slow the run.
REDRAW_SECONDS = 0.2


class TerminalProgress:
    """A one-line progress display, redrawn in place on a terminal only."""

    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and self.stream.isatty()
        self.started = time.monotonic()
        self.stage = ""
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        """Show *done* of *total* for *stage*, with a rate and an estimate."""
        now = time.monotonic()
        if not self.enabled or (now - self.last < REDRAW_SECONDS and done != total):
            return
        if stage != self.stage:
            self.stage, self.started = stage, now
        self.last = now
        self.stream.write("\r\x1b[K" + self.line(stage, done, total, now - self.started))
        self.stream.flush()

    @staticmethod
    def line(stage: str, done: int, total: int | None, elapsed: float) -> str:
        """The text of the progress line."""
        rate = done / elapsed if elapsed > 0 else 0.0
        if total is None:
            return f"{stage}: {done} files"
        left = (total - done) / rate if rate > 0 else 0.0
        return f"{stage}: {done}/{total} articles, {rate:.1f}/s, {format_duration(left)} left"

    def close(self) -> None:
        """Clear the progress line."""
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def format_duration(seconds: float) -> str:
    """``75`` -> ``1 min 15 s``."""
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"
