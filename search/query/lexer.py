"""Query text -> tokens: words, phrases, operators, field prefixes, parentheses."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from search.normalize import INVISIBLE, normalize_typography

from . import messages as msg
from .fields import FRENCH_NAMES, field_spec

#: Longest query read; the rest is dropped with a note.
MAX_CHARS = 1000

WORD, PHRASE, FIELD = "WORD", "PHRASE", "FIELD"
LPAREN, RPAREN, AND, OR, NOT = "(", ")", "AND", "OR", "NOT"
#: Operators are recognised in capitals only: lowercase « ou », « et » are
#: ordinary (stop) words and « or » is a noun.
OPERATORS = {
    "OR": OR,
    "OU": OR,
    "||": OR,
    "AND": AND,
    "ET": AND,
    "&&": AND,
    "NOT": NOT,
    "SAUF": NOT,
}
# Guillemets and curly quotes delimit phrases like straight quotes.
QUOTES = dict.fromkeys(map(ord, "«»“”„‟"), '"')
# Letters, marks, numbers, punctuation, symbols and spaces are kept; control,
# format, surrogate, private-use and unassigned code points become spaces.
_DROPPED_CATEGORIES = frozenset(["Cc", "Cf", "Cs", "Co", "Cn"])
# A French digit group typed with spaces (``10 000``) is one number, as in the analyzer.
_DIGIT_GROUP = re.compile(r"(?<![\w,.])\d{1,3}(?: \d{3})+(?![\w]|[,.]\d)")
_PIECE = re.compile(r'\s+|[()]|"[^"]*"?|[^\s()"]+')
_SLOP = re.compile(r"~(\d{0,3})(?=[\s()]|$)")
_FUZZY = re.compile(r"^(.+?)~(\d{0,3})$")
_FIELD = re.compile(r"^([^\W\d_]\w*):(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Token:
    """One lexical unit; modifiers are read off words and phrases here."""

    kind: str
    text: str = ""
    prefix: bool = False  # word*
    fuzzy: int | None = None  # word~N
    slop: int | None = None  # "a phrase"~N
    required: bool = False  # +word


def clean(text: str, notes: list[str]) -> str:
    """Cap the length, drop control characters and normalise typography and quotes."""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(msg.TRUNCATED.format(limit="1 000"))
    # Invisible characters join (``po\u00adlitique``); other unprintables separate.
    text = "".join(
        " " if unicodedata.category(c) in _DROPPED_CATEGORIES and not c.isspace() else c
        for c in text.translate(INVISIBLE)
    )
    text = normalize_typography(text).translate(QUOTES)
    return _DIGIT_GROUP.sub(lambda m: m.group().replace(" ", ""), text)


def tokenize(text: str, notes: list[str]) -> list[Token]:
    """Tokens of cleaned query text; repairs are reported in *notes*."""
    tokens: list[Token] = []
    for match in _PIECE.finditer(text):
        piece = match.group()
        if piece.isspace():
            continue
        if piece in "()":
            tokens.append(Token(piece))
        elif piece.startswith('"'):
            tokens.append(_phrase(piece, text, match.end(), notes))
        else:
            nxt = text[match.end() : match.end() + 1]
            tokens.extend(_word(piece, nxt, tokens, notes))
    return tokens


def _phrase(piece: str, text: str, end: int, notes: list[str]) -> Token:
    if len(piece) == 1 or not piece.endswith('"'):
        notes.append(msg.UNCLOSED_QUOTE)
        body = piece[1:]
    else:
        body = piece[1:-1]
    slop = _SLOP.match(text, end)
    return Token(PHRASE, body, slop=int(slop.group(1) or 1) if slop else None)


def _word(piece: str, nxt: str, previous: list[Token], notes: list[str]) -> list[Token]:
    if piece in OPERATORS:
        return [Token(OPERATORS[piece], piece)]
    if previous and previous[-1].kind == PHRASE and _SLOP.fullmatch(piece):
        return []  # the ~N of the phrase before, already read
    out: list[Token] = []
    body = piece.lstrip("+")
    required = body != piece
    if body.startswith("-"):
        body = body.lstrip("-")
        if body or (nxt and nxt in '"('):
            out.append(Token(NOT, "-"))
        else:
            notes.append(msg.LONE_OPERATOR.format(op="« - »"))
    if not body:
        return out
    field = _FIELD.match(body)
    if field:
        name, rest = field.groups()
        if field_spec(name):
            out.append(Token(FIELD, name))
            return out + ([_value(rest)] if rest else [])
        if not rest.startswith("/"):  # not an URL
            notes.append(msg.UNKNOWN_FIELD.format(field=msg.quoted(name + ":"), known=FRENCH_NAMES))
            return out + [_value(name)] + ([_value(rest)] if rest else [])
    return out + [_value(body, required=required and not out)]


def _value(text: str, required: bool = False) -> Token:
    """A word token with its ``~N`` or ``*`` modifier read off."""
    fuzzy = _FUZZY.match(text)
    if fuzzy:
        return Token(WORD, fuzzy.group(1), fuzzy=int(fuzzy.group(2) or 1), required=required)
    if text.endswith("*") and text.strip("*"):
        return Token(WORD, text.rstrip("*"), prefix=True, required=required)
    return Token(WORD, text, required=required)
