"""How results are scored: BM25F parameters, chosen on measurements (bench/relevance.py)."""

from __future__ import annotations

from whoosh.scoring import BM25F

#: Term-frequency saturation and length normalisation (Robertson's defaults
#: 1.2 / 0.75 unless the README's measurements say otherwise).
K1 = 1.2
B = 0.75
#: Length normalisation of titles: a title is a handful of words.
TITLE_B = 0.75


def weighting() -> BM25F:
    """The scoring model of every searcher."""
    return BM25F(B=B, K1=K1, title_B=TITLE_B)
