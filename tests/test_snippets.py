"""Snippets mark the words a journalist typed, whatever their accents, case or alphabet."""

import re

import pytest

from search.analysis import terms
from search.snippets import snippets

TEXT = (
    "L’Élysée a reçu le cœur du dossier mardi. À Łódź, les élus parlent d’économie ; "
    "un ÉCONOMISTE du parti s’y oppose. Путин se tait, et l’Élysée répond."
)


def marked(query: str, text: str = TEXT) -> list[str]:
    """The words *query* lights up in the snippets of *text*."""
    return [m for s in snippets(text, terms(query)) for m in re.findall(r"<mark>(.*?)</mark>", s)]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("elysee", ["Élysée", "Élysée"]),  # after an apostrophe, accents and capitals folded
        ("économies", ["économie", "ÉCONOMISTE"]),
        ("coeur", ["cœur"]),  # the ligature is one letter in the text, two in the term
        ("lodz", ["Łódź"]),  # a letter outside Latin-1
        ("Putin", ["Путин"]),  # another alphabet, spelled in Latin letters
    ],
)
def test_words_are_marked_in_every_spelling(query: str, words: list[str]) -> None:
    assert marked(query) == words


def test_a_word_is_not_marked_for_a_neighbour_or_inside_another() -> None:
    assert marked("cour") == []  # « cœur » is not « cour »
    assert marked("nomie") == []  # never inside a word


def test_an_article_without_the_word_has_no_snippet() -> None:
    assert snippets(TEXT, terms("inflation")) == []
