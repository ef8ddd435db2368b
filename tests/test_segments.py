"""Several articles in one scraped text file: each one found, with its own id and title."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.boilerplate import clean_article
from index.discover import SourceFile
from index.fingerprint import article_id
from index.readers import read_file
from search.results import SearchRequest

CLOSING = [
    "Voir l’article original cliquez ci-dessous :",
    "Voir l’article",
    "Retour à l’accueil",
    "Laisser un commentaire",
]

VELO = [
    "Nantes ouvre trois pistes cyclables sur les ponts de la Loire",
    "Par Anaïs Le Roux",
    (
        "La métropole nantaise a inauguré mardi trois pistes cyclables séparées de la "
        "circulation sur les ponts qui relient l’île de Nantes au centre-ville."
    ),
    (
        "Les travaux ont duré huit mois et coûté 6,2 millions d’euros. Les cyclistes "
        "disposent désormais de voies larges de trois mètres dans chaque sens."
    ),
    (
        "« Le pont Anne-de-Bretagne était le point noir de nos trajets », explique une "
        "infirmière qui traverse la Loire à vélo chaque matin pour rejoindre le CHU."
    ),
]
MARCHE = [
    "Rennes : le marché des Lices fête ses quatre cents ans",
    "Publié le 06/04/2024 à 09h30",
    (
        "Le marché des Lices, l’un des plus grands de France, célèbre samedi ses quatre "
        "siècles d’existence avec une fanfare et une dégustation de galettes-saucisses."
    ),
    (
        "Près de trois cents producteurs s’y installent chaque semaine sur la place, au "
        "pied des maisons à pans de bois du centre historique de Rennes."
    ),
    (
        "La mairie a fait restaurer pour l’occasion les halles Martenot, fermées depuis "
        "deux ans pour des travaux de toiture et de mise aux normes."
    ),
]
TEASERS = [
    "Brest : le port de plaisance affiche complet…",
    "Quimper : la cathédrale retrouve ses vitraux…",
]
TEASERS_WITH_LEDES = [
    "Brest : le port de plaisance affiche complet pour l’été",
    "Les plaisanciers se pressent dans la rade, où toutes les places sont réservées.",
    "Quimper : la cathédrale retrouve ses vitraux restaurés",
    "Après trois ans d’atelier, les verrières du chœur ont retrouvé leur place.",
    "Lorient : le festival interceltique dévoile son affiche",
    "La Galice sera la région invitée de l’édition d’août, annoncent les organisateurs.",
]


def read_text(tmp_path: Path, lines: list[str], name: str = "page.txt") -> list:
    path = tmp_path / name
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return list(read_file(SourceFile(path, tmp_path, name)))


def test_articles_after_closing_links_become_articles_of_their_own(tmp_path):
    first, second = read_text(tmp_path, [*VELO, *CLOSING, *MARCHE, *CLOSING])
    assert (first.title, first.author) == (VELO[0], "Anaïs Le Roux")
    assert (second.title, second.extra["date_raw"]) == (MARCHE[0], "06/04/2024 à 09h30")
    assert "Lices" not in clean_article(first).body
    assert clean_article(second).body == "\n\n".join(MARCHE[2:])
    assert len({article_id(first), article_id(second)}) == 2


def test_each_article_keeps_its_id_whatever_the_file_holds_or_is_called(tmp_path):
    alone = read_text(tmp_path, [*VELO, *CLOSING])
    assert len(alone) == 1
    two = read_text(tmp_path, [*VELO, *CLOSING, *MARCHE])
    again = read_text(tmp_path, [*VELO, *CLOSING, *MARCHE])
    assert article_id(two[0]) == article_id(alone[0])
    assert [article_id(a) for a in two] == [article_id(a) for a in again]
    renamed = read_text(tmp_path, [*VELO, *CLOSING, *MARCHE], name="autre.txt")
    assert [article_id(a) for a in renamed] == [article_id(a) for a in two]
    closed = read_text(tmp_path, [*VELO, *CLOSING, *MARCHE, *CLOSING])
    swapped = read_text(tmp_path, [*MARCHE, *CLOSING, *VELO, *CLOSING], name="inverse.txt")
    assert [article_id(a) for a in swapped] == [article_id(a) for a in reversed(closed)]


@pytest.mark.parametrize("tail", [TEASERS, TEASERS_WITH_LEDES], ids=["teasers", "ledes"])
def test_teasers_after_the_closing_links_are_not_an_article(tmp_path, tail):
    articles = read_text(tmp_path, [*VELO, *CLOSING, *tail])
    assert len(articles) == 1
    body = clean_article(articles[0]).body
    assert "Brest" not in body and body.endswith("rejoindre le CHU.")


def test_closing_links_above_the_text_do_not_split_it(tmp_path):
    articles = read_text(tmp_path, ["Voir l’article", *VELO, *CLOSING])
    assert len(articles) == 1
    assert articles[0].title == VELO[0]


# --- the bundled corpus holds a file with three articles ---------------------------

BUNDLED = "text/echo-du-vercors-trois-articles.txt"


def test_bundled_file_with_three_articles_is_searchable_article_by_article(engine):
    found = {}
    for words in ('"Villard-de-Lans"', '"ligne C1"', '"film de montagne"'):
        hits = [h for h in engine.search(SearchRequest(q=words)).hits if h.file == BUNDLED]
        assert len(hits) == 1, words
        found[words] = hits[0]
    assert len({hit.id for hit in found.values()}) == 3
    assert len({hit.title for hit in found.values()}) == 3
    bus = engine.stored(found['"ligne C1"'].id)
    assert bus["author"] == "Julien Ferrand"
    assert found['"ligne C1"'].published.startswith("2024-03-13")
    assert "Villard" not in bus["body"] and "Autrans" not in bus["body"]
    assert "Laisser un commentaire" not in bus["body"]
