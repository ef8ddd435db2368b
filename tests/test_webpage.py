"""Web pages: the title, the publication moment and the text a journalist sees."""

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from index.article import Article
from index.boilerplate import clean_article
from index.discover import SourceFile
from index.readers import read_file

REALPAGES = Path(__file__).resolve().parents[2] / "shared" / "realpages"

TITLE = "Les maraîchers du Var face à la sécheresse"
PARAGRAPHS = [
    (
        "Depuis le début du printemps, les nappes du Var n’ont jamais été aussi "
        "basses, et les maraîchers de la plaine de Cuers arrosent une nuit sur deux."
    ),
    (
        "« Nous avons perdu un tiers des tomates », raconte Sylvie Ambrosino, qui "
        "cultive six hectares au bord du Gapeau depuis vingt ans."
    ),
    (
        "La préfecture a placé quarante communes en alerte renforcée et interdit "
        "l’arrosage des jardins entre huit heures et vingt heures."
    ),
]


def page(
    *,
    title=None,
    og_title=None,
    h1=None,
    site=None,
    url=None,
    head="",
    before="",
    after="",
    byline='<p class="byline">Par Jeanne Pellegrin</p>',
):
    """A news page of our own; each argument left out is absent from the page."""
    tags = [f"<title>{title}</title>" if title else ""]
    if og_title:
        tags.append(f'<meta property="og:title" content="{og_title}">')
    if site:
        tags.append(f'<meta property="og:site_name" content="{site}">')
    if url:
        tags.append(f'<link rel="canonical" href="{url}">')
    text = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
{"".join(tags)}{head}</head><body>
<header><nav><a href="/">Accueil</a> <a href="/region">Région</a></nav></header>
<main><article>{before}{f"<h1>{h1}</h1>" if h1 else ""}{byline}{text}{after}</article></main>
<footer><p>Mentions légales</p></footer></body></html>"""


def read_page(tmp_path: Path, html: str, name: str = "page.html") -> Article:
    """The article as the index receives it: read, then cleaned of boilerplate."""
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    items = list(read_file(SourceFile(path, tmp_path, name)))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return clean_article(items[0])


# --- titles ------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        page(
            title=f"{TITLE} - Le Petit Varois",
            site="lepetitvarois.fr",
            url="https://www.lepetitvarois.fr/var/secheresse.html",
        ),
        page(title=f"{TITLE} - L'Écho du Littoral", site="LEchoDuLittoral.fr"),
        page(title=f"{TITLE} | Le Club des Lecteurs", site="Club des Lecteurs"),
        page(
            title=f"{TITLE} | Environnement | EDL | 23.05.2023",
            og_title=f"{TITLE} | EDL | 23.05.2023",
            h1=TITLE,
            site="EDL.INFO",
        ),
        page(
            title=f"{TITLE} – Agriculture | L'Hebdo du Sud",
            site="L'Hebdo du Sud",
            url="https://www.hebdodusud.fr/edition/agriculture/maraichers-secheresse",
        ),
        page(title=f"Pétition : {TITLE}"),
        page(
            title=f"{TITLE} | Média Libre - Analyse et Critique",
            site="Média Libre - Analyse et Critique",
        ),
        page(title="Le Petit Varois", site="Le Petit Varois", h1=TITLE),
        page(title=f"{TITLE} - Le Petit Varois", h1="Le Petit Varois", site="lepetitvarois.fr"),
        page(
            title="Sécheresse : les maraîchers inquiets - Le Petit Varois",
            og_title=TITLE,
            h1=TITLE,
            site="Le Petit Varois",
        ),
    ],
    ids=[
        "suffix-is-the-hostname",
        "brand-with-apostrophe-and-domain",
        "brand-with-an-article",
        "chain-section-site-date",
        "section-after-the-site",
        "petition-prefix",
        "site-name-holding-a-dash",
        "title-naming-only-the-site",
        "h1-naming-only-the-site",
        "h1-and-og-agree-against-title",
    ],
)
def test_title_without_the_site_section_or_label(tmp_path, html):
    assert read_page(tmp_path, html).title == TITLE


def test_a_french_colon_stays_in_a_title_without_h1_or_og(tmp_path):
    title = "Sécheresse : le Var interdit l’arrosage des jardins"
    html = page(title=f"{title} - Le Petit Varois", site="Le Petit Varois")
    assert read_page(tmp_path, html).title == title


def test_a_dash_inside_the_title_is_kept(tmp_path):
    title = "Eau potable - la préfecture rassure"
    html = page(title=f"{title} | Le Petit Varois", site="Le Petit Varois")
    assert read_page(tmp_path, html).title == title


def test_a_short_h1_does_not_cut_the_title(tmp_path):
    html = page(title=TITLE, og_title=TITLE, h1="Sécheresse")
    assert read_page(tmp_path, html).title == TITLE


# --- dates -------------------------------------------------------------------

COMMENTS = """<div id="comments" class="comments"><ul>
<li class="comment"><p>Et les golfs, on les arrose toujours ? Deux poids deux mesures.</p>
<abbr class="date" title="2023-09-11T10:57:27Z">Le 11 septembre 2023 à 12:57</abbr></li>
<li class="comment"><p>Merci pour cet article, enfin quelqu’un qui parle des petits.</p>
<abbr class="date" title="2023-10-02T08:00:00Z">Le 2 octobre 2023 à 10:00</abbr></li>
</ul></div>"""


def test_the_byline_date_wins_over_a_readers_comment(tmp_path):
    byline = '<p class="meta">Par Jeanne Pellegrin | 30 septembre 2023</p>'
    html = page(title=TITLE, h1=TITLE, byline=byline, after=COMMENTS)
    article = read_page(tmp_path, html)
    assert article.published is not None
    assert str(article.published)[:10] == "2023-09-30"
    assert "golfs" not in article.body


def test_the_metadata_date_wins_over_a_readers_comment(tmp_path):
    head = '<meta property="article:published_time" content="2023-09-30T18:05:00+02:00">'
    html = page(title=TITLE, h1=TITLE, head=head, after=COMMENTS)
    assert read_page(tmp_path, html).published == dt.datetime(
        2023, 9, 30, 18, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )


@pytest.mark.parametrize(
    "head",
    [
        '<meta property="article:published_time" content="2021-03-04T00:23:00-05:00">',
        (
            '<script type="application/ld+json">{"@context": "https://schema.org",'
            ' "@type": "NewsArticle", "headline": "Les maraîchers du Var face à la'
            ' sécheresse", "datePublished": "2021-03-04T00:23:00-05:00"}</script>'
        ),
    ],
    ids=["article-meta", "json-ld"],
)
def test_the_publication_moment_keeps_the_pages_offset(tmp_path, head):
    article = read_page(tmp_path, page(title=TITLE, head=head))
    assert article.published.isoformat() == "2021-03-04T00:23:00-05:00"
    assert article.published.date() == dt.date(2021, 3, 4)  # not the UTC day, the 5th


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        ("5 mars 2023 à 00h30", "2023-03-05T00:30:00+01:00"),
        ("4 mars 2023", "2023-03-04T23:30:00+00:00"),
    ],
    ids=["byline-shows-the-paris-day", "byline-shows-the-utc-day"],
)
def test_a_utc_stamp_is_filed_on_the_day_the_byline_shows(tmp_path, shown, expected):
    head = '<meta property="article:published_time" content="2023-03-04T23:30:00Z">'
    byline = f'<p class="meta">Par Jeanne Pellegrin | Publié le {shown}</p>'
    article = read_page(tmp_path, page(title=TITLE, head=head, byline=byline))
    assert article.published.isoformat() == expected


def test_a_stated_offset_beats_a_time_without_one(tmp_path):
    head = (
        '<meta property="article:published_time" content="2019-12-09T19:00:49+01:00">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "datePublished": "2019-12-09 20:00:49"}</script>'
    )
    article = read_page(tmp_path, page(title=TITLE, head=head))
    assert article.published.isoformat() == "2019-12-09T19:00:49+01:00"


# --- boilerplate -------------------------------------------------------------

FURNITURE = {
    "paywall": '<section class="article-payant"><h2>Pour lire la suite, créez votre'
    " compte</h2><p>Pour accéder en illimité aux articles, profitez de notre"
    " offre découverte.</p></section>",
    "share": '<div class="share-buttons"><p>Partagez-le avec vos proches sur les réseaux</p></div>',
    "weather": '<div class="meteo-widget"><p>Toulon ensoleillé 24 degrés, vent faible'
    " de secteur est</p></div>",
    "members": '<div class="savoir_plus_block"><h4>Le réseau</h4><p>Chambre'
    " d’agriculture, Safer, Coopérative des Maures.</p></div>",
    "issue-box": "<div><p>« Le Var agricole » Hors-série n° 12, 3e trimestre 2023,"
    ' 7,50 euros</p><p><a href="/abo/800.html">Je m’abonne</a></p></div>',
    "credit": "<p>Image illustrative : un champ de tomates par Léon Garrigue, en"
    " licence Creative Commons by</p>",
}


@pytest.mark.parametrize("kind", sorted(FURNITURE))
def test_page_furniture_is_left_out(tmp_path, kind):
    article = read_page(tmp_path, page(title=TITLE, h1=TITLE, after=FURNITURE[kind]))
    words = {
        "paywall": "illimité",
        "share": "Partagez-le",
        "weather": "ensoleillé",
        "members": "Coopérative des Maures",
        "issue-box": "Hors-série",
        "credit": "Léon Garrigue",
    }
    assert words[kind] not in article.body
    assert "quarante communes" in article.body


def test_a_price_in_the_article_text_stays(tmp_path):
    paragraph = (
        "<p>L’abonnement au réseau d’irrigation passe à 42,50 euros par an,"
        ' annonce la <a href="/coop">coopérative</a>.</p>'
    )
    article = read_page(tmp_path, page(title=TITLE, h1=TITLE, after=paragraph))
    assert "42,50 euros" in article.body


def test_a_live_report_classed_as_comments_stays(tmp_path):
    live = "".join(
        f'<div class="live-match-comment"><div class="live-match-comment-body">{p}</div></div>'
        for p in PARAGRAPHS
    )
    html = page(title=TITLE, h1=TITLE, after=live).replace(
        "".join(f"<p>{p}</p>" for p in PARAGRAPHS), ""
    )
    assert "plaine de Cuers" in read_page(tmp_path, html).body


def test_text_set_straight_in_a_div_and_the_lead_are_kept(tmp_path):
    lead = (
        '<div class="chapo"><p>Dans le Var, la sécheresse frappe d’abord les petites'
        " exploitations maraîchères de la plaine.</p></div>"
    )
    facts = (
        '<div class="article_faits">Le préfet a réuni mardi le comité sécheresse,'
        " qui ne s’était pas tenu depuis l’été 2017, pour examiner les débits.</div>"
    )
    html = page(title=TITLE, h1=TITLE, before=f"<header>{lead}</header>", after=facts)
    body = read_page(tmp_path, html).body
    assert "petites exploitations maraîchères" in body
    assert "comité sécheresse" in body


# --- real pages (../shared/realpages, skipped when absent) ------------------


def _gold_pages():
    if not (REALPAGES / "gold.json").exists():
        return []
    return json.loads((REALPAGES / "gold.json").read_text(encoding="utf-8"))["pages"]


def _norm(text):
    return " ".join(text.replace("\u2019", "'").replace("\xa0", " ").split()).replace(" :", ":")


@pytest.fixture(scope="module")
def real_articles(tmp_path_factory):
    """Each real page's article, read once for the module."""
    folder = tmp_path_factory.mktemp("realpages")
    articles = {}
    for gold in _gold_pages():
        raw = gzip.decompress((REALPAGES / "pages" / f"{gold['name']}.html.gz").read_bytes())
        (folder / gold["file"]).write_bytes(raw)
        source = SourceFile(folder / gold["file"], folder, gold["file"])
        articles[gold["name"]] = clean_article(next(read_file(source)))
    return articles


needs_realpages = pytest.mark.skipif(not _gold_pages(), reason="../shared/realpages is absent")


@needs_realpages
@pytest.mark.parametrize("gold", _gold_pages(), ids=lambda g: g["site"])
def test_real_page_title(real_articles, gold):
    titles = [gold["title"], *(gold.get("title_also") or [])]
    assert _norm(real_articles[gold["name"]].title) in {_norm(t) for t in titles}


@needs_realpages
def test_real_page_days(real_articles):
    """Every day right but at most one: the gold keeps one debatable edition date."""
    dated = [g for g in _gold_pages() if g.get("published")]
    wrong = [
        (g["site"], str(real_articles[g["name"]].published)[:10], g["published"])
        for g in dated
        if str(real_articles[g["name"]].published)[:10] != g["published"]
    ]
    assert len(wrong) <= 1, wrong
