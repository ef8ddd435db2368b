"""Decoding article files: encodings, mojibake, line endings, and what is refused."""

import codecs
import random
import time
import tracemalloc

import pytest

from index import decode as decode_module
from index.decode import UnreadableFile, decode, read_bytes, read_text

TEXT = "L’été à Orléans : « Grève à la SNCF », a déclaré Élodie Lefèvre.\nLe cœur du problème."
LATIN1_TEXT = "Été à Orléans : « Grève », a déclaré Élodie Lefèvre.\nLes élèves de l'école."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (TEXT.encode("cp1252"), TEXT),
        (LATIN1_TEXT.encode("latin-1"), LATIN1_TEXT),
        (
            "Le cœur de l'œuvre coûte 10 € à Noël.".encode("iso8859_15"),
            "Le cœur de l'œuvre coûte 10 € à Noël.",
        ),
        (TEXT.encode("utf-16"), TEXT),
        (TEXT.encode("utf-8").decode("cp1252").encode("utf-8"), TEXT),
        ("Ã©tÃ© Ã  Paris".encode(), "été à Paris"),
        (
            b"Premier paragraphe.\r\nDeuxi\xc3\xa8me.\rTroisi\xc3\xa8me.",
            "Premier paragraphe.\nDeuxième.\nTroisième.",
        ),
        ("Le cafe\u0301 de la gare".encode(), "Le café de la gare"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "cp1252-curly-apostrophe",
        "latin1",
        "iso8859-15-oe-euro",
        "utf16-bom",
        "mojibake-whole-text",
        "mojibake-short",
        "crlf-and-cr",
        "nfd-to-nfc",
    ],
)
def test_decode_gives_the_french_text(data, expected):
    assert decode(data, "article.txt") == expected


@pytest.mark.parametrize(
    "text",
    [
        "L’ÂGE D’OR DU CINÉMA FRANÇAIS",
        "Ça coûte 12,50 € à São Paulo, à Ærøskøbing et à Œting.",
        "« Non », a-t-il répondu — sans appel… ’’ ‘cité’",
        "Les Ãles-de-la-Madeleine ? Non : l’ÃŽle n’existe pas ici.",
        "Jean\u2011Marie habite 12\u00a0rue de l’Église, 1er\u202fétage.",
    ],
    ids=[
        "capital-a-circumflex",
        "ligatures-and-foreign",
        "punctuation",
        "lone-a-tilde",
        "nbsp-and-hyphen",
    ],
)
def test_decode_leaves_correct_text_alone(text):
    assert decode(text.encode("utf-8")) == text


def test_utf8_is_never_sent_to_charset_detection(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("charset-normalizer ran on UTF-8")

    monkeypatch.setattr(decode_module, "from_bytes", refuse)
    assert decode(TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \r\n\t\n", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (bytes(range(1, 9)) * 50 + "Bonjour à tous".encode(), "binary file"),
        (random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"), "undecodable"),
    ],
    ids=[
        "empty",
        "whitespace",
        "bom-only",
        "png",
        "control-characters",
        "random-bytes",
    ],
)
def test_decode_refuses_what_is_not_text(data, reason):
    with pytest.raises(UnreadableFile) as caught:
        decode(data, "article.txt")
    assert caught.value.reason.startswith(reason)


def test_huge_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "enorme.txt"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(UnreadableFile) as caught:
            read_bytes(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.reason == "file too large: 200.0 MB, the limit is 50.0 MB"
    assert peak < 1024 * 1024
    assert time.perf_counter() - start < 1


def test_size_limit_is_a_parameter(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text("Un article de quarante octets environ.", encoding="utf-8")
    assert read_text(path, max_bytes=100) == "Un article de quarante octets environ."
    with pytest.raises(UnreadableFile, match="file too large"):
        read_text(path, max_bytes=10)
