"""View models: everything the templates print, computed from the payloads.

The search page renders ``search_payload()`` (the JSON API's body) through
:func:`search_view`; the article page renders ``article_payload()`` through
:func:`article_view`. Templates only loop and print: URLs, labels, French
dates and the timeline geometry are all decided here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from search.results import MAX_FACET_SIZE

from . import french
from .params import DEFAULT_FACET_SIZE
from .payloads import API_SEARCH_PATH
from .texts import FIXES, HELP_ROWS
from .timeline import timeline
from .urls import (
    EXCLUDE,
    FILTERS,
    State,
    article_url,
    change,
    entity_url,
    exclude,
    facet_size,
    query_string,
    safe_link,
    state_of,
    toggle,
    url,
    without,
)

#: The sidebar: facet name, heading, the parameter its values filter on.
FACET_GROUPS = (
    ("person", "Personnes", "actor"),
    ("organisation", "Organisations", "actor"),
    ("location", "Lieux", "location"),
    ("source", "Sources", "source"),
)
KIND_LABELS = {"person": "Personne", "organisation": "Organisation", "location": "Lieu"}
SORT_OPTIONS = (("relevance", "pertinence"), ("-date", "plus récents"), ("date", "plus anciens"))
#: A facet longer than this gets a filter box (with JavaScript).
FILTERABLE = 10
MORE_STEP = 20
#: Entities shown under each hit.
HIT_ACTORS = 5
HIT_PLACES = 3
#: Page links around the current one.
PAGE_WINDOW = 2
EXPORT_DROPS = ("page", "per_page", "facets", "facet_size")
#: What hits and the article page say of an article without a publication date.
UNKNOWN_DATE = "date inconnue"


def search_view(payload: Mapping[str, Any], params: Mapping[str, Sequence[str]]
                ) -> dict[str, Any]:
    """The search page: query box, summary, chips, facets, timeline, hits, pages."""
    state = state_of(params)
    labels = _labels(payload["facets"])
    return {
        **_header(state),
        "total": payload["total"],
        "summary": _summary(payload),
        "notes": payload["notes"],
        "undated_notes": undated_notes(payload, state),
        "partial": payload.get("partial", False),
        "suggestion": _suggestion(payload, state),
        "correction": _correction(payload, state),
        "sorts": _sorts(state),
        "chips": _chips(state, labels),
        "clear_url": url(change(state, **{name: None for name in FILTERS})),
        "facets": [_facet(payload["facets"], name, title, param, state)
                   for name, title, param in FACET_GROUPS if payload["facets"].get(name)],
        "hidden": _hidden(state, payload["facets"]),
        "timeline": timeline(payload["facets"], state, payload["undated"]),
        **_hit_lists(payload, state),
        "match": _match_links(payload, state),
        "named": [_named(entity, state) for entity in payload.get("entities", [])],
        "pagination": _pagination(payload, state),
        "exports": _exports(state),
    }


def invalid_search_view(params: Mapping[str, Sequence[str]], param: str, message: str
                        ) -> dict[str, Any]:
    """The search page for parameters that cannot be used: the box, the fix, a way out."""
    state = state_of(params)
    return {**_header(state), "error": {"param": param, "message": message,
                                        "hint": FIXES.get(param, ""),
                                        "reset_url": url(change(state, **{param: None}))}}


def _header(state: State) -> dict[str, Any]:
    """What every search page shows above the results, valid parameters or not."""
    api = f"{API_SEARCH_PATH}?{query_string(state)}" if state else API_SEARCH_PATH
    return {"q": state.get("q", [""])[0], "api_url": api, "page_title": _title(state),
            "all_words": state.get("match") == ["all"]}


def _title(state: State) -> str:
    q = state.get("q", [""])[0]
    return f"« {q} » – Recherche" if q else "Recherche"


def _summary(payload: Mapping[str, Any]) -> str:
    total, start, shown = payload["total"], payload["start"], len(payload["hits"])
    if not total:
        return "Aucun article ne correspond."
    text = french.count(total, "article")
    if total > shown and shown:
        text += f", résultats {french.number(start + 1)} à {french.number(start + shown)}"
    return text


def _hit_lists(payload: Mapping[str, Any], state: State) -> dict[str, Any]:
    """Hits with every word, then, set apart, those with only some (ranked queries)."""
    hits = [_hit(hit, state, _searched(payload)) for hit in payload["hits"]]
    complete = [hit for hit in hits if not hit["missing"]]
    some = [hit for hit in hits if hit["missing"]]
    start = payload["start"] + 1
    return {"hits": complete, "start": start, "partial_hits": some,
            "partial_start": start + len(complete)}


def _match_links(payload: Mapping[str, Any], state: State) -> dict[str, Any] | None:
    """How many results have every word, and the link to only those (or back)."""
    if state.get("match") == ["all"]:
        return {"text": "Seuls les articles contenant tous les mots sont affichés.",
                "link": "Afficher aussi ceux qui n’en contiennent qu’une partie",
                "url": url(change(state, match=None))}
    total, complete = payload["total"], payload.get("total_all", payload["total"])
    if complete == total:
        return None
    text = (f"{french.count(complete, 'article contient', 'articles contiennent')} "
            "tous les mots") if complete else "Aucun article ne contient tous les mots"
    rest = total - complete
    verb = "en contient" if rest < 2 else "en contiennent"
    return {"text": f"{text} ; {french.number(rest)} {verb} une partie.",
            "link": "N’afficher que les articles contenant tous les mots",
            "url": url(change(state, match=["all"]))}


def _named(entity: Mapping[str, Any], state: State) -> dict[str, Any]:
    """A filter offered for an entity the query names (``Le Monde``)."""
    param = "location" if entity.get("type") == "location" else "actor"
    kind = KIND_LABELS.get(entity.get("type") or "", "Entité").lower()
    return {"text": f"Filtrer sur {kind} « {entity['label']} »",
            "url": url(toggle(state, param, entity["value"])),
            "active": entity["value"] in state.get(param, [])}


def undated_notes(payload: Mapping[str, Any], state: State) -> list[dict[str, str]]:
    """What the page says of undated articles: left out by a period, or last by date."""
    count, choice = payload["undated"], state.get("undated", [""])[0]
    if not count or choice == "only":
        return []
    articles = french.count(count, "article sans date", "articles sans date")
    if payload["undated_excluded"]:
        return [{"text": f"Cette période laisse de côté {articles}.",
                 "link": "Les inclure" if count > 1 else "L’inclure",
                 "url": url(change(state, undated=["include"]))}]
    if state.get("sort", [""])[0] in ("date", "-date"):
        verb = "viennent" if count > 1 else "vient"
        return [{"text": f"Tri par date : {articles} {verb} en dernier.", "link": "",
                 "url": ""}]
    return []


def _suggestion(payload: Mapping[str, Any], state: State) -> dict[str, str] | None:
    suggestion = payload.get("suggestion")
    if not suggestion:
        return None
    return {"text": suggestion, "url": url(change(state, q=[suggestion], nocorrect=None))}


def _correction(payload: Mapping[str, Any], state: State) -> dict[str, str] | None:
    """The corrected query shown, and a link to the query exactly as typed."""
    corrected = payload.get("corrected")
    if not corrected:
        return None
    return {"to": corrected["to"], "from": corrected["from"],
            "typed_url": url(change(state, nocorrect=["1"]))}


def _sorts(state: State) -> list[dict[str, Any]]:
    current = state.get("sort", ["relevance"])[0]
    return [
        {"label": label, "current": value == current,
         "url": url(change(state, sort=[value] if value != "relevance" else None))}
        for value, label in SORT_OPTIONS
    ]


def _labels(facets: Mapping[str, Sequence[Mapping[str, Any]]]) -> dict[str, tuple[str, str]]:
    """Entity key -> (label, kind), from the facet values the payload lists."""
    out = {}
    for name, values in facets.items():
        for v in values:
            out.setdefault(v["value"], (v["label"], v.get("type") or name))
    return out


def _chips(state: State, labels: Mapping[str, tuple[str, str]]) -> list[dict[str, Any]]:
    """One chip per active filter; a click removes it."""
    chips = []
    for name in ("actor", "location", "source", "not_actor", "not_location"):
        for value in state.get(name, []):
            label, kind = labels.get(value, (value, name))
            prefix = "Source" if name == "source" else KIND_LABELS.get(kind, "Filtre")
            chips.append({"label": label, "kind": f"sauf {prefix.lower()}" if
                          name.startswith("not_") else prefix,
                          "negative": name.startswith("not_"),
                          "remove_url": url(without(state, name, value))})
    return chips + _date_chips(state)


def _date_chips(state: State) -> list[dict[str, Any]]:
    start, end = state.get("from", [None])[0], state.get("to", [None])[0]
    undated = _undated_chips(state)
    if start and start == end:
        return [{"label": french.period(start), "kind": "Période", "negative": False,
                 "remove_url": url(change(state, from_=None, to=None))}, *undated]
    chips = []
    if start:
        chips.append({"label": f"depuis {french.period(start)}", "kind": "Période",
                      "negative": False, "remove_url": url(without(state, "from"))})
    if end:
        chips.append({"label": f"jusqu’à {french.period(end)}", "kind": "Période",
                      "negative": False, "remove_url": url(without(state, "to"))})
    return chips + undated


def _undated_chips(state: State) -> list[dict[str, Any]]:
    """``sans date`` alone, or beside a period (``from``/``to`` or a ``date:`` term)."""
    choice = state.get("undated", [None])[0]
    labels = {"only": "sans date", "include": "et les articles sans date"}
    if choice not in labels:
        return []
    return [{"label": labels[choice], "kind": "Période", "negative": False,
             "remove_url": url(without(state, "undated"))}]


def _facet(facets: Mapping[str, Sequence[Mapping[str, Any]]], name: str, title: str,
           param: str, state: State) -> dict[str, Any]:
    values = facets[name]
    size = facet_size(state)
    return {
        "name": name,
        "title": title,
        "param": param,
        "options": [_facet_value(name, i, v, param, state) for i, v in enumerate(values)],
        "filterable": len(values) > FILTERABLE,
        "more_url": (url(change(state, facet_size=[str(min(size + MORE_STEP,
                                                          MAX_FACET_SIZE))]),
                         fragment=f"facette-{name}")
                     if len(values) >= size and size < MAX_FACET_SIZE else None),
        "less_url": (url(change(state, facet_size=None), fragment=f"facette-{name}")
                     if size > DEFAULT_FACET_SIZE else None),
    }


def _facet_value(name: str, index: int, value: Mapping[str, Any], param: str,
                 state: State) -> dict[str, Any]:
    key, label = value["value"], value["label"]
    negative = EXCLUDE.get(param)
    excluded = bool(negative and key in state.get(negative, []))
    return {
        "id": f"f-{name}-{index}",
        "value": key,
        "label": label,
        "count": french.number(value["count"]),
        "selected": key in state.get(param, []),
        "excluded": excluded,
        "exclude_url": url(exclude(state, param, key)) if negative and not excluded else None,
        "include_url": url(without(state, negative, key)) if excluded else None,
    }


def _hidden(state: State, facets: Mapping[str, Sequence[Mapping[str, Any]]]
            ) -> list[tuple[str, str]]:
    """State the search form must carry but shows no checkbox for."""
    shown = {(param, v["value"]) for name, _, param in FACET_GROUPS
             for v in facets.get(name, ())}
    hidden = []
    for name, values in state.items():
        if name in ("q", "page", "match", "nocorrect"):  # a new query may be corrected
            continue
        for value in values:
            if name in ("actor", "location", "source") and (name, value) in shown:
                continue
            hidden.append((name, value))
    return hidden


def _searched(payload: Mapping[str, Any]) -> str:
    """The query the hits answer: the correction's when it was searched instead."""
    corrected = payload.get("corrected")
    return corrected["to"] if corrected else payload["query"]


def _hit(hit: Mapping[str, Any], state: State, searched: str) -> dict[str, Any]:
    entities = [*hit["actors"][:HIT_ACTORS], *hit["locations"][:HIT_PLACES]]
    return {
        "title": hit["title"] or "(sans titre)",
        "url": article_url(hit["id"], searched),
        "source": hit["source"],
        "author": hit["author"],
        "date": french.french_date(hit["published"]) or UNKNOWN_DATE,
        "datetime": hit["published"],
        "snippets": hit["snippets"],
        "entities": [_entity_chip(e, state) for e in entities],
        "missing": hit.get("missing", []),
    }


def _entity_chip(entity: Mapping[str, Any], state: State) -> dict[str, Any]:
    param = "location" if entity["type"] == "location" else "actor"
    active = entity["value"] in state.get(param, [])
    return {"label": entity["label"], "kind": entity["type"], "active": active,
            "url": url(toggle(state, param, entity["value"])),
            "action": "Retirer le filtre" if active else "Filtrer sur"}


def _pagination(payload: Mapping[str, Any], state: State) -> dict[str, Any] | None:
    per_page, page = payload["per_page"], payload["page"]
    last = max(1, math.ceil(payload["total"] / per_page))
    if last == 1 and page == 1:
        return None

    def link(number: int) -> str:
        return url(change(state, page=[str(number)] if number > 1 else None))

    numbers = sorted({1, last, *range(max(1, page - PAGE_WINDOW),
                                      min(last, page + PAGE_WINDOW) + 1)})
    items: list[dict[str, Any]] = []
    for number in numbers:
        if items and number > items[-1]["number"] + 1:
            items.append({"gap": True, "number": number - 1})
        items.append({"gap": False, "number": number, "url": link(number),
                      "current": number == page})
    return {"items": items,
            "previous_url": link(page - 1) if page > 1 else None,
            "next_url": link(page + 1) if page < last else None}


def _exports(state: State) -> dict[str, str]:
    kept = {k: v for k, v in state.items() if k not in EXPORT_DROPS}
    return {"csv": url(kept, "/export.csv"), "json": url(kept, "/export.json"),
            "atom": url(kept, "/flux.atom")}


def article_view(payload: Mapping[str, Any], similar: Mapping[str, Any], q: str = ""
                 ) -> dict[str, Any]:
    """The article page: metadata, text with marks and entity links, entities, similar."""
    labels = {e["value"]: e["label"] for e in payload["entities"]}
    paragraphs = [_runs(p, labels) for p in payload["paragraphs"]]
    return {
        "page_title": payload["title"] or "Article",
        "title": payload["title"] or "(sans titre)",
        "q": q,
        "back_url": url({"q": [q]}) if q.strip() else "/",
        "meta": _meta(payload),
        "paragraphs": paragraphs,
        "match_summary": _match_summary(paragraphs),
        "entity_groups": _entity_groups(payload["entities"]),
        "dates": _dates(payload["dates"]),
        "similar": [_similar(hit) for hit in similar["hits"]],
        "api_url": "/api/v1" + article_url(payload["id"]),
    }


def _match_summary(paragraphs: Sequence[Sequence[Mapping[str, Any]]]) -> str:
    marks = sum(part["match"] for p in paragraphs for run in p for part in run["parts"])
    if not marks:
        return "aucun de ses mots n’apparaît dans le texte"
    return f"{french.count(marks, 'occurrence surlignée', 'occurrences surlignées')} dans le texte"


def _meta(payload: Mapping[str, Any]) -> dict[str, Any]:
    file = payload["file"]
    if payload.get("line"):
        file = f"{file}, ligne {payload['line']}"
    return {"source": payload["source"], "author": payload["author"],
            "date": french.french_date(payload["published"], with_time=True) or UNKNOWN_DATE,
            "datetime": payload["published"], "url": safe_link(payload["url"]),
            "raw_url": payload["url"], "file": file}


def _runs(segments: Sequence[Mapping[str, Any]], labels: Mapping[str, str]
          ) -> list[dict[str, Any]]:
    """Segments grouped into runs: one link per entity mention, marks inside."""
    runs: list[dict[str, Any]] = []
    for segment in segments:
        key, part = segment["entity"], {"text": segment["text"], "match": segment["match"]}
        last = runs[-1] if runs else None
        if last is not None and key is not None and last["key"] == key:
            last["parts"].append(part)
            continue
        runs.append({"key": key, "kind": segment["kind"], "parts": [part],
                     "url": entity_url(key, segment["kind"]) if key else None,
                     "title": f"{KIND_LABELS.get(segment['kind'] or '', 'Entité')} : "
                              f"{labels.get(key, key)}" if key else None})
    return runs


def _entity_groups(entities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    groups = []
    for kind, title in (("person", "Personnes"), ("organisation", "Organisations"),
                        ("location", "Lieux")):
        members = [
            {"label": e["label"], "url": entity_url(e["value"], kind), "value": e["value"],
             "mentions": len(e["mentions"]) + len(e["title_mentions"])}
            for e in entities if e["type"] == kind
        ]
        if members:
            groups.append({"kind": kind, "title": title, "entities": members})
    return groups


def _dates(dates: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Dates the article mentions, once each, in words."""
    seen, out = set(), []
    for d in dates:
        value = d["date"][: {"year": 4, "month": 7}.get(d.get("precision", ""), 10)]
        if value not in seen:
            seen.add(value)
            out.append({"text": d["text"], "date": french.period(value),
                        "url": url({"from": [value], "to": [value]})})
    return out


def _similar(hit: Mapping[str, Any]) -> dict[str, Any]:
    return {"title": hit["title"] or "(sans titre)", "url": article_url(hit["id"]),
            "source": hit["source"],
            "date": french.french_date(hit["published"]) or UNKNOWN_DATE,
            "datetime": hit["published"]}


def help_view() -> dict[str, Any]:
    """The help page: the query language table, each example a search link."""
    return {"page_title": "Aide : le langage de recherche", "rows": [
        {"syntax": syntax, "meaning": meaning,
         "examples": [{"text": q, "url": url({"q": [q]})} for q in examples]}
        for syntax, meaning, examples in HELP_ROWS
    ]}
