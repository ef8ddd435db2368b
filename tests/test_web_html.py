"""The journalists' pages, through Flask's test client, on the bundled corpus.

Pages are parsed with lxml and navigated the way a browser without
JavaScript would: following links and submitting the GET search form.
"""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import parse_qs, urlencode, urlsplit

import lxml.html
import pytest
from tests_support import app_for

from index.pipeline import IndexOptions, run_index
from web.french import french_date
from web.payloads import search_payload

#: Made from its canonical URL (README, "Stable ids").
KAESONG = "coree-du-nord-bureau-liaison-detruit-fa77eb346349"
POUTINE = "vladimir poutine"
XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(corpus_index):
    return app_for(corpus_index).test_client()


_COMPOUND = re.compile(r"([\w-]+)|\.([\w-]+)|#([\w-]+)|\[([\w-]+)(?:=\"([^\"]*)\")?\]")


def css(doc: lxml.html.HtmlElement, selector: str) -> list[lxml.html.HtmlElement]:
    """Elements matching a simple CSS selector (tags, classes, ids, attributes, spaces).

    lxml's own ``cssselect`` needs a package the project does not install.
    """
    steps = []
    for compound in selector.split():
        tag, tests = "*", []
        for name, cls, ident, attr, value in _COMPOUND.findall(compound):
            if name:
                tag = name
            elif cls:
                tests.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
            elif ident:
                tests.append(f"@id='{ident}'")
            else:
                tests.append(f"@{attr}='{value}'" if value else f"@{attr}")
        steps.append(tag + "".join(f"[{t}]" for t in tests))
    return doc.xpath(".//" + "//".join(steps))


def page(client, url: str, status: int = 200) -> lxml.html.HtmlElement:
    """GET *url*, check its status, parse it."""
    response = client.get(url, follow_redirects=True)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return lxml.html.fromstring(response.get_data(as_text=True))


def total(doc: lxml.html.HtmlElement) -> int:
    """The result count the page announces (« 8 articles, du 1er… », « Aucun article »)."""
    words = doc.get_element_by_id("resultats").text_content().split()
    return 0 if words[0] == "Aucun" else int(words[0].replace("\u202f", ""))


def expected(engine, **params) -> dict:
    """What the JSON API answers for the same search."""
    return search_payload(engine, {k: v if isinstance(v, list) else [v] for k, v in params.items()})


def hit_titles(doc) -> list[str]:
    return [a.text_content() for a in css(doc, ".hit h3 a")]


def facet_counts(doc, name: str) -> dict[str, int]:
    """Label -> count of one facet of the sidebar."""
    out = {}
    for item in css(doc, f"#facette-{name} .facet-value"):
        count = css(item, ".count")[0].text_content().split()[0]
        out[item.get("data-label")] = int(count.replace("\u202f", ""))
    return out


def submit(doc, tick: str | None = None) -> str:
    """The URL a browser GETs when the search form is submitted, *tick* checked first."""
    fields = []
    controls = doc.xpath('//input[@form="recherche" or ancestor::form[@id="recherche"]]')
    for control in controls:
        kind = control.get("type", "text")
        if kind == "checkbox":
            if control.checked or control.get("value") == tick:
                fields.append((control.get("name"), control.get("value")))
        elif control.get("name"):
            fields.append((control.get("name"), control.get("value") or ""))
    form = doc.get_element_by_id("recherche")
    assert form.get("method") == "get"
    return f"{form.get('action')}?{urlencode(fields)}"


def link(doc, selector: str, text: str | None = None) -> str:
    """The href of the first element matching *selector* (and containing *text*)."""
    for a in css(doc, selector):
        if text is None or text in a.text_content():
            return a.get("href")
    raise AssertionError(f"no {selector} with {text!r}")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize(
    "q",
    ["Corée", "etats unis", "Putin", "retraites", "-Corée", ""],
    ids=["accent", "no-accents-hyphen", "alias", "stem", "negation", "browse"],
)
def test_page_shows_the_count_and_hits_of_the_search(client, engine, q):
    doc = page(client, "/?" + urlencode({"q": q}))
    api = expected(engine, q=q)
    assert total(doc) == api["total"] > 0
    assert hit_titles(doc) == [hit["title"] for hit in api["hits"]]
    assert doc.get_element_by_id("q").get("value") == q


def test_ticking_an_actor_narrows_results_and_counts(client, engine):
    before = page(client, "/?q=Corée")
    assert facet_counts(before, "person")["Vladimir Poutine"] == 3
    after = page(client, submit(before, tick=POUTINE))
    assert total(after) == 3 < total(before)
    assert total(after) == expected(engine, q="Corée", actor=POUTINE)["total"]
    places_before, places_after = facet_counts(before, "location"), facet_counts(after, "location")
    assert places_after["Corée du Nord"] < places_before["Corée du Nord"]
    shared = places_after.keys() & places_before.keys()
    assert shared and all(places_after[name] <= places_before[name] for name in shared)
    checked = after.xpath('//input[@type="checkbox"][@checked]')
    assert [box.get("value") for box in checked] == [POUTINE]


def test_two_ticked_people_narrow_and_counts_say_what_the_click_gives(client, engine):
    doc = page(client, "/?q=Corée&person=" + POUTINE.replace(" ", "+"))
    counts = facet_counts(doc, "person")
    both = page(client, submit(doc, tick="kim jong un"))
    assert total(both) == expected(engine, q="Corée", person=[POUTINE, "kim jong un"])["total"]
    assert 0 < total(both) <= total(doc)
    assert counts["Kim Jong-un"] == total(both)
    assert facet_counts(both, "person")["Kim Jong-un"] == total(both)
    chips = [c.text_content() for c in css(both, ".active-filters li")]
    assert [c.split()[0] for c in chips if "Personne" in c] == ["Personne", "ET"]


def test_au_moins_un_switch_widens_and_counts_say_so(client, engine):
    doc = page(client, "/?q=Corée&person=" + POUTINE.replace(" ", "+"))
    either = page(client, link(doc, "#facette-person .combine a", "au moins une"))
    assert query(submit(either))["any"] == ["person"]
    counts = facet_counts(either, "person")
    both = page(client, submit(either, tick="donald trump"))
    assert total(both) == counts["Donald Trump"] > total(doc)
    assert (
        total(both)
        == expected(engine, q="Corée", person=[POUTINE, "donald trump"], any="person")["total"]
    )
    chips = [c.text_content() for c in css(both, ".active-filters li")]
    assert [c.split()[0] for c in chips if "Personne" in c] == ["Personne", "OU"]


def test_a_new_query_drops_the_filters_unless_within_is_ticked(client):
    doc = page(client, "/?q=Corée&person=" + POUTINE.replace(" ", "+") + "&from=2023")
    typed = submit(doc).replace("q=Cor%C3%A9e", "q=Macron", 1)
    fresh = client.get(typed)
    assert fresh.status_code == 303
    assert query(fresh.headers["Location"]) == {"q": ["Macron"]}
    kept = page(client, typed + "&dans=1")
    assert total(kept) == 0 or "Macron" in kept.get_element_by_id("q").get("value")
    assert css(kept, ".chip.removable")
    same = client.get(submit(doc))  # the same query: a facet click keeps everything
    assert query(same.headers["Location"]) == {
        "q": ["Corée"],
        "person": [POUTINE],
        "from": ["2023"],
    }


def test_exclude_link_removes_the_articles_citing_an_actor(client):
    before = page(client, "/?q=Corée")
    excluded = page(client, link(before, "#facette-person .action", "Vladimir Poutine"))
    assert total(excluded) == total(before) - 3
    assert [c.text_content().split("\n")[0] for c in css(excluded, ".chip.negative")]
    chip = css(excluded, ".chip.negative")[0].text_content()
    assert "sauf personne" in chip and "Vladimir Poutine" in chip
    assert not any("Poutine" in t for t in hit_titles(excluded))


def test_chips_remove_their_filter_and_keep_the_others(client, engine):
    doc = page(client, "/?q=Corée&person=vladimir+poutine&from=2023")
    chips = {css(c, ".kind")[0].text_content(): c.get("href") for c in css(doc, ".chip.removable")}
    assert set(chips) == {"Personne :", "Période :"}
    without_actor = chips["Personne :"]
    assert query(without_actor) == {"q": ["Corée"], "from": ["2023"]}
    assert (
        total(page(client, without_actor))
        == expected(engine, q="Corée", **{"from": "2023"})["total"]
    )
    assert query(chips["Période :"]) == {"q": ["Corée"], "person": [POUTINE]}
    assert query(link(doc, ".active-filters .clear")) == {"q": ["Corée"]}


def test_timeline_bars_filter_on_their_period(client, engine):
    doc = page(client, "/?q=Corée")
    bars = {a.get("aria-label"): a.get("href") for a in doc.xpath("//svg//a")}
    assert "2021 : 0 article" in bars  # a zero year stays visible
    assert doc.xpath('//svg//rect[contains(@class, "zero")]')
    year = page(client, bars["2024 : 1 article"])
    assert query(bars["2024 : 1 article"])["from"] == ["2024"]
    assert total(year) == expected(engine, q="Corée", **{"from": "2024", "to": "2024"})["total"]
    assert all("2024" in t.text_content() for t in css(year, ".hit time"))
    months = [a.get("aria-label") for a in year.xpath('//div[@class="dated"]//svg//a')]
    assert len(months) == 12 and "novembre 2024 : 1 article" in months
    assert "juin 2024 : 0 article" in months


@pytest.mark.parametrize(
    ("iso", "with_time", "french"),
    [
        ("2024-06-19", False, "19 juin 2024"),
        ("2023-03-01", False, "1er mars 2023"),
        ("2024-08-01T09:00:00+02:00", False, "1er août 2024"),
        ("2019-02-28T10:40:00+01:00", True, "28 février 2019 à 10 h 40"),
        ("2023-12-25T00:00:00", True, "25 décembre 2023"),
        (None, False, ""),
        ("juin 2024", False, ""),
    ],
    ids=["day", "first-of-month", "datetime", "with-time", "midnight", "none", "not-iso"],
)
def test_french_dates(iso, with_time, french):
    assert french_date(iso, with_time=with_time) == french


def test_hits_show_french_dates(client):
    doc = page(client, "/?q=Kaesong")
    times = {t.get("datetime"): t.text_content() for t in css(doc, ".hit time")}
    assert times["2020-06-17"] == "17 juin 2020"


def test_pagination_walks_every_page(client, engine):
    first = page(client, "/?per_page=5")
    assert total(first) == 51
    numbers = [
        a.text_content().replace("Page ", "")
        for a in css(first, ".pagination a")
        if a.get("rel") is None
    ]
    assert numbers[0] == "1" and numbers[-1] == "11"
    second = page(client, link(first, '.pagination a[rel="next"]'))
    assert css(second, '.pagination a[aria-current="page"]')[0].text_content().endswith("2")
    assert css(second, "ol.hits")[0].get("start") == "6"
    assert hit_titles(second) == [
        h["title"] for h in expected(engine, per_page="5", page="2")["hits"]
    ]
    assert not set(hit_titles(second)) & set(hit_titles(first))
    assert query(link(second, '.pagination a[rel="prev"]')) == {"per_page": ["5"]}
    last = page(client, "/?per_page=5&page=11")
    assert len(hit_titles(last)) == 1 and not css(last, '.pagination a[rel="next"]')


def test_sort_links_order_by_date(client):
    doc = page(client, "/?q=Corée")
    newest = page(client, link(doc, ".sort a", "plus récents"))
    dates = [t.get("datetime")[:10] for t in css(newest, ".hit time")]
    assert len(dates) > 3 and dates == sorted(dates, reverse=True)
    assert css(newest, ".sort a[aria-current]")[0].text_content() == "plus récents"


def test_no_results_offers_a_correction_and_tips(client, engine):
    doc = page(client, "/?q=Pyongyan&nocorrect=1&match=all")
    assert total(doc) == 0
    suggestion = css(doc, ".suggestion")[0]
    assert suggestion.text_content().startswith("Essayez plutôt «\u00a0Pyongyang")
    fixed = page(client, css(suggestion, "a")[0].get("href"))
    assert total(fixed) == expected(engine, q="Pyongyang")["total"] > 0
    assert css(doc, ".no-results li")


def test_entity_chip_of_a_hit_filters_on_it(client, engine):
    doc = page(client, "/?q=Kaesong")
    filtered = page(client, link(doc, ".hit .chip.location", "Pyongyang"))
    assert total(filtered) == expected(engine, q="Kaesong", location="pyongyang")["total"]
    assert css(filtered, ".hit .chip.location.active")


def test_more_values_link_raises_facet_size(client):
    doc = page(client, "/")
    assert len(css(doc, "#facette-person .facet-value")) == 10
    assert not css(doc, "#facette-person[data-filterable]")
    more = page(client, link(doc, "#facette-person .more a", "voir plus"))
    assert len(css(more, "#facette-person .facet-value")) > 10
    assert css(more, "#facette-person[data-filterable] .facet-filter input")


def test_export_csv_is_excel_friendly_and_complete(client, engine):
    response = client.get("/export.csv?q=Corée&per_page=2&page=3")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert re.search(
        r'filename="loupe-coree-\d{4}-\d{2}-\d{2}\.csv"', response.headers["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    api = expected(engine, q="Corée", per_page="100")
    assert [r["Identifiant"] for r in rows] == [h["id"] for h in api["hits"]]
    assert list(rows[0]) == [
        "Titre",
        "Date",
        "Heure",
        "Source",
        "Auteur",
        "Personnes",
        "Organisations",
        "Lieux",
        "Extrait",
        "Adresse",
        "Fichier",
        "Identifiant",
    ]
    kaesong = next(r for r in rows if r["Identifiant"] == KAESONG)
    assert kaesong["Date"] == "2020-06-17"
    assert "Kim Jong-un" in kaesong["Personnes"].split(" | ")
    assert "Séoul" in kaesong["Lieux"].split(" | ")
    assert all(re.fullmatch(r"(\d{4}-\d{2}-\d{2})?", r["Date"]) for r in rows)
    assert "Corée" in kaesong["Extrait"] and "<mark>" not in kaesong["Extrait"]


def test_export_xlsx_opens_in_a_spreadsheet(client, engine):
    openpyxl = pytest.importorskip("openpyxl")
    response = client.get("/export.xlsx?q=Corée&person=kim+jong+un")
    assert response.status_code == 200 and response.mimetype.endswith(".sheet")
    assert ".xlsx" in response.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0][:3] == ("Titre", "Date", "Heure")
    api = expected(engine, q="Corée", person="kim jong un", per_page="100")
    assert [row[-1] for row in table[1:]] == [h["id"] for h in api["hits"]]
    assert all("Kim Jong-un" in row[5].split(" | ") for row in table[1:])


def test_export_json_has_the_api_hits(client, engine):
    response = client.get("/export.json?q=Corée&actor=vladimir+poutine")
    data = json.loads(response.get_data(as_text=True))
    api = expected(engine, q="Corée", actor=POUTINE)
    assert data["total"] == data["exported"] == api["total"]
    assert [h["id"] for h in data["hits"]] == [h["id"] for h in api["hits"]]


def test_article_page_marks_query_words_and_links_entities(client):
    doc = page(client, f"/articles/{KAESONG}?q=Corée")
    assert css(doc, "h1")[0].text_content().startswith("La Corée du Nord")
    marks = [m.text_content() for m in css(doc, ".text mark")]
    assert marks and set(marks) <= {"Corée", "Corées"}
    mention = link(doc, ".text a.entity.person", "Kim Jong-un")
    assert query(mention) == {"q": ["Corée"], "person": ["kim jong un"]}
    place = css(doc, ".text a.entity.location")[0]
    assert query(place.get("href"))["location"]
    groups = [h.text_content() for h in css(doc, ".article-side h3")]
    assert groups == ["Personnes", "Organisations", "Lieux"]
    meta = css(doc, "dl.meta")[0].text_content()
    assert "17 juin 2020" in meta and "Horizon Hebdo" in meta
    assert css(doc, ".similar li a")
    assert query(link(doc, ".back a")) == {"q": ["Corée"]}


def test_search_page_links_to_its_json_twin(client, engine):
    response = client.get("/?q=Corée&actor=vladimir+poutine")
    api_url = response.headers["Link"].split(";")[0].strip("<>")
    assert 'rel="alternate"' in response.headers["Link"]
    assert api_url.startswith("/api/v1/search?")
    assert query(api_url) == {"q": ["Corée"], "actor": [POUTINE]}


@pytest.mark.parametrize(
    "url",
    ["/", "/?q=Corée", f"/articles/{KAESONG}", "/aide", "/?from=2024-13", "/nulle-part"],
    ids=["home", "search", "article", "help", "bad-param", "not-found"],
)
def test_pages_are_french_accessible_and_csp_safe(client, url):
    response = client.get(url)
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    doc = lxml.html.fromstring(response.get_data(as_text=True))
    assert doc.get("lang") == "fr"
    assert [s.get("src") for s in doc.iter("script")] == ["/static/loupe.js"]
    assert not doc.xpath("//style | //*[@style] | //*[@onclick or @onload or @onerror]")
    for landmark in ("header", "nav", "main", "footer"):
        assert doc.xpath(f"//{landmark}"), landmark
    assert css(doc, "a.skip")[0].get("href") == "#contenu"
    assert doc.get_element_by_id("contenu").tag == "main"
    for control in doc.xpath('//input[not(@type="hidden")]'):
        assert doc.xpath(f'//label[@for="{control.get("id")}"]'), control.get("id")


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/?q=Corée&from=2024-13", "from"),
        ("/?q=Corée&per_page=1000", "per_page"),
        ("/?sort=recent", "sort"),
        ("/export.csv?to=hier", "to"),
    ],
    ids=["bad-date", "too-many-per-page", "bad-sort", "export-bad-date"],
)
def test_bad_parameters_give_a_french_400_saying_what_to_fix(client, url, param):
    doc = page(client, url, status=400)
    box = css(doc, ".error-box")[0]
    assert f"Paramètre « {param} » incorrect" in box.text_content()
    assert "Traceback" not in lxml.html.tostring(doc, encoding="unicode")
    assert param not in query(link(doc, ".error-box a"))


@pytest.mark.parametrize("url", ["/articles/inconnu-123", "/nulle-part"], ids=["article", "page"])
def test_unknown_pages_give_a_french_404(client, url):
    doc = page(client, url, status=404)
    assert "introuvable" in css(doc, "h1")[0].text_content()
    assert css(doc, 'a[href="/"]')


def test_help_page_lists_the_query_language_with_working_examples(client, engine):
    doc = page(client, "/aide")
    rows = css(doc, "table tbody tr")
    assert len(rows) >= 12
    examples = {a.text_content(): a.get("href") for a in css(doc, "table a")}
    for text in ("acteur:Poutine", "Putin", '"Corée du Nord"', "date:2024-06"):
        assert query(examples[text]) == {"q": [text]}
        assert total(page(client, examples[text])) == expected(engine, q=text)["total"] > 0


def test_pages_only_read(client):
    for url in ("/", "/export.csv", f"/articles/{KAESONG}"):
        assert client.post(url).status_code == 405


@pytest.fixture(scope="module")
def xss_client(tmp_path_factory):
    """An index of two articles whose title, body, source, author and URL carry markup."""
    root = tmp_path_factory.mktemp("xss")
    articles = [
        {
            "id": "xss-1",
            "title": f"{XSS} Emmanuel Macron à Marseille",
            "date": "2024-06-19",
            "source": "<b>Source</b>",
            "url": "javascript:alert(1)",
            "author": '"><img src=x onerror=alert(1)>',
            "body": f"Emmanuel Macron s’est rendu à Marseille mardi. {XSS} Le président "
            "a rencontré des élus.\n\nIl a promis « des moyens » à Marseille.",
        },
        {
            "id": "xss-2",
            "title": "Marseille attend le président",
            "date": "2024-06-20",
            "source": "Exemple",
            "body": "Marseille accueille un sommet. Emmanuel Macron y participera, selon l’Élysée.",
        },
    ]
    (root / "src").mkdir()
    (root / "src" / "articles.json").write_text(json.dumps(articles), encoding="utf-8")
    report = run_index(IndexOptions(paths=[root / "src"], index_dir=root / "ix", workers=0))
    assert not report.failed, report.summary()
    return app_for(root / "ix").test_client()


@pytest.mark.parametrize(
    "url",
    [
        "/?q=script",
        "/?q=" + XSS,
        "/?q=Marseille&actor=" + XSS,
        "/articles/xss-1?q=script",
        "/articles/xss-1?q=" + XSS,
        "/?from=" + XSS,
    ],
    ids=["hit", "query", "filter-value", "article", "article-query", "bad-param"],
)
def test_markup_in_articles_and_queries_shows_as_text(xss_client, url):
    response = xss_client.get(url)
    assert response.status_code in (200, 400)
    body = response.get_data(as_text=True)
    assert XSS not in body and "<img" not in body and "<b>" not in body
    doc = lxml.html.fromstring(body)
    assert [s.get("src") for s in doc.iter("script")] == ["/static/loupe.js"]
    assert not doc.xpath("//img | //b | //*[@onerror]")
    assert not doc.xpath('//a[starts-with(@href, "javascript")]')
    assert XSS in doc.text_content()  # shown to the reader, as text


def test_article_with_markup_keeps_its_text_and_metadata_visible(xss_client):
    doc = page(xss_client, "/articles/xss-1")
    assert css(doc, "h1")[0].text_content().startswith(XSS)
    meta = css(doc, "dl.meta")[0].text_content()
    assert "javascript:alert(1)" in meta and "<b>Source</b>" in meta
    assert query(link(doc, ".text a.entity.location", "Marseille")) == {"location": ["marseille"]}


def test_server_errors_give_a_french_500_without_traceback(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("web.pages.search_view", broken)
    doc = page(client, "/?q=Corée", status=500)
    text = lxml.html.tostring(doc, encoding="unicode")
    assert "Erreur interne" in doc.xpath("//h1")[0].text_content()
    assert "secret internal detail" not in text and "Traceback" not in text
    assert "secret internal detail" in caplog.text  # logged for the administrator


@pytest.mark.parametrize(
    ("state", "months", "bars", "first", "last"),
    [
        ({}, {"2024-03": 4}, 7, "2019 : 1 article", "2025 : 2 articles"),
        (
            {"from": ["2024"], "to": ["2024"]},
            {"2024-03": 4, "2024-04": 0},
            12,
            "janvier 2024 : 0 article",
            "décembre 2024 : 0 article",
        ),
        (
            {"from": ["2023-11"], "to": ["2024-02-15"]},
            {"2023-12": 2, "2024-01": 0},
            4,
            "novembre 2023 : 0 article",
            "février 2024 : 0 article",
        ),
    ],
    ids=["years", "one-year-padded", "across-new-year"],
)
def test_timeline_geometry(state, months, bars, first, last):
    from web.timeline import HEIGHT, timeline

    years = [
        {"value": str(y), "count": c}
        for y, c in zip(range(2019, 2026), [1, 0, 3, 0, 0, 5, 2], strict=False)
    ]
    facets = {"year": years, "month": [{"value": m, "count": c} for m, c in months.items()]}
    view = timeline(facets, state)
    assert len(view["bars"]) == bars
    assert view["bars"][0]["title"] == first and view["bars"][-1]["title"] == last
    tallest = max(view["bars"], key=lambda b: b["height"])
    assert tallest["y"] + tallest["height"] == HEIGHT
    assert all(b["height"] > 0 for b in view["bars"])  # zeros are a visible baseline
    assert all(b["zero"] == b["title"].endswith(": 0 article") for b in view["bars"])
    assert [b["x"] for b in view["bars"]] == sorted(b["x"] for b in view["bars"])
    assert (view["all_dates_url"] is None) == (not state)


def test_browsing_without_words_says_newest_first(client):
    doc = page(client, "/")
    current = css(doc, ".sort a[aria-current]")
    assert [a.text_content() for a in current] == ["plus récents"]
    assert "pertinence" not in css(doc, ".sort")[0].text_content()
    dates = [t.get("datetime")[:10] for t in css(doc, ".hit time")]
    assert dates == sorted(dates, reverse=True)


def test_a_page_past_the_last_says_so_and_links_back(client):
    doc = page(client, "/?q=Corée&page=99")
    note = " ".join(n.text_content() for n in css(doc, ".note"))
    assert "La page 99 n’existe pas" in note and "8 résultats tiennent en 1 page" in note
    last = page(client, link(doc, ".note a", "dernière page"))
    assert len(hit_titles(last)) == 8


def test_bad_parameters_are_explained_in_french(client):
    doc = page(client, "/?q=Corée&from=demain", status=400)
    box = css(doc, ".error-box")[0].text_content()
    assert "AAAA-MM-JJ" in box and "« demain »" in box
    assert "must be" not in box and "got" not in box
    doc = page(client, "/?any=source", status=400)
    assert "person, organisation, location ou actor" in css(doc, ".error-box")[0].text_content()


def test_pages_have_a_description_and_a_keyboard_only_hint(client):
    doc = page(client, "/?q=Corée")
    description = doc.xpath('//meta[@name="description"]/@content')
    assert description and "articles de presse" in description[0]
    assert css(doc, ".keyboard-hint kbd")


def test_a_query_of_filters_only_is_sorted_newest_first_and_says_so(client):
    doc = page(client, "/?q=acteur:Poutine")
    assert [a.text_content() for a in css(doc, ".sort a[aria-current]")] == ["plus récents"]
    ranked = page(client, "/?q=Poutine")
    assert [a.text_content() for a in css(ranked, ".sort a[aria-current]")] == ["pertinence"]
