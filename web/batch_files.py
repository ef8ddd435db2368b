"""Batch search files: reading the list, writing the results (CSV for French Excel, .xlsx, text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import french
from .exports import BOM, FORMULA_STARTS

HEADERS = ("ligne", "libellé", "requête", "lue comme", "articles", "premier article",
           "dernier article", "personnes", "organisations", "lieux", "notes", "lien")
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

    return [row["line"], row["label"] or "", row["query"], row["searched"], row["total"],
            row["first"] or "", row["last"] or "", names("person"), names("organisation"),
            names("location"), " ; ".join(row["notes"]), root + row["search_url"]]


def csv_bytes(rows: Sequence[Mapping[str, Any]], root: str = "") -> bytes:
    """The results as a CSV file Excel opens as is in French: ``;`` and a UTF-8 BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=FRENCH_EXCEL_DELIMITER)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_inert(c) if isinstance(c, str) else c for c in cells(row, root)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Sequence[Mapping[str, Any]], root: str = "") -> bytes:
    """The results as an Excel workbook: a header row, numbers as numbers, a filter."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Recherche par lot"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([_inert(c) if isinstance(c, str) else c for c in cells(row, root)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(HEADERS))}{len(rows) + 1}"
    sheet.freeze_panes = "A2"
    for index, width in enumerate((7, 20, 30, 30, 9, 14, 14, 40, 40, 40, 40, 30), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_table(result: Mapping[str, Any]) -> str:
    """The results for a terminal: one line per query."""
    lines = []
    for row in result["rows"]:
        dates = (f"{row['first'][:10]} → {row['last'][:10]}" if row["first"] and row["last"]
                 else "")
        people = ", ".join(e["label"] for e in row["person"][:3])
        name = row["label"] or row["query"]
        mark = "" if row["total"] else "  (aucun article)"
        lines.append(f"{row['line']:>4}  {name}  {row['total']}  {dates}  {people}{mark}".rstrip())
    lines.append(f"{french.number(result['matched'])} requêtes sur "
                 f"{french.number(result['count'])} trouvent des articles "
                 f"({result['took_ms'] / 1000:.1f} s)")
    return "\n".join(lines)


def _inert(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is kept as text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
