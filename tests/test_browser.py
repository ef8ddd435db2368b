"""The search page in a real browser: headless Chromium driven by Playwright.

A journalist's path on the bundled corpus, on a desktop screen and on a
390-pixel phone: search, tick an actor, click a timeline bar, open an
article. Screenshots of each step go to tests/screenshots/ (git-ignored).
Needs the system browser: ``apt-get install chromium``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from tests_support import app_for

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

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


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


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


def test_search_tick_actor_click_timeline_open_article(server, tab):
    tab.goto(server + "/")
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "q"
    tab.keyboard.type("Corée")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert count(tab) == 8
    assert tab.locator(".hit mark").first.inner_text() == "Corée"
    places = facet_count(tab, "location", "Corée du Nord")
    shot(tab, "1-recherche")

    with tab.expect_navigation():  # ticking submits the form (JavaScript)
        tab.get_by_label("Vladimir Poutine", exact=True).check()
    assert "actor=vladimir+poutine" in tab.url
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
        "Personnes", "Organisations", "Lieux"]
    shot(tab, "4-article")

    with tab.expect_navigation():
        entity.click()
    assert "actor=" in tab.url and count(tab) > 0


def test_long_facet_lists_get_a_filter_box(server, tab):
    tab.goto(server + "/")
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
    tab.get_by_label("Vladimir Poutine", exact=True).check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Appliquer les filtres").click()
    assert "actor=vladimir+poutine" in tab.url
    assert tab.locator("#resultats").inner_text().startswith("3 articles")
    context.close()


def test_batch_search_sorts_by_column_and_opens_an_entity_page(server, tab):
    tab.goto(server + "/")
    with tab.expect_navigation():
        tab.get_by_role("link", name="Recherche par lot").click()
    tab.get_by_label("Noms ou recherches, un par ligne").fill(
        "Gaston Lagaffe\nVladimir Poutine;Président russe\nKim Jong-un\n\"Corée du Nord AND (")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Lancer la recherche par lot").click()
    rows = tab.locator("table.batch-results tbody tr")
    assert rows.count() == 4
    assert "aucun article" in rows.first.inner_text()
    shot(tab, "6-lot")

    def totals() -> list[int]:
        return [int(v) for v in tab.locator(
            "table.batch-results tbody tr td:nth-child(3)").evaluate_all(
            "cells => cells.map(c => c.dataset.value)")]

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
