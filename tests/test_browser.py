"""The search page in a real browser: headless Chromium driven by Playwright.

A journalist's path on the bundled corpus, on a 1366x900 screen and on a
390-pixel phone: search, tick people (the counts say what the click gives),
click a timeline bar, open an article and come back, type a new query, reach
the facets by keyboard, export. axe-core (``npm install``, target-size on)
checks six pages at both widths. Screenshots of each step go to
tests/screenshots/ (git-ignored). Needs the system browser:
``apt-get install chromium``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tests_support import app_for

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="no /usr/bin/chromium: install it with `apt-get install chromium` "
    "to run the browser tests",
)


@pytest.fixture(scope="module")
def server(corpus_index):
    """The app on a free local port, in a thread, for the module's tests."""
    from werkzeug.serving import make_server

    app = app_for(corpus_index)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
#: axe-core from npm (``npm install`` at the repository's root, see package.json).
AXE = Path(__file__).parent.parent / "node_modules" / "axe-core" / "axe.min.js"
KAESONG = "2020-06-17-coree-du-nord-bureau-liaison-b3a203a5"
#: The pages axe checks: results with filters, no results, an article, help, errors.
AXE_PAGES = {
    "filtres": "/?q=Corée&person=vladimir+poutine&sort=-date",
    "sans-resultat": "/?q=zzkqxw",
    "article": f"/articles/{KAESONG}?q=Corée&person=kim+jong+un",
    "aide": "/aide",
    "erreur-parametre": "/?q=Corée&from=demain",
    "erreur-404": "/nulle-part",
}


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def tab(request, browser):
    """A fresh page of the given viewport; fails the test on any console error."""
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="fr-FR")
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.viewport_name = request.param
    yield tab
    context.close()
    assert tab.errors == [], tab.errors  # CSP violations land here too


def shot(tab, step: str) -> None:
    """Screenshot of the whole page for this step."""
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{tab.viewport_name}-{step}.png"), full_page=True)


def count(tab) -> int:
    words = tab.locator("#resultats").inner_text().split()
    return 0 if words[0] == "Aucun" else int(words[0].replace("\u202f", ""))


def facet_count(tab, facet: str, label: str) -> int:
    item = tab.locator(f'#facette-{facet} .facet-value[data-label="{label}"] .count')
    return int(item.inner_text().split()[0])


def show_filters(tab) -> None:
    """On a phone, open the facets with the « Filtres » button."""
    button = tab.locator(".filters-toggle")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()


def results_url(tab) -> dict[str, list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(tab.url).query)


def test_search_tick_actor_click_timeline_open_article(server, tab):
    tab.goto(server + "/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "q"
    tab.keyboard.type("Corée")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert count(tab) == 8
    assert tab.locator(".hit mark").first.inner_text() == "Corée"
    show_filters(tab)
    places = facet_count(tab, "location", "Corée du Nord")
    shot(tab, "1-recherche")

    with tab.expect_navigation():  # ticking submits the form (JavaScript)
        tab.get_by_label("Vladimir Poutine", exact=True).check()
    assert "person=vladimir+poutine" in tab.url
    assert count(tab) == 3
    assert facet_count(tab, "location", "Corée du Nord") < places
    assert tab.get_by_label("Vladimir Poutine", exact=True).is_checked()
    assert "Vladimir Poutine" in tab.locator(".chip.removable").first.inner_text()
    shot(tab, "2-acteur")

    bar = tab.locator('svg a[aria-label^="2024 :"]')
    with tab.expect_navigation():
        bar.click()
    assert "from=2024&to=2024" in tab.url
    assert count(tab) == 1
    assert tab.locator(".timeline .dated svg a").count() == 12  # the months of 2024
    assert tab.locator(".timeline figcaption").inner_text().startswith("Publications par mois")
    shot(tab, "3-frise")

    with tab.expect_navigation():
        tab.locator(".hit h3 a").first.click()
    assert "/articles/" in tab.url and "q=Cor" in tab.url
    entity = tab.locator(".text a.entity.person").first
    assert entity.count() == 1
    background = entity.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert tab.locator(".text mark").count() > 0
    assert tab.locator(".article-side h3").all_inner_texts() == [
        "Personnes",
        "Organisations",
        "Lieux",
    ]
    shot(tab, "4-article")

    with tab.expect_navigation():
        entity.click()
    assert "person=" in tab.url and "q=Cor" in tab.url and count(tab) > 0


def test_long_facet_lists_get_a_filter_box(server, tab):
    tab.goto(server + "/")
    show_filters(tab)
    assert tab.locator("#facette-person .facet-filter").is_hidden()
    with tab.expect_navigation():
        tab.locator("#facette-person .more a").first.click()
    box = tab.locator("#facette-person .facet-filter input")
    box.fill("poutin")
    visible = tab.locator("#facette-person .facet-value:visible")
    assert visible.count() == 1
    assert visible.first.get_attribute("data-label") == "Vladimir Poutine"
    shot(tab, "5-filtre-facette")


def test_search_works_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
    tab = context.new_page()
    tab.goto(server + "/?q=Corée")
    tab.get_by_role("button", name="Filtres").click()  # a link to #filtres without JS
    tab.get_by_label("Vladimir Poutine", exact=True).check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Appliquer les filtres").click()
    assert "person=vladimir+poutine" in tab.url
    assert tab.locator("#resultats").inner_text().startswith("3 articles")
    context.close()


def test_batch_search_sorts_by_column_and_opens_an_entity_page(server, tab):
    tab.goto(server + "/")
    with tab.expect_navigation():
        tab.get_by_role("link", name="Recherche par lot").click()
    tab.get_by_label("Noms ou recherches, un par ligne").fill(
        'Gaston Lagaffe\nVladimir Poutine;Président russe\nKim Jong-un\n"Corée du Nord AND ('
    )
    with tab.expect_navigation():
        tab.get_by_role("button", name="Lancer la recherche par lot").click()
    rows = tab.locator("table.batch-results tbody tr")
    assert rows.count() == 4
    assert "aucun article" in rows.first.inner_text()
    shot(tab, "6-lot")

    def totals() -> list[int]:
        return [
            int(v)
            for v in tab.locator("table.batch-results tbody tr td:nth-child(3)").evaluate_all(
                "cells => cells.map(c => c.dataset.value)"
            )
        ]

    header = tab.locator("table.batch-results th", has_text="Articles").get_by_role("button")
    header.click()
    assert totals() == sorted(totals())
    header.click()
    assert totals() == sorted(totals(), reverse=True)
    with tab.expect_navigation():
        rows.first.locator('a[href^="/entites/"]').first.click()
    assert "/entites/" in tab.url
    assert tab.locator(".timeline svg a").count() > 0
    assert tab.locator("#avec-qui").count() == 1
    shot(tab, "7-fiche")


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_axe_finds_no_violation_target_size_included(server, browser, name, request):
    if not AXE.exists():
        pytest.skip("axe-core missing: run `npm install` at the repository's root")
    for viewport, size in VIEWPORTS.items():
        # axe is injected from outside the page: the page's CSP forbids inline scripts.
        context = browser.new_context(viewport=size, locale="fr-FR", bypass_csp=True)
        tab = context.new_page()
        tab.goto(server + AXE_PAGES[name])
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("""() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                            "wcag22aa", "best-practice"]},
            rules: {"target-size": {enabled: true}}})""")
        context.close()
        found = [(v["id"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
        assert found == [], (viewport, found)
        assert any(r["id"] == "target-size" for r in result["passes"] + result["inapplicable"])


def test_drill_down_on_two_people_narrows_with_counts_equal_to_the_click(server, tab):
    tab.goto(server + "/?q=Corée")
    show_filters(tab)
    before = count(tab)
    promised = facet_count(tab, "person", "Vladimir Poutine")
    with tab.expect_navigation():
        tab.get_by_label("Vladimir Poutine", exact=True).check()
    assert count(tab) == promised < before
    promised_two = facet_count(tab, "person", "Kim Jong-un")
    with tab.expect_navigation():
        tab.get_by_label("Kim Jong-un", exact=True).check()
    assert sorted(results_url(tab)["person"]) == ["kim jong un", "vladimir poutine"]
    assert 0 < count(tab) == promised_two <= promised
    chips = tab.locator(".active-filters li").all_inner_texts()
    assert sum(chip.startswith("ET ") for chip in chips) == 1
    # Focus is back on the box just ticked, not at the top of the page.
    assert tab.evaluate("document.activeElement.value") == "kim jong un"
    shot(tab, "6-deux-personnes")


def test_a_new_query_drops_the_filters_unless_within_is_ticked(server, tab):
    tab.goto(server + "/?q=Corée&person=vladimir+poutine&from=2022")
    assert count(tab) > 0
    tab.fill("#q", "Macron")
    with tab.expect_navigation():
        tab.press("#q", "Enter")
    assert results_url(tab) == {"q": ["Macron"]}
    assert count(tab) > 0 and tab.locator(".chip.removable").count() == 0

    tab.goto(server + "/?q=Corée&person=vladimir+poutine")
    tab.fill("#q", "Koursk")
    tab.get_by_label("Chercher dans ces résultats").check()
    with tab.expect_navigation():
        tab.press("#q", "Enter")
    assert results_url(tab) == {"q": ["Koursk"], "person": ["vladimir poutine"]}


def test_back_link_and_entity_links_keep_the_search(server, tab):
    start = "/?q=Corée&person=vladimir+poutine&sort=-date"
    tab.goto(server + start)
    state = results_url(tab)
    with tab.expect_navigation():
        tab.locator(".hit h3 a").first.click()
    assert results_url(tab) == state
    with tab.expect_navigation():
        tab.get_by_role("link", name="← Retour à la recherche").click()
    assert results_url(tab) == state
    with tab.expect_navigation():
        tab.locator(".hit h3 a").first.click()
    entity = tab.locator(".article-side a.chip.location").first
    with tab.expect_navigation():
        entity.click()
    after = results_url(tab)
    assert after["q"] == ["Corée"] and after["person"] == ["vladimir poutine"]
    assert after["sort"] == ["-date"] and len(after["location"]) == 1
    assert count(tab) > 0


def test_tab_reaches_the_first_facet_within_ten_stops(server, browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="fr-FR")
    tab = context.new_page()
    tab.goto(server + "/?q=Corée&person=vladimir+poutine")
    for _stop in range(1, 11):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.closest('.facet-value') !== null"):
            break
    else:
        pytest.fail("the first facet is more than 10 Tab stops away")
    assert tab.evaluate("document.activeElement.type") == "checkbox"
    with tab.expect_navigation():  # Space ticks; focus comes back to the same box
        value = tab.evaluate("document.activeElement.value")
        tab.keyboard.press("Space")
    assert tab.evaluate("document.activeElement.value") == value
    context.close()


def test_phone_opens_the_filters_from_a_button_and_hides_the_slash_hint(server, browser):
    context = browser.new_context(
        viewport=VIEWPORTS["phone"], locale="fr-FR", has_touch=True, is_mobile=True
    )
    tab = context.new_page()
    tab.goto(server + "/?q=Corée")
    assert tab.locator(".keyboard-hint").is_hidden()
    facets = tab.locator("#filtres")
    assert facets.is_hidden()
    button = tab.get_by_role("button", name="Filtres")
    box = button.bounding_box()
    assert box["y"] < 400 and box["height"] >= 24
    button.click()
    assert facets.is_visible() and button.get_attribute("aria-expanded") == "true"
    first = tab.locator(".facet-value input").first.bounding_box()
    assert first["width"] >= 24 and first["height"] >= 24
    timeline = tab.locator(".timeline").bounding_box()
    assert timeline["height"] < 844 / 6
    shot_phone = SHOTS / "phone-7-filtres-ouverts.png"
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(shot_phone))
    context.close()


def test_exports_open_in_spreadsheets(server, browser, tmp_path):
    import csv
    import io
    import urllib.request

    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="fr-FR")
    tab = context.new_page()
    tab.goto(server + "/?q=Corée&person=kim+jong+un")
    assert "1 000 premiers" in tab.locator(".exports").inner_text()
    with tab.expect_download() as csv_download:
        tab.get_by_role("link", name="CSV (Excel)").click()
    assert csv_download.value.suggested_filename.startswith("loupe-coree-")
    text = Path(csv_download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Titre" and len(rows) - 1 == count(tab)
    assert all(len(row) == len(rows[0]) for row in rows)
    with tab.expect_download() as xlsx_download:
        tab.get_by_role("link", name="Classeur Excel (.xlsx)").click()
    openpyxl = pytest.importorskip("openpyxl")
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    assert sheet.max_row - 1 == count(tab)
    with urllib.request.urlopen(server + "/export.csv?q=Cor%C3%A9e") as response:
        assert response.headers["Content-Type"].startswith("text/csv")
    context.close()
