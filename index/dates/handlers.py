"""Turn one match of a rule in ``patterns.RULES`` into dates, or reject it.

A handler returns the dates a match names, an empty list when the match is a
date expression that cannot be placed (a relative one without a publication
date), or None when the match is not a date after all, so that the scanner
tries the other rules at that position.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import resolve
from .model import MentionedDate, Precision
from .patterns import COUNT_AFTER, QUANTITY_BEFORE, YEAR_END
from .vocab import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NUMBER_WORDS,
    SEASONS,
    STRONG_YEAR_CUES,
    WEEKDAYS,
)

Match = re.Match[str]
Found = list[MentionedDate] | None


@dataclass(frozen=True)
class Scan:
    """The text being scanned, its folded twin, and the publication date if known."""

    text: str
    folded: str
    published: dt.date | None

    def mention(
        self, start: dt.date | None, precision: Precision, begin: int, end: int
    ) -> list[MentionedDate]:
        """One date over ``text[begin:end]``; nothing when *start* is None or out of range."""
        if start is None or not resolve.valid_year(start.year):
            return []
        return [MentionedDate(start, precision, self.text[begin:end], begin, end)]

    def looks_like_name(self, begin: int) -> bool:
        """A capitalised word inside a sentence (``la planète Mars``), not a month."""
        word = self.text[begin : begin + 2]
        if len(word) < 2 or not (word[0].isupper() and word[1].islower()):
            return False
        window = self.text[max(0, begin - 40) : begin]
        before = window.rstrip()
        if not before or "\n" in window[len(before) :]:
            return False  # first word of the text or of a line
        return before[-1].isalnum() or before[-1] in ",;'’"


def _month(word: str) -> int:
    word = word.rstrip(".")
    return MONTHS.get(word) or MONTH_ABBREVIATIONS[word]


def _day(word: str) -> int:
    return 1 if word in ("1er", "premier") else int(word)


def _direction(rel: str | None) -> str:
    if rel is None:
        return ""
    return "future" if rel.startswith("prochain") else "past"


def range_days(m: Match, s: Scan) -> Found:
    """``du 18 au 20 juin 2024``: two days sharing a month (and a year)."""
    first, last, month = _day(m["rd_d1"]), _day(m["rd_d2"]), _month(m["rd_m"])
    if first >= last:
        return None
    if m["rd_y"]:
        end = resolve.make_date(int(m["rd_y"]), month, last)
    elif s.published is None:
        return []
    else:
        end = resolve.day_near(s.published, month, last)
    start = end and resolve.make_date(end.year, month, first)
    if start is None or end is None:
        return None if m["rd_y"] else []
    return s.mention(start, "day", *m.span("rd_d1")) + s.mention(
        end, "day", m.start("rd_d2"), m.end()
    )


def full(m: Match, s: Scan) -> Found:
    """``mercredi 19 juin 2024``, ``le 1er mars``, ``le 3 mai dernier``."""
    day, month = _day(m["f_d"]), _month(m["f_m"])
    begin = m.start("f_wd") if m["f_wd"] else m.start("f_d")
    if m["f_y"]:
        start = resolve.make_date(int(m["f_y"]), month, day)
        return None if start is None else s.mention(start, "day", begin, m.end())
    if s.published is None:
        return []
    start = resolve.day_near(s.published, month, day, _direction(m["f_rel"]))
    return s.mention(start, "day", begin, m.end())


def numeric(m: Match, s: Scan) -> Found:
    """``19/06/2024``: day first, as French writes it."""
    start = resolve.make_date(int(m["n_y"]), int(m["n_m"]), int(m["n_d"]))
    return None if start is None else s.mention(start, "day", *m.span())


def iso(m: Match, s: Scan) -> Found:
    """``2024-06-19``."""
    start = resolve.make_date(int(m["i_y"]), int(m["i_m"]), int(m["i_d"]))
    return None if start is None else s.mention(start, "day", *m.span())


def year_range(m: Match, s: Scan) -> Found:
    """``de 1950 à 1953``, ``entre 2015 et 2018``, ``1914-1918``: both years."""
    first, last = int(m["yr_y1"]), int(m["yr_y2"])
    # A loi 2019-1234 or "entre 1500 et 2000" is not a period.
    if (m["yr_word"] and not m["yr_cue"]) or not first < last <= first + 100:
        return None
    if not (resolve.valid_year(first) and resolve.valid_year(last)):
        return None
    return s.mention(dt.date(first, 1, 1), "year", *m.span("yr_y1")) + s.mention(
        dt.date(last, 1, 1), "year", *m.span("yr_y2")
    )


def month_range(m: Match, s: Scan) -> Found:
    """``de novembre à février 2024``: the first month may be in the year before."""
    first, last, year = _month(m["mr_m1"]), _month(m["mr_m2"]), int(m["mr_y"])
    start = resolve.make_date(year - (first > last), first)
    end = resolve.make_date(year, last)
    if start is None or end is None:
        return None
    return s.mention(start, "month", *m.span("mr_m1")) + s.mention(
        end, "month", m.start("mr_m2"), m.end()
    )


def season(m: Match, s: Scan) -> Found:
    """``au printemps 2022``, ``l'automne dernier``, ``cet été``: its first month."""
    det, first = m["s_det"], SEASONS[m["s_name"]]
    begin = m.start("s_det") if det in ("l'", "cet", "ce") else m.start("s_name")
    if m["s_y"]:
        if m["s_name"] == "ete" and det is None:
            return None  # "a été 2000 fois" is the verb
        return s.mention(resolve.make_date(int(m["s_y"]), first), "month", begin, m.end())
    if m["s_rel"]:
        direction = _direction(m["s_rel"])
    elif det in ("cet", "ce"):
        direction = "this"
    elif det in ("au", "en", "a l'"):
        direction = ""
    else:
        return None  # "un jour d'été" is no particular summer
    if s.published is None:
        return []
    start = resolve.season_start(s.published, first, direction)
    return s.mention(start, "month", begin, m.end())


def month_year(m: Match, s: Scan) -> Found:
    """``juin 2024``; ``Mars 2020`` inside a sentence is the rover."""
    if m["my_m"] == "mars" and s.looks_like_name(m.start()):
        return None
    start = resolve.make_date(int(m["my_y"]), _month(m["my_m"]))
    return None if start is None else s.mention(start, "month", *m.span())


def cue_year(m: Match, s: Scan) -> Found:
    """``en 2019``, ``depuis 2022``; ``de 2008`` only when no count follows."""
    year, cue = int(m["cy_y"]), m["cy_cue"]
    if not resolve.valid_year(year):
        return None
    strong = cue in STRONG_YEAR_CUES or s.text[m.start() : m.end("cy_cue")].lower() == "dès"
    if strong and COUNT_AFTER.match(s.folded, m.end()):
        return None
    if not strong and (
        QUANTITY_BEFORE.search(s.folded, max(0, m.start() - 20), m.start())
        or not YEAR_END.match(s.folded, m.end())
    ):
        return None
    return s.mention(dt.date(year, 1, 1), "year", *m.span("cy_y"))


def cue_month(m: Match, s: Scan) -> Found:
    """``en juin``, ``d'avril``, ``en juin dernier``: needs the publication date."""
    return _bare_month(m, s, "cm_m", m["cm_rel"])


def month_rel(m: Match, s: Scan) -> Found:
    """``juin dernier``, ``septembre prochain``: needs the publication date."""
    return _bare_month(m, s, "mo_m", m["mo_rel"])


def _bare_month(m: Match, s: Scan, group: str, rel: str | None) -> Found:
    if s.looks_like_name(m.start(group)):
        return None
    if s.published is None:
        return []
    start = resolve.month_near(s.published, _month(m[group]), _direction(rel))
    return s.mention(start, "month", m.start(group), m.end())


def weekday(m: Match, s: Scan) -> Found:
    """``lundi``: the last Monday on or before publication; ``lundi prochain``."""
    if s.published is None:
        return []
    start = resolve.weekday_near(s.published, WEEKDAYS[m["wd_d"]], _direction(m["wd_rel"]))
    return s.mention(start, "day", *m.span())


_OF = re.compile(r"(?:^|\W)d[eu] *$")
DAY_OFFSETS = {"avant-hier": -2, "hier": -1, "demain": 1, "apres-demain": 2}


def rel_day(m: Match, s: Scan) -> Found:
    """``hier``, ``demain``; ``le monde de demain`` is no day."""
    if _OF.search(s.folded, max(0, m.start() - 4), m.start()):
        return None
    if s.published is None:
        return []
    start = s.published + dt.timedelta(days=DAY_OFFSETS[m["day_word"]])
    return s.mention(start, "day", *m.span())


def _offset(rel: str | None) -> int:
    return {"": 0, "past": -1, "future": 1}[_direction(rel)]


def rel_week(m: Match, s: Scan) -> Found:
    """``la semaine dernière``, ``cette semaine``: the Monday of that week."""
    if m["rw_det"] == "la" and not m["rw_rel"]:
        return None  # "la semaine de quatre jours"
    if s.published is None:
        return []
    return s.mention(resolve.week_start(s.published, _offset(m["rw_rel"])), "week", *m.span())


def rel_month(m: Match, s: Scan) -> Found:
    """``le mois dernier``, ``ce mois-ci``."""
    if s.published is None:
        return []
    start = resolve.add_months(s.published, _offset(m["rm_rel"]))
    return s.mention(start, "month", *m.span())


def rel_year(m: Match, s: Scan) -> Found:
    """``l'année dernière``, ``l'an prochain``, ``cette année``."""
    if s.published is None:
        return []
    start = resolve.make_date(s.published.year + _offset(m["ry_rel"]))
    return s.mention(start, "year", *m.span())


def ago(m: Match, s: Scan) -> Found:
    """``il y a deux ans``, ``dans 3 mois``: counted from publication."""
    if s.published is None:
        return []
    n = int(m["ago_n"]) if m["ago_n"].isdigit() else NUMBER_WORDS[m["ago_n"]]
    n = -n if m["ago_dir"] == "il y a" else n
    unit, pub = m["ago_u"], s.published
    if unit.startswith("jour"):
        found: tuple[dt.date | None, Precision] = (pub + dt.timedelta(days=n), "day")
    elif unit.startswith("semaine"):
        found = (resolve.week_start(pub, n), "week")
    elif unit == "mois":
        found = (resolve.add_months(pub, n), "month")
    else:
        found = (resolve.make_date(pub.year + n), "year")
    return s.mention(*found, *m.span())


HANDLERS: dict[str, Callable[[Match, Scan], Found]] = {
    "range_days": range_days,
    "full": full,
    "numeric": numeric,
    "iso": iso,
    "year_range": year_range,
    "month_range": month_range,
    "season": season,
    "month_year": month_year,
    "cue_year": cue_year,
    "cue_month": cue_month,
    "month_rel": month_rel,
    "weekday": weekday,
    "rel_day": rel_day,
    "rel_week": rel_week,
    "rel_month": rel_month,
    "rel_year": rel_year,
    "ago": ago,
}
