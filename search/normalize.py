"""French typography normalisation shared by the analyzer, the indexer and the facets."""

from __future__ import annotations

import functools
import re
import unicodedata

from unidecode import unidecode

#: Characters that are invisible in print and must not split or join words.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
#: Every apostrophe look-alike French copy uses, read as the ASCII apostrophe.
APOSTROPHES = dict.fromkeys(map(ord, "\u2019\u2018\u02bc\u2032`\u00b4\u02b9"), "'")
#: Spaces French typography puts inside numbers and before punctuation.
SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"), " ")
#: Dashes that join the parts of a compound word (Jean‑Marie, États‑Unis).
HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011"), "-")
LIGATURES = {ord("œ"): "oe", ord("Œ"): "OE", ord("æ"): "ae", ord("Æ"): "AE"}
TYPOGRAPHY = {**INVISIBLE, **APOSTROPHES, **SPACES, **HYPHENS}
#: French words elided before a vowel (``l'État``, ``qu'il``, ``jusqu'à``): the
#: one list for the analyzer, names and the entity spans.
ELIDED = frozenset(
    ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
)

_NON_KEY = re.compile(r"[^a-z0-9]+")
_ELIDED_KEY = re.compile(
    rf"\b(?:{'|'.join(sorted(ELIDED, key=len, reverse=True))})'", re.IGNORECASE
)


def normalize_typography(text: str) -> str:
    """NFKC, invisible characters dropped, apostrophes, spaces and hyphens unified."""
    return unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY)


def strip_accents(text: str) -> str:
    """Remove diacritics and expand ligatures: ``Œuvre Ça`` -> ``OEuvre Ca``."""
    decomposed = unicodedata.normalize("NFD", text.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lowercase, accent-free form of *text*: ``État`` -> ``etat``."""
    return strip_accents(normalize_typography(text)).lower()


def latin(text: str) -> str:
    """Letters of other scripts spelled in Latin letters: ``Путин`` -> ``Putin``.

    Also the Latin letters that stripping accents leaves alone (``ł``, ``ø``,
    ``ß``), so that ``Wałęsa`` meets ``Walesa``. Other characters are kept.
    """
    if text.isascii():
        return text
    return "".join(unidecode(c) if c.isalpha() and not c.isascii() else c for c in text)


@functools.lru_cache(maxsize=65_536)
def match_key(name: str) -> str:
    """Key under which spellings of one name meet: ``l’Élysée`` == ``Elysee``.

    Case, accents, hyphens, elided articles, apostrophes and the script do
    not matter: ``Kim Jong-un`` and ``Kim Jong Un`` share the key
    ``kim jong un``, ``Путин`` and ``Putin`` the key ``putin``.
    """
    text = _ELIDED_KEY.sub("", normalize_typography(name))
    return " ".join(_NON_KEY.sub(" ", latin(fold(text)).lower()).split())
