"""The entity page's view model, from ``entity_payload`` (the JSON twin's body)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from . import french
from .entities import KINDS, PER_PAGE
from .timeline import timeline
from .urls import article_url, url
from .view_models import CooccurringGroup, EntityHit, EntityPage, PageLinks, Since

TITLES = {"person": "Personne", "organisation": "Organisation", "location": "Lieu"}
GROUPS = (("person", "Personnes"), ("organisation", "Organisations"), ("location", "Lieux"))


def entity_page_url(kind: str, value: str, **params: str) -> str:
    """``/entites/personne/vladimir%20poutine``, with optional query parameters."""
    french_kind = KINDS.get(kind, (None, kind))[1]
    path = f"/entites/{quote(french_kind, safe='')}/{quote(value, safe='')}"
    return f"{path}?{urlencode(params)}" if params else path


def entity_view(payload: Mapping[str, Any]) -> EntityPage:
    """Heading, timeline, co-occurring entities with their pair links, articles, pages."""
    entity, other = payload["entity"], payload["with"]
    kind, value = entity["type"], entity["value"]
    state = {"q": [payload["query"]], "match": ["all"], "nocorrect": ["1"]}
    return {
        "page_title": (f"{entity['label']} et {other['label']}" if other else entity["label"]),
        "entity": entity,
        "kind_label": TITLES[kind],
        "other": other,
        "alone_url": entity_page_url(kind, value) if other else None,
        "other_url": entity_page_url(other["type"], other["value"]) if other else None,
        "summary": _summary(payload),
        "since": _since(payload),
        "search_url": url({**state, "sort": ["-date"]}),
        "api_url": "/api/v1"
        + entity_page_url(kind, value).replace(f"/entites/{KINDS[kind][1]}/", f"/entities/{kind}/")
        + (f"?{urlencode({'avec': _avec(other)})}" if other else ""),
        "timeline": timeline(
            _month_facets(payload), _dated_state(state, payload), payload["undated"]
        ),
        "groups": [
            _group(payload, name, title)
            for name, title in GROUPS
            if payload["cooccurring"].get(name)
        ],
        "hits": [_hit(hit, payload["query"]) for hit in payload["hits"]],
        "pages": _pages(payload),
    }


def _avec(other: Mapping[str, Any]) -> str:
    return f"{KINDS[other['type']][1]}:{other['value']}"


def _summary(payload: Mapping[str, Any]) -> str:
    total = payload["total"]
    if payload["with"] is None:
        who = {
            "person": "cette personne",
            "organisation": "cette organisation",
            "location": "ce lieu",
        }[payload["entity"]["type"]]
        verb = "cite" if total < 2 else "citent"
        return f"{french.count(total, 'article')} {verb} {who}."
    if not total:
        return "Aucun article ne les cite ensemble."
    return f"Cités ensemble dans {french.count(total, 'article')}."


def _since(payload: Mapping[str, Any]) -> Since | None:
    first = payload["first"]
    if not first:
        return None
    word = "Ensemble depuis" if payload["with"] else "Première mention"
    return {
        "text": f"{word} le {french.french_date(first['published'])}",
        "title": first["title"] or "(sans titre)",
        "url": article_url(first["id"]),
    }


def _month_facets(payload: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
    months = [
        {"value": m["month"], "label": m["month"], "count": m["count"], "selected": False}
        for m in payload["timeline"]
    ]
    years: dict[str, int] = {}
    for m in payload["timeline"]:
        years[m["month"][:4]] = years.get(m["month"][:4], 0) + m["count"]
    return {
        "month": months,
        "year": [{"value": y, "label": y, "count": c, "selected": False} for y, c in years.items()],
    }


def _dated_state(state: dict[str, list[str]], payload: Mapping[str, Any]) -> dict[str, list[str]]:
    """The search state with the timeline's span: the timeline then draws months."""
    months = [m["month"] for m in payload["timeline"]]
    if not months:
        return state
    return {**state, "from": [months[0]], "to": [months[-1]]}


def _group(payload: Mapping[str, Any], name: str, title: str) -> CooccurringGroup:
    entity = payload["entity"]
    return {
        "kind": name,
        "title": title,
        "entities": [
            {
                "label": v["label"],
                "count": french.number(v["count"]),
                "pair_url": entity_page_url(
                    entity["type"], entity["value"], avec=f"{KINDS[name][1]}:{v['value']}"
                ),
                "page_url": entity_page_url(name, v["value"]),
            }
            for v in payload["cooccurring"][name]
        ],
    }


def _hit(hit: Mapping[str, Any], q: str) -> EntityHit:
    return {
        "title": hit["title"] or "(sans titre)",
        "url": article_url(hit["id"], {"q": [q]} if q else None),
        "source": hit["source"],
        "author": hit["author"],
        "date": french.french_date(hit["published"]) or "date inconnue",
        "datetime": hit["published"],
        "snippets": hit["snippets"][:1],
    }


def _pages(payload: Mapping[str, Any]) -> PageLinks | None:
    last = max(1, math.ceil(payload["total"] / PER_PAGE))
    page = payload["page"]
    if last == 1 and page == 1:
        return None
    entity, other = payload["entity"], payload["with"]
    extra = {"avec": _avec(other)} if other else {}

    def link(number: int) -> str:
        return entity_page_url(
            entity["type"],
            entity["value"],
            **extra,
            **({"page": str(number)} if number > 1 else {}),
        )

    return {
        "text": f"Page {page} sur {last}",
        "previous_url": link(page - 1) if page > 1 else None,
        "next_url": link(page + 1) if page < last else None,
    }
