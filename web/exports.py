"""Exports of a search's results for spreadsheets (CSV, .xlsx) and programs (JSON).

The same validation and the same hit dictionaries as the JSON API, up to
EXPORT_LIMIT hits. The CSV is written the way French Excel opens it with a
double click: ``;`` between cells, UTF-8 with a byte order mark, French
headers, one date format. The .xlsx needs no such care. Both are streamed:
rows go out as they are written, the workbook in chunks once it is built.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from html import unescape
from typing import Any

from unidecode import unidecode
from xlsxwriter.workbook import Workbook

from search.engine import Engine

from .params import search_request
from .payloads import shape
from .spreadsheets import workbook_chunks

EXPORT_LIMIT = 1_000
#: What the pages say of the limit.
LIMIT_TEXT = "les 1 000 premiers"
#: Column headers, in French, and the width of each in the workbook.
COLUMNS = (
    ("Titre", 60),
    ("Date", 11),
    ("Heure", 7),
    ("Source", 18),
    ("Auteur", 20),
    ("Personnes", 30),
    ("Organisations", 30),
    ("Lieux", 24),
    ("Extrait", 80),
    ("Adresse", 40),
    ("Fichier", 30),
    ("Identifiant", 30),
)
#: Between the names of a list cell: no entity label, source or title holds it.
LIST_SEPARATOR = " | "
#: Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Paging parameters of the page the export was asked from: the export starts at the top.
IGNORED = ("page", "per_page", "cursor", "facets", "facet_size")
_TAGS = re.compile(r"<[^>]+>")


def export_payload(
    engine: Engine,
    params: Mapping[str, Sequence[str]],
    limit: int = EXPORT_LIMIT,
    snippets: bool = False,
) -> dict[str, Any]:
    """The first *limit* hits of the search, shaped as the API shapes them."""
    kept = {k: v for k, v in params.items() if k not in IGNORED}
    request = replace(search_request(kept), page=1, per_page=limit, facets=(), snippets=snippets)
    data = shape(engine.search(request), request, kept)
    return {
        "query": data["query"],
        "corrected": data["corrected"],
        "total": data["total"],
        "exported": len(data["hits"]),
        "limit": limit,
        "notes": data["notes"],
        "hits": data["hits"],
    }


def rows(hits: Sequence[Mapping[str, Any]], inert: bool = True) -> Iterator[list[str]]:
    """One list of cells per hit, in the order of :data:`COLUMNS`.

    *inert*: cells that would start a formula get a leading apostrophe (CSV
    only: the workbook stores every cell as text).
    """
    for hit in hits:
        day, time = _day_and_time(hit["published"])
        people = [e for e in hit["actors"] if e["type"] == "person"]
        organisations = [e for e in hit["actors"] if e["type"] != "person"]
        cells = [
            hit["title"],
            day,
            time,
            hit["source"] or "",
            hit["author"] or "",
            _names(people),
            _names(organisations),
            _names(hit["locations"]),
            _plain(hit.get("snippets") or []),
            hit["url"] or "",
            _file(hit),
            hit["id"],
        ]
        yield [_inert(cell) for cell in cells] if inert else cells


def csv_lines(hits: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """The CSV file line by line: BOM and header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    yield BOM + _drain(buffer)
    for cells in rows(hits):
        writer.writerow(cells)
        yield _drain(buffer)


def xlsx_chunks(hits: Sequence[Mapping[str, Any]], query: str) -> Iterator[bytes]:
    """The workbook, written row by row and sent in chunks."""

    def fill(book: Workbook) -> None:
        sheet = book.add_worksheet("Résultats")
        bold = book.add_format({"bold": True})
        for col, (name, width) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, name, bold)
        for row, cells in enumerate(rows(hits, inert=False), start=1):
            for col, cell in enumerate(cells):
                sheet.write_string(row, col, cell)
        sheet.freeze_panes(1, 0)
        book.set_properties({"title": f"Loupe : {query}" if query else "Loupe"})

    return workbook_chunks(fill)


def file_name(query: str, extension: str, today: dt.date | None = None) -> str:
    """``loupe-coree-du-nord-2026-12-06.csv``: the query and the day, in ASCII."""
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(query).lower()).strip("-")[:40].strip("-")
    day = (today or dt.date.today()).isoformat()
    return f"loupe-{slug or 'tous-les-articles'}-{day}.{extension}"


def _day_and_time(published: str | None) -> tuple[str, str]:
    """The day as YYYY-MM-DD and the time as HH:MM (empty when the source gave none)."""
    if not published:
        return "", ""
    return published[:10], published[11:16] if len(published) > 10 else ""


def _names(entities: Sequence[Mapping[str, Any]]) -> str:
    return LIST_SEPARATOR.join(e["label"].replace("|", "/") for e in entities)


def _plain(snippets: Sequence[str]) -> str:
    """The first snippet as text: marks dropped, entities unescaped."""
    return unescape(_TAGS.sub("", snippets[0])) if snippets else ""


def _file(hit: Mapping[str, Any]) -> str:
    return f"{hit['file']}, ligne {hit['line']}" if hit.get("line") else hit["file"]


def _inert(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (``=HYPERLINK(...)``) is kept as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
