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

from lxml import etree
from lxml.html import HtmlElement

from index.readers.common import parse_date
from index.readers.pagemeta import PageMeta

#: Meta tags that date the article's first publication, most trusted first.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article.published", "publishdate", "publish-date", "publish_date", "pubdate",
    "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "dc.date.created",
    "parsely-pub-date", "sailthru.date", "date",
)
_ITEMPROP_XPATH = etree.XPath(
    "//body//*[@itemprop='datePublished'][@datetime or @content]"
    " | //body//time[@pubdate][@datetime]"
)
Published = dt.date | dt.datetime


def published_moment(
    page: PageMeta, tree: HtmlElement, found_day: str | None
) -> Published | str | None:
    """The article's publication moment; *found_day* (htmldate's) when no metadata dates it.

    A value that cannot be read as a date is returned as the raw string.
    """
    values = _declared(page, tree)
    moments = [m for m in map(_moment, values) if m is not None]
    if moments:
        return _with_offset(moments)
    return found_day


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
