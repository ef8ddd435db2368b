"""The publication moment of a web page's article, with the offset the page gives.

The article's own metadata comes first (``article:published_time``, the
JSON-LD ``datePublished`` of the article, ``itemprop="datePublished"``),
then the day htmldate finds in the page once reader comments are out of it
(see :mod:`index.readers.pageclean`), so that a comment's date never wins
over the byline's.  A moment keeps its offset: ``2021-03-04T00:23:00-05:00``
is filed on the 4th, the day the page shows, not on the UTC day.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

import htmldate
from lxml import etree
from lxml.html import HtmlElement

from index.readers.common import NAIVE_TIMEZONE, parse_date
from index.readers.pagemeta import PageMeta

#: Meta tags that date the article's first publication, most trusted first.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dc.date.created",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_ITEMPROP_XPATH = etree.XPath(
    "//body//*[@itemprop='datePublished'][@datetime or @content]"
    " | //body//time[@pubdate][@datetime]"
)
Published = dt.date | dt.datetime
#: A byline or a date line is short; a date in a longer text is something it mentions.
MAX_BYLINE_CHARS = 120
_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
    "décembre": 12,
}
_WORD_DATE = re.compile(
    r"\b(\d{1,2})(?:er)?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d/.])")
#: A date line that gives the last update, not the publication.
_UPDATED = re.compile(r"mis\s+[àa]\s+jour|modifi[ée]|actualis[ée]|m[àa]j\b|updated", re.IGNORECASE)
_SHORT_TEXT_XPATH = etree.XPath(
    f"//body//text()[string-length(normalize-space(.)) >= 8]"
    f"[string-length(normalize-space(.)) <= {MAX_BYLINE_CHARS}]"
)
_OUTSIDE_ARTICLE = frozenset({"nav", "footer", "aside", "form", "script", "style"})


def published_moment(
    page: PageMeta, tree: HtmlElement, found_day: str | None
) -> Published | str | None:
    """The article's publication moment, or ``None``.

    In order: the dates the page declares for its article; *found_day*,
    htmldate's quick search (markup, address); the first byline or date
    line of the page; htmldate's slow search through the text.  The tree
    must be free of reader comments.  A declared value that is not a date
    is returned as the raw string.
    """
    values = _declared(page, tree)
    moments = [m for m in map(_moment, values) if m is not None]
    if moments:
        return _as_shown(_with_offset(moments), tree)
    if found_day:
        return found_day
    return _byline_day(tree) or _slow_search(tree)


def _as_shown(moment: Published, tree: HtmlElement) -> Published:
    """A UTC moment in Paris time when that is the day the page's date line shows.

    Many French sites state their times in UTC: an article published at
    00:30 in Paris is stamped 23:30Z the day before, while its byline shows
    the Paris day.
    """
    if not isinstance(moment, dt.datetime) or moment.utcoffset() != dt.timedelta(0):
        return moment
    local = moment.astimezone(NAIVE_TIMEZONE)
    if local.date() != moment.date() and _byline_day(tree) == local.date():
        return local
    return moment


def _byline_day(tree: HtmlElement) -> dt.date | None:
    """The first date of a short line of the page (``Publié le 30 septembre 2018``)."""
    for text in _SHORT_TEXT_XPATH(tree):
        match = _WORD_DATE.search(text) or _NUMERIC_DATE.search(text)
        if match is None or _UPDATED.search(text[: match.start()]):
            continue
        if any(a.tag in _OUTSIDE_ARTICLE for a in text.getparent().iterancestors()):
            continue
        day = _day_of(match)
        if day is not None:
            return day
    return None


def _day_of(match: re.Match[str]) -> dt.date | None:
    day, month, year = match.groups()
    number = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def _slow_search(tree: HtmlElement) -> str | None:
    """htmldate's search through the text, for a page with no date line it can see."""
    return htmldate.find_date(tree, extensive_search=True, original_date=True)


def _declared(page: PageMeta, tree: HtmlElement) -> list[str]:
    """Publication values the page declares, most trusted first."""
    values = [page.first(name) for name in PUBLISHED_META[:1]]
    values += page.published
    values += [page.first(name) for name in PUBLISHED_META[1:]]
    for element in _ITEMPROP_XPATH(tree):
        values.append(element.get("datetime") or element.get("content"))
    return [v.strip() for v in values if v and v.strip()]


def _moment(value: str) -> Published | None:
    parsed, raw = parse_date(value)
    if parsed is None and raw:
        try:
            parsed = email.utils.parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            return None
    return parsed


def _with_offset(moments: list[Published]) -> Published:
    """The first moment, or one of the same day that states its time and offset.

    ``parse_date`` reads a time without an offset as Paris time, and a bare
    day has none: a value of the same day that states its offset says more.
    """
    first = moments[0]
    if isinstance(first, dt.datetime) and _stated(first):
        return first
    day = first.date() if isinstance(first, dt.datetime) else first
    for other in moments[1:]:
        if isinstance(other, dt.datetime) and _stated(other) and other.date() == day:
            return other
    return first


def _stated(moment: dt.datetime) -> bool:
    """True when the offset came from the page, not from the Paris default."""
    return isinstance(moment.tzinfo, dt.timezone)
