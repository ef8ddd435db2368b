"""People, organisations and places of French news articles.

spaCy's French NER (``fr_core_news_md``, NER component only) finds the spans;
a deterministic layer then repairs them (:mod:`.spans`), fixes their types
with the alias table and a place gazetteer, votes one type per name, resolves
short names and drops noise (:mod:`.resolve`).

Decisions worth knowing:

* a country or capital acting as a government (``Washington a averti``)
  stays a location, as the gazetteer says; the alias table can make a
  metonym an organisation instead (``Kremlin``, ``Élysée``, ``Matignon``);
* a short name joins the one longer person name of the article it begins or
  ends (``Poutine`` -> ``Vladimir Poutine``, ``Kim`` -> ``Kim Jong-un``); when
  it fits several (``Kim`` beside ``Kim Jong-un`` and ``Kim Il-sung``) it is
  dropped: a facet ``Kim`` would mix two people and say nothing of either;
* MISC spans (events, works, adjectives) are dropped unless the alias table or
  gazetteer knows the name, or a noun such as ``journal`` or ``agence`` comes
  just before it.

Offsets: every mention is a ``(begin, end)`` pair of character offsets into
``article_text(title, body)``, that is ``title + "\\n\\n" + body``.  Offsets
below ``len(title)`` are in the title; subtract ``body_offset(title)`` from
the others to get offsets into the body.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from index.entities.gazetteer import Knowledge, load_gazetteer
from index.entities.model import BATCH_SIZE, ModelMissing, NerModel, load_ner
from index.entities.resolve import ArticleEntities, Entity, resolve_mentions
from index.entities.spans import repair
from search.aliases import AliasTable
from search.layout import article_text, body_offset
from search.normalize import HYPHENS, SPACES

__all__ = [
    "ArticleEntities",
    "Entity",
    "ModelMissing",
    "NerModel",
    "article_text",
    "body_offset",
    "extract_entities",
    "load_ner",
]

log = logging.getLogger(__name__)

#: Typography fixes that keep every character in place, so offsets still hold.
_SAME_LENGTH = {**SPACES, **HYPHENS}


def extract_entities(
    texts: Iterable[tuple[str, str]],
    aliases: AliasTable,
    *,
    batch_size: int = BATCH_SIZE,
    model: NerModel | None = None,
) -> Iterator[ArticleEntities]:
    """Entities of each ``(title, body)`` pair, in order, one result per pair."""
    ner = model or load_ner()
    kb = Knowledge(aliases, load_gazetteer())
    limit = ner.nlp.max_length
    prepared = (_prepare(article_text(title, body), limit) for title, body in texts)
    for doc, (text, lead) in ner.nlp.pipe(prepared, batch_size=batch_size, as_tuples=True):
        ents = [(e.start_char + lead, e.end_char + lead, e.label_) for e in doc.ents]
        yield resolve_mentions(repair(text, ents, kb), kb, ner.ranks)


def _prepare(text: str, limit: int) -> tuple[str, tuple[str, int]]:
    """What spaCy reads, and the full text with the offset where that starts.

    Leading blank lines (an article without a title) are not given to the
    model: they made it miss a sentence-initial ``Dominique de Villepin``.
    """
    text = text.translate(_SAME_LENGTH)
    lead = len(text) - len(text.lstrip())
    if len(text) - lead > limit:
        log.warning(
            "article of %d characters: entities read from the first %d only", len(text), limit
        )
    return text[lead : lead + limit], (text, lead)
