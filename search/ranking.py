"""How results are scored: BM25F parameters, chosen on measurements (bench/relevance.py)."""

from __future__ import annotations

from whoosh.scoring import BM25F

#: Term-frequency saturation and length normalisation (Robertson's defaults
#: 1.2 / 0.75 unless the README's measurements say otherwise).
K1 = 1.2
B = 0.75
#: Length normalisation of titles: a title is a handful of words.
TITLE_B = 0.75
#: A word searched in several fields scores as its best field plus TIE times
#: the others (Lucene's ``dis_max`` tie breaker); None sums them (BM25F as
#: Whoosh computes it). Applied by the array scorer (search/vector.py); the
#: queries it leaves to Whoosh (date ranges, entity keys) sum. Off: 0.3 with
#: a title boost of 0.75 gained on PIAF (nDCG@10 0.803) and on the headline
#: check, but put a seed article lacking "accord" first for the accord
#: sentence (tests/test_ranking.py), see the README.
TIE: float | None = None
#: True: a word searched in several fields is scored as one term of one
#: combined field (BM25F as Robertson and Zaragoza define it, Lucene's
#: ``CombinedFieldQuery``): its field-weighted, length-normalised frequencies
#: are added, then saturated once, with the rarest field's document
#: frequency. False: each field saturates on its own and the scores add up
#: (what Whoosh's BM25F computes). Measured on the PIAF development questions
#: (bench/relevance.py): nDCG@10 0.796 -> 0.805, flat for title boosts 0.5
#: to 1. Applied by the array scorer; queries left to Whoosh's matchers sum.
COMBINED = True


def weighting() -> BM25F:
    """The scoring model of every searcher."""
    return BM25F(B=B, K1=K1, title_B=TITLE_B)
