"""Boilerplate never reaches the index: phrase list, end markers, lines repeated across a site."""

import json
import re
from pathlib import Path

import pytest

from index.article import Article
from index.boilerplate import (
    PhraseList,
    RepeatedLines,
    clean_article,
    clean_body,
    default_phrases,
    fold_line,
    quick_fold,
)
from index.discover import discover
from index.readers import read_file
from search.normalize import fold

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

FIRST = (
    "Les cheminots ont reconduit jeudi la grève entamée lundi à Lyon, a annoncé l’intersyndicale."
)
SECOND = "« Nous ne lâcherons rien », a déclaré Élodie Marchand, déléguée CGT à Lyon-Part-Dieu."


def paras(*lines):
    """Paragraphs as the cleaner joins them."""
    return "\n\n".join(lines)


THIRD = "La direction régionale de la SNCF a appelé les usagers à reporter leurs déplacements."


@pytest.mark.parametrize(
    "line",
    [
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée.",
        "Votre adresse e-mail ne sera pas publiee. Les champs obligatoires sont indiqués avec *",
        "Inscrivez-vous à notre newsletter",
        "Recevez chaque matin l’essentiel de l’actualité",
        "Ce site utilise des cookies pour améliorer votre expérience.",
        "Accepter les cookies",
        "Ce site est protégé par reCAPTCHA et la Politique de confidentialité de Google s’appliquent.",
        "Voir l'article",
        "Voir l’article original cliquez ci-dessous :",
        "Aller à l'accueil",
        "ALLER A L’ACCUEIL",
        "Page d'accueil pour retourner sur le site",
        "2–3 minutes",
        "4 min de lecture",
        "Temps de lecture : 4 min",
        "(Photo : Contributor/Getty Images)",
        "Crédit photo : Ludovic Marin / AFP",
        "© AFP",
        "Ludovic Marin/AFP",
        "Le président et son homologue à Pyongyang, le 19 juin 2024. (Photo : Contributor/Getty Images)",
        "Partager sur Facebook",
        "Partager",
        "Tweeter",
        "• Partager sur X",
        "À lire aussi : la SNCF annonce un plan de transport",
        "Publié le 3 mai 2024 à 10h15",
        "12 commentaires",
        "Pour lire la suite de cet article, abonnez-vous dès 1 € par mois.",
        "Pour accéder en illimité à tous nos contenus, je m’abonne",
        "Article réservé aux abonnés",
        "Image illustrative",
        "Image d’illustration : un bureau de vote à Brest",
        "Partagez-le :",
        "Les commentaires sont modérés avant publication.",
        "Merci de respecter notre charte de modération.",
        "Aller au contenu principal",
        "Mon compte",
    ],
    ids=lambda line: re.sub(r"\W+", "-", fold_line(line))[:40],
)
def test_boilerplate_line_is_removed_and_text_kept(line):
    body = paras(FIRST, line, SECOND, THIRD)
    assert clean_body(body) == paras(FIRST, SECOND, THIRD)


@pytest.mark.parametrize(
    "line",
    [
        "Le maire a partagé sur Facebook une photo de la crue de la Saône.",
        "Il faut 3 minutes à pied pour rejoindre la préfecture depuis la gare.",
        "La CNIL a sanctionné Google pour ses cookies publicitaires déposés sans consentement, une amende record.",
        "Photo de famille à l’Élysée pour les ministres du gouvernement Attal.",
        "Voir Naples et mourir : la ville attire toujours plus de touristes.",
        "Le commentaire du ministre a suscité une vive polémique à l’Assemblée.",
        "Partager les richesses : le slogan des grévistes a fait mouche à Lyon.",
        "Pour lire la suite des événements, il faudra attendre le verdict du tribunal.",
        "Mon compte en banque a été vidé en une nuit, témoigne une retraitée de Lorient.",
        "Les membres du jury ont délibéré pendant six heures avant de rendre leur verdict.",
    ],
    ids=[
        "facebook-in-text",
        "minutes-in-text",
        "cookies-in-text",
        "photo-de-famille",
        "voir",
        "commentaire",
        "partager",
        "lire-la-suite",
        "mon-compte",
        "membres",
    ],
)
def test_article_sentence_that_looks_like_boilerplate_is_kept(line):
    body = paras(FIRST, line, SECOND)
    assert clean_body(body) == body


@pytest.mark.parametrize(
    "marker",
    [
        "Voir l’article",
        "Voir l'article original cliquez ci-dessous :",
        "Aller à l’accueil",
        "Laisser un commentaire",
        "Nos partenaires",
        "Au sommaire de ce numéro",
    ],
    ids=["voir-l-article", "voir-original", "accueil", "commentaire", "partenaires", "sommaire"],
)
def test_teasers_after_an_end_marker_are_dropped(marker):
    teaser = [
        "Kim Jong-un ordonne une « préparation totale »",
        "La Corée du Nord a procédé mercredi à un tir.",
    ]
    body = "\n".join((FIRST, SECOND, THIRD, marker, *teaser))
    assert clean_body(body) == paras(FIRST, SECOND, THIRD)


def test_end_marker_above_the_text_does_not_swallow_it():
    body = f"Voir l’article\n{FIRST}\n{SECOND}"
    assert clean_body(body) == paras(FIRST, SECOND)


@pytest.mark.parametrize(
    "text",
    [
        "L’Élysée a démenti",
        "Œuvre, cœur, Ærøskøbing",
        "Jean\u2011Marie habite 12\u00a0rue de l’Église, 1er\u202fétage",
        "ÇA COÛTE 10 € À NOËL",
        "São Paulo, Łódź, Dvořák",
        "trait\u00add’union invisible, ﬁn",
    ],
    ids=[
        "elision",
        "ligatures",
        "spaces-and-hyphen",
        "capitals",
        "foreign",
        "soft-hyphen-and-fi",
    ],
)
def test_quick_fold_is_fold(text):
    assert quick_fold(text) == fold(text)


def test_phrase_list_is_data():
    phrases = PhraseList.from_text(
        "# commentaire\n[end]\nfin du texte\n[drop]\nbonjour( a tous)?\n"
    )
    assert phrases.classify("Fin du texte.") == "end"
    assert phrases.classify("  • Bonjour à tous !") == "drop"
    assert phrases.classify("Bonjour à toutes") is None
    with pytest.raises(ValueError, match="line 1: pattern before any"):
        PhraseList.from_text("bonjour\n")


def test_shipped_phrase_list_compiles():
    assert default_phrases().classify("Laisser un commentaire") == "end"


def test_chrome_title_is_replaced_by_the_first_sentence():
    article = Article(
        title="Partager sur Facebook",
        body=f"{FIRST} {SECOND}\n{THIRD}",
        file="lyon.txt",
    )
    cleaned = clean_article(article)
    assert cleaned.title == FIRST.rstrip(".")
    assert cleaned.body == f"{FIRST} {SECOND}\n\n{THIRD}"
    assert article.title == "Partager sur Facebook"  # the input is not changed


# --- lines repeated across a site ---------------------------------------------

FOOTER = "Retrouvez toute l’actualité de Lyon sur l’appli du Progrès"


def site(documents, with_footer, group="progres"):
    """*documents* texts of one group, the first *with_footer* of them signed with FOOTER."""
    repeated = RepeatedLines()
    for i in range(documents):
        lines = [f"Dépêche numéro {i} sur la grève à Lyon.", FIRST]
        if i < with_footer:
            lines.append(FOOTER)
        repeated.add(group, repeated.keys("\n".join(lines)))
    return repeated


@pytest.mark.parametrize(
    ("documents", "with_footer", "flagged"),
    [
        (10, 3, True),
        (10, 2, False),
        (20, 4, True),
        (20, 3, False),
        (3, 3, True),
        (2, 2, False),
    ],
    ids=["3-of-10", "2-of-10", "4-of-20", "3-of-20", "3-of-3", "2-of-2"],
)
def test_line_repeated_in_enough_documents_is_chrome(documents, with_footer, flagged):
    repeated = site(documents, with_footer)
    assert repeated.is_repeated("progres", FOOTER) is flagged
    assert repeated.is_repeated("progres", "Dépêche numéro 1 sur la grève à Lyon.") is False


def test_repeated_lines_match_without_accents_or_typography():
    repeated = site(10, 5)
    assert repeated.is_repeated(
        "progres", "RETROUVEZ toute l'actualite de Lyon sur l'appli du Progres."
    )


def test_groups_are_counted_apart():
    repeated = site(10, 5)
    assert not repeated.is_repeated("dauphine", FOOTER)


def test_long_lines_are_never_chrome():
    repeated = RepeatedLines()
    long_line = "Un long paragraphe repris par toutes les dépêches de l’agence. " * 4
    for i in range(10):
        repeated.add("afp", repeated.keys(f"Dépêche {i}.\n{long_line}"))
    assert not repeated.is_repeated("afp", long_line)


def test_repeated_lines_survive_json_and_removal():
    repeated = site(10, 3)
    restored = RepeatedLines.from_dict(json.loads(json.dumps(repeated.to_dict())))
    assert restored.to_dict() == repeated.to_dict()
    assert restored.is_repeated("progres", FOOTER)
    restored.remove("progres", restored.keys(f"{FIRST}\n{FOOTER}"))
    assert not restored.is_repeated("progres", FOOTER)
    assert restored.documents["progres"] == 9


def test_repeated_lines_refuse_a_state_of_another_version():
    with pytest.raises(ValueError, match="expected 1; rebuild"):
        RepeatedLines.from_dict({"version": 0})


def test_clean_article_uses_the_repeated_lines_of_its_source():
    articles = [
        Article(
            title=f"Grève jour {i}",
            body=f"Jour {i} de grève à Lyon.\n\n{FOOTER}",
            file=f"{i}.txt",
            source="Le Progrès",
        )
        for i in range(5)
    ]
    repeated = RepeatedLines()
    for article in articles:
        repeated.add_article(article)
    assert clean_article(articles[0], repeated=repeated).body == "Jour 0 de grève à Lyon."
    other = Article(title="Grève", body=f"{FIRST}\n\n{FOOTER}", file="x.txt", source="Le Dauphiné")
    assert clean_article(other, repeated=repeated).body == other.body


# --- the seeds ------------------------------------------------------------------

#: Folded fragments of the seeds' chrome; none may survive cleaning.
SEED_CHROME = [
    "laisser un commentaire",
    "votre adresse e-mail",
    "voir l'article",
    "aller a l'accueil",
    "page d'accueil pour retourner",
    "(photo :",
    "getty images",
    "image : dall e",
    "recaptcha",
    "desabonner",
    "bulletin d'information",
    "tenez-vous au courant",
    "giphy",
    "post category",
    "auteur/autrice",
    "commentaires de la publication",
    "you are currently viewing",
    "contactez-nous",
]
READING_TIME = re.compile(r"^\d+ ?[-–] ?\d+ minutes$")
END_MARKERS = (
    "voir l'article",
    "aller a l'accueil",
    "laisser un commentaire",
    "page d'accueil pour",
)


def seed_articles():
    """Every article of the seeds, cleaned, by (file, rank in the file)."""
    articles = [a for s in discover([SEEDS]) for a in read_file(s)]
    repeated = RepeatedLines()
    for article in articles:
        repeated.add_article(article)
    return {(a.file, a.part): clean_article(a, repeated=repeated) for a in articles}


def raw_lines(name):
    text = (SEEDS / name).read_text(encoding="utf-8")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="seed pages not available")


@needs_seeds
def test_seeds_bodies_hold_no_chrome():
    for name, article in seed_articles().items():
        for paragraph in article.body.split("\n\n"):
            folded = fold_line(paragraph)
            assert not any(chrome in folded for chrome in SEED_CHROME), (
                name,
                paragraph,
            )
            assert not READING_TIME.match(folded), (name, paragraph)


@needs_seeds
def test_seeds_lose_appended_teasers_but_no_article_paragraph():
    cleaned = seed_articles()
    for name in {file for file, _ in cleaned}:
        lines = raw_lines(name)
        ends = [i for i, line in enumerate(lines) if fold_line(line).startswith(END_MARKERS)]
        end = ends[-1] if ends else len(lines)
        paragraphs = {
            p for (file, _), a in cleaned.items() if file == name for p in a.body.split("\n\n")
        }
        for line in lines[end:]:
            assert line not in paragraphs, (name, line)
        for line in lines[:end]:
            if len(line) > 200 and not any(c in fold_line(line) for c in SEED_CHROME):
                assert line in paragraphs, (name, line)


@needs_seeds
def test_seeds_hold_seven_articles_each_with_its_own_title():
    read = {(a.file, a.part): a for s in discover([SEEDS]) for a in read_file(s)}
    cleaned = seed_articles()
    assert len(cleaned) == 7
    titles = [article.title for article in cleaned.values()]
    assert len(set(titles)) == 7
    for key, article in cleaned.items():
        assert article.title == read[key].title
        assert "Corée du Nord" in article.title or "Pyongyang" in article.title, key
        assert article.title not in article.body.split("\n\n"), key


def test_site_name_title_and_repeated_byline_of_scraped_pages():
    """Pages of one site open with its name; one reporter signs several of them."""

    def page(n: int, title: str) -> Article:
        body = (
            f"{title}\n\nPar Mathieu Girard\n\n"
            f"Les habitants de la vallée du Gier ont passé la nuit n° {n} dehors, "
            "d’après la préfecture de la Loire."
        )
        return Article(title="Rhône-Loire Quotidien", body=body, file=f"site/{n}.txt")

    pages = [page(n, f"Crues éclair à Rive-de-Gier, épisode {n}") for n in range(4)]
    repeated = RepeatedLines()
    for article in pages:
        repeated.add_article(article)
    cleaned = clean_article(pages[2], repeated=repeated)
    assert (cleaned.title, cleaned.author, cleaned.source) == (
        "Crues éclair à Rive-de-Gier, épisode 2",
        "Mathieu Girard",
        "Rhône-Loire Quotidien",
    )
    assert cleaned.body.startswith("Les habitants de la vallée du Gier")


def test_an_article_counted_again_replaces_its_previous_version():
    """Reindexing one edited page many times never makes its own lines chrome."""
    line = "Le maire de Saint-Malo a inauguré la nouvelle digue du Sillon."
    repeated = RepeatedLines()
    for edit in range(5):
        article = Article(
            title=f"La digue du Sillon, version {edit}", body=line, file="malo/digue.txt"
        )
        repeated.count("digue", article)
    assert not repeated.is_repeated("malo", line)
    state = RepeatedLines.from_dict(json.loads(json.dumps(repeated.to_dict())))
    state.forget("digue")
    assert state.documents["malo"] == 0 and not state.lines["malo"]
