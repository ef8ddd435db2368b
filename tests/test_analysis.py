"""What the index sees for French text: the analyzer's behaviour, case by case."""

from __future__ import annotations

import pickle
import threading

import pytest
from whoosh import fields
from whoosh.filedb.filestore import RamStorage

from search.analysis import ANALYZER_VERSION, french_analyzer, terms
from search.normalize import strip_accents


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L’Élysée a démenti", ["elys", "dement"]),
        ("l'elysee a dementi", ["elys", "dement"]),
        ("D’Ukraine", ["ukrain"]),
        ("QU'IL", []),
        ("jusqu’à l’aube", ["aub"]),
        ("lorsqu’Anne puisqu’Omar quoiqu’Ève", ["anne", "omar", "eve"]),
        ("aujourd’hui", ["aujourdhui"]),
        ("aujourd'hui", ["aujourdhui"]),
        ("presqu’île", ["presquil"]),
        ("prud’hommes", ["prudhomm"]),
        ("l`Europe l‘Europe lʼEurope l′Europe", ["europ"] * 4),
    ],
    ids=[
        "typographic-elision",
        "no-accents",
        "elided-d",
        "capital-qu",
        "jusqu",
        "lorsqu-puisqu-quoiqu",
        "aujourdhui-curly",
        "aujourdhui-ascii",
        "presquile",
        "prudhommes",
        "apostrophe-lookalikes",
    ],
)
def test_elisions(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 000 soldats", ["10000", "soldat"]),
        ("10\u00a0000 soldats", ["10000", "soldat"]),
        ("2\u202f000\u202f000 d’euros", ["2000000", "euro"]),
        ("en 2019 100 personnes", ["2019", "100", "person"]),
        ("Cœur Œuvre ex æquo", ["coeur", "oeuvr", "ex", "aequo"]),
        ("ﬁnance", ["financ"]),
        ("le 1ᵉʳ mai", ["1er", "mai"]),
        ("e\u0301te\u0301 ÉTÉ", ["ete", "ete"]),
        ("po\u00adli\u200btique", ["polit"]),
        ("Les députés ont voté", ["deput", "vot"]),
        ("sûr dû né", ["sur", "du", "ne"]),
        ("sur du ne", []),
        ("MÊME même meme", []),
    ],
    ids=[
        "digit-group-space",
        "digit-group-nbsp",
        "digit-group-narrow-nbsp",
        "year-then-number",
        "ligatures",
        "fi-ligature",
        "superscript",
        "nfd-accents",
        "soft-hyphen-zero-width",
        "stop-and-stem",
        "accented-not-stopped",
        "stop-words",
        "stop-without-accent",
    ],
)
def test_typography_and_stop_words(text, expected):
    assert terms(text) == expected


@pytest.mark.parametrize(
    "variants",
    [
        ("États-Unis", "Etats Unis", "ETATS-UNIS", "états‑unis"),
        ("porte-parole", "porte parole", "PORTE-PAROLE"),
        ("Kim Jong-un", "Kim Jong Un", "kim jong-Un"),
        ("Saint-Étienne", "saint etienne", "SAINT-ÉTIENNE"),
        ("journée", "journee", "JOURNÉE", "journées"),
        ("aimée", "aimee", "aimer", "aimées", "aimés", "aime"),
        ("première", "premiere", "premier", "premiers", "premières"),
        ("sécurité", "securite", "SÉCURITÉ", "sécurités"),
        ("Putin", "Путин", "ПУТИН"),
        ("Erdogan", "Ердоган", "Erdoğan"),
        ("Tsipras", "Τσίπρας"),
        ("Walesa", "Wałęsa", "WAŁĘSA"),
    ],
    ids=[
        "etats-unis",
        "porte-parole",
        "kim-jong-un",
        "saint-etienne",
        "journee",
        "aimer",
        "premier",
        "securite",
        "cyrillic",
        "cyrillic-turkish",
        "greek",
        "polish-l",
    ],
)
def test_variants_share_terms(variants):
    first = terms(variants[0])
    assert first
    assert all(terms(v) == first for v in variants)


@pytest.mark.parametrize(
    "variants",
    [
        ("travaillent", "travaillant", "travailler", "travaillé", "TRAVAILLAIENT"),
        ("déployés", "déployer", "déploient", "déploiement", "DÉPLOYÉS", "deployes"),
        ("lieux", "lieu", "LIEUX"),
        ("jeux", "jeu", "Jeux"),
        ("peuvent", "pouvoir", "pourront", "peut"),
        ("font", "faire", "faisaient"),
        ("prennent", "prendre", "pris"),
        ("euros", "euro"),
    ],
    ids=["travailler", "deployer", "lieux", "jeux", "pouvoir", "faire", "prendre", "euros"],
)
def test_inflections_share_their_lemma_term(variants):
    first = terms(variants[0])
    assert len(first) == 1
    assert all(terms(v) == first for v in variants)


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("été", "être"),  # the season, not the participle of an auxiliary
        ("fait", "faire"),  # a fact
        ("faits", "font"),
        ("mort", "mourir"),
        ("sens", "sentir"),
        ("vue", "voir"),
        ("loi", "loir"),
        ("pourrir", "pourront"),
        ("USA", "user"),  # an acronym that looks like a passé simple
    ],
)
def test_different_words_stay_apart(word, other):
    assert terms(word) != terms(other)


@pytest.mark.parametrize(
    ("name", "term"),
    [
        ("Poutine", "poutin"),
        ("Macron", "macron"),
        ("Attal", "attal"),
        ("USA", "usa"),
        ("Pilat", "pilat"),
        ("Ri", "ri"),
        ("Unis", "unis"),
        ("Laurent", "laurent"),
    ],
)
def test_names_keep_their_term_in_any_case(name, term):
    assert terms(name) == terms(name.lower()) == terms(name.upper()) == [term]


def test_a_query_verb_finds_its_inflections():
    schema = fields.Schema(body=fields.TEXT(analyzer=french_analyzer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(body="Les dockers travaillent de nuit sur les lieux du sinistre.")
        writer.add_document(body="Trois mille soldats sont déployés à la frontière.")
    from whoosh.qparser import QueryParser

    parser = QueryParser("body", schema)
    with ix.searcher() as searcher:
        for query in ["travailler", "lieu", "déployer", "DEPLOIEMENT", "deploient"]:
            assert len(searcher.search(parser.parse(query))) == 1, query


@pytest.mark.parametrize(
    "word",
    [
        "Élysée",
        "député",
        "grève",
        "Noël",
        "Ça",
        "œuvre",
        "forêt",
        "hôpital",
        "piqûre",
        "naïveté",
        "Zürich",
        "Bogotá",
        "São",
        "Łódź",
        "Dieudonné",
        pytest.param("maïs", marks=pytest.mark.xfail(reason="unaccented it is the stop word mais")),
    ],
)
def test_accent_and_case_insensitive(word):
    assert terms(word) == terms(strip_accents(word)) == terms(word.upper())


def test_offsets_point_into_original_text():
    text = "L’É\u0301tat finance\u00a0la po\u00adlitique ﬁscale des États-Unis"
    spans = [
        (t.text, text[t.startchar : t.endchar])
        for t in french_analyzer()(text, chars=True, positions=True)
    ]
    assert spans == [
        ("etat", "É\u0301tat"),
        ("financ", "finance"),
        ("polit", "po\u00adlitique"),
        ("fiscal", "ﬁscale"),
        ("etat", "États"),
        ("unis", "Unis"),
    ]


def test_hyphen_parts_are_consecutive_positions():
    tokens = [(t.text, t.pos) for t in french_analyzer()("les États-Unis", positions=True)]
    (first, etats), (second, unis) = tokens
    assert (first, second, unis - etats) == ("etat", "unis", 1)


def test_phrase_query_matches_hyphenated_name():
    schema = fields.Schema(body=fields.TEXT(analyzer=french_analyzer()))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        writer.add_document(body="Les États-Unis et la Corée du Nord")
    from whoosh.qparser import QueryParser

    parser = QueryParser("body", schema)
    with ix.searcher() as searcher:
        for query in ['"États Unis"', '"etats-unis"', "ETATS UNIS"]:
            assert len(searcher.search(parser.parse(query))) == 1, query


def test_analyzer_pickles_into_an_index():
    analyzer = french_analyzer()
    terms("Préchauffe le mémo du stemmer")
    clone = pickle.loads(pickle.dumps(analyzer))
    assert [t.text for t in clone("Les Élysées")] == ["elys"]


def test_stemming_is_right_under_threads():
    words = [f"{w}{i}" for i in range(200) for w in ("aimées", "journées", "sécurités")]
    expected = [terms(w) for w in words]
    results: list[list[list[str]]] = []

    def work() -> None:
        analyzer = french_analyzer()
        results.append([[t.text for t in analyzer(w)] for w in words])

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 8


def test_analyzer_version_is_an_int():
    assert isinstance(ANALYZER_VERSION, int) and ANALYZER_VERSION >= 1


TRICKY = (
    "L’Élysée a démenti jusqu’à l’aube : QU'IL vienne ! Aujourd’hui, les États-Unis "
    "et la Corée du Nord (Kim Jong-un) ; 10 000 soldats, 2,5 %, cœur, Œuvre, "
    "prud’hommes, presqu’île, l`Europe, sûr, dû, né, d’ores et déjà, c’est-à-dire, "
    "‘Apostrophes’ et « guillemets » — ÉTÉ 2024…"
)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"positions": True, "chars": True},
        {"positions": True, "removestops": False},
        {"chars": True, "removestops": False, "mode": "query"},
    ],
    ids=["plain", "positions-chars", "keep-stops", "query-chars"],
)
def test_fused_analyzer_matches_the_filter_chain(corpus_dir, options):
    """The one-step filter indexes exactly what the five chained filters would."""
    from whoosh.analysis import Filter

    from search.analysis import term_of_folded

    class Stem(Filter):  # the fifth filter, plainly: no memo
        def __call__(self, tokens):
            for t in tokens:
                if not t.stopped:
                    t.text = term_of_folded(t.text)
                yield t

    texts = [
        TRICKY,
        *(path.read_bytes().decode("utf-8", "replace") for path in sorted(corpus_dir.rglob("*.*"))),
    ]

    def tokens(analyzer, text):
        return [
            (
                t.text,
                t.pos if t.positions else None,
                t.stopped,
                (t.startchar, t.endchar) if t.chars else None,
            )
            for t in analyzer(text, **options)
        ]

    fused, chained = french_analyzer(), french_analyzer(stem=False) | Stem()
    for text in texts:
        assert tokens(fused, text) == tokens(chained, text)
    assert len(tokens(fused, TRICKY)) >= 25


def test_lemma_table_holds_folded_content_words_only():
    from search.lemmas import read_table
    from search.stopwords import STOP_WORDS

    table = read_table()
    assert len(table) > 20_000
    words = set(table) | set(table.values())
    assert all(word.isascii() and word.isalpha() and word.islower() for word in words)
    assert not set(table) & STOP_WORDS
    assert min(map(len, table)) >= 3
