"""Words of French (and English) dates, in folded form: lowercase, no accents, ASCII '."""

from __future__ import annotations

import re
from collections.abc import Iterable

MONTHS: dict[str, int] = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12,
}  # fmt: skip
#: Abbreviations, only read when followed by a dot in running text.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
ENGLISH_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
}  # fmt: skip
ENGLISH_WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
#: Meteorological seasons: the month each one starts in.
SEASONS: dict[str, int] = {"printemps": 3, "ete": 6, "automne": 9, "hiver": 12}

#: Cues after which a bare year is a date whatever follows (``depuis 2022``).
STRONG_YEAR_CUES = (
    "en l'an", "l'an", "en", "depuis", "jusqu'en", "avant", "apres", "l'annee",
    "annee", "fin", "debut", "mi-", "courant", "d'ici", "a l'horizon", "horizon",
)  # fmt: skip
#: Cues that also introduce counts (``plus de 2000 soldats``): the year must be
#: followed by punctuation or a grammatical word to count.
WEAK_YEAR_CUES = ("a partir de", "jusqu'a", "des", "de", "pour", "vers", "entre")
#: Cues after which a month without a year is a date (``en juin``, ``d'avril``).
MONTH_CUES = (
    "au mois de", "le mois de", "mois de", "jusqu'en", "jusqu'a", "a partir de",
    "d'ici", "depuis", "des", "en", "avant", "apres", "debut", "fin", "mi-",
    "courant", "vers", "pour", "de", "d'",
)  # fmt: skip
#: Words that make the number before them a count or a measure, not a year.
COUNT_NOUNS = (
    "ans", "an", "annees", "mois", "jours", "semaines", "heures", "minutes", "secondes",
    "km", "kilometres", "metres", "m", "kg", "tonnes", "litres", "euros", "eur",
    "dollars", "usd", "pour cent", "habitants", "personnes", "soldats", "morts",
    "blesses", "victimes", "exemplaires", "points", "voix", "fois", "pages", "places",
    "hommes", "femmes", "enfants", "emplois", "salaries", "eleves", "militaires",
    "manifestants", "participants", "logements", "entreprises", "vehicules",
    "missiles", "obus", "drones", "milliards", "millions", "mille",
)  # fmt: skip
#: Words that may follow a year introduced by a weak cue (``la crise de 2008 a``).
FUNCTION_WORDS = (
    "et", "ou", "a", "au", "aux", "en", "qui", "que", "qu'", "ont", "est", "sont",
    "etait", "avait", "avaient", "dans", "sur", "par", "pour", "avec", "le", "la",
    "les", "l'", "un", "une", "des", "du", "de", "d'", "ne", "n'", "se", "s'", "il",
    "elle", "ils", "elles", "on", "lors", "puis", "mais", "alors", "apres", "avant",
    "quand", "sous", "contre", "jusqu'", "depuis", "lorsque", "selon", "comme", "ce",
    "cette", "son", "sa", "ses", "leur", "leurs",
)  # fmt: skip
#: Words before a weak cue that make the number a quantity (``plus de 2000``).
QUANTIFIERS = ("plus", "moins", "pres", "environ", "quelque", "au moins", "pas moins")
NUMBER_WORDS: dict[str, int] = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "cent": 100,
}  # fmt: skip


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of *words*, longest first so ``juillet`` beats ``juil``."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def trie_alternation(words: Iterable[str]) -> list[str]:
    """One regex per first letter, sharing prefixes: ``j(?:anv(?:ier)?|uin)``.

    A plain alternation of forty words makes ``re`` try each word at each
    position; branches that each start with a literal let it skip ahead.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return [re.escape(char) + _trie_tail(root[char]) for char in sorted(root)]


def _trie_tail(node: dict[str, dict]) -> str:
    branches = [re.escape(c) + _trie_tail(node[c]) for c in sorted(node) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and "" not in node else f"(?:{'|'.join(branches)})"
    return body + ("?" if "" in node else "")
