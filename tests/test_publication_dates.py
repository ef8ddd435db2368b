"""Publication dates: one local calendar everywhere, and undated articles kept in sight.

An index of our own French articles: some published near midnight in a zone
far from UTC (their local day differs from their UTC day), some without any
date. Searched through the engine, the JSON API, the page and ``loupe search``.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest
from click.testing import CliRunner
from tests_support import app_for

from index.pipeline import IndexOptions, run_index
from search.engine import Engine
from search.results import SearchRequest
from web.cli import search as search_command
from web.params import parse_day

MUSEUM = "musée"


def article(doc_id: str, title: str, body: str, date: str | None) -> dict[str, str]:
    data = {"id": doc_id, "title": title, "source": "Gazette des Deux Rives", "body": body}
    return data | ({"date": date} if date else {})


ARTICLES = [
    article(
        "ottawa-minuit",
        "Ottawa dévoile son plan pour le logement",
        "Le gouvernement fédéral a présenté peu après minuit un plan de construction "
        "de logements abordables dans la capitale.",
        "2021-03-04T00:23:00-05:00",
    ),
    article(
        "ottawa-soir",
        "Le Parlement canadien siège tard sur le budget",
        "Les députés ont débattu jusque tard dans la soirée des crédits consacrés "
        "aux transports en commun.",
        "2021-03-04T21:40:00-05:00",
    ),
    article(
        "paris-nuit",
        "Nuit blanche dans les musées de Paris",
        "Les musées de la capitale sont restés ouverts toute la nuit ; le public "
        "s’est pressé devant les tableaux jusqu’à l’aube.",
        "2024-06-01T01:15:00+02:00",
    ),
    article(
        "paris-veille",
        "Les musées parisiens préparent leur nuit blanche",
        "Les équipes des musées installent éclairages et parcours pour la nuit de samedi.",
        "2024-05-31T18:00:00+02:00",
    ),
    article(
        "reveillon",
        "Montréal fête le Nouvel An sous la neige",
        "Des milliers de personnes ont bravé le froid pour le compte à rebours "
        "sur la place des Festivals.",
        "2024-12-31T23:30:00-05:00",
    ),
    article(
        "rentree",
        "La rentrée des classes se passe sans encombre",
        "Les écoliers ont retrouvé leurs enseignants ce mardi matin, sous un grand soleil.",
        "2023-09-12",
    ),
    article(
        "sans-date-bibliotheque",
        "Les bibliothèques de quartier rouvrent",
        "Après des travaux, trois bibliothèques accueillent de nouveau les lecteurs le samedi.",
        None,
    ),
    article(
        "sans-date-marche",
        "Un marché de producteurs s’installe sur le port",
        "Chaque jeudi, maraîchers et fromagers vendent leurs produits sur le quai.",
        None,
    ),
    article(
        "sans-date-musee",
        "Le musée des Beaux-Arts prolonge son exposition",
        "Devant l’affluence, le musée garde ses toiles impressionnistes un mois de plus.",
        None,
    ),
]
UNDATED_IDS = {"sans-date-bibliotheque", "sans-date-marche", "sans-date-musee"}
#: Article, the local day its page shows, and the day UTC would have put it on
#: (or the day before when that is the same day).
LOCAL_DAYS = [
    ("ottawa-minuit", "2021-03-04", "2021-03-03"),
    ("ottawa-soir", "2021-03-04", "2021-03-05"),
    ("paris-nuit", "2024-06-01", "2024-05-31"),
    ("reveillon", "2024-12-31", "2025-01-01"),
]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("dates")
    (root / "src").mkdir()
    (root / "src" / "articles.json").write_text(
        json.dumps(ARTICLES, ensure_ascii=False), encoding="utf-8"
    )
    report = run_index(IndexOptions(paths=[root / "src"], index_dir=root / "ix", workers=0))
    assert not report.failed, report.summary()
    return root / "ix"


@pytest.fixture(scope="module")
def engine(index_dir):
    return Engine(index_dir)


@pytest.fixture(scope="module")
def client(index_dir):
    return app_for(index_dir).test_client()


def api(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    return response.get_json()


def ids(client, url: str) -> list[str]:
    return [hit["id"] for hit in api(client, url)["hits"]]


def page(client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return lxml.html.fromstring(response.get_data(as_text=True))


def announced(doc: lxml.html.HtmlElement) -> int:
    """The result count the page announces."""
    words = doc.get_element_by_id("resultats").text_content().split()
    return 0 if words[0] == "Aucun" else int(words[0].replace("\u202f", ""))


def notes(doc: lxml.html.HtmlElement) -> list[str]:
    return [
        " ".join(p.text_content().split())
        for p in doc.xpath('//p[@class="note"]')
        + doc.xpath('//p[contains(@class, "undated-note")]')
    ]


# -- one calendar ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doc_id", "day", "wrong_day"), LOCAL_DAYS, ids=[d for d, _, _ in LOCAL_DAYS]
)
def test_an_article_is_on_the_day_its_page_shows(client, doc_id, day, wrong_day):
    assert doc_id in ids(client, f"/api/v1/search?from={day}&to={day}")
    assert doc_id not in ids(client, f"/api/v1/search?from={wrong_day}&to={wrong_day}")
    assert doc_id in ids(client, f"/api/v1/search?q=date:{day}")
    assert doc_id not in ids(client, f"/api/v1/search?q=date:{wrong_day}")
    assert doc_id in ids(client, f"/api/v1/search?from={day[:7]}&to={day[:7]}")
    assert doc_id in ids(client, f"/api/v1/search?q=date:{day[:4]}")


def test_the_offset_of_the_source_is_kept(client):
    hit = api(client, "/api/v1/search?q=Montréal")["hits"][0]
    assert hit["published"] == "2024-12-31T23:30:00-05:00"
    doc = page(client, "/?q=Montréal")
    assert doc.xpath('//li[@class="hit"]//time')[0].text_content() == "31 décembre 2024"


def test_year_and_month_facets_count_what_their_filter_finds(engine):
    page_ = engine.search(SearchRequest(q=""))
    years = {v.value: v.count for v in page_.facets["year"] if v.count}
    assert years == {"2021": 2, "2023": 1, "2024": 3}  # the 31 December stays in 2024
    for name in ("year", "month"):
        for value in page_.facets[name]:
            found = engine.search(
                SearchRequest(
                    q="",
                    date_from=parse_day(value.value, "from", end=False),
                    date_to=parse_day(value.value, "to", end=True),
                )
            )
            assert found.total == value.count, value.value


def test_date_order_follows_the_local_calendar_with_undated_last(client):
    newest = ids(client, "/api/v1/search?sort=-date&per_page=20")
    oldest = ids(client, "/api/v1/search?sort=date&per_page=20")
    assert newest[:3] == ["reveillon", "paris-nuit", "paris-veille"]
    assert oldest[:3] == ["ottawa-minuit", "ottawa-soir", "rentree"]
    assert set(newest[-3:]) == set(oldest[-3:]) == UNDATED_IDS


@pytest.mark.parametrize(
    "start",
    [
        "/",
        f"/?q={MUSEUM}",
        "/?from=2024&to=2024",
        "/?from=2021-03&to=2021-03",
        "/?undated=only",
        "/?from=2024&undated=include",
    ],
    ids=["years", "query", "months", "one-month", "undated", "included"],
)
def test_every_timeline_bar_counts_what_its_link_finds(client, start):
    bars = page(client, start).xpath('//figure[@class="timeline"]//svg//a')
    assert bars
    for bar in bars:
        label = bar.get("aria-label")
        count = int(re.search(r": (\d+) article", label)[1])
        assert announced(page(client, bar.get("href"))) == count, label


# -- undated articles --------------------------------------------------------------------


def test_undated_articles_are_counted_and_shown_as_such(client):
    data = api(client, f"/api/v1/search?q={MUSEUM}")
    assert (data["total"], data["undated"]) == (3, 1)
    undated = [hit for hit in data["hits"] if hit["published"] is None]
    assert [hit["id"] for hit in undated] == ["sans-date-musee"]
    doc = page(client, f"/?q={MUSEUM}")
    dates = [
        " ".join(p.text_content().split()) for p in doc.xpath('//li[@class="hit"]/p[@class="meta"]')
    ]
    assert sum("date inconnue" in d for d in dates) == 1
    article = page(client, "/articles/sans-date-musee")
    published = article.xpath('//dt[text()="Publié le"]/following-sibling::dd')[0]
    assert published.text_content() == "date inconnue"


def test_a_period_says_how_many_undated_articles_it_leaves_out(client):
    data = api(client, f"/api/v1/search?q={MUSEUM}&from=2024")
    assert (data["total"], data["undated"]) == (2, 1)
    doc = page(client, f"/?q={MUSEUM}&from=2024")
    assert "Cette période laisse de côté 1 article sans date. L’inclure" in notes(doc)
    include = doc.xpath('//p[contains(@class, "undated-note")]/a')[0].get("href")
    assert parse_qs(urlsplit(include).query)["undated"] == ["include"]
    included = page(client, include)
    assert announced(included) == 3
    assert not any("laisse de côté" in note for note in notes(included))
    chips = [
        " ".join(c.text_content().split()) for c in included.xpath('//a[contains(@class, "chip")]')
    ]
    assert any("et les articles sans date" in chip for chip in chips)
    assert api(client, f"/api/v1/search?q={MUSEUM}&from=2024&undated=include")["total"] == 3


def test_a_date_term_says_how_many_undated_articles_it_leaves_out(client):
    data = api(client, f"/api/v1/search?q={MUSEUM} date:2024")
    assert (data["total"], data["undated"], data["undated_excluded"]) == (2, 1, True)
    doc = page(client, f"/?q={MUSEUM} date:2024")
    assert "Cette période laisse de côté 1 article sans date. L’inclure" in notes(doc)
    include = doc.xpath('//p[contains(@class, "undated-note")]/a')[0].get("href")
    included = api(client, "/api/v1/search?" + urlsplit(include).query)
    assert included["total"] == 3 and not included["undated_excluded"]
    assert "sans-date-musee" in [hit["id"] for hit in included["hits"]]
    outside = api(client, f"/api/v1/search?q={MUSEUM} date:2021&undated=include")
    assert "sans-date-musee" in [hit["id"] for hit in outside["hits"]]
    assert all(
        hit["published"] is None or hit["published"].startswith("2021") for hit in outside["hits"]
    )


def test_a_date_term_alone_lists_only_undated_articles_when_asked(client):
    assert set(ids(client, "/api/v1/search?q=date:2024&undated=only")) == UNDATED_IDS
    plain = api(client, f"/api/v1/search?q={MUSEUM}")
    assert not plain["undated_excluded"]


def test_the_undated_bar_lists_only_undated_articles(client):
    doc = page(client, "/?from=2024&to=2024")
    bar = doc.xpath('//div[@class="undated"]//a')[0]
    assert bar.get("aria-label") == "sans date : 3 articles"
    assert parse_qs(urlsplit(bar.get("href")).query) == {"undated": ["only"]}
    assert set(ids(client, "/api/v1/search?undated=only")) == UNDATED_IDS
    assert ids(client, f"/api/v1/search?q={MUSEUM}&undated=only") == ["sans-date-musee"]


def test_sorting_by_date_says_undated_articles_come_last(client):
    doc = page(client, "/?sort=-date")
    assert "Tri par date : 3 articles sans date viennent en dernier." in notes(doc)
    last = doc.xpath('//li[@class="hit"]/p[@class="meta"]')[-1]
    assert "date inconnue" in last.text_content()
    assert not any("Tri par date" in note for note in notes(page(client, "/")))


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("/api/v1/search?undated=peut-etre", "undated must be one of include, only"),
        ("/api/v1/search?undated=only&from=2024", "drop from and to"),
    ],
    ids=["unknown-value", "only-with-period"],
)
def test_bad_undated_values_are_explained(client, url, fragment):
    problem = api(client, url, status=400)
    assert problem["param"] == "undated" and fragment in problem["detail"]


def test_the_search_page_explains_a_bad_undated_value(client):
    response = client.get("/?undated=peut-etre")
    assert response.status_code == 400
    text = " ".join(lxml.html.fromstring(response.get_data(as_text=True)).text_content().split())
    assert "Paramètre « undated » incorrect" in text and "« only »" in text


def test_loupe_search_takes_the_same_parameter(index_dir):
    runner = CliRunner()
    only = runner.invoke(
        search_command, [MUSEUM, "--index-dir", str(index_dir), "--undated", "only", "--json"]
    )
    assert only.exit_code == 0, only.output
    assert [hit["id"] for hit in json.loads(only.output)["hits"]] == ["sans-date-musee"]
    left_out = runner.invoke(
        search_command, [MUSEUM, "--index-dir", str(index_dir), "--from", "2024"]
    )
    assert "note: 1 undated article left out by --from/--to" in left_out.output
    assert "no date" not in left_out.output
    everything = runner.invoke(
        search_command, [MUSEUM, "--index-dir", str(index_dir), "--sort", "-date"]
    )
    assert "no date" in everything.output and "last in date order" in everything.output
