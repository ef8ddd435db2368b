"""French formatting for the pages: dates (« 1er mars 2023 »), months, counts."""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
SHORT_MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
#: French typography groups thousands with a narrow no-break space.
THOUSANDS = "\u202f"


def parse_iso(value: str | None) -> dt.datetime | dt.date | None:
    """An ISO 8601 date or date-time, or None when absent or unreadable."""
    if not value:
        return None
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return None


def day(value: dt.date) -> str:
    """``19 juin 2024``, ``1er mars 2023``."""
    number = "1er" if value.day == 1 else str(value.day)
    return f"{number} {MONTHS[value.month - 1]} {value.year}"


def french_date(value: str | None, with_time: bool = False) -> str:
    """An ISO date written the French way; '' when there is none."""
    parsed = parse_iso(value)
    if parsed is None:
        return ""
    text = day(parsed)
    if with_time and isinstance(parsed, dt.datetime) and (parsed.hour or parsed.minute):
        text += f" à {parsed.hour} h {parsed.minute:02d}"
    return text


def month(bucket: str, short: bool = False) -> str:
    """``2024-06`` as ``juin 2024`` (``juin`` alone when *short*)."""
    year, number = int(bucket[:4]), int(bucket[5:7])
    if short:
        return SHORT_MONTHS[number - 1]
    return f"{MONTHS[number - 1]} {year}"


def period(value: str) -> str:
    """A date parameter (``2024``, ``2024-06``, ``2024-06-19``) in words."""
    if len(value) == 4:
        return value
    if len(value) == 7:
        return month(value)
    parsed = parse_iso(value)
    return day(parsed) if parsed is not None else value


def number(value: int) -> str:
    """``12345`` as ``12 345``."""
    return f"{value:,}".replace(",", THOUSANDS)


def count(value: int, singular: str, plural: str | None = None) -> str:
    """``1 article``, ``0 article``, ``12 articles`` (French: 0 and 1 are singular)."""
    word = singular if value < 2 else (plural or singular + "s")
    return f"{number(value)} {word}"
