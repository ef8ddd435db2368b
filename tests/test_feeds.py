"""Watch feeds: every search as Atom, read back with feedparser as a feed reader would."""

from __future__ import annotations

import feedparser
import lxml.html
import pytest
from tests_support import app_for


@pytest.fixture(scope="module")
def client(corpus_index):
    return app_for(corpus_index).test_client()


def parsed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return response, feed


def test_a_search_is_a_valid_atom_feed_newest_first(client):
    _, feed = parsed(client, "/flux.atom?q=Corée+du+Nord")
    api = client.get("/api/v1/search?q=Corée+du+Nord&sort=-date&per_page=50").get_json()
    assert api["total"] > 1
    assert len(feed.entries) == len(api["hits"])
    assert [e.id for e in feed.entries] == [
        "urn:loupe:article:" + h["id"].replace(":", "%3A") for h in api["hits"]
    ]
    assert "Corée du Nord" in feed.feed.title
    first, hit = feed.entries[0], api["hits"][0]
    assert first.title == hit["title"]
    assert first.link.endswith(f"/articles/{hit['id']}?q=Cor%C3%A9e+du+Nord")
    assert "La Corée du Nord" in first.summary  # the snippet (readers drop <mark>)
    assert first.updated_parsed and first.published.startswith(hit["published"][:10])
    assert {t.label for t in first.tags} >= {e["label"] for e in hit["actors"]}
    dated = [e.published_parsed for e in feed.entries if "published" in e]
    assert dated == sorted(dated, reverse=True)
    undated = [i for i, e in enumerate(feed.entries) if "published" not in e]
    assert undated == list(range(len(dated), len(feed.entries)))  # undated ones last


def test_filters_carry_over_and_the_search_page_links_its_feed(client):
    _, feed = parsed(client, "/flux.atom?actor=vladimir+poutine")
    assert feed.entries
    assert all(any(t.term == "vladimir poutine" for t in e.tags) for e in feed.entries)
    page = lxml.html.fromstring(client.get("/?q=Poutine&actor=vladimir+poutine").get_data())
    link = page.xpath('//a[normalize-space()="S’abonner"]/@href')
    assert link == ["/flux.atom?q=Poutine&actor=vladimir+poutine"]
    assert page.xpath('//link[@type="application/atom+xml"]/@href') == link


def test_a_search_without_results_is_a_valid_empty_feed(client):
    _, feed = parsed(client, "/flux.atom?q=%22grenouille+hypothétique+zzz%22&nocorrect=1")
    assert feed.entries == []
    assert feed.feed.updated_parsed


def test_bad_parameters_get_a_french_error_not_a_feed(client):
    response = client.get("/flux.atom?from=demain")
    assert response.status_code == 400
    assert "from" in response.get_data(as_text=True)


def test_readers_polling_revalidate_for_nothing(client):
    response, _ = parsed(client, "/flux.atom?q=Macron")
    tag, changed = response.headers["ETag"], response.headers["Last-Modified"]
    assert client.get("/flux.atom?q=Macron", headers={"If-None-Match": tag}).status_code == 304
    again = client.get("/flux.atom?q=Macron", headers={"If-Modified-Since": changed})
    assert again.status_code == 304 and not again.get_data()
    other = client.get("/flux.atom?q=Poutine", headers={"If-None-Match": tag})
    assert other.status_code == 200
