"""Per-article extraction (entities and mentioned dates), run in worker processes."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from index.article import Article
from index.dates import MentionedDate, find_dates
from index.entities import ArticleEntities, article_text, extract_entities
from search.aliases import AliasTable, aliases_from_spec


@dataclass(frozen=True)
class Extraction:
    """What extraction adds to an article; offsets point into ``article_text``."""

    entities: ArticleEntities
    mentioned: tuple[MentionedDate, ...]


@dataclass(frozen=True)
class Batch:
    """Extractions of a batch of articles, in order, and the words they use."""

    extractions: list[Extraction]
    words: Counter[str]


#: Words as written (case and accents kept), for spelling suggestions.
WORD = re.compile(r"[^\W\d_]{3,}")

#: One alias table per process and spec, loaded by the first batch.
_aliases: dict[str, AliasTable] = {}


def aliases_for(spec: str) -> AliasTable:
    """The alias table of a ``LOUPE_ALIASES``-style *spec*, loaded once per process.

    ``""`` is the shipped table, ``+a.toml:b.toml`` extends it, ``a.toml``
    replaces it (see :func:`search.aliases.aliases_from_spec`).
    """
    if spec not in _aliases:
        _aliases[spec] = aliases_from_spec(spec)
    return _aliases[spec]


def word_counts(articles: Sequence[Article]) -> Counter[str]:
    """How often each word form occurs in the titles and bodies of *articles*."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update(WORD.findall(article.title))
        counts.update(WORD.findall(article.body))
    return counts


def extract_batch(articles: Sequence[Article], aliases: str = "") -> Batch:
    """Entities and mentioned dates of each article, in order, plus word counts."""
    return extract_with(articles, aliases_for(aliases))


def extract_with(articles: Sequence[Article], table: AliasTable) -> Batch:
    """:func:`extract_batch` with an alias table already loaded (one shipped to a cluster)."""
    pairs = [(a.title, a.body) for a in articles]
    results = []
    for article, entities in zip(articles, extract_entities(pairs, table), strict=True):
        published = article.published
        day = published.date() if isinstance(published, dt.datetime) else published
        text = article_text(article.title, article.body)
        results.append(Extraction(entities, tuple(find_dates(text, day))))
    return Batch(results, word_counts(articles))
