"""The title of a web page's article, chosen among the titles the page gives.

A page states its title several times: the JSON-LD ``headline``, ``og:title``,
the ``<h1>``, ``twitter:title``, ``<title>``.  Each is cleaned of what
surrounds the title (the site's name in any of its forms, section names,
dates, a label such as ``Pétition :``), then the title that most of them
agree on wins; one that another holds with only short segments around it
(``X | Environnement``) agrees with it too.  Ties go to the earlier kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.readers.brands import SiteNames
from search.normalize import match_key

#: Between a title and the site's name, a section or a date.
_SEPARATOR = re.compile(r"\s+[|–—·•»/]\s+|\s*\|\s*|\s+-\s+|\s*::\s+")
#: Also between a short label and the title: ``Agriculture: Berne interdit…``.
_ANY_SEPARATOR = re.compile(_SEPARATOR.pattern + r"|\s*:\s+")
#: Labels of a kind of page, not of its subject, put before the title.
_LABEL = re.compile(
    r"^(?:p[ée]tition|vid[ée]o|photos?|diaporama|podcast|infographie|en direct"
    r"|direct|live|replay|audio|sondage|quiz)\s*[:.|–—-]\s+",
    re.IGNORECASE,
)
#: Segments around the title are short; a long one is part of the title.
MAX_AFFIX_WORDS = 5
_TRUNCATED = ("...", "…")


@dataclass(frozen=True)
class Candidate:
    """A title as one kind of metadata gives it, cleaned."""

    kind: str
    text: str
    key: str


def choose_title(candidates: list[tuple[str, str | None]], site: SiteNames) -> str:
    """The best title among ``(kind, text)`` pairs, in order of trust; ``""`` if none."""
    cleaned = _cleaned(candidates, site)
    if not cleaned:
        return ""
    best = max(
        enumerate(cleaned),
        key=lambda ic: (_support(ic[1], cleaned), -ic[0]),
    )
    return best[1].text


def strip_affixes(title: str, site: SiteNames) -> str:
    """*title* without a label before it nor the site, sections or dates around it."""
    text = " ".join(title.split())
    label = _LABEL.match(text)
    if label:
        text = text[label.end() :]
    while True:
        cut = _cut_affix(text, site)
        if cut is None or cut == text:
            return text
        text = cut


def _cut_affix(text: str, site: SiteNames) -> str | None:
    """*text* with one affix less at either end, or ``None``."""
    cuts = list(_SEPARATOR.finditer(text))
    if not cuts:
        return None
    for cut in cuts:  # longest tail first: a site name may hold a separator
        head, tail = text[: cut.start()], text[cut.end() :]
        if head.strip() and (site.is_brand(tail) or (cut is cuts[-1] and site.is_affix(tail))):
            return head.strip()
    for cut in reversed(cuts):  # longest head first
        head, tail = text[: cut.start()], text[cut.end() :]
        if tail.strip() and (site.is_brand(head) or (cut is cuts[0] and site.is_affix(head))):
            return tail.strip()
    return None


def _cleaned(candidates: list[tuple[str, str | None]], site: SiteNames) -> list[Candidate]:
    found: list[Candidate] = []
    for kind, raw in candidates:
        if not raw or site.is_brand(raw):
            continue  # a <title> or <h1> that only names the site
        text = strip_affixes(raw, site)
        key = match_key(text)
        if key:
            found.append(Candidate(kind, text, key))
    return [c for c in found if not _is_truncated(c, found)]


def _is_truncated(candidate: Candidate, others: list[Candidate]) -> bool:
    """``La perte des terres fertiles et les éléphants en...`` beside the whole title."""
    if not candidate.text.endswith(_TRUNCATED):
        return False
    return any(o.key != candidate.key and o.key.startswith(candidate.key) for o in others)


def _support(candidate: Candidate, cleaned: list[Candidate]) -> int:
    """How many kinds of metadata give this title, alone or with short affixes."""
    kinds = {c.kind for c in cleaned if c.key == candidate.key}
    if candidate.kind != "extracted":  # the extractor's guess confirms, never leads
        kinds |= {c.kind for c in cleaned if _holds(c.text, candidate.key)}
    return len(kinds)


def _holds(longer: str, key: str) -> bool:
    """True when *longer* is the title *key* with only short segments around it."""
    if key not in match_key(longer) or match_key(longer) == key:
        return False
    bounds = [0]
    for cut in _ANY_SEPARATOR.finditer(longer):
        bounds += [cut.start(), cut.end()]
    bounds.append(len(longer))
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    size = len(key.split())
    for i in range(len(pieces)):
        for j in range(i, len(pieces)):
            if match_key(longer[pieces[i][0] : pieces[j][1]]) != key:
                continue
            rest = [longer[a:b] for a, b in pieces[:i] + pieces[j + 1 :]]
            return all(len(r.split()) <= min(MAX_AFFIX_WORDS, size - 1) for r in rest)
    return False
