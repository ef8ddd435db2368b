"""Article-level decisions: one type per name, short names, canonical labels."""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field

from index.entities.gazetteer import Knowledge
from index.entities.model import WordRanks
from index.entities.spans import Mention
from index.entities.words import ORG_HEADS
from search.aliases import Canonical
from search.normalize import match_key

log = logging.getLogger(__name__)

#: An imperative or inverted verb: ``Tenez-vous``, ``Dit-il``, ``A-t-elle``.
_VERB_PRONOUN = re.compile(
    r"-(?:t-)?(?:vous|nous|toi|moi|le|la|les|lui|leur|y|en|il|elle|on|ils|elles)$", re.IGNORECASE
)
KIND_OF_LABEL = {"PER": "person", "ORG": "organisation", "LOC": "location"}
#: Order that breaks a tie in the type vote.
KIND_ORDER = ("person", "organisation", "location")


@dataclass(frozen=True)
class Entity:
    """One actor or place of an article.

    ``key`` is the folded facet value (``kim jong un``), ``label`` the French
    display name (``Kim Jong-un``), ``kind`` one of ``person``,
    ``organisation``, ``location``, and ``mentions`` the ``(begin, end)``
    character offsets of each mention in :func:`article_text`.
    """

    key: str
    label: str
    kind: str
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class ArticleEntities:
    """The people, organisations and places of one article, most mentioned first."""

    people: tuple[Entity, ...] = ()
    organisations: tuple[Entity, ...] = ()
    locations: tuple[Entity, ...] = ()

    def all(self) -> tuple[Entity, ...]:
        """Every entity, people first, then organisations, then places."""
        return self.people + self.organisations + self.locations


@dataclass
class _Group:
    """All mentions of one name in one article."""

    key: str
    known: Canonical | None
    votes: Counter[str] = field(default_factory=Counter)
    surfaces: Counter[str] = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    heading: list[bool] = field(default_factory=list)
    ambiguous: bool = False

    @property
    def kind(self) -> str:
        if self.known:
            return self.known.kind
        top = max(self.votes.values())
        return next(k for k in KIND_ORDER if self.votes[k] == top)

    @property
    def words(self) -> list[str]:
        return self.key.split()

    def absorb(self, other: _Group) -> None:
        self.votes.update(other.votes)
        self.surfaces.update(other.surfaces)
        self.spans.extend(other.spans)
        self.heading.extend(other.heading)


def resolve_mentions(mentions: list[Mention], kb: Knowledge, ranks: WordRanks) -> ArticleEntities:
    """Group mentions by name, vote their type, resolve short names, drop noise."""
    groups = _group(mentions, kb)
    _resolve_short_names(groups)
    entities = [_to_entity(g) for g in groups.values() if not _is_noise(g, ranks)]
    entities.sort(key=lambda e: (-len(e.mentions), e.mentions[0]))
    return ArticleEntities(
        people=tuple(e for e in entities if e.kind == "person"),
        organisations=tuple(e for e in entities if e.kind == "organisation"),
        locations=tuple(e for e in entities if e.kind == "location"),
    )


def _group(mentions: list[Mention], kb: Knowledge) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for mention in mentions:
        if kb.is_ignored(mention.text):
            continue
        known = kb.lookup(mention.text)
        vote = _vote(mention, known)
        key = known.key if known else match_key(mention.text)
        if vote is None or not key:
            continue
        group = groups.setdefault(key, _Group(key, known))
        group.votes[vote] += 1
        group.surfaces[mention.text] += 1
        group.spans.append((mention.start, mention.end))
        group.heading.append(mention.heading)
    return groups


def _vote(mention: Mention, known: Canonical | None) -> str | None:
    if known:
        return known.kind
    if mention.titled:
        return "person"
    if mention.label in ("LOC", "PER") and mention.text.split()[0].lower() in ORG_HEADS:
        return "organisation"
    if mention.label == "MISC":
        return "organisation" if mention.cue else None  # MISC is events, works, adjectives
    return KIND_OF_LABEL.get(mention.label)


def _resolve_short_names(groups: dict[str, _Group]) -> None:
    """``Poutine`` -> ``Vladimir Poutine``; ``Kim`` stays unresolved next to two Kims."""
    people = [g for g in groups.values() if g.kind == "person" and len(g.words) > 1]
    for short in sorted(groups.values(), key=lambda g: -len(g.words)):
        if short.known:
            continue  # the alias table or the gazetteer already settled it (Washington)
        targets = [p for p in people if len(p.words) > len(short.words) and _affix(short, p)]
        if len(targets) == 1:
            targets[0].absorb(short)
            del groups[short.key]
            if short in people:
                people.remove(short)
        elif targets:
            short.ambiguous = True
            log.debug("%r is ambiguous: %s", short.key, [t.key for t in targets])


def _affix(short: _Group, full: _Group) -> bool:
    size = len(short.words)
    return full.words[:size] == short.words or full.words[-size:] == short.words


def _is_noise(group: _Group, ranks: WordRanks) -> bool:
    """Ambiguous short names, and lone words that are only capitalised by position.

    A single word is noise when its lowercase form is the more frequent one
    (``Critiques``, ``Mardi``), when it only ever opens a heading, or when it
    is a bare institution noun (``la Fédération``) or a verb with its pronoun
    (``Tenez-vous``).
    """
    if group.ambiguous:
        return True
    if group.known:
        return False
    surface = group.surfaces.most_common(1)[0][0]
    if len(surface.split()) > 1:
        return False
    return (
        ranks.is_common(surface)
        or all(group.heading)
        or surface.lower() in ORG_HEADS
        or _VERB_PRONOUN.search(surface) is not None
    )


def _to_entity(group: _Group) -> Entity:
    label = group.known.label if group.known else _best_surface(group.surfaces)
    return Entity(group.key, label, group.kind, tuple(sorted(set(group.spans))))


def _best_surface(surfaces: Counter[str]) -> str:
    """The accented spelling if any (``États-Unis`` over ``Etats-Unis``), then the most used."""

    def score(name: str) -> tuple[int, int, int]:
        accents = sum(1 for c in name if c.isalpha() and not c.isascii())
        return accents, surfaces[name], len(name)

    return max(surfaces, key=score)
