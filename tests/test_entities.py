"""People, organisations and places of French articles: spaCy NER plus Loupe's repair layer."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from index.entities import (
    ArticleEntities,
    NerModel,
    article_text,
    body_offset,
    extract_entities,
    load_ner,
)
from index.entities.gazetteer import Knowledge, load_gazetteer
from index.entities.resolve import resolve_mentions
from index.entities.spans import repair
from search.aliases import AliasTable, load_aliases
from search.normalize import match_key

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench" / "entities.py"
SEEDS = ROOT.parent / "shared" / "seeds"
ANNOTATION = ROOT / "bench" / "data" / "seeds_entities.json"


@pytest.fixture(scope="session")
def ner() -> NerModel:
    return load_ner()


@pytest.fixture(scope="module")
def aliases() -> AliasTable:
    return load_aliases()


@pytest.fixture(scope="module")
def kb(aliases) -> Knowledge:
    return Knowledge(aliases, load_gazetteer())


def extract(ner: NerModel, aliases: AliasTable, body: str, title: str = "") -> ArticleEntities:
    return next(extract_entities([(title, body)], aliases, model=ner))


def labels(found: ArticleEntities) -> dict[str, set[str]]:
    return {
        "person": {e.label for e in found.people},
        "organisation": {e.label for e in found.organisations},
        "location": {e.label for e in found.locations},
    }


def span(text: str, piece: str, label: str) -> tuple[int, int, str]:
    start = text.index(piece)
    return start, start + len(piece), label


def layer(
    text: str, ents: list[tuple[int, int, str]], kb: Knowledge, ner: NerModel
) -> ArticleEntities:
    """The repair layer alone, on spans written by hand instead of spaCy's."""
    return resolve_mentions(repair(text, ents, kb), kb, ner.ranks)


# --- Whole pipeline on short French texts ------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "label"),
    [
        (
            "Jean-Luc Mélenchon a critiqué le gouvernement mardi devant les députés.",
            "person",
            "Jean-Luc Mélenchon",
        ),
        (
            "L’Élysée a démenti mardi les informations publiées par la presse.",
            "organisation",
            "Élysée",
        ),
        (
            "Le club de Saint-Étienne a battu Lyon dimanche soir devant ses supporters.",
            "location",
            "Saint-Étienne",
        ),
        (
            "Les Etats-Unis et la France ont signé un accord de coopération.",
            "location",
            "États-Unis",
        ),
        (
            "Le ministre des Affaires étrangères Jean-Noël Barrot s’est rendu à Kyiv jeudi.",
            "person",
            "Jean-Noël Barrot",
        ),
        ("Kiev a été visée par une nouvelle vague de drones dans la nuit.", "location", "Kyiv"),
        (
            "De violents combats ont eu lieu dans la région de Koursk, selon l’état-major.",
            "location",
            "Koursk",
        ),
        (
            "Washington a mis en garde Pyongyang contre tout nouvel essai nucléaire.",
            "location",
            "Pyongyang",
        ),
        (
            "Le président Zelenskyy a rencontré à Bruxelles les dirigeants de l’OTAN.",
            "person",
            "Volodymyr Zelensky",
        ),
        (
            "Le président Zelenskyy a rencontré à Bruxelles les dirigeants de l’OTAN.",
            "organisation",
            "OTAN",
        ),
        (
            "La Russie a condamné la décision, a déclaré Dmitri Peskov, porte-parole du Kremlin.",
            "location",
            "Russie",
        ),
        (
            "Selon le journal allemand Bild, Olaf Scholz aurait rencontré Emmanuel Macron à Berlin.",
            "person",
            "Olaf Scholz",
        ),
        (
            "Sébastien Lecornu, ministre des Armées, s’est rendu à Brest puis au Havre.",
            "location",
            "Le Havre",
        ),
        (
            "Le Conseil constitutionnel a censuré plusieurs articles de la loi immigration.",
            "organisation",
            "Conseil constitutionnel",
        ),
        (
            "Ursula von der Leyen a été interpellée par les eurodéputés de La France insoumise.",
            "organisation",
            "La France insoumise",
        ),
        (
            "Ursula von der Leyen a été interpellée par les eurodéputés de La France insoumise.",
            "person",
            "Ursula von der Leyen",
        ),
        (
            "Dominique de Villepin, ancien Premier ministre, a jugé la position de Paris intenable.",
            "person",
            "Dominique de Villepin",
        ),
    ],
    ids=[
        "hyphenated-name",
        "elided-elysee",
        "saint-etienne",
        "etats-unis-unaccented",
        "title-stripped",
        "kiev-alias",
        "region-of",
        "capital-as-actor-is-place",
        "alias-person",
        "elided-acronym",
        "country-as-actor-is-place",
        "newspaper-not-person",
        "au-havre",
        "institution-adjective",
        "name-longer-than-span",
        "particles-von-der",
        "no-title-first-word",
    ],
)
def test_finds_entity(ner, aliases, text, kind, label):
    assert label in labels(extract(ner, aliases, text))[kind]


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        (
            "Le ministre des Affaires étrangères Jean-Noël Barrot s’est rendu à Kyiv jeudi.",
            "Affaires étrangères",
        ),
        (
            "Critiques et inquiétudes se sont multipliées après l’annonce du gouvernement.",
            "Critiques",
        ),
        ("Mardi, le Premier ministre a reçu les syndicats à Matignon.", "Mardi"),
        ("Selon Reuters, les négociations reprendront la semaine prochaine à Genève.", "Selon"),
        (
            "Pendant la Seconde Guerre mondiale, la ville de Marseille a été bombardée.",
            "Seconde Guerre mondiale",
        ),
        ("Le président a visité Marseille. (Photo : Getty Images)", "Getty Images"),
        ("Tenez-vous au courant de l’actualité en Turquie et dans le monde.", "Tenez-vous"),
    ],
    ids=[
        "portfolio",
        "capitalised-common-word",
        "weekday",
        "preposition",
        "misc-event",
        "photo-credit",
        "verb-with-pronoun",
    ],
)
def test_drops_non_entities(ner, aliases, text, unwanted):
    found = extract(ner, aliases, text)
    assert match_key(unwanted) not in {e.key for e in found.all()}


def test_short_name_joins_the_full_name(ner, aliases):
    text = (
        "La ministre de la Culture Rachida Dati a inauguré le musée. "
        "Dati a ensuite visité l’exposition."
    )
    people = extract(ner, aliases, text).people
    assert [(e.label, len(e.mentions)) for e in people] == [("Rachida Dati", 2)]


def test_ambiguous_short_name_stays_unresolved(ner, aliases):
    text = (
        "Kim Jong-un a inauguré un monument à la mémoire de son grand-père Kim Il-sung. "
        "Kim a prononcé un discours devant les militaires."
    )
    found = extract(ner, aliases, text)
    assert {e.label for e in found.people} == {"Kim Jong-un", "Kim Il-sung"}
    assert "kim" not in {e.key for e in found.all()}


def test_offsets_point_into_title_and_body(ner, aliases):
    title, body = (
        "Macron en visite à Berlin",
        "Emmanuel Macron a rencontré Olaf Scholz à Berlin jeudi.",
    )
    found = extract(ner, aliases, body, title=title)
    text = article_text(title, body)
    berlin = next(e for e in found.locations if e.label == "Berlin")
    assert [text[b:e] for b, e in berlin.mentions] == ["Berlin", "Berlin"]
    in_title, in_body = berlin.mentions
    assert in_title[1] <= len(title) < body_offset(title) <= in_body[0]
    assert body[in_body[0] - body_offset(title) :].startswith("Berlin jeudi")
    macron = next(e for e in found.people if e.label == "Emmanuel Macron")
    assert {text[b:e] for b, e in macron.mentions} == {"Macron", "Emmanuel Macron"}


def test_batches_give_the_same_result_as_single_articles(ner, aliases):
    articles = [
        ("Sommet à Séoul", "Le président sud-coréen a reçu Antony Blinken à Séoul."),
        ("", ""),
        ("Grève", "La CGT appelle à la grève à la SNCF, selon Sophie Binet."),
    ]
    batch = list(extract_entities(articles, aliases, model=ner, batch_size=2))
    single = [extract(ner, aliases, body, title=title) for title, body in articles]
    assert batch == single
    assert batch[1] == ArticleEntities()


# --- The repair layer on hand-made spans ---------------------------------------


@pytest.mark.parametrize(
    ("text", "piece", "label", "expected"),
    [
        ("Le dirigeant Kim Jong-un a parlé.", "Kim Jong-", "PER", [("Kim Jong-un", "PER")]),
        (
            "a déclaré à Yonhap Bruce Bennett, analyste.",
            "Yonhap Bruce Bennett",
            "PER",
            [("Yonhap", "ORG"), ("Bruce Bennett", "PER")],
        ),
        ("dans la région de Koursk.", "région de Koursk", "LOC", [("Koursk", "LOC")]),
        (
            "le ministre des Affaires étrangères Choe a dit",
            "ministre des Affaires étrangères Choe",
            "ORG",
            [("Choe", "ORG")],
        ),
        (
            "un porte-parole du ministère des Affaires étrangères",
            "ministère des Affaires étrangères",
            "ORG",
            [],
        ),
        ("Président Xi Jinping", "Président Xi Jinping", "PER", [("Xi Jinping", "PER")]),
        ("le général de Gaulle", "général de Gaulle", "PER", [("de Gaulle", "PER")]),
        ("selon le Congrès américain.", "Congrès américain", "ORG", [("Congrès", "ORG")]),
        (
            "un pacte Pyongyang-Moscou",
            "Pyongyang-Moscou",
            "LOC",
            [("Pyongyang", "LOC"), ("Moscou", "LOC")],
        ),
        ("La Chine reste en retrait.", "La Chine", "LOC", [("Chine", "LOC")]),
        ("Le Havre accueille le sommet.", "Le Havre", "LOC", [("Le Havre", "LOC")]),
        ("Marine Le Pen a voté.", "Marine Le Pen", "PER", [("Marine Le Pen", "PER")]),
        ("Haut Conseil pour le climat", "Haut Conseil", "ORG", [("Haut Conseil", "ORG")]),
        (
            "à Moscou\n\nVendredi, à Moscou",
            "Moscou\n\nVendredi",
            "LOC",
            [("Moscou", "LOC"), ("Vendredi", "LOC")],
        ),
        (
            "quoiqu’Emmanuel Macron en dise",
            "quoiqu’Emmanuel Macron",
            "PER",
            [("Emmanuel Macron", "PER")],
        ),
        ("le discours d‘Emmanuel Macron", "d‘Emmanuel Macron", "PER", [("Emmanuel Macron", "PER")]),
    ],
    ids=[
        "half-word",
        "glued-agency",
        "region-of",
        "title-before-name",
        "unnamed-ministry",
        "capitalised-title",
        "particle",
        "trailing-demonym",
        "place-pair",
        "article-known-place",
        "article-in-place-name",
        "article-in-person-name",
        "capitalised-org-word",
        "paragraph-break",
        "elided-quoique",
        "look-alike-apostrophe",
    ],
)
def test_repair(kb, text, piece, label, expected):
    mentions = repair(text, [span(text, piece, label)], kb)
    assert [(m.text, m.label) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions if "\n" not in m.text)


def test_title_before_name_marks_a_person(kb, ner):
    text = "le ministre des Affaires étrangères Choe a dit"
    found = layer(text, [span(text, "ministre des Affaires étrangères Choe", "ORG")], kb, ner)
    assert [e.label for e in found.people] == ["Choe"]


def test_hard_wrapped_name_is_joined(kb, ner):
    line = "Lors de la conférence de presse organisée hier soir, le président"
    text = (
        f"{line} Emmanuel\nMacron a annoncé de nouvelles mesures pour soutenir les\n"
        "agriculteurs touchés par la sécheresse de cet été dans le sud\nde la France."
    )
    ents = [span(text, "Emmanuel", "PER"), span(text, "Macron", "PER")]
    found = layer(text, ents, kb, ner)
    assert [(e.label, len(e.mentions)) for e in found.people] == [("Emmanuel Macron", 1)]


def test_heading_line_is_not_wrapped(kb):
    text = "Moscou : la Corée du Nord soutient la Russie jusqu’à la victoire, annonce Pyongyang\nImage : X"
    mentions = repair(text, [span(text, "Pyongyang\nImage", "LOC")], kb)
    assert [m.text for m in mentions] == ["Pyongyang", "Image"]


def test_type_vote_per_article(kb, ner):
    text = "Lina Kovač a parlé. Puis Lina Kovač a écrit. Enfin Lina Kovač a signé."
    starts = [i for i in range(len(text)) if text.startswith("Lina Kovač", i)]
    ents = [
        (s, s + len("Lina Kovač"), label)
        for s, label in zip(starts, ["PER", "ORG", "PER"], strict=False)
    ]
    found = layer(text, ents, kb, ner)
    assert [(e.label, e.kind, len(e.mentions)) for e in found.all()] == [
        ("Lina Kovač", "person", 3)
    ]


@pytest.mark.parametrize(
    ("piece", "label", "kind"),
    [
        ("Washington", "PER", "location"),
        ("Pyongyang", "ORG", "location"),
        ("Corée du Nord", "MISC", "location"),
        ("Kremlin", "LOC", "organisation"),
    ],
    ids=["capital-tagged-person", "capital-tagged-org", "misc-country", "alias-type-wins"],
)
def test_known_names_keep_their_type(kb, ner, piece, label, kind):
    text = f"Hier, {piece} a réagi."
    found = layer(text, [span(text, piece, label)], kb, ner)
    assert [e.kind for e in found.all()] == [kind]


@pytest.mark.parametrize(
    ("text", "piece", "expected"),
    [
        ("a rapporté le journal allemand Tagesschau.", "Tagesschau", {"Tagesschau"}),
        ("pendant la Seconde Guerre mondiale.", "Seconde Guerre mondiale", set()),
    ],
    ids=["media-cue", "event"],
)
def test_misc_kept_only_with_a_cue(kb, ner, text, piece, expected):
    found = layer(text, [span(text, piece, "MISC")], kb, ner)
    assert {e.label for e in found.organisations} == expected
    assert not found.people and not found.locations


@pytest.mark.parametrize(
    "word",
    ["Critiques", "Mardi", "Soutien", "Troupes", "Patriotes", "Laisser"],
    ids=["plural-noun", "weekday", "noun", "heading-noun", "plural-mid-sentence", "verb"],
)
def test_capitalised_common_words_are_dropped(kb, ner, word):
    text = f"Les {word} ont été évoqués."
    assert layer(text, [span(text, word, "ORG")], kb, ner) == ArticleEntities()


@pytest.mark.parametrize(
    "name",
    ["Macron", "Kuleba", "Stoltenberg"],
    ids=["also-a-common-word", "rare", "rare-2"],
)
def test_capitalised_names_are_kept(kb, ner, name):
    text = f"Hier soir, {name} a réagi."
    assert [e.label for e in layer(text, [span(text, name, "PER")], kb, ner).all()] != []


def test_accented_spelling_is_the_label(kb, ner):
    text = "Helene Dupre a parlé. Helene Dupre a écrit. Hélène Dupré a signé."
    starts = [i for i in range(len(text)) if text[i : i + 3] in ("Hel", "Hél")]
    found = layer(text, [(s, s + 12, "PER") for s in starts], kb, ner)
    assert [(e.label, e.key) for e in found.people] == [("Hélène Dupré", "helene dupre")]


# --- The five seed articles -----------------------------------------------------


def _load_bench():
    if "bench_entities" not in sys.modules:  # dataclasses look their module up there
        spec = importlib.util.spec_from_file_location("bench_entities", BENCH)
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_entities"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_entities"]


SEED_FILES = [
    n for n in json.loads(ANNOTATION.read_text(encoding="utf-8")) if not n.startswith("_")
]


@pytest.fixture(scope="module")
def seed_scores(ner, aliases):
    return _load_bench().evaluate(SEEDS, aliases)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available (shared/seeds)")
@pytest.mark.parametrize("name", SEED_FILES, ids=[n[:3] for n in SEED_FILES])
@pytest.mark.parametrize("column", ["actors", "locations"])
def test_seed_precision_and_recall(seed_scores, name, column):
    score = seed_scores[name][column]
    assert score.precision >= 0.9, seed_scores[name]["_diff"]
    assert score.recall >= 0.9, seed_scores[name]["_diff"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available (shared/seeds)")
@pytest.mark.parametrize(
    "name",
    ["Nolwenn Leroy", "Google", "Sabah", "Laisser", "Getty Images"],
    ids=["teaser-person", "recaptcha", "newsletter", "comment-box", "credit"],
)
def test_seed_boilerplate_names_do_not_appear(ner, aliases, name):
    bench = _load_bench()
    texts = [
        bench.simulate_cleaning(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))
    ]
    keys = {e.key for found in extract_entities(texts, aliases, model=ner) for e in found.all()}
    assert match_key(name) not in keys


def test_the_extractor_keeps_blas_to_one_thread(monkeypatch):
    """Workers already fill the cores: BLAS threads on top of them halved the rate."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from index.entities import model

    for name in model.BLAS_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    with threadpool_limits(limits=2, user_api="blas"):  # restored after the test
        model.one_blas_thread()
        blas = [info for info in threadpool_info() if info["user_api"] == "blas"]
        assert blas and all(info["num_threads"] == 1 for info in blas)
