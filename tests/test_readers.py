"""Reading each file format into Articles, and every kind of bad input into BadInputs."""

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index import decode as decode_module
from index.article import Article, BadInput
from index.discover import SUPPORTED_EXTENSIONS, SourceFile
from index.readers import PARSERS, STREAMERS, read_file
from index.readers.common import parse_date

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

PARAGRAPHS = [
    "Les cheminots ont reconduit jeudi la grève entamée lundi à Lyon, a annoncé l’intersyndicale.",
    "« Nous ne lâcherons rien », a déclaré Élodie Marchand, déléguée CGT à Lyon-Part-Dieu.",
    "La direction régionale de la SNCF a appelé les usagers à reporter leurs déplacements.",
]
BODY = "\n\n".join(PARAGRAPHS)


def paras(*lines):
    """Paragraphs as readers join them."""
    return "\n\n".join(lines)


TITLE = "Grève à la SNCF : les syndicats maintiennent la pression"


def source_for(path):
    return SourceFile(path, path.parent, path.name)


def read(path):
    return list(read_file(source_for(path)))


def read_one(path):
    items = read(path)
    assert len(items) == 1, items
    return items[0]


def write(tmp_path, name, content):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_every_supported_extension_has_a_reader():
    assert set(PARSERS) | set(STREAMERS) == SUPPORTED_EXTENSIONS


# --- .txt -------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "",
        "ActualitésInternational\n\n",
        "Accueil › Social\n",
        "in\n\n",
        "Accueil > Régions > Auvergne-Rhône-Alpes\n",
        "2–3 minutes\n",
        f"You are currently viewing {TITLE}\nImage : Dall E X-Pression média\n\n",
    ],
    ids=[
        "none",
        "glued-menu",
        "breadcrumb",
        "lone-in",
        "long-breadcrumb",
        "reading-time",
        "viewing",
    ],
)
def test_txt_title_skips_site_chrome(tmp_path, header):
    path = write(tmp_path, "greve.txt", f"{header}{TITLE}\n\n{BODY}\n")
    article = read_one(path)
    assert article.title == TITLE
    assert article.body.endswith(PARAGRAPHS[-1])
    assert PARAGRAPHS[0] in article.body
    assert TITLE not in article.body
    assert article.file == "greve.txt"


def test_txt_url_line_is_the_page_url(tmp_path):
    url = "https://www.quotidien-rhone.fr/social/greve-sncf"
    article = read_one(write(tmp_path, "greve.txt", f"{url}\nSocial\n{TITLE}\n{BODY}"))
    assert (article.title, article.url) == (TITLE, url)
    assert "https://" not in article.body


def test_txt_byline_and_dateline_under_the_title(tmp_path):
    text = f"{TITLE}\nPar Jean-Marie Lefèvre\nPublié le 3 mai 2024 à 10h15\n{BODY}"
    article = read_one(write(tmp_path, "greve.txt", text))
    assert article.author == "Jean-Marie Lefèvre"
    assert article.published == dt.datetime(2024, 5, 3, 10, 15)  # the dateline, as written
    assert article.extra == {"date_raw": "3 mai 2024 à 10h15"}
    assert article.body == BODY


def test_an_article_without_a_date_is_dated_by_its_url_when_read(tmp_path):
    url = "https://www.quotidien-rhone.fr/social/2024/05/03/greve-sncf"
    article = read_one(write(tmp_path, "greve.txt", f"{url}\n{TITLE}\n{BODY}"))
    assert article.published == dt.date(2024, 5, 3)


@pytest.mark.parametrize(
    "chrome",
    [
        "Aller au contenu principal",
        "Mon compte",
        "Actualités Économie Sports Loisirs Annonces légales",
        "Lyon 17°C",
        "Accueil › Région › Lyon",
    ],
)
def test_txt_news_site_chrome_is_not_the_title(tmp_path, chrome):
    header = "Aller au contenu principal\nMon compte\n" + chrome
    article = read_one(write(tmp_path, "greve.txt", f"{header}\n{TITLE}\n{BODY}"))
    assert article.title == TITLE
    assert chrome not in article.body
    assert "chrome" in {r.rule for r in article.removed}


def test_txt_menu_rule_keeps_a_headline_in_title_case(tmp_path):
    title = "Le Maire de Lyon Annonce un Plan Vélo pour la Rentrée"
    article = read_one(write(tmp_path, "velo.txt", f"Mon compte\n{title}\n{BODY}"))
    assert article.title == title


@pytest.mark.parametrize(
    ("byline", "author", "date"),
    [
        ("Martine Le Goff | Publié le 14/09/2022 à 18h05", "Martine Le Goff", "14/09/2022 à 18h05"),
        (
            "Publié le 14/09/2022 à 18h05 - Par Martine Le Goff",
            "Martine Le Goff",
            "14/09/2022 à 18h05",
        ),
        ("Par Martine Le Goff, le 14 septembre 2022", "Martine Le Goff", "14 septembre 2022"),
        (
            "Publié le 14/09/2022 à 18h05, mis à jour le 15/09/2022 à 08h00",
            None,
            "14/09/2022 à 18h05",
        ),
    ],
    ids=["pipe", "date-first", "comma", "updated"],
)
def test_txt_byline_forms_give_author_and_date_not_body_text(tmp_path, byline, author, date):
    article = read_one(write(tmp_path, "greve.txt", f"{TITLE}\n{byline}\n{BODY}"))
    assert (article.author, article.extra.get("date_raw")) == (author, date)
    assert article.body == BODY


def test_txt_updated_date_gives_way_to_the_publication_date(tmp_path):
    text = f"{TITLE}\nMis à jour le 15/09/2022\nPublié le 14/09/2022 à 18h05\n{BODY}"
    article = read_one(write(tmp_path, "greve.txt", text))
    assert article.extra["date_raw"] == "14/09/2022 à 18h05"


def test_txt_sentence_opening_with_par_stays_in_the_body(tmp_path):
    sentence = "Par ailleurs, la préfecture a fermé trois routes."
    article = read_one(write(tmp_path, "greve.txt", f"{TITLE}\n{sentence}\n{BODY}"))
    assert article.author is None
    assert article.body.startswith(sentence)


def test_txt_paragraph_first_gives_a_title_from_its_first_clause(tmp_path):
    first = (
        "La Corée du Nord et la Russie ont réaffirmé leur alliance stratégique, les deux "
        "pays s’engageant à respecter les accords de défense mutuelle signés en juin à "
        "Pyongyang, selon l’agence officielle KCNA. " * 2
    )
    article = read_one(write(tmp_path, "coree.txt", f"{first}\n{BODY}"))
    assert article.title == "La Corée du Nord et la Russie ont réaffirmé leur alliance stratégique"
    assert article.body.startswith(first.strip())


# --- .md --------------------------------------------------------------------

MARKDOWN = """---
title: "Municipales : l’Œuvre d’Orléans primée"
date: 2024-05-03
source: La République du Centre
url: https://www.larep.fr/orleans/oeuvre
author: Par Hélène Dubois
rubrique: Culture
tags: [culture, Orléans]
---
# Municipales : l’Œuvre d’Orléans primée

## Un prix **très attendu**

L’association *L’Œuvre* a reçu le prix
de la [ville d’Orléans](https://www.orleans.fr) jeudi.

![Photo de la remise](photo.jpg)

- Premier point : le `budget` de 12 000 €
- Second point : la salle__des__fêtes

> « C’est une fierté », a dit _Jean-Pierre_ Martin.

***
Texte avec un \\*astérisque\\* échappé et ~~une erreur~~.
"""


def test_markdown_front_matter_and_plain_paragraphs(tmp_path):
    article = read_one(write(tmp_path, "oeuvre.md", MARKDOWN))
    assert article == Article(
        title="Municipales : l’Œuvre d’Orléans primée",
        body=paras(
            "Un prix très attendu",
            "L’association L’Œuvre a reçu le prix de la ville d’Orléans jeudi.",
            "Premier point : le budget de 12 000 €",
            "Second point : la salle__des__fêtes",
            "« C’est une fierté », a dit Jean-Pierre Martin.",
            "Texte avec un *astérisque* échappé et une erreur.",
        ),
        file="oeuvre.md",
        source="La République du Centre",
        url="https://www.larep.fr/orleans/oeuvre",
        author="Hélène Dubois",
        published=dt.date(2024, 5, 3),
        extra={"rubrique": "Culture", "tags": "culture, Orléans"},
    )


def test_markdown_title_from_first_heading_without_front_matter(tmp_path):
    text = "Intro de la rubrique.\n\n# L’Élysée dément\n\nLe palais a démenti *formellement*.\n"
    article = read_one(write(tmp_path, "elysee.md", text))
    assert article.title == "L’Élysée dément"
    assert article.body == "Intro de la rubrique.\n\nLe palais a démenti formellement."


@pytest.mark.parametrize(
    ("date", "published", "extra"),
    [
        (
            "2024-05-03T08:15:00+02:00",
            dt.datetime(2024, 5, 3, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            {},
        ),
        ("'3 mai 2024'", dt.date(2024, 5, 3), {"date_raw": "3 mai 2024"}),
        ("'2024-05-03'", dt.date(2024, 5, 3), {}),
    ],
    ids=["datetime-offset", "french-date", "quoted-iso-date"],
)
def test_markdown_dates(tmp_path, date, published, extra):
    text = f"---\ntitle: Grève\ndate: {date}\n---\n{BODY}\n"
    article = read_one(write(tmp_path, "greve.md", text))
    assert (article.published, article.extra) == (published, extra)


def test_markdown_invalid_front_matter_is_bad_input(tmp_path):
    path = write(tmp_path, "casse.md", "---\ntitle: [Grève\n---\nTexte.\n")
    bad = read_one(path)
    assert isinstance(bad, BadInput)
    assert bad.path == str(path)
    assert bad.reason.startswith("invalid YAML front matter")


# --- .html ------------------------------------------------------------------


def page(title_tag, *, og_title=None, site=None, h1=None, byline="Par Jean-Marie Lefèvre"):
    head = [f"<title>{title_tag}</title>"]
    if og_title:
        head.append(f'<meta property="og:title" content="{og_title}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    head += [
        '<meta property="article:published_time" content="2024-05-03T08:15:00+02:00">',
        '<link rel="canonical" href="https://www.quotidien-rhone.fr/social/greve-sncf">',
    ]
    paragraphs = "".join(f"<p>{p} {p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">{"".join(head)}</head>
<body><header><nav><a href="/">Accueil</a> › <a href="/social">Social</a></nav></header>
<article>{f"<h1>{h1}</h1>" if h1 else ""}<p class="byline">{byline}</p>{paragraphs}</article>
<section id="comments" class="comments"><h3>2 commentaires</h3>
<div class="comment"><p>Encore une grève ! Ras-le-bol de ces privilégiés qui prennent les usagers en otage.</p></div>
<div class="comment"><p>Soutien total aux cheminots, la direction méprise les salariés depuis des années.</p></div>
</section><footer>Mentions légales – Le Quotidien du Rhône</footer></body></html>"""


SITE = "Le Quotidien du Rhône"


@pytest.mark.parametrize(
    "html",
    [
        page(f"{TITLE} – {SITE}", site=SITE),
        page(f"{TITLE} | {SITE}", site=SITE),
        page(f"{TITLE} - {SITE}", site=SITE),
        page(f"{TITLE} - {SITE}", og_title=f"{TITLE} - {SITE}", site=SITE),
        page(f"{SITE} | {TITLE}", site=SITE),
        page(f"{TITLE} | {SITE}", site=SITE, h1=TITLE),
        page(TITLE),
    ],
    ids=[
        "en-dash",
        "pipe",
        "hyphen",
        "og-title-suffix",
        "site-prefix",
        "h1",
        "colon-no-site",
    ],
)
def test_html_title_without_the_site_name(tmp_path, html):
    article = read_one(write(tmp_path, "greve.html", html))
    assert article.title == TITLE


def test_html_text_and_metadata(tmp_path):
    article = read_one(
        write(tmp_path, "greve.html", page(f"{TITLE} | {SITE}", site=SITE, h1=TITLE))
    )
    assert article.author == "Jean-Marie Lefèvre"
    assert article.source == SITE
    assert article.url == "https://www.quotidien-rhone.fr/social/greve-sncf"
    assert article.published == dt.datetime(
        2024, 5, 3, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )
    assert article.body.split("\n\n") == [f"{p} {p}" for p in PARAGRAPHS]


def test_html_keeps_a_suffix_that_is_not_the_site_name(tmp_path):
    title = "Réforme des retraites - le Sénat vote"
    article = read_one(write(tmp_path, "retraites.html", page(f"{title} | {SITE}", site=SITE)))
    assert article.title == title


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Vide</title></head><body></body></html>",
        "<html><body><nav>Menu</nav></body></html>",
    ],
    ids=["empty-body", "menu-only"],
)
def test_html_without_article_text_is_bad_input(tmp_path, html):
    bad = read_one(write(tmp_path, "vide.html", html))
    assert isinstance(bad, BadInput)
    assert bad.reason == "no article text found"


# --- .json and .jsonl ---------------------------------------------------------

RECORD = {
    "id": "rhone-42",
    "title": TITLE,
    "date": "2024-05-03",
    "source": SITE,
    "url": "https://www.quotidien-rhone.fr/social/greve-sncf",
    "author": "par Jean-Marie Lefèvre",
    "body": BODY.replace("\n\n", "\r\n"),
}
EXPECTED = Article(
    title=TITLE,
    body=BODY,
    file="depeches.json",
    id="rhone-42",
    source=SITE,
    url="https://www.quotidien-rhone.fr/social/greve-sncf",
    author="Jean-Marie Lefèvre",
    published=dt.date(2024, 5, 3),
)


def test_json_single_object(tmp_path):
    assert read_one(write(tmp_path, "depeches.json", json.dumps(RECORD))) == EXPECTED


def test_json_list_reports_bad_records_and_reads_the_others(tmp_path):
    records = [
        RECORD,
        {"title": "Sans corps"},
        "pas un objet",
        {**RECORD, "id": 7, "date": "vendredi"},
    ]
    path = write(tmp_path, "depeches.json", json.dumps(records, ensure_ascii=False))
    items = read(path)
    assert items == [
        Article(**{**vars(EXPECTED), "extra": {"record": "1"}}),
        BadInput(str(path), "record 2: no body"),
        BadInput(str(path), "record 3: expected an article object, got str"),
        Article(
            **{
                **vars(EXPECTED),
                "id": "7",
                "published": None,
                "extra": {"date_raw": "vendredi", "record": "4"},
            }
        ),
    ]


def test_invalid_json_file_is_bad_input_with_its_line(tmp_path):
    path = write(tmp_path, "depeches.json", '[\n  {"title": "Grève",\n  "body": "Texte"\n')
    bad = read_one(path)
    assert (bad.path, bad.line) == (str(path), 4)
    assert bad.reason.startswith("invalid JSON")


def test_jsonl_reads_good_lines_and_reports_bad_ones(tmp_path):
    good = json.dumps(RECORD, ensure_ascii=False)
    cp1252_line = json.dumps({**RECORD, "id": "cp"}, ensure_ascii=False).encode("cp1252")
    lines = [
        codecs_bom() + good.encode(),
        b"",
        good[: len(good) // 2].encode(),  # truncated
        json.dumps({"id": "vide", "title": "Sans texte", "body": ""}).encode(),
        b"[1, 2]",
        cp1252_line,
        json.dumps({**RECORD, "title": "L’Ã©tÃ© Ã  Lyon"}, ensure_ascii=False).encode(),
    ]
    path = write(tmp_path, "depeches.jsonl", b"\n".join(lines) + b"\n")
    items = read(path)
    expected = Article(**{**vars(EXPECTED), "file": "depeches.jsonl"})
    assert [type(i).__name__ for i in items] == [
        "Article",
        "BadInput",
        "BadInput",
        "BadInput",
        "Article",
        "Article",
    ]
    assert items[0] == Article(**{**vars(expected), "line": 1})
    assert items[1].line == 3 and items[1].reason.startswith("invalid JSON")
    assert (items[2].line, items[2].reason) == (4, "no body")
    assert (items[3].line, items[3].reason) == (
        5,
        "expected an article object, got list",
    )
    assert items[4] == Article(**{**vars(expected), "line": 6, "id": "cp"})
    assert (items[5].line, items[5].title) == (7, "L’été à Lyon")


def codecs_bom():
    return b"\xef\xbb\xbf"


def test_jsonl_line_above_the_limit_is_refused_alone(tmp_path):
    long_record = json.dumps({**RECORD, "body": "Très long paragraphe. " * 100})
    path = write(tmp_path, "depeches.jsonl", f"{long_record}\n{json.dumps(RECORD)}\n")
    items = list(read_file(source_for(path), max_bytes=1000))
    assert items[0] == BadInput(str(path), "line longer than 1000 bytes", 1)
    assert isinstance(items[1], Article) and items[1].line == 2


# --- bad input, every format --------------------------------------------------

FORMATS = [".txt", ".md", ".html", ".json", ".jsonl"]


def sparse(path, size=200 * 1024 * 1024):
    with open(path, "wb") as f:
        f.truncate(size)
    return path


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\n \r\n", "empty file"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
            "binary file (contains NUL bytes), not text",
        ),
    ],
    ids=["empty", "blank", "binary"],
)
def test_unreadable_content_is_bad_input(tmp_path, suffix, content, reason):
    path = write(tmp_path, f"article{suffix}", content)
    assert read(path) == [BadInput(str(path), reason)]


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".json"])
def test_huge_file_is_bad_input(tmp_path, suffix):
    path = sparse(tmp_path / f"enorme{suffix}")
    assert read(path) == [BadInput(str(path), "file too large: 200.0 MB, the limit is 50.0 MB")]


def test_huge_jsonl_is_streamed_not_loaded(tmp_path):
    path = sparse(tmp_path / "enorme.jsonl")
    assert read(path) == [BadInput(str(path), "binary file (contains NUL bytes), not text")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_undecodable_file_is_bad_input(tmp_path, suffix):
    path = write(tmp_path, f"article{suffix}", bytes(range(1, 32)) * 40)
    items = read(path)
    assert len(items) == 1 and isinstance(items[0], BadInput)
    assert items[0].reason.startswith(("binary file", "undecodable"))


@pytest.mark.parametrize("suffix", FORMATS)
def test_permission_denied_is_bad_input(tmp_path, monkeypatch, suffix):
    path = write(tmp_path, f"article{suffix}", json.dumps(RECORD))

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(decode_module, "open", denied, raising=False)
    monkeypatch.setattr("index.readers.records.open", denied, raising=False)
    assert read(path) == [BadInput(str(path), "cannot read file: Permission denied")]


def test_folder_named_like_an_article_is_bad_input(tmp_path):
    path = tmp_path / "dossier.txt"
    path.mkdir()
    bad = read_one(path)
    assert bad.reason.startswith("cannot read file")


def test_only_chrome_is_bad_input(tmp_path):
    path = write(tmp_path, "menu.txt", "Accueil › Politique\nin\n")
    assert read(path) == [BadInput(str(path), "no article text found")]


# --- dates --------------------------------------------------------------------

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-03", (dt.date(2024, 5, 3), None)),
        ("2024-05-03T08:15:00Z", (dt.datetime(2024, 5, 3, 8, 15, tzinfo=dt.UTC), None)),
        ("2024-05-03 08:15", (dt.datetime(2024, 5, 3, 8, 15, tzinfo=PARIS), None)),
        (dt.date(2024, 5, 1), (dt.date(2024, 5, 1), None)),
        ("1er mai 2024", (None, "1er mai 2024")),
        ("03/05/2024", (None, "03/05/2024")),
        (20240503, (dt.date(2024, 5, 3), None)),
        ("", (None, None)),
    ],
    ids=[
        "date",
        "utc",
        "naive-is-paris",
        "yaml-date",
        "french",
        "slashes",
        "compact-number",
        "empty",
    ],
)
def test_parse_date_keeps_iso_and_passes_on_the_rest(value, expected):
    assert parse_date(value) == expected


# --- the seeds ----------------------------------------------------------------

#: Which line of each seed (0-based, among non-blank lines) is its title.
SEED_TITLE_LINES = {
    "000_398cec8d83afa603.txt": 1,
    "001_1caffc3dac1fe84c.txt": None,  # no title line: made from the first paragraph
    "002_907ba441b314b2fc.txt": 2,
    "003_6d342fe71a67ec1b.txt": 1,
    "004_9d4d41cdd73818b4.txt": 0,
}


@pytest.mark.skipif(not SEEDS.exists(), reason="seed pages not available")
@pytest.mark.parametrize("name", sorted(SEED_TITLE_LINES))
def test_seed_title_is_the_articles_title(name):
    path = SEEDS / name
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    article = read(path)[0]
    index = SEED_TITLE_LINES[name]
    if index is None:
        assert lines[0].startswith(article.title) and 30 <= len(article.title) <= 120
        assert article.body.startswith(lines[0])
    else:
        assert article.title == " ".join(lines[index].split())
        assert article.title not in article.body
    assert "Corée du Nord" in article.title
