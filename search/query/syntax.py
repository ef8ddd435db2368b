"""Tokens -> syntax tree, by recursive descent; malformed input is repaired, never refused.

Grammar (``AND`` binds tighter than ``OR``; juxtaposition means ``AND``)::

    query   := or_expr*              (stray ``)`` are skipped between them)
    or_expr := and_expr (OR and_expr)*
    and_expr:= unary ((AND)? unary)*
    unary   := NOT* primary
    primary := "(" or_expr ")" | FIELD primary | WORD | PHRASE
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import messages as msg
from .lexer import AND, FIELD, LPAREN, NOT, OR, PHRASE, RPAREN, WORD, Token

#: Leaves (words, phrases, field values) read; the rest is dropped with a note.
MAX_TERMS = 64
#: Deeper parentheses are ignored, which keeps the recursion bounded.
MAX_DEPTH = 16
_END = Token("END")


@dataclass(frozen=True)
class Leaf:
    """A word, a phrase or a field value, with its modifiers."""

    text: str
    field: str | None = None  # the prefix as typed (``acteur``); None for plain text
    phrase: bool = False
    prefix: bool = False
    fuzzy: int | None = None
    slop: int | None = None
    required: bool = False  # typed ``+word``


@dataclass(frozen=True)
class Group:
    """Children joined by ``and`` or ``or``.

    ``explicit`` marks an ``and`` written with ``AND``/``ET``/``&&``: its
    operands are required even where juxtaposed words only rank.
    """

    op: str
    children: tuple[Node, ...]
    explicit: bool = False


@dataclass(frozen=True)
class Negation:
    """A clause whose documents are excluded."""

    child: Node


Node = Leaf | Group | Negation


def parse_tokens(tokens: Sequence[Token], notes: list[str]) -> Node | None:
    """The syntax tree of *tokens*, or ``None`` when nothing is left to search."""
    return _Parser(_limit_depth(tokens, notes), notes).parse()


def _limit_depth(tokens: Sequence[Token], notes: list[str]) -> list[Token]:
    """Drop parentheses nested deeper than MAX_DEPTH, with their closing partners."""
    out: list[Token] = []
    kept: list[bool] = []  # one entry per open parenthesis
    for token in tokens:
        if token.kind == LPAREN:
            keep = sum(kept) < MAX_DEPTH
            kept.append(keep)
            if not keep:
                if msg.DEEP_PARENS not in notes:
                    notes.append(msg.DEEP_PARENS)
                continue
        elif token.kind == RPAREN and kept and not kept.pop():
            continue
        out.append(token)
    return out


def _group(op: str, children: list[Node]) -> Node | None:
    if not children:
        return None
    return children[0] if len(children) == 1 else Group(op, tuple(children))


def _explicit_and(left: Node, right: Node) -> Group:
    """``a AND b``: one group of required operands (``a AND b AND c`` stays flat)."""
    if isinstance(left, Group) and left.explicit:
        return Group("and", (*left.children, right), explicit=True)
    return Group("and", (left, right), explicit=True)


class _Parser:
    def __init__(self, tokens: list[Token], notes: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.notes = notes
        self.leaves = 0

    def parse(self) -> Node | None:
        parts: list[Node] = []
        while self._kind() != _END.kind:
            node = self._or(None)
            if node is not None:
                parts.append(node)
            if self._kind() == RPAREN:
                self.pos += 1
                self._note(msg.UNOPENED_PAREN)
        return _group("and", parts)

    def _peek(self) -> Token:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else _END

    def _kind(self) -> str:
        return self._peek().kind

    def _note(self, note: str) -> None:
        if note not in self.notes:
            self.notes.append(note)

    def _lone(self, token: Token) -> None:
        self._note(msg.LONE_OPERATOR.format(op=msg.quoted(token.text)))

    def _or(self, field: str | None) -> Node | None:
        operands = [self._and(field)]
        while self._kind() == OR:
            operator = self._peek()
            self.pos += 1
            operands.append(self._and(field))
            if operands[-2] is None or operands[-1] is None:
                self._lone(operator)
        return _group("or", [node for node in operands if node is not None])

    def _and(self, field: str | None) -> Node | None:
        items: list[Node] = []
        pending: Token | None = None  # an AND still waiting for its right side
        while self._kind() not in (_END.kind, RPAREN, OR):
            if self._kind() == AND:
                if pending is not None or not items:
                    self._lone(self._peek())
                pending = self._peek()
                self.pos += 1
                continue
            node = self._unary(field)
            if node is not None:
                if pending is not None and items:
                    node = _explicit_and(items.pop(), node)
                items.append(node)
                pending = None
        if pending is not None:
            self._lone(pending)
        return _group("and", items)

    def _unary(self, field: str | None) -> Node | None:
        negate, operator = False, None
        while self._kind() == NOT:
            operator = self._peek()
            negate = not negate
            self.pos += 1
        if self._kind() in (_END.kind, RPAREN, OR, AND):
            if operator is not None:
                self._lone(operator)
            return None
        node = self._primary(field)
        return Negation(node) if negate and node is not None else node

    def _primary(self, field: str | None) -> Node | None:
        token = self._peek()
        self.pos += 1
        if token.kind == LPAREN:
            return self._parenthesised(field)
        if token.kind == FIELD:
            if self._kind() in (WORD, PHRASE, LPAREN):
                return self._primary(token.text)
            self._note(msg.FIELD_WITHOUT_VALUE.format(field=msg.quoted(token.text + ":")))
            return None
        self.leaves += 1
        if self.leaves > MAX_TERMS:
            self._note(msg.TOO_MANY_TERMS.format(limit=MAX_TERMS))
            return None
        return Leaf(
            token.text,
            field,
            token.kind == PHRASE,
            token.prefix,
            token.fuzzy,
            token.slop,
            token.required,
        )

    def _parenthesised(self, field: str | None) -> Node | None:
        node = self._or(field)
        if self._kind() == RPAREN:
            self.pos += 1
        else:
            self._note(msg.UNCLOSED_PAREN)
        if node is None:
            self._note(msg.EMPTY_PARENS)
        return node
