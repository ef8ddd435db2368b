"""The one .xlsx writer (XlsxWriter): workbooks written row by row, sent in chunks.

Constant-memory mode keeps one row in memory at a time; the workbook is
written to a temporary file and sent from there, so a large export never
sits whole in the server's memory. Every string stays text: nothing a
source or a query holds can become a formula or a link in Excel.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator

import xlsxwriter
from xlsxwriter.workbook import Workbook

OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
CHUNK = 64 * 1024


def workbook_chunks(fill: Callable[[Workbook], None]) -> Iterator[bytes]:
    """The workbook *fill* writes (rows in order), as chunks of bytes."""
    with tempfile.TemporaryFile() as out:
        book = xlsxwriter.Workbook(out, OPTIONS)
        fill(book)
        book.close()
        out.seek(0)
        while chunk := out.read(CHUNK):
            yield chunk
