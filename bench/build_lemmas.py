"""Build ``search/data/lemmas.txt``, the analyzer's lemma table, from simplemma and DELA.

Usage:  pip install -e '.[bench]' && python bench/build_lemmas.py [--out PATH]

Each line of the table is a folded lemma followed by the folded forms the
analyzer reads as that lemma (``travailler travaillent travaillons ...``).
A form's lemma is simplemma's French one, kept only when DELA lists the form
under that lemma too (two independent lexicons agree: simplemma alone reads
``loi`` as ``loir`` and ``may`` as ``mai``). An adjective that is only the past
participle of one verb counts as that verb (``déployés`` -> ``déployer``).
Only forms whose Snowball term changes are written. A form is left out, so
that the stemmer alone decides, when

- its folded, lowercase key has lemmas of several families (lemmas whose own
  terms differ) in simplemma, or is a noun of another family in DELA:
  ``fait`` (fact) and ``faire``, ``sens`` and ``sentir``, ``vue`` and
  ``voir``; folding merges words too (``paye``/``payé``);
- its lemma is an auxiliary, a verb most of whose forms are stop words
  (``être``, ``avoir``): their participles ``été`` and ``eu`` are other words
  in news, and their other forms are stop words anyway;
- it is short (5 letters or fewer) and only a passé simple or imperfect
  subjunctive (``usa``, ``pilât``), or it has two letters (``ri``, ``pu``):
  the names and acronyms it looks like (``USA``, ``Pilat``, ``Ri``) are far
  more frequent in news.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lexicons import DEFAULT_DELA

from search.analysis import fold_word, stem_folded
from search.stopwords import STOP_WORDS

#: DELA's passé simple (J) and imperfect subjunctive (T) tenses.
LITERARY_TENSES = {"J", "T"}
#: Longest literary form left unlemmatized (see the module's docstring).
SHORT = 5
OUT = Path(__file__).parents[1] / "search" / "data" / "lemmas.txt"
HEADER = (
    "# Loupe's French lemma table: folded lemma, then the folded forms read as it.\n"
    "# Derived from simplemma {version}'s French data, checked against DELA, by\n"
    "# bench/build_lemmas.py; README.md (The French analyzer) gives sources and licences.\n"
)
Pairs = list[tuple[str, str]]


@dataclass
class Dela:
    """What the table needs from DELA."""

    pairs: Pairs = field(default_factory=list)  # (form, lemma), every part of speech
    nouns: Pairs = field(default_factory=list)  # (form, lemma) of nouns
    adjectives: set[str] = field(default_factory=set)  # adjective lemmas
    #: short forms whose verb readings are all literary tenses
    literary: set[str] = field(default_factory=set)
    #: past participle -> its verbs
    participle_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def simplemma_pairs() -> tuple[str, Pairs]:
    """simplemma's version and its French (form, lemma) pairs, lowercased, letters only."""
    import simplemma
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    table = DefaultDictionaryFactory().get_dictionary("fr")
    pairs = [(form.lower(), lemma.lower()) for form, lemma in table.items()]
    return simplemma.__version__, [(f, m) for f, m in pairs if f.isalpha() and m.isalpha()]


def dela_pairs(path: Path) -> Dela:
    """What the table needs from DELA (see :class:`Dela`)."""
    dela = Dela()
    common: set[str] = set()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            form, _, rest = line.rstrip("\n").partition(",")
            lemma, _, tags = rest.partition(".")
            form, lemma = form.lower(), (lemma or form).lower()
            if not (form.isalpha() and lemma.isalpha()):
                continue
            pos = tags.split("+", 1)[0].split(":", 1)[0]
            dela.pairs.append((form, lemma))
            if pos == "N":
                dela.nouns.append((form, lemma))
            elif pos == "A" and form == lemma:
                dela.adjectives.add(form)
            if pos == "V":
                tenses = {t[:1] for t in tags.split(":")[1:]}
                short = len(form) <= SHORT
                (dela.literary if tenses <= LITERARY_TENSES and short else common).add(form)
                if "K" in tenses:
                    dela.participle_of[form].add(lemma)
    dela.literary -= common
    return dela


def participle_verbs(dela: Dela) -> dict[str, str]:
    """Adjectives that are the past participle of one verb, with it: ``déployé`` -> ``déployer``.

    Both lexicons lemmatize ``déployés`` to the adjective ``déployé`` too, whose
    Snowball term (``deploy``) is not the verb's (``deploi``). A participle that
    is a noun too (``fait``, ``mort``, ``employé``) keeps its own lemma.
    """
    nouns = {lemma for _, lemma in dela.nouns}
    return {
        adjective: next(iter(verbs))
        for adjective in dela.adjectives - nouns
        if len(verbs := dela.participle_of.get(adjective, set())) == 1
    }


def auxiliaries(pairs: Pairs) -> set[str]:
    """Lemmas most of whose forms are stop words."""
    forms, stops = defaultdict(set), defaultdict(set)
    for form, lemma in pairs:
        forms[lemma].add(form)
        if form in STOP_WORDS:
            stops[lemma].add(form)
    return {lemma for lemma, found in stops.items() if 2 * len(found) >= len(forms[lemma])}


def readings(pairs: Pairs, verb_of: dict[str, str]) -> dict[str, set[str]]:
    """Form -> its lemmas, participles read as their verb; every lemma a form of itself."""
    lemmas_of: dict[str, set[str]] = defaultdict(set)
    for form, lemma in pairs:
        lemmas_of[form].add(verb_of.get(lemma, lemma))
        lemmas_of[lemma].add(verb_of.get(lemma, lemma))
    return lemmas_of


def lemma_table(simplemma: Pairs, dela: Dela) -> dict[str, set[str]]:
    """Folded lemma -> the folded forms whose term it changes, unambiguous ones only."""
    verb_of = participle_verbs(dela)
    skipped = auxiliaries(simplemma)
    in_dela = readings(dela.pairs, verb_of)
    families: dict[str, set[str]] = defaultdict(set)
    for form, lemmas in readings(simplemma, verb_of).items():
        key = fold_word(form)
        families[key].update(term(lemma) for lemma in lemmas)
        if lemmas & skipped or form in dela.literary:
            families[key].add("")  # never lemmatized
    nouns: dict[str, set[str]] = defaultdict(set)
    for form, lemmas in readings(dela.nouns, {}).items():
        nouns[fold_word(form)].update(lemmas)
    noun_forms = set(dela.nouns)
    table: dict[str, set[str]] = defaultdict(set)
    for form, lemma in simplemma:
        lemma, key = verb_of.get(lemma, lemma), fold_word(form)
        if lemma not in in_dela.get(form, ()) or len(families[key]) != 1:
            continue
        # A noun of another family (``fait`` the fact, for ``faire``), unless
        # it is a form of the lemma itself (``lieux``, listed as a noun of its own).
        if any(
            term(noun) != term(lemma) and (noun, lemma) not in noun_forms for noun in nouns[key]
        ):
            continue
        if term(key) != term(lemma) and key not in STOP_WORDS and len(key) > 2:
            table[fold_word(lemma)].add(key)
    return table


def term(word: str) -> str:
    """The term Snowball alone gives *word*."""
    return stem_folded(fold_word(word))


def write_table(table: dict[str, set[str]], version: str, out: Path) -> int:
    """Write the table, one lemma a line, sorted; return the number of forms."""
    lines = [" ".join([lemma, *sorted(forms)]) for lemma, forms in sorted(table.items())]
    out.write_text(HEADER.format(version=version) + "\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(forms) for forms in table.values())


def main() -> int:
    """Build the table and say how big it is."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--dela", type=Path, default=DEFAULT_DELA)
    args = parser.parse_args()
    try:
        version, simplemma = simplemma_pairs()
    except ImportError:
        print("simplemma is not installed: pip install -e '.[bench]'")
        return 2
    if not args.dela.exists():
        print(f"DELA not found at {args.dela}: pip install -e '.[bench]'")
        return 2
    table = lemma_table(simplemma, dela_pairs(args.dela))
    count = write_table(table, version, args.out)
    size = args.out.stat().st_size
    print(f"{args.out}: {len(table):,} lemmas, {count:,} forms, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
