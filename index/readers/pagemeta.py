"""What a web page declares about itself: meta tags, JSON-LD, ``<title>`` and headings."""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

log = logging.getLogger(__name__)

#: JSON-LD types that describe the article itself (not the site or a breadcrumb).
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "liveblogposting",
        "socialmediaposting",
        "report",
    }
)
#: JSON-LD types whose ``name`` is the site's or the publisher's name.
BRAND_TYPES = frozenset({"website", "organization", "newsmediaorganization"})
#: How many ``<h1>`` a page may list before the rest are ignored (menus, modals).
MAX_HEADINGS = 12


@dataclass
class PageMeta:
    """The metadata a page gives, each kind in the page's order."""

    title_tag: str | None = None
    meta: dict[str, list[str]] = field(default_factory=dict)
    headlines: list[str] = field(default_factory=list)  # JSON-LD headline of the article
    brands: list[str] = field(default_factory=list)  # JSON-LD publisher / site names
    sections: list[str] = field(default_factory=list)  # breadcrumbs, articleSection
    published: list[str] = field(default_factory=list)  # JSON-LD datePublished
    headings: list[str] = field(default_factory=list)  # <h1> texts

    def first(self, *names: str) -> str | None:
        """The first value of the first meta tag (``property`` or ``name``) present."""
        for name in names:
            values = self.meta.get(name.lower())
            if values:
                return values[0]
        return None


def read_page_meta(tree: HtmlElement) -> PageMeta:
    """Everything :class:`PageMeta` holds, read from a parsed page."""
    page = PageMeta(title_tag=_head_title(tree))
    for element in tree.iterfind(".//meta[@content]"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        value = clean_text(element.get("content", ""))
        if key and value:
            page.meta.setdefault(key.lower(), []).append(value)
    for script in tree.iterfind(".//script[@type]"):
        if script.get("type", "").lower() == "application/ld+json":
            for item in _json_ld_objects(script.text_content()):
                _read_json_ld(item, page)
    for heading in tree.iter("h1"):
        text = clean_text(heading.text_content())
        if text:
            page.headings.append(text)
            if len(page.headings) >= MAX_HEADINGS:
                break
    return page


def clean_text(text: str) -> str:
    """Entities decoded (JSON-LD often double-escapes them), spaces collapsed."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def _head_title(tree: HtmlElement) -> str | None:
    element = tree.find(".//title")
    if element is None:
        return None
    return clean_text(element.text_content()) or None


def _json_ld_objects(text: str) -> Iterator[dict[str, Any]]:
    """The objects of one JSON-LD script, ``@graph`` and lists unfolded; bad JSON skipped."""
    try:
        data = json.loads(text, strict=False)
    except ValueError:
        log.debug("invalid JSON-LD skipped")
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            yield item
            if isinstance(item.get("@graph"), list):
                stack[:0] = item["@graph"]


def _types(item: dict[str, Any]) -> set[str]:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _read_json_ld(item: dict[str, Any], page: PageMeta) -> None:
    kinds = _types(item)
    if kinds & ARTICLE_TYPES or ("headline" in item and "webpage" not in kinds):
        _add(page.headlines, item.get("headline"))
        _add(page.published, item.get("datePublished"))
        _add(page.sections, item.get("articleSection"))
        publisher = item.get("publisher")
        for one in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(one, dict):
                _add(page.brands, one.get("name"))
    if kinds & BRAND_TYPES:
        _add(page.brands, item.get("name"))
        _add(page.brands, item.get("alternateName"))
    if "breadcrumblist" in kinds:
        for crumb in item.get("itemListElement") or []:
            if isinstance(crumb, dict):
                inner = crumb.get("item")
                name = crumb.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
                _add(page.sections, name)


def _add(values: list[str], value: object) -> None:
    for one in value if isinstance(value, list) else [value]:
        if isinstance(one, str) and (text := clean_text(one)):
            values.append(text)
