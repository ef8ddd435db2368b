"""The French analyzer: one chain for every text field, at index and at query time.

Order of the chain, and why:

1. ``FrenchTokenizer``: typography normalised (NFKC, invisible characters,
   apostrophe look-alikes, no-break spaces), French digit groups joined
   (``10 000`` -> ``10000``), hyphenated compounds split into consecutive
   positions so that ``États-Unis`` and the phrase ``"États Unis"`` agree.
   Character offsets always point into the original text, for highlighting.
2. ``ElisionFilter``: ``l'``, ``qu'``, ``jusqu'`` ... dropped; an apostrophe
   that belongs to the word (``aujourd'hui``) is removed, not split on.
3. Lowercase, then ``FrenchStopFilter`` *before* folding accents, so that
   ``sûr``, ``dû`` and ``né`` are not taken for ``sur``, ``du`` and ``ne``.
4. ``FoldFilter``: accents and ligatures folded (``œ`` -> ``oe``); words of
   other scripts spelled in Latin letters (``Путин`` -> ``putin``).
5. The stem (:func:`term_of_folded`): the folded word's lemma when the lemma table
   (:mod:`search.lemmas`) knows it (``travaillent`` -> ``travailler``,
   ``lieux`` -> ``lieu``), then Snowball French, after putting back the
   accents Snowball's suffix rules depend on (``-ée``, ``-ière``, ``-èrent``).
   Every term is a function of the folded word, so accent and case
   insensitivity hold by construction, and the recall Snowball loses on
   unaccented input is won back; the lemma wins back the verb inflections and
   ``-x`` plurals Snowball misses.

``FrenchTermFilter`` runs steps 2 to 5 as one memoised step; the separate
filters of steps 2 to 4 serve ``french_analyzer(stem=False)``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator

from whoosh.analysis import CompositeAnalyzer, Filter, LowercaseFilter, Token, Tokenizer

from .lemmas import lemma_of
from .normalize import ELIDED, INVISIBLE, TYPOGRAPHY, latin, strip_accents
from .stopwords import STOP_WORDS

#: Bump whenever the terms produced for some text change: indexes built with
#: another version are refused until ``loupe index --full`` rebuilds them.
ANALYZER_VERSION = 3

# A French digit group (``2 000 000``) or a word with its inner apostrophes
# and hyphens; spaces inside numbers are plain spaces once normalised.
TOKEN = re.compile(r"(?<![\w,.])\d{1,3}(?: \d{3})+(?![\w]|[,.]\d)|\w+(?:['-]\w+)*")
_HAS_INVISIBLE = re.compile("[" + "".join(map(chr, INVISIBLE)) + "]")
#: Typography fixes that keep every character in place (offsets stay valid);
#: an ellipsis is punctuation to the tokenizer either way.
SAME_LENGTH = {k: v for k, v in TYPOGRAPHY.items() if v is not None and len(v) == 1}
SAME_LENGTH[ord("…")] = "."


def _normalize_with_offsets(text: str) -> tuple[str, list[int] | None, list[int] | None]:
    """Normalised text plus, when lengths changed, the original span of each character.

    Most text is already NFKC with no invisible characters: it only needs a
    same-length translation, and offsets stay the identity (``None``).
    """
    if not _HAS_INVISIBLE.search(text):
        same_length = text.translate(SAME_LENGTH)
        # French copy is full of no-break spaces, which alone make text
        # "not NFKC": once they are plain spaces most text is.
        if unicodedata.is_normalized("NFKC", same_length):
            return same_length, None, None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        # A base character and its combining marks normalise together (NFD input).
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j]).translate(TYPOGRAPHY)
        if len(piece) > 1:
            # Marks NFKC could not compose would split the word in two.
            piece = "".join(c for c in piece if not unicodedata.combining(c))
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return "".join(out), starts, ends


class FrenchTokenizer(Tokenizer):
    """Split French text into words; offsets refer to the original text."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        """Yield one reused ``Token`` per word part, as Whoosh tokenizers do."""
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield from _whole_value(t, value, start_pos, start_char)
            return
        text, starts, ends = _normalize_with_offsets(value)
        pos = start_pos
        for match in TOKEN.finditer(text):
            word, begin = match.group(), match.start()
            # Hyphenated compounds: one token per part, at consecutive positions.
            for part in word.split("-") if "-" in word else (word,):
                end = begin + len(part)
                t.text = part.replace(" ", "") if " " in part else part
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = t.text
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar = start_char + (starts[begin] if starts else begin)
                    t.endchar = start_char + (ends[end - 1] if ends else end)
                pos += 1
                begin = end + 1
                yield t


def _whole_value(t: Token, value: str, start_pos: int, start_char: int) -> Iterator[Token]:
    t.original = t.text = value
    t.boost = 1.0
    t.pos = start_pos
    t.startchar, t.endchar = start_char, start_char + len(value)
    yield t


class ElisionFilter(Filter):
    """Drop elided articles and pronouns: ``L'État`` -> ``État``, ``QU'IL`` -> ``IL``.

    An apostrophe that belongs to the word is removed instead:
    ``aujourd'hui`` -> ``aujourdhui``, so that both spellings match.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Rewrite each token's text in place."""
        for t in tokens:
            if "'" in t.text:
                t.text, shift = elide(t.text)
                if t.chars:  # highlight "État", not "l'État"
                    t.startchar += shift
            yield t


def elide(word: str) -> tuple[str, int]:
    """*word* without its elided head nor apostrophes, and how many characters went first."""
    head, apostrophe, rest = word.partition("'")
    if apostrophe and head.lower() in ELIDED:
        return rest.replace("'", ""), len(head) + 1
    return word.replace("'", ""), 0


class FrenchStopFilter(Filter):
    """Drop French function words, matched on the lowercased, still accented word."""

    def __init__(self, stoplist: frozenset[str] = STOP_WORDS) -> None:
        self.stops = stoplist

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Remove stop words, renumbering positions so phrases stay contiguous."""
        stops = self.stops
        pos: int | None = None
        for t in tokens:
            if t.text not in stops:
                if t.positions:
                    pos = t.pos if pos is None else pos + 1
                    t.pos = pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


def _fold_table() -> dict[int, str]:
    """Precomputed accent folding for the Latin letters French text uses."""
    table = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        folded = strip_accents(char)
        if folded != char and folded.isascii():
            table[code] = folded
    return table


FOLD_TABLE = _fold_table()
_NOT_WORD = re.compile(r"[^a-z0-9]+")


class FoldFilter(Filter):
    """Fold accents and ligatures: ``Élysée`` -> ``elysee``, ``cœur`` -> ``coeur``."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Fold each token's text in place."""
        for t in tokens:
            if not t.text.isascii():
                t.text = fold_word(t.text)
            yield t


def fold_word(word: str) -> str:
    """*word* without accents or ligatures, by table for the Latin letters French uses.

    A word in another script is spelled in Latin letters (``путин`` ->
    ``putin``), so that it meets its French or English spelling and aliases.
    """
    if word.isascii():
        return word
    word = word.translate(FOLD_TABLE)
    if word.isascii():
        return word
    word = strip_accents(word)
    return word if word.isascii() else _latin_word(word)


def _latin_word(word: str) -> str:
    """A lowercase word of another script in ASCII letters and digits; itself when none."""
    spelled = _NOT_WORD.sub("", latin(word).lower())
    return spelled or word


# Accents Snowball French needs to recognise a suffix, put back on folded
# words: measured by bench/analyzer.py, each one raises conflation recall.
REACCENT = (
    (re.compile(r"ieres?$"), "ière"),
    (re.compile(r"eres?$"), "ère"),
    (re.compile(r"erent$"), "èrent"),
    (re.compile(r"ees?$"), "ée"),
)
_REACCENT_ANY = re.compile(r"(?:ieres?|eres?|erent|ees?)$")
_stemmers = threading.local()


def _snowball() -> object:
    """This thread's French stemmer: PyStemmer objects are not thread-safe."""
    stemmer = getattr(_stemmers, "french", None)
    if stemmer is None:
        import snowballstemmer

        stemmer = _stemmers.french = snowballstemmer.stemmer("french")
    return stemmer


def stem_folded(word: str) -> str:
    """Stem an accent-free, lowercase French word, restoring suffix accents first."""
    if _REACCENT_ANY.search(word):
        for pattern, accented in REACCENT:
            if pattern.search(word):
                plural = "s" if word.endswith("s") and accented != "èrent" else ""
                word = pattern.sub(accented + plural, word)
                break
    stem = _snowball().stemWord(word)  # type: ignore[attr-defined]
    return stem if stem.isascii() else stem.translate(FOLD_TABLE)


def term_of_folded(word: str) -> str:
    """The term of an accent-free, lowercase French word: its lemma's stem."""
    return word if word.isdigit() else stem_folded(lemma_of(word))


#: Memo entries before a memo is emptied and starts again.
_MEMO_LIMIT = 500_000


#: One word as the tokenizer yields it -> (term, is a stop word, characters
#: the elision removed from its start). Shared by every thread: dict reads and
#: writes are atomic in CPython, and a race at worst analyses one word twice.
_TERM_MEMO: dict[str, tuple[str, bool, int]] = {}


def _term_of(word: str) -> tuple[str, bool, int]:
    """What elision, lowercase, stop words, folding and lemma stemming make of *word*."""
    word, shift = elide(word)
    word = word.lower()
    stopped = word in STOP_WORDS
    word = fold_word(word)
    if not stopped:
        word = term_of_folded(word)
    return word, stopped, shift


class FrenchTermFilter(Filter):
    """Steps 2 to 5 in one memoised step: elision, lowercase, stop words, folding, stem.

    One dictionary look-up per word instead of a generator hop per step:
    indexing spends most of its writing time in the analyzer.
    """

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        """Rewrite each token in place; drop stop words unless asked to keep them."""
        memo = _TERM_MEMO
        pos: int | None = None
        for t in tokens:
            entry = memo.get(t.text)
            if entry is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                entry = memo[t.text] = _term_of(t.text)
            t.text, stopped, shift = entry
            if shift and t.chars:  # highlight "État", not "l'État"
                t.startchar += shift
            if stopped:
                if not t.removestops:
                    t.stopped = True
                    yield t
                continue
            if t.positions:
                pos = t.pos if pos is None else pos + 1
                t.pos = pos
            t.stopped = False
            yield t


def french_analyzer(stem: bool = True) -> CompositeAnalyzer:
    """The analyzer of every French text field; ``stem=False`` keeps whole folded words."""
    if stem:
        return CompositeAnalyzer(FrenchTokenizer(), FrenchTermFilter())
    return (
        FrenchTokenizer() | ElisionFilter() | LowercaseFilter() | FrenchStopFilter() | FoldFilter()
    )


_default_analyzer: list[CompositeAnalyzer] = []


def terms(text: str, analyzer: CompositeAnalyzer | None = None) -> list[str]:
    """The terms the index stores for *text*; used by tests and ``loupe analyze``."""
    if analyzer is None:
        if not _default_analyzer:
            _default_analyzer.append(french_analyzer())
        analyzer = _default_analyzer[0]
    return [t.text for t in analyzer(text)]
