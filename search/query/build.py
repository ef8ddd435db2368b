"""Syntax tree -> Whoosh query: analysis, fields, aliases, prefixes, typos and dates."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeGuard

from whoosh.fields import Schema
from whoosh.query import (
    And,
    AndNot,
    DateRange,
    Every,
    Or,
    Phrase,
    Query,
    Term,
)

from search.aliases import AliasTable, Canonical
from search.analysis import french_analyzer
from search.neighbours import neighbours
from search.normalize import match_key

from . import messages as msg
from .bestof import BestOf
from .dates import date_bounds
from .fields import BOOSTS, DEFAULT_FIELDS, FieldSpec, field_spec
from .multiterm import CappedFuzzy, CappedPrefix, KeyMatch, Relatives
from .syntax import Group, Leaf, Negation, Node
from .words import is_auxiliary_participle, is_function_word

#: Entity key (``le monde``) -> the (facet field, key) pairs the index knows it by.
NameLookup = Callable[[str], Sequence[tuple[str, str]]]
#: (field, term) -> whether the index holds that term.
TermLookup = Callable[[str, str], bool]
#: A ranking word the index does not know is read with this many typos
#: (shorter stems get one at most, see ``_fuzzy``); shorter stems are left alone.
TYPO_DISTANCE = 2
MIN_TYPO_STEM = 4
#: An entity name found in the query weighs this much more than its words.
NAME_BOOST = 4.0
#: Weight of a word's relatives (``espagnol`` for ``Espagne``) against the word's own.
RELATIVE_BOOST = 0.3
#: Weight of the terms used near a word (``emprison`` for ``prison``) against the word's own.
NEIGHBOUR_BOOST = 0.3

#: Shortest prefix before ``*``, after folding.
MIN_PREFIX = 2
#: Largest ``~N`` after a phrase (words allowed between two words of it).
MAX_SLOP = 20
#: Longest alias tried on consecutive words (``République populaire démocratique de Corée``).
MAX_ALIAS_WORDS = 8
#: Folded, unstemmed words with stop words flagged, not dropped: for prefixes and messages.
_WORDS = french_analyzer(stem=False)
#: Text fields where a query word may be an alias of an entity.
_ALIAS_FIELDS = frozenset(["title", "body"])


class UnionOr(Or):
    """An Or that always walks its clauses as a tree of unions.

    Whoosh's automatic choice preloads every posting of every clause into
    arrays whenever a segment holds 5,000 documents or fewer, which is what a
    large indexing run leaves: a search then cost 57 ms instead of 35.
    """

    matcher_type = Or.DEFAULT_MATCHER


def _or(queries: Sequence[Query]) -> Query:
    return queries[0] if len(queries) == 1 else UnionOr(list(queries))


def _and(queries: Sequence[Query]) -> Query:
    return queries[0] if len(queries) == 1 else And(list(queries))


def _analyzed_words(text: str) -> list[tuple[str, bool]]:
    """Folded words of *text*, each with its stop-word flag."""
    return [(t.text, t.stopped) for t in _WORDS(text, removestops=False)]


def _minimal(phrases: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Drop a phrase that contains a shorter kept one: it can only match less."""
    kept: list[tuple[str, ...]] = []
    for phrase in sorted(set(phrases), key=lambda p: (len(p), p)):
        if not any(_contains(phrase, small) for small in kept):
            kept.append(phrase)
    return kept


def _contains(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(phrase[i : i + n] == part for i in range(len(phrase) - n + 1))


def _is_soft_word(node: Node | None) -> TypeGuard[Leaf]:
    """A word typed without quotes, ``+`` or field: it ranks, it is not required."""
    return (
        isinstance(node, Leaf)
        and node.field is None
        and not node.phrase
        and not node.required
        and bool(node.text.strip("*"))
    )


def _juxtaposed(node: Node) -> list[Node]:
    """The clauses typed side by side, parentheses without an operator opened.

    ``(la réponse n'est pas "ADN")`` is an aside in a sentence: its words rank
    and its quotes bind as they would outside the parentheses.
    """
    if not (isinstance(node, Group) and node.op == "and" and not node.explicit):
        return [node]
    return [clause for child in node.children for clause in _juxtaposed(child)]


def drop_function_words(node: Node) -> Node:
    """The query without its question words (``combien``, ``pourquoi``, ``a été``…) at the top.

    They never make a query fail; they still count inside quotes, and a query
    of nothing but such words is kept as typed.
    """
    if _is_soft_word(node) or not isinstance(node, Group) or node.op != "and":
        return node
    kept = tuple(
        c
        for i, c in enumerate(node.children)
        if not (_is_soft_word(c) and _asks_only(node.children[:i], c))
    )
    if not kept or len(kept) == len(node.children):
        return node
    return kept[0] if len(kept) == 1 else Group("and", kept, node.explicit)


def _asks_only(before: Sequence[Node], leaf: Leaf) -> bool:
    """A question word, or ``été`` as the auxiliary of a compound tense (``a été``)."""
    if is_function_word(leaf.text):
        return True
    words = [c.text for c in before if isinstance(c, Leaf)]
    return is_auxiliary_participle(words, leaf.text)


@dataclass(frozen=True)
class Should:
    """A word (or a name) of a ranked query: it ranks and counts, it is not required.

    ``query`` finds the documents that have it; ``strong``, when set, the only
    ones that count as having it in full (a name such as ``Le Monde``, whose
    words alone are common words).
    """

    text: str
    query: Query
    strong: Query | None = None
    #: What scores the word when not ``query``: a name found under any of its
    #: aliases ranks as one word, not as the sum of every alias it matches.
    rank: Query | None = None
    #: The word's relatives and neighbours (``espagnol``, ``emprison``): what
    #: widens a search whose words find few articles.
    wide: Query | None = None

    @property
    def complete(self) -> Query:
        """The documents that fully have this word or name."""
        return self.strong if self.strong is not None else self.query


@dataclass(frozen=True)
class RankedParts:
    """A ranked query: required clauses, excluded ones, and words that rank."""

    required: list[Query]
    negatives: list[Query]
    should: list[Should]

    def base(self) -> Query:
        """What every result must match: required clauses, minus exclusions."""
        positives = [q for q in self.required if not isinstance(q, Every)]
        base = _and(positives) if positives else Every()
        return AndNot(base, _or(self.negatives)) if self.negatives else base

    def strict(self) -> Query:
        """Documents with every word: the old all-words query."""
        positives = [q for q in self.required if not isinstance(q, Every)]
        positives += [s.complete for s in self.should]
        base = _and(positives) if positives else Every()
        return AndNot(base, _or(self.negatives)) if self.negatives else base

    def ranking(self, widened: bool = False) -> Query:
        """The query whose scores order the results (*widened*: with the words' relatives)."""
        positives = [q for q in self.required if not isinstance(q, Every)]
        clauses = positives + [s.rank if s.rank is not None else s.query for s in self.should]
        if widened:
            clauses += [s.wide for s in self.should if s.wide is not None]
        return _or(clauses) if clauses else Every()


def _is_plain_word(node: Node | None) -> TypeGuard[Leaf]:
    return (
        isinstance(node, Leaf)
        and node.field is None
        and not node.phrase
        and not node.prefix
        and node.fuzzy is None
        and bool(node.text.strip("*"))
    )


class Builder:
    """Turns one syntax tree into a Whoosh query, collecting what highlighting needs."""

    def __init__(
        self,
        schema: Schema,
        aliases: AliasTable | None,
        notes: list[str],
        names: NameLookup | None = None,
        known: TermLookup | None = None,
    ) -> None:
        self.schema = schema
        self.aliases = aliases
        self.names = names
        self.known = known
        self.entities: list[tuple[str, str]] = []
        self.notes = notes
        self.default_fields = tuple(f for f in DEFAULT_FIELDS if f in schema)
        self.highlight: dict[str, set[str]] = {}
        self.expanding: list[Query] = []
        self.has_text = False
        self.stop_words: list[str] = []
        self._analyzed: dict[tuple[str, str], list[str]] = {}

    def build(self, node: Node, positive: bool = True) -> Query | None:
        """The query for *node*; ``None`` when nothing in it can be searched."""
        if isinstance(node, Leaf):
            return self._leaf(node, positive)
        if isinstance(node, Negation) or node.op == "and":
            children = (node,) if isinstance(node, Negation) else node.children
            return self._conjunction(children, positive)
        return self._disjunction(node, positive)

    def build_ranked(self, node: Node) -> RankedParts | None:
        """Words typed side by side rank; quotes, ``+``, fields, groups and operators bind."""
        children = _juxtaposed(node)
        parts = RankedParts([], [], [])
        run: list[Leaf] = []
        for child in (*children, None):
            if _is_soft_word(child):
                run.append(child)
                continue
            parts.should.extend(self._soft_run(run))
            run = []
            if isinstance(child, Negation):
                query = self.build(child.child, False)
                if query is not None:
                    parts.negatives.append(query)
            elif child is not None:
                query = self.build(child, True)
                if query is not None:
                    parts.required.append(query)
        if not (parts.required or parts.negatives or parts.should):
            return None
        return parts

    def _soft_run(self, run: list[Leaf]) -> list[Should]:
        """Consecutive ranking words: aliases and known names first, then word by word."""
        out: list[Should] = []
        for span, found in self._spans(run, names=True):
            if isinstance(found, Should):
                out.append(found)
            elif found is not None:
                text = " ".join(leaf.text for leaf in span)
                query = self._alias(found, self.default_fields, True, True)
                out.append(Should(text, query, rank=self._alias_rank(text, found)))
            else:
                query = self._leaf(self._with_typos(span[0]), True)
                if query is not None:
                    out.append(self._with_related(span[0], query))
        return out

    def _with_related(self, leaf: Leaf, query: Query) -> Should:
        """A ranking word with the relatives and neighbours that may widen its search."""
        if leaf.prefix or leaf.phrase or self._is_alias(leaf.text):
            return Should(leaf.text, query)
        clauses: list[Query] = []
        for field in self._family_fields() if RELATIVE_BOOST > 0 else ():
            terms = self._terms(field, leaf.text)
            if len(terms) == 1 and terms[0].isalpha():
                boost = RELATIVE_BOOST * BOOSTS.get(field, 1.0)
                clauses.append(Relatives(field, terms[0], boost=boost))
        clauses.extend(self._neighbours(leaf))
        # The best relative or neighbour scores: many of them in one article
        # must not outweigh one word it really has.
        return Should(leaf.text, query, wide=BestOf(clauses) if clauses else None)

    def _with_typos(self, leaf: Leaf) -> Leaf:
        """A ranking word the index does not know, read with typos (``joural``).

        Real questions are typed fast; a word no article uses cannot rank
        anything, while its near spellings that articles use can.
        """
        if self.known is None or leaf.prefix or leaf.fuzzy is not None:
            return leaf
        terms = self._terms("body", leaf.text) if "body" in self.schema else []
        if len(terms) != 1 or len(terms[0]) < MIN_TYPO_STEM or not terms[0].isalpha():
            return leaf
        if any(self.known(field, terms[0]) for field in self.default_fields):
            return leaf
        return Leaf(leaf.text, fuzzy=TYPO_DISTANCE)

    def _family_fields(self) -> list[str]:
        """The default fields of running text, where a word has relatives (not ``author``)."""
        return [field for field in self.default_fields if field in _ALIAS_FIELDS]

    def _is_alias(self, text: str) -> bool:
        """True when *text* names an entity of the alias table (``Poutine``, ``Putin``)."""
        return self.aliases is not None and self.aliases.canonical(text) is not None

    def _neighbours(self, leaf: Leaf) -> list[Query]:
        """The terms used near a ranking word, in each default field, at a low weight."""
        if NEIGHBOUR_BOOST <= 0 or "body" not in self.schema:
            return []
        own = self._terms("body", leaf.text)
        if len(own) != 1:
            return []
        return [
            Term(field, term, boost=NEIGHBOUR_BOOST * BOOSTS.get(field, 1.0))
            for term in neighbours(own[0])
            for field in self._family_fields()
        ]

    def _alias_rank(self, text: str, canonical: Canonical) -> Query | None:
        """The name as typed plus the entity key: what ranks an alias span."""
        words = self._match(text, self.default_fields, True)
        if canonical.kind not in self.schema:
            return words
        entity = Term(canonical.kind, canonical.key)
        return _or([words, entity]) if words is not None else entity

    def _name_span(self, run: list[Leaf], keys: list[str], start: int) -> tuple[int, Should | None]:
        """The longest run of words from *start* that names an entity the index knows.

        Only names with a function word (``Le Monde``, ``La France insoumise``,
        ``Le Pen``) need it: their other words alone are common words.
        """
        if self.names is None:
            return start, None
        for end in range(min(len(keys), start + MAX_ALIAS_WORDS), start + 1, -1):
            span = [leaf for leaf in run[start:end] if not (leaf.prefix or leaf.fuzzy)]
            if len(span) < end - start:
                continue
            text = " ".join(leaf.text for leaf in span)
            found = self._known_name(text)
            if found:
                return end, self._name(text, found)
        return start, None

    def _known_name(self, text: str) -> Sequence[tuple[str, str]]:
        """The entities named by *text* when it holds a function word (``Le Monde``)."""
        if self.names is None or not any(stopped for _, stopped in _analyzed_words(text)):
            return ()
        return self.names(match_key(text))

    def _name(self, text: str, found: Sequence[tuple[str, str]]) -> Should:
        """A known name: its entity keys count in full, its words only rank."""
        self.entities.extend(found)
        strong = _or([Term(field, key, boost=NAME_BOOST) for field, key in found])
        words = self._match(text, self.default_fields, True)
        query = _or([strong, words]) if words is not None else strong
        for field in _ALIAS_FIELDS & set(self.default_fields):
            self._mark_name(field, self._terms(field, text), True)
        self.has_text = True
        return Should(text, query, strong)

    # --- boolean structure -------------------------------------------------

    def _conjunction(self, children: Sequence[Node], positive: bool) -> Query | None:
        built: list[Query] = []
        negatives: list[Query] = []
        run: list[Leaf] = []
        for child in (*children, None):
            if _is_plain_word(child):
                run.append(child)
                continue
            built.extend(self._run(run, positive))
            run = []
            if isinstance(child, Negation):
                query = self.build(child.child, not positive)
                if query is not None:
                    negatives.append(query)
            elif child is not None:
                query = self.build(child, positive)
                if query is not None:
                    built.append(query)
        # Every is neutral in a conjunction; Whoosh's And.normalize() would
        # instead turn the whole And into Every, so it never goes inside one.
        positives = [q for q in built if not isinstance(q, Every)]
        if not positives and not negatives:
            return Every() if built else None
        base = _and(positives) if positives else Every()
        return AndNot(base, _or(negatives)) if negatives else base

    def _disjunction(self, node: Group, positive: bool) -> Query | None:
        queries = [q for q in (self.build(c, positive) for c in node.children) if q is not None]
        if any(isinstance(q, Every) for q in queries):
            return Every()
        return _or(queries) if queries else None

    def _run(self, run: list[Leaf], positive: bool) -> list[Query]:
        """Consecutive plain words: longest multi-word aliases first, then word by word."""
        out: list[Query] = []
        for span, found in self._spans(run, names=False):
            query = (
                self._alias(found, self.default_fields, positive, True)
                if isinstance(found, Canonical)
                else self._leaf(span[0], positive)
            )
            if query is not None:
                out.append(query)
        return out

    def _spans(
        self, run: list[Leaf], names: bool
    ) -> Iterator[tuple[list[Leaf], Canonical | Should | None]]:
        """A run of plain words cut into spans: the longest multi-word alias, else a
        name the index knows (with *names*), else one word (paired with None)."""
        keys = [match_key(leaf.text) for leaf in run]
        i = 0
        while i < len(run):
            end, canonical = self._alias_span(keys, i)
            if canonical is not None:
                yield run[i:end], canonical
                i = end
                continue
            if names:
                end, should = self._name_span(run, keys, i)
                if should is not None:
                    yield run[i:end], should
                    i = end
                    continue
            yield run[i : i + 1], None
            i += 1

    def _alias_span(self, keys: list[str], start: int) -> tuple[int, Canonical | None]:
        if self.aliases is None:
            return start, None
        for end in range(min(len(keys), start + MAX_ALIAS_WORDS), start + 1, -1):
            key = " ".join(k for k in keys[start:end] if k)
            canonical = self.aliases.canonical(key) if key else None
            if canonical is not None:
                return end, canonical
        return start, None

    # --- leaves --------------------------------------------------------------

    def _leaf(self, leaf: Leaf, positive: bool) -> Query | None:
        spec = field_spec(leaf.field) if leaf.field else None
        if spec is None:
            return self._text(leaf, self.default_fields, positive, entity=True)
        targets = tuple(f for f in spec.targets if f in self.schema)
        if not targets:
            return None
        if spec.kind == "text":
            return self._text(leaf, targets, positive, entity=False)
        if spec.kind == "date":
            return self._date(leaf, targets[0])
        return self._keys(leaf, spec, targets, positive)

    def _text(
        self, leaf: Leaf, fields: tuple[str, ...], positive: bool, entity: bool
    ) -> Query | None:
        if not leaf.phrase and not leaf.text.strip("*"):
            return Every()
        if leaf.prefix:
            return self._prefix(leaf.text, fields, positive)
        if leaf.fuzzy is not None:
            return self._fuzzy(leaf, fields, positive)
        if self.aliases is not None and leaf.slop is None and not _ALIAS_FIELDS.isdisjoint(fields):
            canonical = self.aliases.canonical(leaf.text)
            if canonical is not None:
                return self._alias(canonical, fields, positive, entity)
        if leaf.phrase and leaf.slop is None and positive and entity:
            found = self._known_name(leaf.text)
            if found:
                return self._name(leaf.text, found).query
        slop = min(leaf.slop, MAX_SLOP) if leaf.slop is not None else 0
        if leaf.slop is not None and leaf.slop > MAX_SLOP:
            self.notes.append(msg.SLOP_CAP.format(word=msg.quoted(f"~{leaf.slop}"), max=MAX_SLOP))
        return self._match(leaf.text, fields, positive, slop + 1, leaf.phrase)

    def _terms(self, field: str, text: str) -> list[str]:
        key = (field, text)
        if key not in self._analyzed:
            self._analyzed[key] = list(self.schema[field].process_text(text, mode="query"))
        return self._analyzed[key]

    def _mark_name(self, field: str, terms: Sequence[str], positive: bool) -> None:
        """Mark an entity's name as a phrase: ``Société nationale des chemins de fer
        français`` lights up where it is written, never every « nationale »."""
        self._mark(field, terms, positive)

    def _mark(self, field: str, terms: Iterable[str], positive: bool) -> None:
        """Mark one term, or several as a phrase (``etat unis``): marked only whole."""
        terms = [t for t in terms if t]
        if positive and terms:
            self.highlight.setdefault(field, set()).add(" ".join(terms))

    def _match(
        self, text: str, fields: Iterable[str], positive: bool, slop: int = 1, quoted: bool = False
    ) -> Query | None:
        """Each field's term (one word) or phrase (several words: ``États-Unis``), OR-ed."""
        clauses = []
        for field in fields:
            terms = self._terms(field, text)
            if terms:
                self._mark(field, terms, positive)
                boost = BOOSTS.get(field, 1.0)
                clauses.append(
                    Term(field, terms[0], boost=boost)
                    if len(terms) == 1
                    else Phrase(field, terms, slop=slop, boost=boost)
                )
        if clauses:
            self.has_text = self.has_text or positive
            return _or(clauses)
        words = _analyzed_words(text)
        if words and all(stopped for _, stopped in words):
            self.stop_words.append(text)
            if quoted:
                self.notes.append(msg.STOP_PHRASE.format(text=msg.quoted(text)))
        return None

    def _alias(
        self, canonical: Canonical, fields: Iterable[str], positive: bool, entity: bool
    ) -> Query:
        """Any name of the entity, as phrases, plus its key in the entity field."""
        assert self.aliases is not None
        names = self.aliases.names_for(canonical.key) | {canonical.label}
        clauses: list[Query] = []
        for field in [f for f in fields if f in _ALIAS_FIELDS]:
            boost = BOOSTS.get(field, 1.0)
            phrases = [tuple(self._terms(field, name)) for name in sorted(names)]
            for phrase in phrases:
                self._mark_name(field, phrase, positive)
            for phrase in _minimal(p for p in phrases if p):
                clauses.append(
                    Term(field, phrase[0], boost=boost)
                    if len(phrase) == 1
                    else Phrase(field, list(phrase), boost=boost)
                )
        if entity and canonical.kind in self.schema:
            clauses.append(Term(canonical.kind, canonical.key))
            if positive:
                self.entities.append((canonical.kind, canonical.key))
        self.has_text = self.has_text or positive
        return _or(clauses)

    def _prefix(self, text: str, fields: tuple[str, ...], positive: bool) -> Query | None:
        """``écon*``: a prefix of the stored stems, plus the stem of the typed prefix."""
        words = [word for word, _ in _analyzed_words(text)]
        if not words:
            return None
        head, last = " ".join(words[:-1]), words[-1]
        if len(last) < MIN_PREFIX:
            self.notes.append(msg.SHORT_PREFIX.format(word=msg.quoted(text + "*"), min=MIN_PREFIX))
            return self._match(head, fields, positive) if head else None
        clauses: list[Query] = []
        for field in fields:
            boost = BOOSTS.get(field, 1.0)
            prefix = CappedPrefix(field, last, boost=boost)
            clauses.append(prefix)
            if positive:
                self.expanding.append(prefix)
            stem = self._terms(field, last)
            if len(stem) == 1 and not stem[0].startswith(last):
                clauses.append(Term(field, stem[0], boost=boost))
                self._mark(field, stem, positive)
        self.has_text = self.has_text or positive
        query = _or(clauses)
        before = self._match(head, fields, positive) if head else None
        return And([before, query]) if before is not None else query

    def _fuzzy(self, leaf: Leaf, fields: tuple[str, ...], positive: bool) -> Query | None:
        """``mot~2``: index terms within that many edits of the word's stem."""
        distance = leaf.fuzzy or 0
        if distance > 2:
            self.notes.append(msg.FUZZY_CAP.format(word=msg.quoted(f"{leaf.text}~{distance}")))
            distance = 2
        clauses: list[Query] = []
        for field in fields:
            terms = self._terms(field, leaf.text)
            if len(terms) != 1 or distance == 0 or len(terms[0]) < 3:
                return self._match(leaf.text, fields, positive)
            # Short words would match too much; two typos need two right letters.
            maxdist = min(distance, 1 if len(terms[0]) < 6 else 2)
            fuzzy = CappedFuzzy(
                field, terms[0], boost=BOOSTS.get(field, 1.0), maxdist=maxdist, prefixlength=maxdist
            )
            clauses.append(fuzzy)
            if positive:
                self.expanding.append(fuzzy)
        self.has_text = self.has_text or positive
        return _or(clauses) if clauses else None

    def _keys(
        self, leaf: Leaf, spec: FieldSpec, targets: tuple[str, ...], positive: bool
    ) -> Query | None:
        """``acteur:Poutine``, ``source:"Le Monde"``: keys, their word suffixes, aliases."""
        key = match_key(leaf.text)
        if not key:
            self.notes.append(msg.EMPTY_VALUE.format(field=msg.quoted(f"{leaf.field}:{leaf.text}")))
            return None
        fold = spec.kind == "source"
        clauses: list[Query] = [KeyMatch(field, key, fold_stored=fold) for field in targets]
        names = {leaf.text}
        aliases = None if fold else self.aliases
        canonical = aliases.canonical(leaf.text) if aliases is not None else None
        if aliases is not None and canonical is not None:
            names |= aliases.names_for(canonical.key)
            if canonical.key != key:
                clauses.extend(Term(field, canonical.key) for field in targets)
        if not fold:
            for field in [f for f in self.default_fields if f in _ALIAS_FIELDS]:
                for name in names:
                    self._mark_name(field, self._terms(field, name), positive)
        return _or(clauses)

    def _date(self, leaf: Leaf, field: str) -> Query | None:
        bounds = date_bounds(leaf.text, self.notes)
        return DateRange(field, *bounds) if bounds is not None else None
