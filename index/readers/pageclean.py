"""Page furniture taken out of a parsed page before trafilatura reads it.

Trafilatura keeps some boxes that sit inside the article's container:
paywall boxes, reader comments (whose dates then compete with the byline's),
"en savoir plus" and partner lists, share bars, weather widgets, a
magazine's issue box with its price.  They are recognised by shape (class
and id words, a price next to an order link), never by site.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

#: Words of class and id attributes that mark furniture, not article text.
FURNITURE_WORDS = (
    "paywall",
    "payant",
    "subscri",
    "abonnement",
    "savoir-plus",
    "savoir_plus",
    "savoirplus",
    "newsletter",
    "meteo",
    "weather",
    "share",
    "sharing",
    "partage",
    "social",
    "disqus",
    "related",
    "lire-aussi",
    "lire_aussi",
    "a-lire",
    "outbrain",
    "taboola",
    "copyright",
)
#: Whole class or id words of a comment thread or one comment.  Only whole words:
#: ``live-match-comment`` is a live report's text.
COMMENT_WORDS = frozenset(
    {
        "comment",
        "comments",
        "commentaire",
        "commentaires",
        "comment-list",
        "comments-list",
        "commentlist",
        "comments-area",
        "comment-respond",
        "comment-form",
        "commentform",
        "respond",
        "forum",
        "reactions",
        "disqus_thread",
    }
)
#: A box is furniture only if it holds less than this share of the page's text,
#: fewer paragraphs of article length than this, and not the <h1>: a class
#: such as ``article-payant`` may wrap the whole article.
MAX_FURNITURE_SHARE = 0.25
MAX_FURNITURE_PARAGRAPHS = 3
MIN_ARTICLE_PARAGRAPH = 150
#: A comment thread may be longer than the article, but not most of the page.
MAX_COMMENTS_SHARE = 0.5
_FURNITURE = re.compile("|".join(re.escape(w) for w in FURNITURE_WORDS))
_COMMENTISH = re.compile(r"comment|forum|respond|reactions|disqus")
# Lowercase after "euro" is another word (européens); text_content() glues
# the next block's text on, so "7,50 eurosJe m'abonne" must still match.
_PRICE = re.compile(r"\d(?:[,.]\d{2})?\s*(?:€|euros?(?![a-zàâçéèêëîïôûùüÿœ]))")
_ORDER_LINK = re.compile(
    r"^\W*(?:je m.abonne|s.abonner|abonnez-vous|je commande|commander|acheter"
    r"|ajouter au panier|achetez|je l.ach[eè]te)\b",
    re.IGNORECASE,
)
_PRICE_XPATH = etree.XPath("//body//text()[contains(., '€') or contains(., 'euro')]/parent::*")
_ORDER_HREF = re.compile(
    r"[/=._-](?:caddie|cart|panier|basket|checkout|boutique|shop)\b", re.IGNORECASE
)
#: An issue box or an offer is short; a longer block is article text about prices.
MAX_OFFER_CHARS = 700
MAX_OFFER_HEADING = 150
#: Text straight in a <div> this long is a paragraph, not a label.
MIN_DIV_PARAGRAPH = 100
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "dl",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
        "figure",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "iframe",
        "main",
        "video",
        "audio",
        "picture",
    }
)
# Selected by XPath, in C: walking every element from Python costs more
# than trafilatura's own pass on large pages.
_NAMED_XPATH = etree.XPath(".//*[@class or @id]")
_TEXT_DIV_XPATH = etree.XPath(
    "//body//div[not(" + " or ".join(sorted(_BLOCK_TAGS)) + ")]"
    f"[string-length(normalize-space(.)) >= {MIN_DIV_PARAGRAPH}]"
)
_BLOCKS = frozenset({"p", "div", "td", "li", "section", "aside", "table", "ul"})


def remove_furniture(tree: HtmlElement) -> None:
    """Drop HTML comments (keeping their tail text), furniture boxes and offers."""
    etree.strip_tags(tree, etree.Comment)  # a comment's tail is often article text
    body = tree.find(".//body")
    if body is None:
        return
    page_chars = len(body.text_content())
    limit = MAX_FURNITURE_SHARE * page_chars
    for element, is_comment in _furniture(body):
        if is_comment:  # a long thread may outweigh the article, never hold its title
            _drop_small(element, MAX_COMMENTS_SHARE * page_chars)
        elif not _holds_article_text(element):
            _drop_small(element, limit)
    for element in _PRICE_XPATH(tree):
        box = _offer_box(element)
        if box is not None and not _holds_article_text(box):
            _drop_small(box, limit)


def _furniture(body: HtmlElement) -> list[tuple[HtmlElement, bool]]:
    """Elements whose class or id names furniture or (flagged) a comment thread."""
    found = []
    for element in _NAMED_XPATH(body):
        names = element.get("class"), element.get("id")
        text = " ".join(n for n in names if n).lower()
        if _COMMENTISH.search(text) and any(w in COMMENT_WORDS for w in text.split()):
            found.append((element, True))
        elif _FURNITURE.search(text):
            found.append((element, False))
    return found


def _holds_article_text(element: HtmlElement) -> bool:
    """An article's container may carry a furniture word (``article-payant``)."""
    long_paragraphs = sum(len(p.text_content()) >= MIN_ARTICLE_PARAGRAPH for p in element.iter("p"))
    return long_paragraphs >= MAX_FURNITURE_PARAGRAPHS


def _drop_small(element: HtmlElement, limit: float) -> None:
    """Remove *element* (keeping its tail) unless it is gone, holds the title or much text."""
    if element.tag in ("body", "html") or not _attached(element):
        return
    if len(element.text_content()) < limit and element.find(".//h1") is None:
        element.drop_tree()


def _attached(element: HtmlElement) -> bool:
    """False once an ancestor, or the element itself, was removed from the page."""
    ancestors = list(element.iterancestors())
    return bool(ancestors) and ancestors[-1].tag == "html"


def _offer_box(element: HtmlElement) -> HtmlElement | None:
    """The block around a price that also holds an order link, with its heading."""
    box = None
    for block in [element, *element.iterancestors()][:5]:
        if block.tag in ("body", "html") or len(block.text_content()) > MAX_OFFER_CHARS:
            break
        if (
            block.tag in _BLOCKS
            and _PRICE.search(block.text_content())
            and any(map(_is_order_link, block.iter("a")))
        ):
            box = block
            break
    if box is None:
        return None
    for parent in box.iterancestors():  # a heading or a cover just around the offer
        if parent.tag in ("body", "html") or (
            len(parent.text_content()) > len(box.text_content()) + MAX_OFFER_HEADING
        ):
            break
        box = parent
    return box


def _is_order_link(link: HtmlElement) -> bool:
    return bool(_ORDER_LINK.match(link.text_content()) or _ORDER_HREF.search(link.get("href", "")))


def paragraphs_from_divs(tree: HtmlElement) -> None:
    """A ``<div>`` that holds a paragraph's text and no block becomes a ``<p>``.

    trafilatura reads text in paragraphs, not text set straight into a
    ``<div>``, and drops it.
    """
    for div in _TEXT_DIV_XPATH(tree):
        div.tag = "p"


#: Class words of an article's lead (the French ``chapô``), which some pages
#: put in the header beside the ``<h1>``, where trafilatura does not look.
_LEAD_CLASS = re.compile(
    r"(?:^|[-_\s])(?:chapo|chapeau|chap[oô]|standfirst|lead|lede|accroche)(?:$|[-_\s])",
    re.IGNORECASE,
)
_LEAD_XPATH = etree.XPath(
    "//body//*[contains(@class, 'chap') or contains(@class, 'lead')"
    " or contains(@class, 'lede') or contains(@class, 'standfirst')"
    " or contains(@class, 'accroche')][not(ancestor::nav or ancestor::footer"
    " or ancestor::aside or ancestor::form)]"
)
LEAD_CHARS = (60, 1200)


def lead_paragraph(tree: HtmlElement) -> str | None:
    """The article's lead paragraph when the page marks one, else ``None``."""
    for element in _LEAD_XPATH(tree):
        if not _LEAD_CLASS.search(element.get("class", "")):
            continue
        text = " ".join(element.text_content().split())
        if LEAD_CHARS[0] <= len(text) <= LEAD_CHARS[1]:
            return text
        return None  # the first lead found is the article's; it is empty or a whole page
    return None
