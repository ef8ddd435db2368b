"""Bytes of an article file -> clean Unicode text, or a clear reason why not."""

from __future__ import annotations

import codecs
import logging
import os
import re
import unicodedata

import ftfy
from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

#: Files larger than this are refused before a single byte is read.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: Legacy encodings French files come in when they are not UTF-8.  Left free,
#: charset-normalizer reads short French cp1252 text as cp1250 (``Grčve``).
LEGACY_ENCODINGS = ["cp1252", "iso8859_15", "latin_1", "mac_roman"]
#: Signs a wrong 8-bit reading of French text produces (``c½ur`` for ``cœur``).
UNLIKELY_SIGNS = frozenset("¤¦¨´¸¼½¾ŠšŽžŸ")
#: A decoded text with more control characters than this share is not text.
MAX_CONTROL_SHARE = 0.01

_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,  # a literal "&amp;" in a .txt may be the article's own text
    uncurl_quotes=False,  # ’ and « » are correct French typography
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=False,
)
# Every UTF-8 sequence read as cp1252/latin-1 starts with one of Â Ã Å (2-byte
# French letters) or â€ (’ “ ” – …), or leaves C1 controls: ftfy is slow, so
# it runs only on texts holding one of these.
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00c5\u0080-\u009f]|\u00e2\u20ac")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\u0085]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class UnreadableFile(ValueError):
    """A file whose content cannot be read as text; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EmptyFile(UnreadableFile):
    """No text at all, or only blanks."""


class BinaryFile(UnreadableFile):
    """NUL bytes or control characters: an image, an archive, a PDF..."""


class FileTooLarge(UnreadableFile):
    """Above the size limit; refused before reading."""


class Undecodable(UnreadableFile):
    """Bytes that are neither UTF-8 nor a known 8-bit encoding."""


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing it from its size alone when above *max_bytes*."""
    size = os.stat(path).st_size
    if size > max_bytes:
        raise FileTooLarge(too_large(size, max_bytes))
    with open(path, "rb") as f:
        data = f.read(max_bytes + 1)  # the file may have grown since stat()
    if len(data) > max_bytes:
        raise FileTooLarge(too_large(len(data), max_bytes))
    return data


def too_large(size: int, max_bytes: int) -> str:
    """The reason given for a file above the size limit."""
    return f"file too large: {_megabytes(size)}, the limit is {_megabytes(max_bytes)}"


def read_text(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read and :func:`decode` a whole file."""
    return decode(read_bytes(path, max_bytes), path)


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> str:
    """Decode UTF-8 (BOM or not), UTF-16 with a BOM, or a legacy 8-bit encoding.

    Mojibake (``Ã©tÃ©``) is repaired, line endings become ``\\n``.  Raises
    :class:`UnreadableFile` for an empty, binary or undecodable file.
    """
    if not data.strip():
        raise EmptyFile("empty file")
    if data.startswith(_UTF16_BOMS):
        text = _decode_utf16(data)
    elif b"\x00" in data:
        raise BinaryFile("binary file (contains NUL bytes), not text")
    else:
        text = _decode_8bit(data, path)
    text = repair_text(text)
    if not text.strip():
        raise EmptyFile("empty file")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise BinaryFile("binary file (control characters), not text")
    return text


def repair_text(text: str) -> str:
    """Repair mojibake, normalise to NFC and line endings to ``\\n``."""
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, _FTFY)
    text = _NEWLINES.sub("\n", text)
    return unicodedata.normalize("NFC", text).lstrip("\ufeff")


def _decode_utf16(data: bytes) -> str:
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError as e:
        raise Undecodable(f"undecodable UTF-16 text: {e.reason}") from None


def _decode_8bit(data: bytes, path: str | os.PathLike[str]) -> str:
    try:
        # utf-8-sig: a BOM is dropped, its absence is fine.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data, cp_isolation=LEGACY_ENCODINGS)
    best = matches.best()
    if best is None:
        raise Undecodable("undecodable: neither UTF-8 nor a known 8-bit encoding")
    # cp1252 and ISO-8859-15 often tie: prefer the reading with fewer signs
    # French never uses (c½ur, 10 ¤ for cœur, 10 €); min() keeps ties in rank order.
    ties = [m for m in matches if m.chaos <= best.chaos]
    choice = min(ties, key=lambda m: sum(c in UNLIKELY_SIGNS for c in str(m)))
    log.debug("%s decoded as %s", path, choice.encoding)
    return str(choice)


def _control_share(text: str) -> float:
    return len(_CONTROLS.findall(text)) / len(text)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
