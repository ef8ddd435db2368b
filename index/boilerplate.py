"""Remove site chrome from article bodies: known phrases and lines repeated across a site."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from index.article import Article, Removal
from index.titles import (
    clean_byline,
    is_byline,
    is_navigation_line,
    looks_like_title,
    title_from_paragraph,
)
from search.normalize import TYPOGRAPHY, fold

#: The phrase list shipped with Loupe; its header documents the syntax.
PHRASES_PATH = Path(__file__).parent / "data" / "boilerplate.txt"
#: Chrome is short: longer lines are never compared with the phrase list.
MAX_PHRASE_LINE_CHARS = 600
#: An end marker ends the article only after this much text, so a "Voir
#: l'article" link above the text does not swallow it.
MIN_CHARS_BEFORE_END = 150

Kind = Literal["drop", "end"]

#: Why a line is left out of an article, by rule name (``--explain``, the report).
RULES = {
    "phrase": "phrase rule",
    "end": "end of the article (this line and every line after it)",
    "after_end": "after the end of the article (teaser, closing links)",
    "repeated": "repeated line (site chrome)",
    "navigation": "breadcrumb or menu",
    "chrome": "site chrome above the title (menu, account link, weather)",
    "byline": "byline or date line, read into the author and the date",
    "title": "title that is site chrome, replaced by the first headline",
}

_DASHES = dict.fromkeys(map(ord, "\u2012\u2013\u2014\u2015\u2212"), "-")
_BULLETS = re.compile(r"^[\s•·▪►◦*>\-]+")
_TRAILING = re.compile(r"[\s:.!…]+$")
_WORDS = re.compile(r"\w+")


def _fold_table() -> dict[int, str | None]:
    """Each Latin letter and typographic sign mapped to what :func:`fold` makes of it."""
    signs = [
        *range(0xA0, 0x250),
        *range(0x1E00, 0x1F00),
        *range(0xFB00, 0xFB07),
        *TYPOGRAPHY,
    ]
    table: dict[int, str | None] = {
        cp: fold(chr(cp)) for cp in signs if fold(chr(cp)) != chr(cp).lower()
    }
    table.update(dict.fromkeys(range(0x300, 0x370)))  # combining accents
    table.update(_DASHES)
    return table


_FOLD_TABLE = _fold_table()


def quick_fold(text: str) -> str:
    """:func:`search.normalize.fold` for NFC French text, in one C-level pass.

    ``fold`` decomposes and filters character by character in Python: on
    every line of 20,000 articles that is most of the cleaning time.
    """
    return text.translate(_FOLD_TABLE).lower()


def fold_line(line: str) -> str:
    """The form phrase patterns are written in: ``• Voir l’article :`` -> ``voir l'article``."""
    text = quick_fold(line)
    text = _TRAILING.sub("", _BULLETS.sub("", text))
    return " ".join(text.split())


class PhraseList:
    """Compiled ``[end]`` and ``[drop]`` patterns, matched against whole folded lines."""

    def __init__(self, end: Iterable[str] = (), drop: Iterable[str] = ()) -> None:
        self.patterns = {"end": list(end), "drop": list(drop)}
        self.end = _alternation(self.patterns["end"])
        self.drop = _alternation(self.patterns["drop"])

    @classmethod
    def from_text(cls, text: str) -> PhraseList:
        """Parse the data-file syntax (sections ``[end]`` and ``[drop]``)."""
        sections: dict[str, list[str]] = {"end": [], "drop": []}
        current: list[str] | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line in ("[end]", "[drop]"):
                current = sections[line[1:-1]]
            elif current is None:
                raise ValueError(f"line {number}: pattern before any [end] or [drop] section")
            else:
                current.append(line)
        return cls(sections["end"], sections["drop"])

    def classify(self, line: str) -> Kind | None:
        """``"end"``, ``"drop"``, or ``None`` for a line of article text."""
        if len(line) > MAX_PHRASE_LINE_CHARS:
            return None
        key = fold_line(line)
        if not key:
            return "drop"  # bullets or punctuation alone
        if self.end.fullmatch(key):
            return "end"
        if self.drop.fullmatch(key):
            return "drop"
        return None

    def which(self, line: str) -> str | None:
        """The pattern that matches *line* (slow: for explanations only)."""
        if len(line) > MAX_PHRASE_LINE_CHARS:
            return None
        key = fold_line(line)
        if not key:
            return "(punctuation alone)"
        for kind in ("end", "drop"):
            for pattern in self.patterns[kind]:
                if re.fullmatch(pattern, key):
                    return f"[{kind}] {pattern}"
        return None


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    parts = [f"(?:{p})" for p in patterns]
    return re.compile("|".join(parts) if parts else r"(?!)")


@functools.cache
def default_phrases() -> PhraseList:
    """The shipped phrase list, read once per process."""
    return PhraseList.from_text(PHRASES_PATH.read_text(encoding="utf-8"))


def line_key(line: str) -> str:
    """Stable hash of a line's folded words; equal for ``L’été`` and ``l'ete``."""
    words = " ".join(_WORDS.findall(quick_fold(line)))
    return hashlib.blake2b(words.encode(), digest_size=8).hexdigest() if words else ""


class RepeatedLines:
    """Counts, per group of documents, how many documents hold each short line.

    A line held by at least ``max(min_docs, min_share × documents)`` documents
    of its group is chrome (a footer, a signature, a newsletter box).
    """

    VERSION = 1

    def __init__(self, min_docs: int = 3, min_share: float = 0.2, max_chars: int = 200) -> None:
        if min_docs < 2:
            raise ValueError("min_docs must be at least 2: one document's lines are never chrome")
        self.min_docs = min_docs
        self.min_share = min_share
        self.max_chars = max_chars
        self.documents: Counter[str] = Counter()
        self.lines: defaultdict[str, Counter[str]] = defaultdict(Counter)
        #: What each indexed document added, by id: (group, keys), to forget it.
        self.counted: dict[str, tuple[str, list[str]]] = {}

    def keys(self, text: str) -> frozenset[str]:
        """The keys of a document's countable lines (store them to :meth:`remove` it later)."""
        short = (line for line in text.split("\n") if len(line.strip()) < self.max_chars)
        return frozenset(k for k in map(line_key, short) if k)

    def add(self, group: str, keys: Iterable[str]) -> None:
        """Count one document of *group* whose line keys are *keys*."""
        self.documents[group] += 1
        self.lines[group].update(set(keys))

    def remove(self, group: str, keys: Iterable[str]) -> None:
        """Forget a document counted by :meth:`add` (a file deleted or changed)."""
        unique = set(keys)
        if self.documents[group] > 0:
            self.documents[group] -= 1
        counts = self.lines[group]
        counts.subtract(unique)
        for key in [k for k in unique if counts[k] <= 0]:
            del counts[key]

    def add_article(self, article: Article) -> frozenset[str]:
        """Count an article's body in its :func:`group_of`; returns its keys."""
        # The title too: a site's name taken for the title repeats like chrome.
        keys = self.keys(f"{article.title}\n{article.body}")
        self.add(group_of(article), keys)
        return keys

    def count(self, doc_id: str, article: Article) -> None:
        """Count the article indexed as *doc_id*, in place of its previous version.

        Counting a changed file's articles again without forgetting their
        old version made a file edited three times its own chrome.
        """
        self.forget(doc_id)
        keys = self.add_article(article)
        self.counted[doc_id] = (group_of(article), sorted(keys))

    def forget(self, doc_id: str) -> None:
        """Take back what the document *doc_id* added (it changed or was deleted)."""
        if doc_id in self.counted:
            self.remove(*self.counted.pop(doc_id))

    def threshold(self, group: str) -> float:
        """How many documents of *group* must hold a line for it to be chrome."""
        return max(self.min_docs, self.min_share * self.documents[group])

    def is_repeated(self, group: str, line: str) -> bool:
        """True when *line* is chrome repeated across *group*."""
        if len(line.strip()) >= self.max_chars or group not in self.lines:
            return False
        return self.lines[group].get(line_key(line), 0) >= self.threshold(group)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly state, so counts survive between incremental runs."""
        return {
            "version": self.VERSION,
            "min_docs": self.min_docs,
            "min_share": self.min_share,
            "max_chars": self.max_chars,
            "groups": {
                g: {"documents": n, "lines": dict(self.lines[g])}
                for g, n in sorted(self.documents.items())
            },
            "counted": {doc_id: list(v) for doc_id, v in self.counted.items()},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RepeatedLines:
        """Rebuild the counts written by :meth:`to_dict`."""
        if data.get("version") != cls.VERSION:
            raise ValueError(
                f"repeated-lines state has version {data.get('version')!r}, "
                f"expected {cls.VERSION}; rebuild the index to recount"
            )
        rv = cls(data["min_docs"], data["min_share"], data["max_chars"])
        for group, state in data["groups"].items():
            rv.documents[group] = state["documents"]
            rv.lines[group].update(state["lines"])
        # Absent from states written before documents were tracked.
        rv.counted = {d: (g, keys) for d, (g, keys) in data.get("counted", {}).items()}
        return rv


def group_of(article: Article) -> str:
    """Documents that share chrome: the same source, else the same folder."""
    return article.source or str(PurePosixPath(article.file).parent)


def clean_body(
    text: str,
    phrases: PhraseList | None = None,
    repeated: RepeatedLines | None = None,
    group: str = "",
    removed: list[Removal] | None = None,
) -> str:
    """Drop chrome lines and everything after an end marker; paragraphs joined by blank lines.

    Each line left out is appended to *removed*, with its rule (see RULES).
    """
    phrases = phrases or default_phrases()
    kept: list[str] = []
    size = 0
    lines = text.split("\n")
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        rule = _removal_rule(line, phrases, repeated, group)
        if rule == "end" and size >= MIN_CHARS_BEFORE_END:
            if removed is not None:
                removed.append(Removal(line, "end"))
                removed.extend(
                    Removal(rest, "after_end")
                    for rest in map(str.strip, lines[number + 1 :])
                    if rest
                )
            break
        if rule:
            if removed is not None:
                # An end marker above the text only drops its own line.
                removed.append(Removal(line, "phrase" if rule == "end" else rule))
            continue
        kept.append(line)
        size += len(line)
    return "\n\n".join(kept)


def _removal_rule(
    line: str, phrases: PhraseList, repeated: RepeatedLines | None, group: str
) -> str | None:
    """Why *line* is chrome (a key of RULES), or None for article text."""
    kind = phrases.classify(line)
    if kind:
        return "end" if kind == "end" else "phrase"
    if is_navigation_line(line):
        return "navigation"
    # A byline repeats across an author's articles but is not chrome.
    if repeated is not None and not is_byline(line) and repeated.is_repeated(group, line):
        return "repeated"
    return None


def clean_article(
    article: Article,
    phrases: PhraseList | None = None,
    repeated: RepeatedLines | None = None,
    removed: list[Removal] | None = None,
) -> Article:
    """A copy of *article* without chrome in its body; a chrome title is replaced.

    A title that is chrome (a phrase, or a line repeated across the source,
    such as the site's name heading every scraped page) gives way to the
    body's first paragraph when that reads as a title, and a ``Par …`` line
    right under it becomes the author; a repeated site name becomes the
    source when the file named none. The body may come back empty: the
    caller reports such an article. What is left out is appended to
    *removed*.
    """
    phrases = phrases or default_phrases()
    group = group_of(article)
    body = clean_body(article.body, phrases, repeated, group, removed)
    title = " ".join(article.title.split())
    author, source = article.author, article.source
    site_name = repeated is not None and repeated.is_repeated(group, title)
    if (not title or phrases.classify(title) or site_name) and body:
        if site_name and not source:
            source = title  # the site's name, heading every page of the site
        if title and removed is not None:
            removed.append(Removal(title, "title"))
        title, body = _title_from_body(body)
    body, byline = _take_byline(body)
    if byline and removed is not None:
        removed.append(Removal(f"Par {byline}", "byline"))
    return dataclasses.replace(
        article, title=title, body=body, author=author or byline, source=source
    )


def _title_from_body(body: str) -> tuple[str, str]:
    """A title and the remaining body, taken from the top of a cleaned body."""
    first, _, rest = body.partition("\n\n")
    if not rest or not looks_like_title(first) or first.endswith((".", "…")):
        return title_from_paragraph(first), body
    return first, rest


def _take_byline(body: str, within: int = 3) -> tuple[str, str | None]:
    """Remove a ``Par …`` line from the top paragraphs; return it as the author."""
    paragraphs = body.split("\n\n")
    for i, paragraph in enumerate(paragraphs[:within]):
        if is_byline(paragraph) and len(paragraphs) > 1:
            del paragraphs[i]
            return "\n\n".join(paragraphs), clean_byline(paragraph)
    return body, None
