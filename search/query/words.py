"""Words that only ask a question: they never make a query fail."""

from __future__ import annotations

from search.normalize import fold

#: Interrogatives and question-only function words, folded. Most other
#: French function words (``qui``, ``que``, ``où``, ``est-ce``) are already
#: stop words of the analyzer; these are not, because in an article they
#: carry meaning (``le comment et le pourquoi``) while in a question they
#: only ask.
FUNCTION_WORDS = frozenset(fold(word) for word in ["quel", "quelle", "quels", "quelles", "combien", "comment", "quand", "pourquoi", "quoi", "qu'est-ce", "est-ce", "quelqu'un"])


def is_function_word(text: str) -> bool:
    """True for a word that only asks (``Combien``, ``pourquoi``, ``quelles``)."""
    return fold(text).strip("?!.,;:") in FUNCTION_WORDS
