"""The summary of an indexing run, for the terminal and for ``--report FILE``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from index.article import BadInput


@dataclass
class IndexReport:
    """Counts and failures of one ``loupe index`` run."""

    index_dir: str
    full: bool
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    failed: list[BadInput] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0

    @property
    def indexed(self) -> int:
        """Articles written in this run."""
        return self.added + self.updated

    @property
    def articles_per_second(self) -> float:
        """Written articles per second of the whole run."""
        return self.indexed / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, as written by ``--report``."""
        return {
            "index_dir": self.index_dir,
            "mode": "full" if self.full else "incremental",
            "files": self.files,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "failed": len(self.failed),
            "failures": [
                {"path": f.path, "line": f.line, "reason": f.reason} for f in self.failed
            ],
            "seconds": round(self.seconds, 3),
            "articles_per_second": round(self.articles_per_second, 1),
        }

    def summary(self) -> str:
        """Human summary, one line of counts then one line per failure."""
        mode = "full rebuild" if self.full else "incremental"
        head = (
            f"{mode} of {self.index_dir}: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.deleted} deleted, "
            f"{len(self.failed)} failed, from {self.files} files in "
            f"{self.seconds:.1f} s ({self.articles_per_second:.1f} articles/s)"
        )
        lines = [head] + [f"  failed: {failure}" for failure in self.failed]
        return "\n".join(lines)
