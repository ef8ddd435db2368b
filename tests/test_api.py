"""The JSON API on the bundled corpus: what a bot sees, errors and HTTP manners included."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import shutil
import threading
import time
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from tests_support import app_for as make_app
from whoosh import collectors

from index.pipeline import IndexOptions, run_index
from search import vector
from search.engine import Engine
from search.normalize import fold
from search.results import SearchRequest
from web.settings import BadSetting

PROBLEM_KEYS = {"type", "title", "status", "detail"}


@pytest.fixture(scope="module")
def client(corpus_index):
    return make_app(corpus_index).test_client()


def get_json(client, url, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def hit_ids(client, url):
    return [hit["id"] for hit in get_json(client, url)["hits"]]


def links(response) -> dict[str, str]:
    """rel -> root-relative URL, from an RFC 8288 Link header."""
    out = {}
    for part in filter(None, response.headers.get("Link", "").split(", ")):
        target, rel = part.split("; ")
        url = urlsplit(target.strip("<>"))
        out[rel.removeprefix('rel="').rstrip('"')] = f"{url.path}?{url.query}"
    return out


# -- search -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("etats unis", "États-Unis"),
        ("l’OTAN", "otan"),
        ("Putin", "Poutine"),
        ("ELISABETH BORNE", "Élisabeth Borne"),
        ("Kim Jong-un", '"Kim Jong Un"'),
    ],
    ids=["accents-hyphen", "typographic-elision", "alias", "case-accents", "hyphenated-name"],
)
def test_spellings_find_the_same_articles(client, query, same_as):
    found = hit_ids(client, f"/api/v1/search?q={query}&per_page=100")
    assert found
    assert found == hit_ids(client, f"/api/v1/search?q={same_as}&per_page=100")


def test_response_echoes_the_query_in_unescaped_utf8(client):
    response = client.get("/api/v1/search?q=Élisabeth Borne&per_page=2")
    assert "Élisabeth Borne".encode() in response.data
    assert b"\\u00c9" not in response.data
    data = response.get_json()
    assert data["query"] == "Élisabeth Borne"
    assert data["total"] >= len(data["hits"]) > 0
    assert data["partial"] is False and data["took_ms"] >= 0


@pytest.mark.parametrize(
    ("params", "facet", "value"),
    [
        ("actor=vladimir poutine", "person", "vladimir poutine"),
        ("actor=otan", "organisation", "otan"),
        ("location=coree du nord", "location", "coree du nord"),
    ],
    ids=["person", "organisation", "accented-place"],
)
def test_facet_filters_keep_only_matching_articles(client, params, facet, value):
    data = get_json(client, f"/api/v1/search?{params}&per_page=100")
    assert data["hits"]
    for hit in data["hits"]:
        assert value in {e["value"] for e in hit["actors"] + hit["locations"]}
    selected = [v for v in data["facets"][facet] if v["selected"]]
    assert [v["value"] for v in selected] == [value]
    assert selected[0]["count"] == data["total"]


def test_exclusion_and_repeated_values(client):
    both = get_json(client, "/api/v1/search?actor=otan&actor=vladimir poutine&per_page=100")
    either = get_json(
        client, "/api/v1/search?actor=otan&actor=vladimir poutine&any=actor&per_page=100"
    )
    otan = get_json(client, "/api/v1/search?actor=otan&per_page=100")
    without = get_json(client, "/api/v1/search?actor=otan&not_actor=vladimir poutine&per_page=100")
    assert either["total"] > otan["total"] > without["total"]
    assert otan["total"] > both["total"] > 0
    for hit in without["hits"]:
        assert "vladimir poutine" not in {a["value"] for a in hit["actors"]}


@pytest.mark.parametrize(
    ("date_from", "date_to", "low", "high"),
    [
        ("2022", "2022", "2022-01-01", "2022-12-31"),
        ("2022-02", "2022-06", "2022-02-01", "2022-06-30"),
        ("2022-02-24", "2022-05-16", "2022-02-24", "2022-05-16"),
    ],
    ids=["years", "months", "days"],
)
def test_date_bounds_are_inclusive(client, date_from, date_to, low, high):
    data = get_json(client, f"/api/v1/search?from={date_from}&to={date_to}&sort=date&per_page=100")
    everything = get_json(client, "/api/v1/search?sort=date&per_page=100")["hits"]
    days = [hit["published"][:10] for hit in data["hits"]]
    assert days == [
        hit["published"][:10]
        for hit in everything
        if hit["published"] and low <= hit["published"][:10] <= high
    ]
    assert days
    if len(date_from) == len(date_to) == 10:  # both bound days have articles
        assert (days[0], days[-1]) == (date_from, date_to)


@pytest.mark.parametrize("sort", ["date", "-date"], ids=["oldest-first", "newest-first"])
def test_sort_by_date(client, sort):
    days = [
        h["published"]
        for h in get_json(client, f"/api/v1/search?sort={sort}&per_page=100")["hits"]
        if h["published"]
    ]
    assert [d[:10] for d in days] == sorted((d[:10] for d in days), reverse=sort == "-date")
    for day in days:
        dt.datetime.fromisoformat(day)  # ISO 8601, never RFC 822


@pytest.mark.parametrize(
    "query", ["", "Poutine", "président OR Macron"], ids=["browse", "one-word", "or"]
)
def test_cursors_walk_through_the_same_ids_as_one_big_page(client, query):
    everything = hit_ids(client, f"/api/v1/search?q={query}&per_page=100&facets=")
    url, walked, pages = f"/api/v1/search?q={query}&per_page=4&facets=", [], 0
    while url:
        data = get_json(client, url)
        walked += [hit["id"] for hit in data["hits"]]
        url, pages = data["next_url"], pages + 1
    assert walked == everything
    assert pages == -(-len(everything) // 4)


def test_link_headers_point_to_next_and_previous_pages(client):
    first = client.get("/api/v1/search?q=Poutine&per_page=3")
    assert set(links(first)) == {"next"}
    assert first.headers["Link"].startswith("<http://localhost/api/v1/search?")
    second = client.get(links(first)["next"])
    assert set(links(second)) == {"next", "prev"}
    back = client.get(links(second)["prev"])
    assert back.get_json()["hits"] == first.get_json()["hits"]
    response = second
    while "next" in links(response):
        response = client.get(links(response)["next"])
    assert "prev" in links(response) and response.get_json()["next"] is None


def test_head_answers_without_a_body(client):
    response = client.head("/api/v1/search?q=Koursk")
    assert response.status_code == 200 and response.data == b""
    assert response.headers["ETag"]


# -- errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "param"),
    [
        ("/api/v1/search?from=2024-13-01", 400, "from"),
        ("/api/v1/search?to=hier", 400, "to"),
        ("/api/v1/search?from=2023-02-30", 400, "from"),
        ("/api/v1/search?per_page=0", 400, "per_page"),
        ("/api/v1/search?per_page=101", 400, "per_page"),
        ("/api/v1/search?per_page=dix", 400, "per_page"),
        ("/api/v1/search?page=0", 400, "page"),
        ("/api/v1/search?sort=pertinence", 400, "sort"),
        ("/api/v1/search?facets=personne", 400, "facets"),
        ("/api/v1/search?facet_size=1000", 400, "facet_size"),
        ("/api/v1/search?cursor=n'importe-quoi", 400, "cursor"),
        ("/api/v1/search?q=" + "é" * 2001, 400, "q"),
        ("/api/v1/facets/personne", 404, "name"),
        ("/api/v1/facets/person?prefix=" + "a" * 101, 400, "prefix"),
        ("/api/v1/facets/location?prefix=par&to=demain", 400, "to"),
        ("/api/v1/articles/dep-2021-0042/similar?count=0", 400, "count"),
        ("/api/v1/articles/pas-un-article", 404, None),
        ("/api/v1/articles/pas-un-article/similar", 404, None),
        ("/api/v1/recherche", 404, None),
    ],
    ids=[
        "impossible-month",
        "word-date",
        "february-30",
        "per-page-zero",
        "per-page-101",
        "per-page-word",
        "page-zero",
        "unknown-sort",
        "unknown-facet-list",
        "facet-size-too-big",
        "malformed-cursor",
        "query-too-long",
        "unknown-facet",
        "prefix-too-long",
        "facet-filter-date",
        "similar-count-zero",
        "unknown-article",
        "similar-unknown-article",
        "unknown-route",
    ],
)
def test_errors_are_problem_json_naming_the_parameter(client, url, status, param):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert PROBLEM_KEYS <= set(problem) and problem["status"] == status
    assert problem.get("param") == param
    assert problem["detail"] and "Traceback" not in problem["detail"]


def test_cursor_of_another_search_is_refused(client):
    cursor = get_json(client, "/api/v1/search?q=Poutine&per_page=2")["next"]
    response = client.get(f"/api/v1/search?q=Macron&per_page=2&cursor={cursor}")
    assert response.status_code == 400
    assert response.get_json()["param"] == "cursor"


@pytest.mark.parametrize(
    ("method", "url", "mimetype"),
    [
        ("POST", "/api/v1/search", "application/problem+json"),
        ("DELETE", "/api/v1/articles/dep-2021-0042", "application/problem+json"),
        ("TRACE", "/healthz", "application/problem+json"),
        ("POST", "/", "text/html"),
    ],
    ids=["api-post", "api-delete", "health-trace", "page-post"],
)
def test_wrong_method_is_405_with_allow(client, method, url, mimetype):
    response = client.open(url, method=method)
    assert response.status_code == 405
    assert response.mimetype == mimetype
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_a_crash_is_a_500_problem_without_traceback(corpus_index, monkeypatch):
    def fail(self, request):
        raise RuntimeError("secret detail /etc/passwd")

    client = make_app(corpus_index).test_client()
    monkeypatch.setattr("search.engine.Engine.search", fail)
    response = client.get("/api/v1/search?q=Poutine")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert b"secret" not in response.data and b"Traceback" not in response.data


def test_missing_index_is_503_and_unhealthy(tmp_path):
    client = make_app(tmp_path / "nothing-here").test_client()
    response = client.get("/api/v1/search?q=Poutine")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert "loupe index" in response.get_json()["detail"]
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["status"] == "unavailable"


@pytest.mark.parametrize(
    ("setting", "value", "error"),
    [
        ("RATELIMIT", "beaucoup", "rate limit"),
        ("SEARCH_TIME_LIMIT", "vite", "seconds"),
        ("SEARCH_WORKERS", "0", "from 1 to 32"),
        ("RATELIMIT_ENABLED", "peut-être", "true or false"),
        ("CORS_ORIGINS", "bot.example", "https://"),
        ("RATELIMIT_STORAGE_URI", "nuage", "memory://"),
    ],
    ids=["rate-limit", "time-limit", "workers", "enabled", "cors", "storage"],
)
def test_bad_settings_fail_at_startup_with_their_name(corpus_index, setting, value, error):
    with pytest.raises(BadSetting, match=f"^LOUPE_{setting}='{value}' .*{re.escape(error)}"):
        make_app(corpus_index, **{setting: value})


# -- articles, similar, facets, status ---------------------------------------------------


def test_article_has_text_entities_with_positions_and_dates(client):
    first = get_json(client, "/api/v1/search?q=inondations Allemagne&per_page=1")["hits"][0]
    article = get_json(client, f"/api/v1/articles/{first['id']}?q=inondations")
    body = article["body"]
    assert article["title"] == first["title"]
    assert "\n\n".join("".join(s["text"] for s in p) for p in article["paragraphs"]) == body
    marked = [s["text"] for p in article["paragraphs"] for s in p if s["match"]]
    assert marked and all(fold(text).startswith("inondation") for text in marked)
    assert {e["type"] for e in article["entities"]} == {"person", "organisation", "location"}
    for entity in article["entities"]:
        assert entity["mentions"] or entity["title_mentions"]
        for begin, end in entity["mentions"]:
            assert fold(body[begin:end]) in fold(entity["label"])
        for begin, end in entity["title_mentions"]:
            assert fold(article["title"][begin:end]) in fold(entity["label"])
    for date in article["dates"]:
        dt.date.fromisoformat(date["date"])
        text = body if date["in"] == "body" else article["title"]
        assert text[date["begin"] : date["end"]] == date["text"]
    dt.datetime.fromisoformat(article["published"])


def test_similar_articles(client):
    first = hit_ids(client, "/api/v1/search?q=Koursk")[0]
    similar = get_json(client, f"/api/v1/articles/{first}/similar?count=3")
    assert similar["id"] == first
    assert 0 < len(similar["hits"]) <= 3
    assert first not in [hit["id"] for hit in similar["hits"]]


@pytest.mark.parametrize(
    ("prefix", "same_as"),
    [("élis", "ELIS"), ("cor", "Cor"), ("etats", "États")],
    ids=["accent", "case", "hyphenated-label"],
)
def test_facet_value_search_ignores_accents_and_case(client, prefix, same_as):
    found = (
        get_json(client, f"/api/v1/facets/person?prefix={prefix}")["values"]
        + get_json(client, f"/api/v1/facets/location?prefix={prefix}")["values"]
    )
    again = (
        get_json(client, f"/api/v1/facets/person?prefix={same_as}")["values"]
        + get_json(client, f"/api/v1/facets/location?prefix={same_as}")["values"]
    )
    assert found and found == again
    for value in found:
        assert any(
            w.startswith(fold(prefix)) for w in fold(value["label"]).replace("-", " ").split()
        )


def test_facet_value_search_honours_the_other_filters(client):
    everywhere = get_json(client, "/api/v1/facets/location?prefix=cor")["values"]
    with_query = get_json(client, "/api/v1/facets/location?prefix=cor&q=missile")["values"]
    total = get_json(client, "/api/v1/search?q=missile&facets=")["total"]
    counts = {v["value"]: v["count"] for v in everywhere}
    assert with_query and all(v["count"] <= min(counts[v["value"]], total) for v in with_query)
    assert sum(v["count"] for v in with_query) < sum(counts.values())
    assert len(get_json(client, "/api/v1/facets/location?prefix=&size=2")["values"]) == 2


def test_status_describes_the_index(client, corpus_index):
    status = get_json(client, "/api/v1/status")
    assert status["articles"] == get_json(client, "/api/v1/search?facets=")["total"]
    assert status["index_bytes"] > 0
    assert (corpus_index / "current").resolve().name == status["generation"]
    dt.datetime.fromisoformat(status["last_indexed"])
    assert get_json(client, "/healthz") == {"status": "ok", "articles": status["articles"]}


# -- ETag, gzip, CORS, rate limit --------------------------------------------------------


def test_etag_answers_304_for_the_same_url_only(client):
    first = client.get("/api/v1/search?q=Poutine")
    tag = first.headers["ETag"]
    assert tag.startswith('W/"') and first.headers["Cache-Control"] == "no-cache"
    again = client.get("/api/v1/search?q=Poutine", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == tag
    other = client.get("/api/v1/search?q=Macron", headers={"If-None-Match": tag})
    assert other.status_code == 200 and other.headers["ETag"] != tag
    article = client.get("/api/v1/articles/dep-2021-0042")
    assert (
        client.get(
            "/api/v1/articles/dep-2021-0042", headers={"If-None-Match": article.headers["ETag"]}
        ).status_code
        == 304
    )


def test_errors_carry_no_etag(client):
    assert "ETag" not in client.get("/api/v1/search?per_page=0").headers


@pytest.fixture
def small_corpus(corpus_dir, tmp_path):
    """Markdown articles of the corpus, indexed in a private directory."""
    articles = tmp_path / "articles"
    shutil.copytree(corpus_dir / "markdown", articles)
    index_dir = tmp_path / "index"
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0))
    return articles, index_dir


def test_reindex_changes_the_etag_and_is_served_without_restart(small_corpus):
    articles, index_dir = small_corpus
    client = make_app(index_dir).test_client()
    before = client.get("/api/v1/search?q=gazoduc")
    assert before.get_json()["total"] == 0
    generation = client.get("/api/v1/status").get_json()["generation"]
    (articles / "gazoduc.md").write_text(
        "---\ntitle: Un gazoduc sous la Baltique\ndate: 2024-05-02\n---\n\n"
        "Le gazoduc relie l’Allemagne à la Russie depuis 2011.\n",
        encoding="utf-8",
    )
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0))
    after = client.get(
        "/api/v1/search?q=gazoduc", headers={"If-None-Match": before.headers["ETag"]}
    )
    assert after.status_code == 200 and after.get_json()["total"] == 1
    (articles / "gazoduc.md").unlink()
    run_index(IndexOptions(paths=[articles], index_dir=index_dir, workers=0, full=True))
    swapped = client.get(
        "/api/v1/search?q=gazoduc", headers={"If-None-Match": after.headers["ETag"]}
    )
    assert swapped.status_code == 200 and swapped.get_json()["total"] == 0
    assert client.get("/api/v1/status").get_json()["generation"] != generation


def test_gzip_when_asked_and_large_enough(client):
    plain = client.get("/api/v1/search?q=Poutine")
    packed = client.get("/api/v1/search?q=Poutine", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert (
        "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    )
    body = json.loads(gzip.decompress(packed.data))
    assert [h["id"] for h in body["hits"]] == [h["id"] for h in plain.get_json()["hits"]]
    assert len(packed.data) < len(plain.data) / 2
    assert packed.headers["ETag"] == plain.headers["ETag"]
    small = client.get("/api/v1/facets/person?prefix=lav", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in small.headers


def test_cors_for_any_origin_by_default(client):
    response = client.get("/api/v1/search?q=Koursk", headers={"Origin": "https://bot.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    exposed = response.headers["Access-Control-Expose-Headers"]
    assert "ETag" in exposed and "Link" in exposed
    preflight = client.options(
        "/api/v1/search",
        headers={
            "Origin": "https://bot.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "If-None-Match",
        },
    )
    assert preflight.status_code == 204
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    assert preflight.headers["Access-Control-Allow-Headers"] == "If-None-Match"
    assert int(preflight.headers["Access-Control-Max-Age"]) > 0


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [("https://redaction.example", True), ("https://ailleurs.example", False)],
    ids=["listed", "not-listed"],
)
def test_cors_with_configured_origins(corpus_index, origin, allowed):
    client = make_app(
        corpus_index, CORS_ORIGINS="https://redaction.example, https://labo.example"
    ).test_client()
    response = client.get("/api/v1/status", headers={"Origin": origin})
    assert response.headers.get("Access-Control-Allow-Origin") == (origin if allowed else None)
    assert "Origin" in response.headers["Vary"]
    preflight = client.options(
        "/api/v1/status", headers={"Origin": origin, "Access-Control-Request-Method": "GET"}
    )
    assert ("Access-Control-Allow-Methods" in preflight.headers) is allowed


def test_pages_outside_the_api_get_no_cors(client):
    response = client.get("/nulle-part", headers={"Origin": "https://bot.example"})
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_rate_limit_answers_429_with_retry_after(corpus_index):
    client = make_app(corpus_index, RATELIMIT="4 per minute", RATELIMIT_ENABLED=True).test_client()
    statuses = [
        client.get(url).status_code
        for url in (
            "/api/v1/status",
            "/api/v1/search?q=Koursk",
            "/api/v1/facets/person",
            "/api/v1/changes",
        )
    ]  # the newsroom endpoints share the API's budget
    assert statuses == [200, 200, 200, 200]
    limited = client.get("/api/v1/search?q=Koursk")
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert 1 <= int(limited.headers["Retry-After"]) <= 61
    assert limited.get_json()["status"] == 429
    assert client.get("/healthz").status_code == 200
    assert (
        client.options(
            "/api/v1/status",
            headers={
                "Origin": "https://bot.example",
                "Access-Control-Request-Method": "GET",
            },
        ).status_code
        == 204
    )
    other = client.get("/api/v1/status", environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert other.status_code == 200


@pytest.mark.parametrize("workers", [1, 2], ids=["one", "two"])
def test_no_more_searches_at_once_than_search_workers(corpus_index, monkeypatch, workers):
    running, most = [0], [0]
    lock = threading.Lock()
    search = Engine.search

    def record(self, request):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.01)  # long enough for requests to overlap
        try:
            return search(self, request)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(Engine, "search", record)
    app = make_app(corpus_index, SEARCH_WORKERS=workers)
    statuses: list[int] = []

    def bot(query: str) -> None:
        client = app.test_client()
        for page in range(1, 4):
            statuses.append(client.get(f"/api/v1/search?q={query}&page={page}").status_code)

    threads = [
        threading.Thread(target=bot, args=(q,))
        for q in ("Poutine", "Macron", "Paris")
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * 18
    assert most[0] == workers  # six bots overlap: every slot is used, never more


# -- time limit ---------------------------------------------------------------------------


@pytest.fixture
def slow_ranking(monkeypatch):
    """Each scored document takes 20 ms, as on a huge index under load.

    The time limit guards Whoosh's matchers, which rank the queries the array
    scorer cannot (date ranges, entity keys): force that path.
    """
    monkeypatch.setattr(vector, "ENABLED", False)
    collect = collectors.ScoredCollector.collect

    def slow(self, sub_docnum):
        time.sleep(0.02)
        return collect(self, sub_docnum)

    monkeypatch.setattr(collectors.ScoredCollector, "collect", slow)


def test_time_limit_returns_partial_results(corpus_index, slow_ranking):
    client = make_app(corpus_index, SEARCH_TIME_LIMIT=0.05).test_client()
    started = time.perf_counter()
    response = client.get("/api/v1/search?q=Poutine OR Macron OR Paris&per_page=50")
    elapsed = time.perf_counter() - started
    data = response.get_json()
    assert response.status_code == 200 and data["partial"] is True
    assert len(data["hits"]) < data["total"]
    assert "ETag" not in response.headers and response.headers["Cache-Control"] == "no-store"
    assert elapsed < data["total"] * 0.02


def test_no_time_limit_gives_complete_results(corpus_index, slow_ranking):
    client = make_app(corpus_index, SEARCH_TIME_LIMIT=0).test_client()
    data = get_json(client, "/api/v1/search?q=Poutine&per_page=50")
    assert data["partial"] is False and len(data["hits"]) == data["total"]


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"filters": {"actor": ("otan",)}},
        {
            "filters": {"location": ("kyiv", "moscou"), "not_actor": ("otan",)},
            "any_of": ("location",),
        },
        {"date_from": dt.date(2022, 1, 1)},
    ],
    ids=["none", "actor", "places-minus-actor", "dates"],
)
def test_timed_ranking_ranks_and_filters_like_the_plain_one(engine, filters):
    request = SearchRequest(q="guerre OR Russie OR président", per_page=100, **filters)
    plain = engine.search(request)
    timed = engine.search(replace(request, time_limit=10.0))
    assert plain.total > 0 and timed.partial is False
    assert [(h.id, h.score) for h in timed.hits] == [(h.id, h.score) for h in plain.hits]


def test_every_declared_filter_reaches_the_api_the_page_and_the_command_line(client):
    from click.testing import CliRunner

    from search.facetspec import FACET_NAMES, FILTER_PARAMS
    from web.cli import search as search_command
    from web.openapi import description
    from web.urls import ORDER

    described = {p["name"] for p in description()["paths"]["/api/v1/search"]["get"]["parameters"]}
    assert set(FILTER_PARAMS) | {"any"} <= described
    assert set(FILTER_PARAMS) | {"any"} <= set(ORDER)
    usage = CliRunner().invoke(search_command, ["--help"]).output
    assert all(f"--{p.replace('_', '-')}" in usage for p in FILTER_PARAMS)
    facets = get_json(client, "/api/v1/search")["facets"]
    assert list(facets) == list(FACET_NAMES)


def test_command_line_filters_combine_as_the_api_does(corpus_index, client):
    from click.testing import CliRunner

    from web.cli import search as search_command

    runner = CliRunner()
    args = [
        "Corée",
        "--index-dir",
        str(corpus_index),
        "--person",
        "vladimir poutine",
        "--person",
        "kim jong un",
        "--json",
        "--per-page",
        "50",
    ]
    both = json.loads(runner.invoke(search_command, args).output)
    either = json.loads(runner.invoke(search_command, [*args, "--any", "person"]).output)
    api = get_json(
        client, "/api/v1/search?q=Corée&person=vladimir poutine&person=kim jong un&per_page=50"
    )
    assert both["total"] == api["total"] < either["total"]
    bad = runner.invoke(search_command, [*args, "--any", "source"])
    assert bad.exit_code == 2 and "--any" in bad.output
