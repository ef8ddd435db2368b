"""The OpenAPI description says what the server does: real responses validated against it."""

from __future__ import annotations

import json
import re

import pytest
from openapi_core import OpenAPI
from openapi_core.configurations import Config
from openapi_core.contrib.werkzeug import (
    WerkzeugOpenAPIRequest,
    WerkzeugOpenAPIResponse,
)
from openapi_spec_validator import OpenAPIV31SpecValidator
from tests_support import app_for as make_app
from werkzeug.test import EnvironBuilder

from web.openapi import description


@pytest.fixture(scope="module")
def client(corpus_index):
    return make_app(corpus_index).test_client()


@pytest.fixture(scope="module")
def spec(client):
    """The description as served, with a deserializer for problem+json."""
    served = client.get("/api/v1/openapi.json").get_json()
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(served, config=config)


def validate(spec, response, request_too: bool = False):
    """Raise when *response* (or, with *request_too*, its request) breaks the description."""
    request = WerkzeugOpenAPIRequest(response.request)
    if request_too:
        spec.validate_request(request)
    spec.validate_response(request, WerkzeugOpenAPIResponse(response))


def test_description_is_valid_openapi_31(client):
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.get_json() == description()
    OpenAPIV31SpecValidator(description()).validate()


def test_every_route_is_described_and_every_path_served(client):
    served = set()
    for rule in client.application.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in ("api", "api_newsroom", "healthz"):
            served.add(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule).replace("{doc_id}", "{id}"))
    assert served == set(description()["paths"])


SUCCESSES = [
    "/api/v1/search?q=Poutine",
    "/api/v1/search?q=l’Élysée&sort=-date&per_page=5",
    "/api/v1/search?actor=vladimir poutine&actor=otan&not_location=kyiv&from=2022&to=2024-06",
    (
        "/api/v1/search?person=vladimir poutine&person=kim jong un&any=person,location"
        "&organisation=otan&not_source=Exemple Info"
    ),
    "/api/v1/search?source=Exemple Info&facets=person,year&facet_size=3&page=2&per_page=2",
    "/api/v1/search?q=Pyongyan",
    "/api/v1/search?q=Pyongyan&nocorrect=1",
    '/api/v1/search?q="Corée du Nord" OR Koursk&sort=date',
    "/api/v1/search?page=1000000",
    "/api/v1/search?q=Corée&from=2024&undated=include&sort=-date",
    "/api/v1/search?undated=only",
    "/api/v1/articles/dep-2021-0042?q=inondations",
    "/api/v1/articles/dep-2021-0042/similar?count=2",
    "/api/v1/facets/person?prefix=élis",
    "/api/v1/facets/year?prefix=202&q=retraites&size=3",
    "/api/v1/facets/source",
    "/api/v1/status",
    "/healthz",
    "/api/v1/entities/person/vladimir poutine",
    "/api/v1/entities/personne/vladimir poutine?avec=lieu:ukraine&page=1",
    "/api/v1/entities/location/koursk?avec=organisation:otan",
    "/api/v1/changes",
    "/api/v1/changes?limit=5",
]


@pytest.mark.parametrize(
    "url",
    SUCCESSES,
    ids=[
        "query",
        "elision-sorted",
        "filters",
        "split-filters",
        "source-facets-page",
        "correction",
        "suggestion",
        "phrase-or",
        "far-page",
        "undated-included",
        "undated-only",
        "article",
        "similar",
        "facet-prefix",
        "facet-filtered",
        "facet-all",
        "status",
        "health",
        "entity",
        "entity-pair",
        "entity-pair-empty",
        "changes",
        "changes-page",
    ],
)
def test_successful_requests_and_responses_match(client, spec, url):
    response = client.get(url)
    assert response.status_code == 200
    validate(spec, response, request_too=True)


ERRORS = [
    ("/api/v1/search?from=2024-13", 400),
    ("/api/v1/search?per_page=500", 400),
    ("/api/v1/search?cursor=AAAA", 400),
    ("/api/v1/search?facets=lieu", 400),
    ("/api/v1/search?undated=only&to=2020", 400),
    ("/api/v1/articles/inconnu", 404),
    ("/api/v1/articles/inconnu/similar", 404),
    ("/api/v1/facets/lieu", 404),
    ("/api/v1/entities/person/gaston lagaffe", 404),
    ("/api/v1/entities/person/vladimir poutine?avec=ukraine", 400),
    ("/api/v1/changes?since=pas-un-jeton", 400),
    ("/api/v1/changes?since=YzE6YXV0cmU6Mw", 410),
]


@pytest.mark.parametrize(
    "url, status",
    ERRORS,
    ids=[
        "bad-date",
        "per-page",
        "cursor",
        "facet-list",
        "undated-with-period",
        "article",
        "similar",
        "facet-name",
        "entity",
        "entity-pair",
        "changes-token",
        "changes-other-log",
    ],
)
def test_error_responses_match(client, spec, url, status):
    response = client.get(url)
    assert response.status_code == status
    validate(spec, response)


BATCHES = [
    (
        {
            "queries": [
                "Vladimir Poutine",
                {"q": "Kim Jong-un", "label": "Dirigeant"},
                "Gaston Lagaffe",
                '"Corée du Nord AND (',
            ]
        },
        200,
    ),
    (
        {
            "queries": ["Vladimir Poutine"],
            "from": "2022",
            "to": "2024-06",
            "source": ["Exemple Info"],
        },
        200,
    ),
    ({"queries": []}, 400),
    ({"queries": ["Macron"] * 1001}, 400),
]


@pytest.mark.parametrize(
    "body, status", BATCHES, ids=["batch", "batch-filters", "empty", "too-many"]
)
def test_batch_requests_and_responses_match(client, spec, body, status):
    response = client.post("/api/v1/batch", json=body)
    assert response.status_code == status
    # The app has read the request's body: validate a copy of the request.
    sent = WerkzeugOpenAPIRequest(
        EnvironBuilder("/api/v1/batch", method="POST", json=body).get_request()
    )
    if status == 200:
        spec.validate_request(sent)
    spec.validate_response(sent, WerkzeugOpenAPIResponse(response))


def test_not_modified_matches(client, spec):
    tag = client.get("/api/v1/search?q=Koursk").headers["ETag"]
    response = client.get("/api/v1/search?q=Koursk", headers={"If-None-Match": tag})
    assert response.status_code == 304
    validate(spec, response)


def test_rate_limited_response_matches(corpus_index, spec):
    client = make_app(corpus_index, RATELIMIT="1 per hour", RATELIMIT_ENABLED=True).test_client()
    client.get("/api/v1/status")
    response = client.get("/api/v1/status")
    assert response.status_code == 429
    validate(spec, response)


def test_unavailable_index_responses_match(tmp_path, spec):
    client = make_app(tmp_path).test_client()
    for url in ("/api/v1/search?q=Koursk", "/api/v1/status", "/healthz"):
        response = client.get(url)
        assert response.status_code == 503
        validate(spec, response)


def test_server_error_matches(corpus_index, spec, monkeypatch):
    client = make_app(corpus_index).test_client()
    monkeypatch.setattr("search.engine.Engine.status", lambda self: 1 / 0)
    response = client.get("/api/v1/status")
    assert response.status_code == 500
    validate(spec, response)


def _integer_bounds():
    """(operation path, parameter, minimum, maximum) of every bounded integer parameter."""
    for path, item in description()["paths"].items():
        for param in item.get("get", {}).get("parameters", ()):
            schema = param["schema"]
            if schema.get("type") == "integer":
                yield path, param["name"], schema["minimum"], schema["maximum"]


BOUNDS = list(_integer_bounds())


@pytest.mark.parametrize(
    ("path", "name", "low", "high"),
    BOUNDS,
    ids=[f"{p.rsplit('/', 1)[-1]}-{n}" for p, n, _, _ in BOUNDS],
)
def test_documented_integer_bounds_are_the_enforced_ones(client, path, name, low, high):
    url = (
        path.replace("{id}", "dep-2021-0042")
        .replace("{name}", "person")
        .replace("{kind}/{value}", "person/vladimir poutine")
    )
    for value, status in ((low, 200), (high, 200), (low - 1, 400), (high + 1, 400)):
        response = client.get(url, query_string={name: value})
        assert response.status_code == status, (name, value)
        if status == 400:
            assert response.get_json()["param"] == name


def _parameter(path: str, name: str) -> dict:
    return next(
        p["schema"] for p in description()["paths"][path]["get"]["parameters"] if p["name"] == name
    )


@pytest.mark.parametrize("sort", _parameter("/api/v1/search", "sort")["enum"])
def test_documented_sorts_are_accepted(client, sort):
    assert client.get("/api/v1/search", query_string={"sort": sort}).status_code == 200


@pytest.mark.parametrize("facet", _parameter("/api/v1/facets/{name}", "name")["enum"])
def test_documented_facets_are_served(client, facet):
    response = client.get("/api/v1/search", query_string={"facets": facet, "per_page": 1})
    assert list(response.get_json()["facets"]) == [facet]
    assert client.get(f"/api/v1/facets/{facet}").status_code == 200
