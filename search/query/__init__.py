"""The query language: what a journalist types -> a Whoosh query. Never raises.

Words and phrases
    ``kim jong`` : every word must match (AND), in ``title`` (boost 2),
    ``body`` and ``author``, through the French analyzer: case, accents,
    elisions and hyphens never matter (``l’OTAN`` = ``otan``, ``etats unis``
    finds ``États-Unis``), and words are stemmed (``économies`` finds
    ``économie``). A word the analyzer splits (``États-Unis``, ``nord-coréen``,
    ``12:30``) must match as a phrase of its parts. Stop words (``le``,
    ``de``, lowercase ``ou`` and ``et``) are ignored. ``10 000`` is one number.

    ``"Kim Jong Un"`` : a phrase (straight quotes, « guillemets » or “curly
    quotes”). ``"Kim Un"~2`` : at most 2 other words between two words of the
    phrase, in order (at most 20); ``~`` alone means 1.

Operators (capitals only: lowercase « ou », « et » are ordinary words)
    ``a OR b``, ``a OU b``, ``a || b`` : either. ``a AND b``, ``a ET b``,
    ``a && b``, ``+a`` : both, as ``a b``. ``NOT a``, ``SAUF a``, ``-a``,
    ``-"a phrase"``, ``-(a b)`` : exclude. ``( )`` group; AND binds tighter than OR
    (``a b OR c`` = ``(a b) OR c``). A query of exclusions only
    (``-sport``) returns every article except those.

Prefixes and typos
    ``écon*`` : words starting with ``econ``. The prefix is folded and
    lowercased but not stemmed, and it is matched against the *stems* the
    index stores, so ``écon*`` finds ``économie``, ``économique`` (stem
    ``econom``). A prefix longer than the stem (``gouvernement*``, stem
    ``gouvern``) also matches the stem of the prefix itself, so it still finds
    ``gouvernements``. At least 2 letters (a shorter prefix is ignored,
    with a note); each prefix expands to its 256 most frequent index terms
    per field.

    ``Poutime~`` / ``Poutime~2`` : 1 or 2 typos, counted as
    Damerau-Levenshtein edits (a swap of two neighbouring letters is one
    edit) between the word's stem and the stems in the index. With ``~`` the
    first letter must be right, with ``~2`` the first two; stems under 6
    letters get at most 1 edit, under 3 letters none (exact match). ``~0`` is
    an exact match; more than 2 is read as 2.

Fields (prefix names in French or English, case and accents ignored; the
value is a word, a ``"phrase"`` or a ``(group)``: ``titre:(otan OR onu)``;
a space after the colon is allowed)
    ============================= =============================================
    ``titre:`` ``title:``         words in the title
    ``texte:`` ``body:``          words in the body
    ``auteur:`` ``author:``       words in the byline
    ``acteur:`` ``actor:``        a person or an organisation
    ``personne:`` ``person:``     a person
    ``organisation:`` ``org:``    an organisation
    ``lieu:`` ``location:``       a place
    ``entite:`` ``entity:``       any of the three
    ``source:``                   the source label (``source:"Le Monde"``)
    ``date:``                     ``2024``, ``2024-06``, ``2024-06-19``,
                                  ``19/06/2024``, ``06/2024``; ranges
                                  ``2024-01..2024-06``, ``..2019``, ``2022..``
    ============================= =============================================

    Entity and source values compare on :func:`search.normalize.match_key`:
    the value matches a stored key equal to it or ending with it as whole
    words (``acteur:Poutine`` matches ``vladimir poutine``, ``source:monde``
    matches ``Le Monde``). Dates apply to ``published`` with inclusive bounds
    at the precision typed (``date:2024-06`` is 1-30 June, 23:59:59.999999
    included). An unknown prefix (``foo:bar``) is searched as the words
    ``foo bar``, with a note.

Names
    With an alias table, a word, a run of consecutive words or a phrase that
    spells a known entity matches every spelling of it: ``Putin`` finds
    ``Poutine``, ``Kursk`` finds ``Koursk``, ``RPDC`` finds ``Corée du Nord``
    (as phrases in title and body, plus the entity key in its facet field).
    The longest run of words that spells an alias wins
    (``République populaire démocratique de Corée``). ``acteur:Putin`` also
    matches the canonical key ``vladimir poutine``.

Repairs (each one leaves a French note in :attr:`ParsedQuery.notes`)
    An unclosed quote or parenthesis is closed at the end; a stray ``)``, a
    lone ``OR``, ``AND``, ``NOT`` or ``-``, empty ``()``, a field with no
    value, parentheses nested deeper than 16 are ignored; control characters
    are spaces; only the first 1,000 characters and 64 words or phrases are
    read. ``*`` alone browses every article. An invalid date (``2024-13``) is
    dropped from the query. A blank query matches every article; a query with
    nothing searchable left (only stop words, only emoji) sets
    :attr:`ParsedQuery.error` and matches nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from whoosh.fields import Schema
from whoosh.query import DateRange, Every, NullQuery, Query
from whoosh.reading import IndexReader

from search.aliases import AliasTable

from . import messages as msg
from .build import (
    Builder,
    NameLookup,
    RankedParts,
    Should,
    TermLookup,
    drop_function_words,
)
from .lexer import MAX_CHARS, clean, tokenize
from .multiterm import MAX_EXPANSIONS
from .syntax import MAX_TERMS, parse_tokens

__all__ = [
    "MAX_CHARS",
    "MAX_EXPANSIONS",
    "MAX_TERMS",
    "NameLookup",
    "ParsedQuery",
    "Should",
    "TermLookup",
    "parse_query",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query, what to highlight, and what to tell the user about it."""

    #: The Whoosh query: ``Every()`` for a blank query, ``NullQuery`` on error.
    query: Query
    #: Analyzed terms (stems) to mark in snippets, per field; never from excluded clauses.
    highlight_terms: Mapping[str, frozenset[str]] = field(default_factory=dict)
    #: French messages about repairs, shown next to the results.
    notes: tuple[str, ...] = ()
    #: A French message when nothing searchable was left; ``query`` then matches nothing.
    error: str | None = None
    #: True when words or phrases rank the results; False for filters only
    #: (``date:2024``, ``acteur:X``, ``*``), which callers may sort by date.
    has_text: bool = False
    #: The prefix and fuzzy queries among the positive clauses, for highlighting.
    expanding: tuple[Query, ...] = ()
    #: Ranked queries only: the words that rank without being required (then
    #: ``query`` holds what is required, often ``Every()``), the query that
    #: finds the documents with every word, and the query whose scores rank.
    should: tuple[Should, ...] = ()
    strict: Query | None = None
    ranking: Query | None = None
    #: ``ranking`` plus the words' relatives and neighbours, for a widened search.
    widened: Query | None = None
    #: (facet field, key) of the entities the query names (``Le Monde``).
    entities: tuple[tuple[str, str], ...] = ()
    #: Ranked queries: True when some clause is required (``+mot``, quotes,
    #: fields); the ranking words are then optional, as in Lucene. A ``date:``
    #: clause is a filter: alone, it leaves one of the words required.
    required: bool = False

    @property
    def ranked(self) -> bool:
        """True when some words rank without being required."""
        return bool(self.should)

    @property
    def dateless(self) -> Query | None:
        """``query`` with every ``date:`` clause matching any article, or None without one.

        It finds the undated articles that only a ``date:`` clause keeps out,
        to count them or, on request, include them as ``from``/``to`` do.
        """
        if not any(isinstance(q, DateRange) for q in self.query.leaves()):
            return None
        return _dates_open(self.query)

    def dates_opened(self) -> ParsedQuery:
        """This query with its ``date:`` clauses matching every article, for scoring.

        Used once the masks let undated articles in: they decide which
        documents are results, the queries only rank them.
        """
        return replace(
            self,
            query=_dates_open(self.query),
            strict=self.strict and _dates_open(self.strict),
            ranking=self.ranking and _dates_open(self.ranking),
            widened=self.widened and _dates_open(self.widened),
        )

    def highlight_terms_in(self, reader: IndexReader) -> dict[str, frozenset[str]]:
        """``highlight_terms`` plus what prefixes and typos expand to in *reader*.

        A word's relatives and neighbours are not marked: a question's dozens
        of them made the snippet pattern cost 100 ms to compile per page.
        """
        terms = {name: set(values) for name, values in self.highlight_terms.items()}
        # Segment by segment: each segment's expansions are cached (search/query/multiterm.py).
        leaves = [reader] if reader.is_atomic() else [leaf for leaf, _ in reader.leaf_readers()]
        for query in self.expanding:
            for name, text in (pair for leaf in leaves for pair in query.expanded_terms(leaf)):
                word = text.decode("utf-8") if isinstance(text, bytes) else text
                terms.setdefault(name, set()).add(word)
        return {name: frozenset(values) for name, values in terms.items()}


def _dates_open(query: Query) -> Query:
    return query.accept(lambda q: Every() if isinstance(q, DateRange) else q)


def parse_query(
    text: str,
    schema: Schema,
    aliases: AliasTable | None = None,
    ranked: bool = False,
    names: NameLookup | None = None,
    known: TermLookup | None = None,
) -> ParsedQuery:
    """Parse what the user typed; malformed input is repaired (with notes), never raised.

    *ranked*: words typed side by side rank rather than all being required
    (quotes, ``+``, fields, groups and operators keep their boolean meaning);
    *names* finds the entities the index knows by a name such as ``Le Monde``;
    with *known*, ranking words the index does not know are read with typos.
    """
    try:
        return _parse(
            text if isinstance(text, str) else str(text or ""),
            schema,
            aliases,
            ranked,
            names,
            known,
        )
    except Exception:  # the contract is "never raises": log it, tell the user
        log.exception("query parser failed on %r", str(text)[:200])
        return ParsedQuery(NullQuery, error=msg.INTERNAL_ERROR)


def _parse(
    text: str,
    schema: Schema,
    aliases: AliasTable | None,
    ranked: bool,
    names: NameLookup | None,
    known: TermLookup | None,
) -> ParsedQuery:
    notes: list[str] = []
    cleaned = clean(text, notes)
    if not cleaned.strip():
        return ParsedQuery(Every(), notes=tuple(notes))
    tree = parse_tokens(tokenize(cleaned, notes), notes)
    if tree is not None:
        tree = drop_function_words(tree)
    builder = Builder(schema, aliases, notes, names, known if ranked else None)
    if ranked and tree is not None:
        parts = builder.build_ranked(tree)
        if parts is not None and parts.should:
            return _ranked(builder, parts, notes)
        query = parts.base() if parts is not None else None
    else:
        query = builder.build(tree) if tree is not None else None
    if query is None:
        if builder.stop_words:
            error = msg.ONLY_STOP_WORDS.format(words=msg.quoted(" ".join(builder.stop_words)))
        else:
            error = msg.NOTHING_TO_SEARCH.format(text=msg.quoted(text))
        return ParsedQuery(NullQuery, notes=tuple(dict.fromkeys(notes)), error=error)
    if isinstance(query, Every):
        notes.append(msg.STAR_ALONE)
    highlight = {name: frozenset(terms) for name, terms in builder.highlight.items()}
    return ParsedQuery(
        query,
        highlight,
        tuple(dict.fromkeys(notes)),
        None,
        builder.has_text,
        tuple(builder.expanding),
        entities=tuple(dict.fromkeys(builder.entities)),
    )


def _ranked(builder: Builder, parts: RankedParts, notes: list[str]) -> ParsedQuery:
    """The ParsedQuery of a query whose words rank."""
    highlight = {name: frozenset(terms) for name, terms in builder.highlight.items()}
    return ParsedQuery(
        parts.base(),
        highlight,
        tuple(dict.fromkeys(notes)),
        None,
        builder.has_text,
        tuple(builder.expanding),
        tuple(parts.should),
        parts.strict(),
        parts.ranking(),
        parts.ranking(widened=True) if any(s.wide for s in parts.should) else None,
        tuple(dict.fromkeys(builder.entities)),
        any(not isinstance(q, (Every, DateRange)) for q in parts.required),
    )
