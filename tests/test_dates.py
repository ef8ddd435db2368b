"""French date extraction: metadata values, URLs and dates mentioned in text."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.dates import MentionedDate, date_from_url, find_dates, parse_date_value

SEEDS = Path("/work/shared/seeds")
ANNOTATIONS = Path(__file__).parents[1] / "bench" / "data" / "seeds_dates.json"
#: A Wednesday.
PUBLISHED = dt.date(2024, 6, 19)
PARIS = ZoneInfo("Europe/Paris")


def found(text: str, published: dt.date | None = None) -> list[tuple[str, str]]:
    """(first day ISO, precision) of each date find_dates sees in *text*."""
    return [(m.start.isoformat(), m.precision) for m in find_dates(text, published)]


def year(value: int) -> tuple[str, str]:
    return (f"{value}-01-01", "year")


ABSOLUTE = {
    "day-month-year": (
        "Le sommet s’est tenu le 19 juin 2024 à Pyongyang.",
        [("2024-06-19", "day")],
    ),
    "premier": (
        "La loi est entrée en vigueur le 1er mars 2023.",
        [("2023-03-01", "day")],
    ),
    "superscript-ordinal": (
        "Le traité a été signé le 1ᵉʳ mars 2023 à Moscou.",
        [("2023-03-01", "day")],
    ),
    "weekday-and-time": (
        "Mercredi 19 juin 2024 à 08h30, Poutine a atterri.",
        [("2024-06-19", "day")],
    ),
    "abbreviated-month": (
        "La réunion du 3 oct. 2023 a été reportée.",
        [("2023-10-03", "day")],
    ),
    "numeric": (
        "Le décret du 19/06/2024 est paru au Journal officiel.",
        [("2024-06-19", "day")],
    ),
    "iso-in-text": ("Mise à jour : 2024-06-19, 10 h.", [("2024-06-19", "day")]),
    "day-range": (
        "Le festival se tiendra du 18 au 20 juin 2024 à Rennes.",
        [("2024-06-18", "day"), ("2024-06-20", "day")],
    ),
    "month-year": (
        "Les combats ont repris en juin 2024 près de Koursk.",
        [("2024-06-01", "month")],
    ),
    "mid-month": ("La visite est prévue mi-juillet 2023.", [("2023-07-01", "month")]),
    "invasion": (
        "Depuis le début de l’invasion russe en février 2022, Kyiv réclame des armes.",
        [("2022-02-01", "month")],
    ),
    "month-range": (
        "Les concerts de novembre à février 2024 sont complets.",
        [("2023-11-01", "month"), ("2024-02-01", "month")],
    ),
    "en-year": (
        "En 2019, un sommet entre les deux hommes s’était mal passé à Hanoï.",
        [year(2019)],
    ),
    "depuis": ("Pyongyang est sous sanctions de l’ONU depuis 2006.", [year(2006)]),
    "de-a": (
        "Les deux Corées sont en guerre depuis leur conflit de 1950 à 1953.",
        [year(1950), year(1953)],
    ),
    "entre-et": (
        "Le chômage a baissé entre 2015 et 2018 selon l’Insee.",
        [year(2015), year(2018)],
    ),
    "dash-range": (
        "La guerre de 1914-1918 a fait des millions de morts.",
        [year(1914), year(1918)],
    ),
    "des-accent": ("Dès 2020, la mairie avait alerté la préfecture.", [year(2020)]),
    "jusqu-en": ("Le contrat de l’entraîneur court jusqu’en 2025.", [year(2025)]),
    "avant": ("La ville comptait deux gares avant 1945.", [year(1945)]),
    "apres": ("Le quartier a été reconstruit après 2001.", [year(2001)]),
    "l-an": ("Le bug de l’an 2000 n’a pas eu lieu.", [year(2000)]),
    "fin": ("Les travaux doivent s’achever fin 2023.", [year(2023)]),
    "debut": ("Le magasin rouvrira début 2024.", [year(2024)]),
    "crise-de": ("La crise de 2008 a laissé des traces durables.", [year(2008)]),
    "two-cues": (
        "L’exercice, suspendu en 2018, a repris en 2022.",
        [year(2018), year(2022)],
    ),
    "spring": (
        "Les élections ont eu lieu au printemps 2022.",
        [("2022-03-01", "month")],
    ),
    "summer": (
        "Les incendies de l’été 2022 ont marqué les esprits.",
        [("2022-06-01", "month")],
    ),
    "relative-dropped": (
        "Les chiffres de 2023, publiés mardi, sont en baisse.",
        [year(2023)],
    ),
    "no-double-count": (
        "Le 19 juin 2024, juin 2024 et 2024 ne font qu’un.",
        [("2024-06-19", "day"), ("2024-06-01", "month")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE.values(), ids=ABSOLUTE.keys())
def test_absolute_dates(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


TYPOGRAPHY = {
    "capital-cue": ("Depuis 2022, les loyers grimpent.", [year(2022)]),
    "all-caps": ("JUIN 2024 : LES RÉSULTATS DU SCRUTIN", [("2024-06-01", "month")]),
    "fevrier-unaccented": (
        "Le rapport de fevrier 2021 a fuité.",
        [("2021-02-01", "month")],
    ),
    "aout-accent": ("Le 15 août 2023, la fête a été annulée.", [("2023-08-15", "day")]),
    "aout-unaccented": (
        "Le 15 aout 2023, la fête a été annulée.",
        [("2023-08-15", "day")],
    ),
    "decembre-caps": ("LE 3 DÉCEMBRE 2023 À PARIS", [("2023-12-03", "day")]),
    "no-break-spaces": (
        "Signé le 19\u00a0juin\u202f2024 à Moscou.",
        [("2024-06-19", "day")],
    ),
    "ascii-apostrophe": ("Le bail court jusqu'en 2025.", [year(2025)]),
    "typographic-apostrophe": ("Le bail court jusqu’en 2025.", [year(2025)]),
    "line-break": ("Rendez-vous le 2 mai\n2024 à Lille.", [("2024-05-02", "day")]),
}


@pytest.mark.parametrize(("text", "expected"), TYPOGRAPHY.values(), ids=TYPOGRAPHY.keys())
def test_accents_case_and_apostrophes_do_not_matter(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text) == expected


TRAPS = {
    "reading-time": "Temps de lecture : 2–3 minutes",
    "thousands": "Près de 10 000 soldats nord-coréens ont été déployés.",
    "thousands-nbsp": "Près de 10\u00a0000 soldats nord-coréens ont été déployés.",
    "thousands-range": "Entre 10 000 et 12 000 soldats ont franchi la frontière.",
    "en-24-ans": "C’est son premier voyage dans ce pays en 24 ans.",
    "age": "Nolwenn Leroy, 41 ans, se confie.",
    "distance-and-time": "Les missiles ont parcouru 986 miles en environ 130 minutes.",
    "hours": "Le trajet se fait en 2 heures.",
    "phone": "Appelez le 01 45 67 89 10 ou le 06 12 34 56 78.",
    "percent": "Le PIB a progressé de 3,5 % sur un an.",
    "price": "Le prix de la voiture est passé à 2024 €.",
    "bare-number": "La commune compte 2024 habitants.",
    "count-after-de": "Le club revendique plus de 2000 adhérents.",
    "count-after-de-unit": "Une colonne de 1500 soldats a traversé le fleuve.",
    "article-des": "Des 2000 manifestants, aucun n’a été interpellé.",
    "jusqu-a-count": "Le stade peut accueillir jusqu’à 2000 spectateurs.",
    "law-number": "La loi n° 2019-1234 encadre la pratique.",
    "possessive-sa": "La Corée du Nord soutiendra la Russie jusqu’à sa « victoire ».",
    "planet": "La sonde s’est posée sur la planète Mars en douceur.",
    "mai-inside-words": "Le maire de Mayotte a dit : « mais enfin, le maïs ! »",
    "year-too-late": "En l’an 2150, la ville sera sous l’eau.",
    "generic-summer": "Un soir d’été, la ville était calme.",
    "generic-week": "La semaine de quatre jours divise les parents.",
    "tomorrow-world": "Ils rêvent du monde de demain et de la presse d’hier.",
    "quantity-then-comma": "Ils étaient plus de 2000, selon la police.",
    "cette-annee-la": "Cette année-là, la France a gagné la Coupe du monde.",
    "ce-lundi-la": "Ce lundi-là, il pleuvait sur Brest.",
    "depuis-2000-ans": "La grotte est habitée depuis 2000 ans.",
    "rover": "Le rover Mars 2020 a décollé de Floride.",
    "verb-ete": "Le record a été 2000 fois approché.",
}


@pytest.mark.parametrize("published", [None, PUBLISHED], ids=["unknown", "known"])
@pytest.mark.parametrize("text", TRAPS.values(), ids=TRAPS.keys())
def test_numbers_and_words_that_are_not_dates(text: str, published: dt.date | None) -> None:
    assert found(text, published) == []


RELATIVE = {
    "weekday": (
        "Le porte-parole a dénoncé la déclaration de lundi.",
        [("2024-06-17", "day")],
    ),
    "weekday-is-publication-day": (
        "Mercredi, le ministre a démissionné.",
        [("2024-06-19", "day")],
    ),
    "weekday-dernier": (
        "Mardi dernier, le conseil a voté le budget.",
        [("2024-06-18", "day")],
    ),
    "weekday-prochain": (
        "Lundi prochain, les écoles rouvrent.",
        [("2024-06-24", "day")],
    ),
    "two-weekdays": (
        "Le rapport publié samedi contredit celui de jeudi.",
        [("2024-06-15", "day"), ("2024-06-13", "day")],
    ),
    "hier": ("Hier soir, le ministre a démissionné.", [("2024-06-18", "day")]),
    "avant-hier": ("La grève a commencé avant-hier.", [("2024-06-17", "day")]),
    "demain": ("Le verdict sera rendu demain.", [("2024-06-20", "day")]),
    "semaine-derniere": (
        "La semaine dernière, Pyongyang a tiré deux missiles.",
        [("2024-06-10", "week")],
    ),
    "automne-dernier": (
        "Les troupes sont arrivées en Russie l’automne dernier.",
        [("2023-09-01", "month")],
    ),
    "cet-ete": ("Cet été, la piscine sera fermée.", [("2024-06-01", "month")]),
    "au-printemps": ("Au printemps, les prix ont flambé.", [("2024-03-01", "month")]),
    "annee-derniere": ("L’année dernière, les ventes ont chuté.", [year(2023)]),
    "cette-annee": ("Cette année, la récolte est bonne.", [year(2024)]),
    "mois-prochain": (
        "Le texte sera examiné le mois prochain.",
        [("2024-07-01", "month")],
    ),
    "il-y-a": ("Il est arrivé en France il y a deux ans.", [year(2022)]),
    "en-juin": (
        "Les dirigeants se sont rencontrés en juin.",
        [("2024-06-01", "month")],
    ),
    "later-month-is-last-year": (
        "Le pacte signé en septembre a été ratifié.",
        [("2023-09-01", "month")],
    ),
    "juin-dernier": (
        "En juin dernier, les deux pays ont signé un pacte.",
        [("2023-06-01", "month")],
    ),
    "septembre-prochain": (
        "Le vote aura lieu en septembre prochain.",
        [("2024-09-01", "month")],
    ),
    "day-without-year": ("Le sommet s’est ouvert le 19 juin.", [("2024-06-19", "day")]),
    "later-day-is-last-year": (
        "Le concert du 25 décembre a été annulé.",
        [("2023-12-25", "day")],
    ),
    "day-prochain": (
        "Les Bleus jouent le 1er juillet prochain.",
        [("2024-07-01", "day")],
    ),
}


@pytest.mark.parametrize(("text", "expected"), RELATIVE.values(), ids=RELATIVE.keys())
def test_relative_dates_are_placed_against_publication(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(text, PUBLISHED) == expected


@pytest.mark.parametrize("text", [t for t, _ in RELATIVE.values()], ids=RELATIVE.keys())
def test_relative_dates_are_dropped_without_publication(text: str) -> None:
    assert found(text) == []


def test_publication_datetime_counts_for_its_day() -> None:
    published = dt.datetime(2024, 6, 19, 23, 30, tzinfo=PARIS)
    assert found("Hier, en 2019 comme lundi.", published) == [
        ("2024-06-18", "day"),
        year(2019),
        ("2024-06-17", "day"),
    ]


def test_relative_dates_follow_the_publication_date_given() -> None:
    text = "Lundi, soit l’année dernière, le mois prochain."
    assert found(text, dt.date(2021, 1, 6)) == [
        ("2021-01-04", "day"),
        year(2020),
        ("2021-02-01", "month"),
    ]


SPANS = {
    "cue-left-out": ("Le 1er mars 2023, tout a changé.", None, ["1er mars 2023"]),
    "weekday-kept": (
        "Mercredi 19 juin 2024 à 08h30, il pleuvait.",
        None,
        ["Mercredi 19 juin 2024"],
    ),
    "year-after-cue": ("C’était en 2019.", None, ["2019"]),
    "range": ("De 1950 à 1953, la guerre.", None, ["1950", "1953"]),
    "superscript": ("Le traité du 1ᵉʳ mars 2023.", None, ["1ᵉʳ mars 2023"]),
    "ligature-before": (
        "Le chœur a chanté le 3 mai 2024 à l’œuvre.",
        None,
        ["3 mai 2024"],
    ),
    "relative-phrase": (
        "La semaine dernière, rien.",
        PUBLISHED,
        ["La semaine dernière"],
    ),
    "apostrophe-kept": ("Fini l’automne dernier.", PUBLISHED, ["l’automne dernier"]),
}


@pytest.mark.parametrize(("text", "published", "spans"), SPANS.values(), ids=SPANS.keys())
def test_spans_are_the_words_of_the_date(
    text: str, published: dt.date | None, spans: list[str]
) -> None:
    assert [m.text for m in find_dates(text, published)] == spans


ALL_SENTENCES = [t for t, _ in [*ABSOLUTE.values(), *TYPOGRAPHY.values(), *RELATIVE.values()]]


def assert_well_formed(text: str, mentions: list[MentionedDate]) -> None:
    """Offsets point at the span, spans are in order and never overlap."""
    for m in mentions:
        assert text[m.begin : m.end] == m.text
    for before, after in itertools.pairwise(mentions):
        assert before.end <= after.begin


@pytest.mark.parametrize("text", ALL_SENTENCES, ids=[*ABSOLUTE, *TYPOGRAPHY, *RELATIVE])
def test_offsets_point_into_the_text(text: str) -> None:
    mentions = find_dates(text, PUBLISHED)
    assert mentions
    assert_well_formed(text, mentions)


def test_mentioned_date_is_frozen() -> None:
    (mention,) = find_dates("en 2019")
    with pytest.raises(AttributeError):
        mention.precision = "day"  # type: ignore[misc]


@pytest.mark.skipif(
    not (SEEDS.exists() and ANNOTATIONS.exists()),
    reason="seed pages or their annotation are not on this machine",
)
def test_seed_pages_match_the_hand_annotation() -> None:
    annotations = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))
    hits = n_found = n_expected = 0
    for name, note in annotations.items():
        if name.startswith("_"):
            continue
        text = (SEEDS / name).read_text(encoding="utf-8")
        mentions = find_dates(text)
        assert_well_formed(text, mentions)
        got = Counter((m.start.isoformat(), m.precision) for m in mentions)
        expected = Counter(tuple(pair) for pair in note["dates"])
        hits += sum((got & expected).values())
        n_found, n_expected = (
            n_found + sum(got.values()),
            n_expected + sum(expected.values()),
        )
    assert hits / n_found >= 0.9 and hits / n_expected >= 0.9


UTC_PLUS_2 = dt.timezone(dt.timedelta(hours=2))
VALUES = {
    "iso-date": ("2024-06-19", dt.date(2024, 6, 19)),
    "iso-offset": (
        "2024-06-19T08:30:00+02:00",
        dt.datetime(2024, 6, 19, 8, 30, tzinfo=UTC_PLUS_2),
    ),
    "iso-zulu": (
        "2024-06-19T06:30:00Z",
        dt.datetime(2024, 6, 19, 6, 30, tzinfo=dt.UTC),
    ),
    "iso-space-naive": ("2024-06-19 08:30", dt.datetime(2024, 6, 19, 8, 30)),
    "french": ("19 juin 2024", dt.date(2024, 6, 19)),
    "french-weekday-time": (
        "mercredi 19 juin 2024 à 08h30",
        dt.datetime(2024, 6, 19, 8, 30),
    ),
    "french-caps": ("MERCREDI 19 JUIN 2024", dt.date(2024, 6, 19)),
    "french-premier": ("1er mars 2023", dt.date(2023, 3, 1)),
    "french-prefix": (
        "Publié le 1er mars 2023 à 14 h 05",
        dt.datetime(2023, 3, 1, 14, 5),
    ),
    "french-accent": ("19 février 2024", dt.date(2024, 2, 19)),
    "slashes": ("19/06/2024", dt.date(2024, 6, 19)),
    "dots-and-time": ("19.06.2024 08:30", dt.datetime(2024, 6, 19, 8, 30)),
    "english": ("June 19, 2024", dt.date(2024, 6, 19)),
    "english-pm": (
        "Wednesday, June 19, 2024 8:30 PM",
        dt.datetime(2024, 6, 19, 20, 30),
    ),
    "english-day-first": ("19 Jun 2024", dt.date(2024, 6, 19)),
    "rfc-2822": (
        "Wed, 19 Jun 2024 08:30:00 +0200",
        dt.datetime(2024, 6, 19, 8, 30, tzinfo=UTC_PLUS_2),
    ),
    "epoch": ("1718778600", dt.datetime(2024, 6, 19, 6, 30, tzinfo=dt.UTC)),
}


@pytest.mark.parametrize(("raw", "expected"), VALUES.values(), ids=VALUES.keys())
def test_parse_date_value(raw: str, expected: dt.date) -> None:
    value = parse_date_value(raw)
    assert value == expected
    assert type(value) is type(expected)
    if isinstance(value, dt.datetime):
        assert value.utcoffset() == expected.utcoffset()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "demain",
        "n/a",
        "31/02/2024",
        "2024-13-45",
        "32 juin 2024",
        "0612345678",
        "3000-01-01",
    ],
    ids=[
        "empty",
        "blank",
        "relative",
        "text",
        "feb-31",
        "month-13",
        "day-32",
        "phone",
        "year-3000",
    ],
)
def test_parse_date_value_refuses_what_is_not_a_date(raw: str) -> None:
    assert parse_date_value(raw) is None


def test_naive_datetime_gets_the_default_zone_aware_one_keeps_its_own() -> None:
    assert parse_date_value("2024-06-19 08:30", default_tz=PARIS) == dt.datetime(
        2024, 6, 19, 8, 30, tzinfo=PARIS
    )
    kept = parse_date_value("2024-06-19T08:30:00+00:00", default_tz=PARIS)
    assert isinstance(kept, dt.datetime) and kept.utcoffset() == dt.timedelta(0)
    assert parse_date_value("2024-06-19", default_tz=PARIS) == dt.date(2024, 6, 19)


URLS = {
    "slashes": (
        "https://www.lemonde.fr/international/article/2024/06/19/poutine_6241.html",
        dt.date(2024, 6, 19),
    ),
    "dashes": (
        "https://example.fr/2024-06-19-poutine-a-pyongyang",
        dt.date(2024, 6, 19),
    ),
    "compact": ("https://example.fr/actu/20240619/poutine", dt.date(2024, 6, 19)),
    "day-first": ("https://example.fr/19-06-2024/poutine", dt.date(2024, 6, 19)),
    "query": ("https://example.fr/article?date=2024-06-19", dt.date(2024, 6, 19)),
    "month-only": ("https://example.fr/2024/06/poutine-a-pyongyang", None),
    "impossible": ("https://example.fr/2024/13/45/poutine", None),
    "article-id": ("https://example.fr/article/123456789", None),
    "timestamp-id": ("https://example.fr/article-20240619123456", None),
    "too-old": ("https://example.fr/1985/06/19/archives", None),
    "not-a-url": ("pas une adresse", None),
    "broken-url": ("http://[::1/2024/06/19", None),
}


@pytest.mark.parametrize(("url", "expected"), URLS.values(), ids=URLS.keys())
def test_date_from_url(url: str, expected: dt.date | None) -> None:
    assert date_from_url(url) == expected
