"""Words that only ask a question: they never make a query fail."""

from __future__ import annotations

import re

from search.normalize import fold

#: Interrogatives and question-only function words, folded. Most other
#: French function words (``qui``, ``que``, ``où``, ``est-ce``) are already
#: stop words of the analyzer; these are not, because in an article they
#: carry meaning (``le comment et le pourquoi``) while in a question they
#: only ask.
FUNCTION_WORDS = frozenset(
    fold(word)
    for word in [
        "quel",
        "quelle",
        "quels",
        "quelles",
        "combien",
        "comment",
        "quand",
        "pourquoi",
        "quoi",
        "qu'est-ce",
        "est-ce",
        "quelqu'un",
    ]
)


#: Forms of « avoir »: ``été`` right after one (``a été``, ``a-t-il été``) is the
#: past participle of « être », a function word; alone it is the season.
AVOIR = frozenset(
    [
        "ai",
        "as",
        "a",
        "avons",
        "avez",
        "ont",
        "avais",
        "avait",
        "avions",
        "aviez",
        "avaient",
        "aurai",
        "auras",
        "aura",
        "aurons",
        "aurez",
        "auront",
        "aurais",
        "aurait",
        "aurions",
        "auriez",
        "auraient",
        "ayant",
        "aie",
        "aies",
        "ait",
        "ayons",
        "ayez",
        "aient",
        "eu",
    ]
)
#: Subject pronouns that may stand between the auxiliary and ``été``.
SUBJECTS = frozenset(["je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "t"])
PARTICIPLE = "ete"


def is_auxiliary_participle(previous: list[str], text: str) -> bool:
    """True for ``été`` after a form of « avoir » (*previous*: the words before it)."""
    if fold(text).strip("?!.,;:") != PARTICIPLE:
        return False
    for word in reversed(previous):
        parts = [p for p in re.split(r"[-'’]", fold(word)) if p]
        if not parts:
            continue
        if parts[0] in AVOIR:
            return True
        if not all(part in SUBJECTS for part in parts):
            return False
    return False


def is_function_word(text: str) -> bool:
    """True for a word that only asks (``Combien``, ``pourquoi``, ``quelles``)."""
    return fold(text).strip("?!.,;:") in FUNCTION_WORDS
