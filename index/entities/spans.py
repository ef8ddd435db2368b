"""Repair raw NER spans: word boundaries, line breaks, titles, glued neighbours."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from index.entities.gazetteer import Knowledge
from index.entities.words import (
    ARTICLES,
    CONNECTORS,
    DEMONYMS,
    LEADING,
    ORG_CUES,
    ORG_HEADS,
    PARTICLES,
    PORTFOLIOS,
    TITLES,
)
from search.normalize import APOSTROPHES as LOOKALIKE_APOSTROPHES
from search.normalize import ELIDED

WORD = re.compile(r"\w+(?:-\w+)*")
#: A lowercase word with an adjective ending, right after a span.
_ADJECTIVE = re.compile(
    r" [a-zàâçéèêëîïôûù-]+(?:el|elle|al|ale|aux|ique|ien|ienne|ais|aise|ois|oise"
    r"|aire|if|ive|eur|eure|ain|aine|é|ée)\b"
)
#: The ASCII apostrophe and every look-alike that normalisation reads as it.
APOSTROPHES = ("'", *map(chr, LOOKALIKE_APOSTROPHES))
#: In a hard-wrapped text (no line over MAX_WRAP), a line at least WRAP_WIDTH
#: long that breaks mid-sentence is a wrap, not a heading.
WRAP_WIDTH = 50
MAX_WRAP = 100
CLOSERS = '.!?…:;»"”)'
HEADING_WORDS = 12
OPENERS = "«“\"'‘(–—-•*"
_PORTFOLIOS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _portfolio in sorted(PORTFOLIOS, key=len, reverse=True):
    _PORTFOLIOS_BY_FIRST.setdefault(_portfolio[0], []).append(_portfolio)
#: One or two lowercase words right after a span.
_LOWER_TAIL = re.compile(r"( [a-zàâçéèêëîïôûù][\w’'-]*)( [a-zàâçéèêëîïôûù][\w’'-]*)?")
SPACY_LABELS = {"person": "PER", "organisation": "ORG", "location": "LOC"}


@dataclass(frozen=True)
class Word:
    """One word of a span, with its offsets in the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """A repaired span: offsets, surface text, spaCy label and context flags."""

    start: int
    end: int
    text: str
    label: str  # PER, ORG, LOC or MISC
    titled: bool = False  # a person's title came just before (``ministre … Choe``)
    heading: bool = False  # first word of a heading, capitalised whatever it is
    cue: bool = False  # an organisation noun came just before (``le journal Tagesschau``)


def repair(text: str, ents: Iterable[tuple[int, int, str]], kb: Knowledge) -> list[Mention]:
    """Turn spaCy's ``(start, end, label)`` spans into clean mentions."""
    out: list[Mention] = []
    wrapped = _hard_wrapped(text)
    for start, end, label in _merge_wrapped(text, sorted(ents)) if wrapped else sorted(ents):
        start, end = _extend_to_words(text, start, end)
        end = _extend_known(text, start, _extend_institution(text, start, end), kb)
        for s, e in _split_lines(text, start, end, wrapped):
            out.extend(_repair_piece(text, s, e, label, kb))
    return out


def surface(text: str, start: int, end: int) -> str:
    """The span as a one-line name: ``Jean-\\nLuc`` -> ``Jean-Luc``."""
    piece = re.sub(r"-\s*\n\s*", "-", text[start:end])
    return " ".join(piece.split())


def _merge_wrapped(text: str, ents: list[tuple[int, int, str]]) -> Iterator[tuple[int, int, str]]:
    """Join two same-label spans that a hard line wrap cut apart."""
    pending: tuple[int, int, str] | None = None
    for ent in ents:
        if pending and pending[2] == ent[2] and _only_wrap_between(text, pending[1], ent[0]):
            pending = (pending[0], ent[1], ent[2])
            continue
        if pending:
            yield pending
        pending = ent
    if pending:
        yield pending


def _only_wrap_between(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return not gap.strip() and gap.count("\n") == 1 and _is_wrap(text, end + gap.index("\n"))


def _hard_wrapped(text: str) -> bool:
    """True for text cut into lines of similar width, as in e-mails and text dumps."""
    widths = [len(line) for line in text.splitlines() if line.strip()]
    long_lines = sum(width >= WRAP_WIDTH for width in widths)
    return len(widths) >= 3 and max(widths) <= MAX_WRAP and 2 * long_lines >= len(widths)


def _is_wrap(text: str, newline: int) -> bool:
    line = text[text.rfind("\n", 0, newline) + 1 : newline].rstrip()
    return len(line) >= WRAP_WIDTH and line[-1] not in CLOSERS


def _extend_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span cut inside a word: ``Kim Jong-`` -> ``Kim Jong-un``."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and (
        text[end].isalnum() or (text[end] == "-" and text[end + 1 : end + 2].isalnum())
    ):
        end += 1
    return start, end


def _extend_institution(text: str, start: int, end: int) -> int:
    """``Conseil`` + ``constitutionnel``: the NER stops a lone institution noun too early."""
    if text[start:end].lower() not in ORG_HEADS:
        return end
    adjective = _ADJECTIVE.match(text, end)
    return adjective.end() if adjective else end


def _extend_known(text: str, start: int, end: int, kb: Knowledge) -> int:
    """``La France`` + ``insoumise``: grow a span into a longer name the tables know."""
    tail = _LOWER_TAIL.match(text, end)
    if not tail:
        return end
    for stop in (tail.end(), tail.end(1)):
        if stop > end and kb.lookup(text[start:stop]):
            return stop
    return end


def _split_lines(text: str, start: int, end: int, wrapped: bool) -> list[tuple[int, int]]:
    """Cut a span at line breaks, except at the hard wraps of a wrapped text."""
    pieces, begin = [], start
    for i in range(start, end):
        if text[i] != "\n":
            continue
        if not (wrapped and _is_wrap(text, i) and text[i + 1 : i + 2] != "\n"):
            pieces.append((begin, i))
            begin = i + 1
    pieces.append((begin, end))
    return [(s, e) for s, e in pieces if text[s:e].strip()]


def _repair_piece(text: str, start: int, end: int, label: str, kb: Knowledge) -> list[Mention]:
    words = [Word(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start, end)]
    first, titled = _trim_front(text, words, label, kb)
    words = words[first : _trim_back(text, words, first, label, kb)]
    if not words or not any(w.text[0].isupper() for w in words):
        return []
    heading, cue = _opens_heading(text, words[0].start), _has_cue(text, words[0].start)
    return [
        Mention(
            ws[0].start,
            ws[-1].end,
            surface(text, ws[0].start, ws[-1].end),
            lab,
            titled=titled,
            heading=heading,
            cue=cue,
        )
        for ws, lab in _split_glued(text, words, label, kb)
        for ws in _split_place_pair(ws, kb)
    ]


def _trim_front(text: str, words: list[Word], label: str, kb: Knowledge) -> tuple[int, bool]:
    """Index of the first word of the name proper, and whether a title preceded it."""
    i, titled, last = 0, False, ""
    while i < len(words):
        low, more = words[i].text.lower(), i + 1 < len(words)
        if _is_elision(text, words[i]):
            skip = 1
        elif more and low in TITLES and (label == "PER" or words[i].text.islower()):
            titled, skip = True, 1  # Président Macron, but Haut Conseil stays whole
        elif (size := _portfolio_at(words, i)) and (i or _connector_at(words, i + size)):
            skip = size
        elif not words[i].text[0].isupper():
            if label == "PER" and (i == 0 or last in TITLES) and _is_particle(words, i):
                break  # de Gaulle, von der Leyen
            skip = 1
        elif more and low in LEADING and words[i + 1].text[0].isupper():
            skip = 1
        elif more and low in ARTICLES and _article_is_extra(text, words[i:], kb):
            skip = 1  # La Chine, but Le Havre and Le Pen stay whole
        else:
            break
        last = words[i + skip - 1].text.lower()
        i += skip
    return i, titled and last not in CONNECTORS


def _trim_back(text: str, words: list[Word], first: int, label: str, kb: Knowledge) -> int:
    """End of the name proper: drop lowercase tails (``Département d’État américain``)."""
    end = len(words)
    while end > first and not words[end - 1].text[0].isupper():
        low = words[end - 1].text.lower()
        if label != "PER" and low not in DEMONYMS and low not in CONNECTORS:
            break
        if kb.lookup(_joined(text, words[first:end])):
            break  # Parti communiste chinois is a name of its own
        end -= 1
    return end


def _article_is_extra(text: str, words: list[Word], kb: Knowledge) -> bool:
    """True if the name is known without its leading article but not with it."""
    return bool(kb.lookup(_joined(text, words[1:]))) and not kb.lookup(_joined(text, words))


def _is_particle(words: list[Word], i: int) -> bool:
    """``de`` in ``de Gaulle`` (a name) but not in ``de la Défense`` (a portfolio)."""
    if words[i].text.lower() not in PARTICLES or i + 1 >= len(words):
        return False
    following = words[i + 1]
    if following.text.lower() in PARTICLES:
        return True
    return following.text[0].isupper() and not _portfolio_at(words, i + 1)


def _is_elision(text: str, word: Word) -> bool:
    return word.text.lower() in ELIDED and text[word.end : word.end + 1] in APOSTROPHES


def _portfolio_at(words: list[Word], i: int) -> int:
    """Number of words of the ministry portfolio starting at *i* (0 if none)."""
    for portfolio in _PORTFOLIOS_BY_FIRST.get(words[i].text.lower(), ()):
        size = len(portfolio)
        if tuple(w.text.lower() for w in words[i : i + size]) == portfolio:
            return size
    return 0


def _connector_at(words: list[Word], i: int) -> bool:
    return i < len(words) and words[i].text.lower() in CONNECTORS


def _joined(text: str, words: list[Word]) -> str:
    return surface(text, words[0].start, words[-1].end) if words else ""


def _split_glued(
    text: str, words: list[Word], label: str, kb: Knowledge
) -> list[tuple[list[Word], str]]:
    """``Yonhap Bruce Bennett`` (PER) -> ``Yonhap`` (ORG) + ``Bruce Bennett`` (PER)."""
    if label == "PER" and len(words) >= 3:
        for size in (1, 2):
            head, rest = words[:size], words[size:]
            if len(rest) < 2 or not rest[0].text[0].isupper():
                continue
            name = _joined(text, head)
            known = kb.lookup(name)
            if known and known.kind != "person":
                return [(head, SPACY_LABELS[known.kind]), (rest, label)]
            if not known and size == 1 and len(name) >= 2 and name.isupper():
                return [(head, "ORG"), (rest, label)]  # an acronym is not a first name
    return [(words, label)]


def _split_place_pair(words: list[Word], kb: Knowledge) -> list[list[Word]]:
    """``Pyongyang-Moscou`` -> ``Pyongyang`` + ``Moscou`` when both are known places."""
    if len(words) != 1 or "-" not in words[0].text or kb.lookup(words[0].text):
        return [words]
    parts, offset = [], words[0].start
    for part in words[0].text.split("-"):
        parts.append([Word(offset, offset + len(part), part)])
        offset += len(part) + 1
    return parts if all(kb.is_place(p[0].text) for p in parts) else [words]


def _opens_heading(text: str, start: int) -> bool:
    """True if the span is the first word of a short line not ending a sentence."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t" + OPENERS):
        return False
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return len(line.split()) <= HEADING_WORDS and line.rstrip(' »"”)')[-1:] not in ".;:,"


def _has_cue(text: str, start: int) -> bool:
    line = text[max(0, start - 60) : start].rsplit("\n", 1)[-1]
    return any(w.lower() in ORG_CUES for w in WORD.findall(line)[-3:])
