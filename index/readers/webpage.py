"""``.html`` files: main text by trafilatura; title, date and site from the page's metadata."""

from __future__ import annotations

import logging
import re

import trafilatura
from trafilatura.settings import Document

from index.article import Article, BadInput
from index.discover import SourceFile
from index.readers.brands import SiteNames
from index.readers.common import build_article, text_lines
from index.readers.pageclean import (
    lead_paragraph,
    paragraphs_from_divs,
    remove_furniture,
)
from index.readers.pagedate import published_moment
from index.readers.pagemeta import PageMeta, read_page_meta
from index.readers.pagetitle import choose_title

log = logging.getLogger(__name__)

#: htmldate's markup-only search: its search through the text can take half a
#: minute the first time a process parses a date with dateparser, so it runs
#: only when the page has no date line (:mod:`index.readers.pagedate`).
QUICK_DATE_SEARCH = {"extensive_search": False, "original_date": True}

#: Lines of image credits, which trafilatura keeps as paragraphs.
_CREDIT_LINE = re.compile(
    r"^\W*(?:cr[ée]dits?\s+)?(?:images?|photos?|illustrations?|visuels?)"
    r"(?:\s+(?:d.illustration|illustratives?|de une|principale))?\s*:\s.{0,250}$"
    r"|^.{0,200}\b(?:licence|license)\s+creative\s+commons\b.{0,60}$",
    re.IGNORECASE,
)


def parse(text: str, source: SourceFile) -> list[Article | BadInput]:
    """One article from a web page; reader comments, menus and page furniture left out."""
    tree = trafilatura.load_html(text)
    if tree is None:
        return [BadInput(str(source.path), "not an HTML page")]
    page = read_page_meta(tree)
    remove_furniture(tree)
    lead = lead_paragraph(tree)
    paragraphs_from_divs(tree)
    doc = trafilatura.bare_extraction(
        tree,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=QUICK_DATE_SEARCH,
    )
    # bare_extraction gives a Document (a dict only when asked with as_dict).
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return [BadInput(str(source.path), "no article text found")]
    lines = _body_lines(doc.text or "", lead)
    meta = {
        "title": _title(page, doc),
        "date": published_moment(page, tree, doc.date),
        "source": page.first("og:site_name") or doc.sitename,
        "url": doc.url,
        "author": doc.author,
    }
    return [build_article(meta, lines, source.relative)]


def _title(page: PageMeta, doc: Document) -> str:
    """The title most of the page's metadata agrees on, without the site's name."""
    site = SiteNames.build(
        names=[
            page.first("og:site_name"),
            page.first("application-name"),
            doc.sitename,
            *page.brands,
        ],
        urls=[doc.url, page.first("og:url"), doc.hostname],
        sections=[page.first("article:section"), *page.sections],
    )
    candidates: list[tuple[str, str | None]] = [("headline", h) for h in page.headlines[:1]]
    candidates += [
        ("og", page.first("og:title")),
        *(("h1", h) for h in page.headings),
        ("twitter", page.first("twitter:title")),
        ("meta", page.first("title", "dc.title")),
        ("title", page.title_tag),
        ("extracted", doc.title),
    ]
    return choose_title(candidates, site)


def _body_lines(text: str, lead: str | None) -> list[str]:
    """trafilatura's paragraphs, the lead first if it missed it, credit lines out."""
    text = text.replace("\u00ad", "")  # soft hyphens would split words in credits
    lines = text_lines(text)
    if lead and lead[:80] not in " ".join(text.split()):
        lines.insert(0, lead)
    return [line for line in lines if not _CREDIT_LINE.match(line)]
