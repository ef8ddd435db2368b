"""The French lemma table: which folded words the analyzer reads as their lemma.

``search/data/lemmas.txt`` is derived from simplemma's French data by
``bench/build_lemmas.py``: one folded lemma a line, then the folded forms
whose Snowball term differs from the lemma's (``travailler travaillent ...``),
the ambiguous ones left out. It is read once per process, on first use.
"""

from __future__ import annotations

import threading
from importlib.resources import files

_TABLE: dict[str, str] = {}
_LOADED = threading.Event()
_LOCK = threading.Lock()


def lemma_of(word: str) -> str:
    """The folded lemma of a folded, lowercase *word*, or *word* when the table has none."""
    if not _LOADED.is_set():
        _load()
    return _TABLE.get(word, word)


def _load() -> None:
    """Fill the table once, whichever thread asks first."""
    with _LOCK:
        if not _LOADED.is_set():
            _TABLE.update(read_table())
            _LOADED.set()


def read_table() -> dict[str, str]:
    """The shipped table as folded form -> folded lemma."""
    text = files("search").joinpath("data", "lemmas.txt").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, *forms = line.split()
            table.update(dict.fromkeys(forms, lemma))
    return table
