"""Batch search (« Recherche par lot »): up to MAX_LINES names or queries at once.

Each line is searched through the search core (``search_payload``, the
parameters of the search page), with the batch's filters, every word
required (a row counts articles, so partial matches would inflate it). How a
line is read, said in each row:

- plain words that look like a name (capitalised words, particles allowed)
  are a *name*: the entity the index knows under that name (``entite:"…"``,
  aliases apply), else the exact phrase;
- anything else is the query language as typed, repaired as the search page
  repairs it (its notes are kept).

The page, ``POST /api/v1/batch`` and ``loupe search --batch`` share
:func:`run_batch`.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from search.engine import Engine
from search.normalize import match_key

from . import french
from .params import MAX_QUERY_CHARS, BadParameter, Params, search_request
from .payloads import search_payload
from .urls import url

MAX_LINES = 1_000
#: Entities of each type listed per row.
TOP_ENTITIES = 5
#: Filters a batch takes (the search page's, less the query and the entity filters).
FILTERS = ("from", "to", "source", "undated")
ENTITY_TYPES = ("person", "organisation", "location")
#: Words that may stand lowercase inside a name (« Charles de Gaulle »).
PARTICLES = frozenset(
    {
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "van",
        "von",
        "der",
        "den",
        "ben",
        "bin",
        "el",
        "al",
        "da",
        "di",
        "dos",
        "y",
        "et",
    }
)
_NAME_WORD = re.compile(r"^[\w’'.-]+$")
_SEPARATORS = ("\t", ";")


#: Runs one line's work: ``runner(work, *args)`` returns ``work(*args)``.
Runner = Callable[..., Any]


class BadBatch(BadParameter):
    """A batch that cannot be run; ``french`` says why to the page's reader."""

    def __init__(self, message: str, french: str) -> None:
        super().__init__("queries", message)
        self.french = french


@dataclass(frozen=True)
class Line:
    """One query of a batch, with its optional label and its 1-based line number."""

    number: int
    text: str
    label: str | None = None


def lines_from_text(text: str) -> list[Line]:
    """A pasted or uploaded list: one query per line, an optional label after a tab or ``;``.

    Blank lines are skipped; line numbers stay those of the text.
    """
    out = []
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not raw.strip():
            continue
        query, label = raw, None
        for separator in _SEPARATORS:
            if separator in raw:
                query, _, label = raw.partition(separator)
                break
        out.append(Line(number, query.strip(), (label or "").strip() or None))
    return out


def lines_from_json(items: Sequence[Any]) -> list[Line]:
    """The ``queries`` of an API request: strings, or objects with ``q`` and ``label``."""
    out = []
    for number, item in enumerate(items, start=1):
        if isinstance(item, str):
            out.append(Line(number, item.strip()))
        elif (
            isinstance(item, Mapping)
            and isinstance(item.get("q"), str)
            and (item.get("label") is None or isinstance(item.get("label"), str))
        ):
            out.append(Line(number, item["q"].strip(), (item.get("label") or "").strip() or None))
        else:
            raise BadBatch(
                f"query {number} must be a string or an object with a string q",
                f"La requête n° {number} n’est pas un texte.",
            )
    return out


def check_lines(lines: Sequence[Line]) -> None:
    """Raise BadBatch for an empty batch, too many lines or a line too long."""
    if not lines:
        raise BadBatch(
            "the batch holds no query", "La liste est vide : collez ou envoyez au moins une ligne."
        )
    if len(lines) > MAX_LINES:
        raise BadBatch(
            f"at most {MAX_LINES} queries in a batch (got {len(lines)})",
            f"La liste compte {french.number(len(lines))} lignes ; une recherche "
            f"par lot en prend {french.number(MAX_LINES)} au plus. Découpez-la.",
        )
    for line in lines:
        if len(line.text) > MAX_QUERY_CHARS:
            raise BadBatch(
                f"query on line {line.number} is longer than {MAX_QUERY_CHARS} characters",
                f"La ligne {line.number} dépasse {MAX_QUERY_CHARS} caractères.",
            )


def run_batch(
    engine: Engine,
    lines: Sequence[Line],
    filters: Params,
    time_limit: float | None = None,
    runner: Runner | None = None,
) -> dict[str, Any]:
    """Search every line with *filters*; one row per line, in order.

    Each line goes through *runner* (the server's search slots): other
    searches then wait for one line, never for a whole batch.
    """
    started = time.perf_counter()
    check_lines(lines)
    kept = {name: list(filters[name]) for name in FILTERS if filters.get(name)}
    search_request(kept)  # a bad date or option fails here, once, not on each line
    call = runner or (lambda work, *args: work(*args))
    rows = [call(_row, engine, line, kept, time_limit) for line in lines]
    return {
        "count": len(rows),
        "matched": sum(1 for r in rows if r["total"]),
        "limit": MAX_LINES,
        "took_ms": round((time.perf_counter() - started) * 1000, 1),
        "rows": rows,
    }


def looks_like_name(text: str) -> bool:
    """Capitalised plain words (``Charles de Gaulle``, ``Jean-Luc Mélenchon``), 2 to 6."""
    words = text.split()
    if not 2 <= len(words) <= 6 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if words[0][0].islower() or words[-1][0].islower():
        return False
    return all(w[0].isupper() or w.lower().strip("’'") in PARTICLES for w in words)


def _row(engine: Engine, line: Line, filters: Params, time_limit: float | None) -> dict[str, Any]:
    if not line.text:
        return _empty_row(line)
    if looks_like_name(line.text):
        name = line.text.replace('"', " ")
        attempts = [
            (f'entite:"{name}"', "name", "lue comme le nom d’une entité connue"),
            (f'"{name}"', "name", "lue comme un nom : l’expression exacte"),
        ]
    else:
        attempts = [(line.text, "query", "lue comme une recherche")]
    # The oldest article first, without facets: most lines of a long list find
    # nothing, and then one search is all they cost.
    # The first reading that finds something, else the last: its words are kept.
    for searched, reading, note in attempts:  # noqa: B007 (used after the loop)
        first = _search(engine, searched, filters, "date", time_limit, facets=False)
        if first["total"] or searched == attempts[-1][0]:
            break
    last = _search(engine, searched, filters, "-date", time_limit) if first["total"] else None
    named = _named(engine, line.text, searched)
    return {
        "line": line.number,
        "label": line.label,
        "query": line.text,
        "searched": searched,
        "reading": reading,
        "notes": [note, *first["notes"]],
        "total": first["total"],
        "first": _date(first),
        "last": _date(last) if last else None,
        **{
            kind: _top(last["facets"].get(kind, ()) if last else (), named) for kind in ENTITY_TYPES
        },
        "search_url": url({"q": [searched], "match": ["all"], **filters}),
    }


def _empty_row(line: Line) -> dict[str, Any]:
    return {
        "line": line.number,
        "label": line.label,
        "query": "",
        "searched": "",
        "reading": "empty",
        "notes": ["ligne vide : rien n’a été cherché"],
        "total": 0,
        "first": None,
        "last": None,
        **{kind: [] for kind in ENTITY_TYPES},
        "search_url": url({}),
    }


def _search(
    engine: Engine,
    q: str,
    filters: Params,
    sort: str,
    time_limit: float | None,
    facets: bool = True,
) -> dict[str, Any]:
    params = {
        **filters,
        "q": [q],
        "match": ["all"],
        "nocorrect": ["1"],
        "sort": [sort],
        "per_page": ["1"],
        "facets": [",".join(ENTITY_TYPES) if facets else ""],
        "facet_size": [str(TOP_ENTITIES + 1)],
    }
    return search_payload(engine, params, time_limit=time_limit)


def _date(payload: Mapping[str, Any]) -> str | None:
    hits = payload["hits"]
    return hits[0]["published"] if hits else None


def _named(engine: Engine, name: str, searched: str) -> set[str]:
    """Facet values of the entity a line was read as (none for other readings)."""
    if not searched.startswith("entite:"):
        return set()
    canonical = engine.aliases.canonical(name)
    return {match_key(name), *([canonical.key] if canonical else [])}


def _top(values: Iterable[Mapping[str, Any]], named: set[str]) -> list[dict[str, Any]]:
    """The entities that appear most with the line, without the entity it names."""
    return [
        {"value": v["value"], "label": v["label"], "count": v["count"]}
        for v in values
        if v["count"] and v["value"] not in named
    ][:TOP_ENTITIES]
