"""Batch search files: reading the list, writing the results (CSV for French Excel, .xlsx, text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from xlsxwriter.workbook import Workbook

from . import french
from .exports import BOM, FORMULA_STARTS
from .spreadsheets import workbook_chunks

HEADERS = (
    "ligne",
    "libellé",
    "requête",
    "lue comme",
    "articles",
    "premier article",
    "dernier article",
    "personnes",
    "organisations",
    "lieux",
    "notes",
    "lien",
)
#: Column widths in the workbook, in HEADERS order.
WIDTHS = (7, 20, 30, 30, 9, 14, 14, 40, 40, 40, 40, 30)
#: Excel in a French locale splits CSV cells on semicolons, not commas.
FRENCH_EXCEL_DELIMITER = ";"


def decode_list(data: bytes) -> str:
    """An uploaded list as text: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def cells(row: Mapping[str, Any], root: str = "") -> list[Any]:
    """One result row as spreadsheet cells, in HEADERS order."""

    def names(kind: str) -> str:
        return ", ".join(f"{e['label']} ({e['count']})" for e in row[kind])

    return [
        row["line"],
        row["label"] or "",
        row["query"],
        row["searched"],
        row["total"],
        row["first"] or "",
        row["last"] or "",
        names("person"),
        names("organisation"),
        names("location"),
        " ; ".join(row["notes"]),
        root + row["search_url"],
    ]


def csv_bytes(rows: Sequence[Mapping[str, Any]], root: str = "") -> bytes:
    """The results as a CSV file Excel opens as is in French: ``;`` and a UTF-8 BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=FRENCH_EXCEL_DELIMITER)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_inert(c) if isinstance(c, str) else c for c in cells(row, root)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def xlsx_chunks(rows: Sequence[Mapping[str, Any]], root: str = "") -> Iterator[bytes]:
    """The results as an Excel workbook: a header row, numbers as numbers, a filter."""

    def fill(book: Workbook) -> None:
        sheet = book.add_worksheet("Recherche par lot")
        bold = book.add_format({"bold": True})
        for col, (name, width) in enumerate(zip(HEADERS, WIDTHS, strict=True)):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, name, bold)
        for number, row in enumerate(rows, start=1):
            sheet.write_row(number, 0, cells(row, root))
        sheet.autofilter(0, 0, len(rows), len(HEADERS) - 1)
        sheet.freeze_panes(1, 0)

    return workbook_chunks(fill)


def text_table(result: Mapping[str, Any]) -> str:
    """The results for a terminal: one line per query."""
    lines = []
    for row in result["rows"]:
        dates = f"{row['first'][:10]} → {row['last'][:10]}" if row["first"] and row["last"] else ""
        people = ", ".join(e["label"] for e in row["person"][:3])
        name = row["label"] or row["query"]
        mark = "" if row["total"] else "  (aucun article)"
        lines.append(f"{row['line']:>4}  {name}  {row['total']}  {dates}  {people}{mark}".rstrip())
    lines.append(
        f"{french.number(result['matched'])} requêtes sur "
        f"{french.number(result['count'])} trouvent des articles "
        f"({result['took_ms'] / 1000:.1f} s)"
    )
    return "\n".join(lines)


def _inert(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is kept as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
