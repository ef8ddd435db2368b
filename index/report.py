"""The summary of an indexing run, for the terminal and for ``--report FILE``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from index.article import BadInput, Removal

#: Sources listed one by one in the terminal summary; --report lists them all.
SUMMARY_SOURCES = 10


@dataclass
class RemovedLines:
    """Lines left out of the articles as boilerplate, counted by source and rule."""

    by_source: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, source: str, removed: Iterable[Removal]) -> None:
        """Count *removed* lines under *source*."""
        counts = self.by_source.setdefault(source, Counter())
        counts.update(r.rule for r in removed)


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
    #: Lines removed as boilerplate from this run's articles: source -> rule -> count.
    removed: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def removed_total(self) -> int:
        """Lines removed as boilerplate from this run's articles."""
        return sum(sum(c.values()) for c in self.removed.values())

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
            "failures": [{"path": f.path, "line": f.line, "reason": f.reason} for f in self.failed],
            "boilerplate_removed": {
                "lines": self.removed_total,
                "by_source": {
                    source: dict(sorted(counts.items()))
                    for source, counts in sorted(self.removed.items())
                    if counts
                },
            },
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
        lines = [head, *self._removed_lines()]
        lines += [f"  failed: {failure}" for failure in self.failed]
        return "\n".join(lines)

    def _removed_lines(self) -> list[str]:
        """One line for the boilerplate total, then one per source, most removed first."""
        if not self.removed_total:
            return []
        sources = sorted(
            ((s, c) for s, c in self.removed.items() if c),
            key=lambda item: (-sum(item[1].values()), item[0]),
        )
        lines = [
            (
                f"  boilerplate removed: {self.removed_total} lines "
                f"(loupe index --explain FILE lists them)"
            )
        ]
        for source, counts in sources[:SUMMARY_SOURCES]:
            rules = ", ".join(f"{n} {rule}" for rule, n in counts.most_common())
            lines.append(f"    {source or '.'}: {rules}")
        if len(sources) > SUMMARY_SOURCES:
            lines.append(
                f"    … and {len(sources) - SUMMARY_SOURCES} more sources "
                "(--report FILE lists them all)"
            )
        return lines
