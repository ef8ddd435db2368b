"""Finding article files: recursion, hidden entries, extensions, symlinks, roots."""

import os

import pytest
from tests_support import refuse_to_list

from index.discover import MissingInput, SourceFile, discover


def write(path, text="Un article sur l’Élysée."):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    for name in [
        "politique/élysée.txt",
        "politique/assemblée/vote.md",
        "monde/kiev.html",
        "monde/dépêches.jsonl",
        "monde/archive.JSON",
        "zz.htm",
        "notes.docx",
        "image.png",
        ".brouillon.txt",
        ".git/HEAD.txt",
        "monde/.cache/copie.json",
    ]:
        write(root / name)
    return root


def relatives(sources):
    return [s.relative for s in sources]


def test_folder_is_searched_recursively(corpus):
    assert relatives(discover([corpus])) == [
        "zz.htm",
        "monde/archive.JSON",
        "monde/dépêches.jsonl",
        "monde/kiev.html",
        "politique/élysée.txt",
        "politique/assemblée/vote.md",
    ]


def test_source_file_knows_its_root(corpus):
    source = next(s for s in discover([corpus]) if s.relative.endswith("vote.md"))
    assert source == SourceFile(
        corpus / "politique/assemblée/vote.md", corpus, "politique/assemblée/vote.md"
    )
    assert source.path.is_absolute() and source.root.is_absolute()


def test_relative_path_given_is_made_absolute(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    sources = list(discover(["corpus/politique"]))
    assert [s.root for s in sources] == [corpus / "politique"] * 2
    assert relatives(sources) == ["élysée.txt", "assemblée/vote.md"]


def test_file_given_directly_has_its_folder_as_root(corpus):
    path = corpus / "politique" / "élysée.txt"
    assert list(discover([path])) == [SourceFile(path, path.parent, "élysée.txt")]


@pytest.mark.parametrize("name", ["notes.docx", "image.png"], ids=["word-document", "image"])
def test_unsupported_file_given_directly_is_ignored(corpus, name):
    assert list(discover([corpus / name])) == []


def test_each_file_is_found_once_across_overlapping_inputs(corpus):
    sources = list(discover([corpus / "monde", corpus, corpus / "monde" / "kiev.html"]))
    paths = [s.path for s in sources]
    assert len(paths) == len(set(paths)) == 6
    assert sources[0].root == corpus / "monde"


def test_symlink_loop_is_cut(corpus):
    os.symlink(corpus, corpus / "politique" / "boucle")
    os.symlink(corpus / "politique", corpus / "monde" / "lien-politique")
    assert len(list(discover([corpus]))) == 6


def test_symlinked_file_and_folder_outside_the_root_are_followed(tmp_path):
    outside = write(tmp_path / "ailleurs" / "lyon.txt")
    root = tmp_path / "corpus"
    root.mkdir()
    os.symlink(outside, root / "lien.txt")
    os.symlink(outside.parent, root / "dossier")
    os.symlink(tmp_path / "absent.txt", root / "cassé.txt")
    sources = list(discover([root]))
    assert relatives(sources) == ["lien.txt"]  # the folder link leads to the same file
    assert sources[0].path == root / "lien.txt"


def test_missing_input_is_a_clear_error(tmp_path):
    with pytest.raises(MissingInput, match="no such file or folder: .*absent"):
        list(discover([tmp_path / "absent"]))


def test_unlistable_folder_is_reported_and_skipped(corpus, monkeypatch):
    refuse_to_list(monkeypatch, "monde")
    errors = []
    found = relatives(discover([corpus], errors=errors))
    assert found == ["zz.htm", "politique/élysée.txt", "politique/assemblée/vote.md"]
    assert [(e.path, e.reason) for e in errors] == [
        (str(corpus / "monde"), "cannot list folder: Permission denied")
    ]


def test_extensions_can_be_narrowed(corpus):
    assert relatives(discover([corpus], extensions=[".TXT", ".md"])) == [
        "politique/élysée.txt",
        "politique/assemblée/vote.md",
    ]
