"""``.html`` files: main text and metadata found by trafilatura."""

from __future__ import annotations

import logging

import trafilatura
from lxml.html import HtmlElement

from index.article import Article, BadInput
from index.discover import SourceFile
from index.readers.common import build_article, text_lines
from index.titles import strip_site_suffix

log = logging.getLogger(__name__)


def parse(text: str, source: SourceFile) -> list[Article | BadInput]:
    """One article from a web page; reader comments, menus and footers left out."""
    tree = trafilatura.load_html(text)
    if tree is None:
        return [BadInput(str(source.path), "not an HTML page")]
    page_title = _head_title(tree)
    site_name = _meta(tree, "og:site_name")
    doc = trafilatura.bare_extraction(tree, include_comments=False, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        return [BadInput(str(source.path), "no article text found")]
    meta = {
        "title": _title(doc.title, page_title, [site_name, doc.sitename, doc.hostname]),
        "date": doc.date,
        "source": site_name or doc.sitename,
        "url": doc.url,
        "author": doc.author,
    }
    return [build_article(meta, text_lines(doc.text), source.relative)]


def _title(
    found: str | None, page_title: str | None, site_names: list[str | None]
) -> str:
    """trafilatura's title, unless it cut ``<title>`` at a French `` : ``.

    For a ``<title>`` with no ``<h1>`` or ``og:title``, trafilatura keeps the
    part before the last separator, and ``:`` is one: ``Grève : la SNCF
    cède`` would become ``Grève``.  The whole ``<title>`` is taken instead,
    and only a suffix that is the site's name is removed.
    """
    title = found or page_title or ""
    if page_title and found and found != page_title and found in page_title:
        title = page_title
    return strip_site_suffix(title, site_names)


def _head_title(tree: HtmlElement) -> str | None:
    element = tree.find(".//head//title")
    if element is None:
        return None
    return " ".join(element.text_content().split()) or None


def _meta(tree: HtmlElement, name: str) -> str | None:
    for element in tree.iterfind(".//head//meta[@content]"):
        if name in (element.get("property"), element.get("name")):
            return " ".join(element.get("content", "").split()) or None
    return None
