"""Entity pages and pairs, HTML and JSON, on the bundled corpus."""

from __future__ import annotations

from urllib.parse import quote

import lxml.html
import pytest
from tests_support import app_for


@pytest.fixture(scope="module")
def client(corpus_index):
    return app_for(corpus_index).test_client()


def html(client, url: str, status: int = 200) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:400]
    return lxml.html.fromstring(response.get_data(as_text=True))


def text(doc: lxml.html.HtmlElement) -> str:
    return " ".join(doc.text_content().split())


def test_an_entity_page_has_its_names_timeline_companions_and_articles(client):
    data = client.get("/api/v1/entities/person/vladimir%20poutine").get_json()
    search = client.get(
        '/api/v1/search?q=personne:"vladimir poutine"&match=all&per_page=50&sort=-date'
    ).get_json()
    assert data["entity"]["label"] == "Vladimir Poutine"
    assert "Putin" in data["entity"]["aliases"]
    assert data["total"] == search["total"] >= 5
    assert [h["id"] for h in data["hits"]] == [h["id"] for h in search["hits"]][:20]
    months = [m["month"] for m in data["timeline"]]
    assert months == sorted(months) and sum(m["count"] for m in data["timeline"]) == (
        data["total"] - data["undated"]
    )
    assert any(m["count"] == 0 for m in data["timeline"])  # zero-filled
    places = {v["value"]: v["count"] for v in data["cooccurring"]["location"]}
    ukraine = sum(1 for h in search["hits"] if any(e["value"] == "ukraine" for e in h["locations"]))
    assert places["ukraine"] == ukraine
    assert "vladimir poutine" not in {v["value"] for v in data["cooccurring"]["person"]}
    assert data["first"]["published"].startswith("2022-02-24")

    doc = html(client, "/entites/personne/vladimir%20poutine")
    assert doc.xpath("//h1")[0].text_content() == "Vladimir Poutine"
    assert f"{data['total']} articles citent cette personne" in text(doc)
    assert doc.xpath('//figure[@class="timeline"]//svg')
    assert "Ukraine" in doc.xpath('//section[@aria-labelledby="avec-qui"]')[0].text_content()


def test_the_pair_view_says_since_when_they_appear_together(client):
    pair = client.get("/api/v1/entities/person/vladimir%20poutine?avec=lieu:ukraine").get_json()
    alone = client.get("/api/v1/entities/person/vladimir%20poutine").get_json()
    assert pair["with"] == {"type": "location", "value": "ukraine", "label": "Ukraine"}
    assert 0 < pair["total"] < alone["total"]
    assert all(any(e["value"] == "ukraine" for e in h["locations"]) for h in pair["hits"])
    doc = html(client, "/entites/personne/vladimir%20poutine?avec=lieu:ukraine")
    assert "Ensemble depuis le 24 février 2022" in text(doc)
    # Each companion links to its own pair with the entity.
    link = doc.xpath('//a[normalize-space()="Koursk"]/@href')[0]
    assert link == "/entites/personne/vladimir%20poutine?avec=lieu%3Akoursk"
    assert "Koursk" in html(client, link).xpath("//h1")[0].text_content()


def test_facet_values_and_the_article_page_lead_to_entity_pages(client):
    doc = html(client, "/?q=Koursk")
    sheet = doc.xpath('//li[@data-label="Vladimir Poutine"]/a[contains(@class, "sheet")]/@href')
    assert sheet == ["/entites/personne/vladimir%20poutine"]
    # Entity chips in the results still filter the search.
    chip = doc.xpath('//ul[contains(@class, "entities")]//a[.="Vladimir Poutine"]/@href')[0]
    assert chip.startswith("/?") and "person=vladimir+poutine" in chip
    first = client.get("/api/v1/search?q=Koursk").get_json()["hits"][0]["id"]
    article = html(client, f"/articles/{quote(first, safe='')}")
    sheets = article.xpath('//section[@aria-labelledby="entites"]//a[@class="sheet"]/@href')
    assert "/entites/lieu/koursk" in sheets
    assert all(html(client, s).xpath("//h1") for s in sheets[:3])


def test_unknown_entities_get_a_french_404_and_problem_json(client):
    doc = html(client, "/entites/personne/gaston%20lagaffe", status=404)
    assert "Aucun article ne cite « gaston lagaffe » comme personne" in text(doc)
    html(client, "/entites/lieu/vladimir%20poutine", status=404)  # a person, not a place
    html(client, "/entites/martien/vladimir%20poutine", status=404)
    api = client.get("/api/v1/entities/person/gaston%20lagaffe")
    assert api.status_code == 404 and api.mimetype == "application/problem+json"
    bad = client.get("/api/v1/entities/person/vladimir%20poutine?avec=ukraine")
    assert bad.status_code == 400 and bad.get_json()["param"] == "avec"
    assert client.get("/entites/personne/vladimir%20poutine?page=zéro").status_code == 400
