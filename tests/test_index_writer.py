"""The index writer's faster flush must write exactly what Whoosh's own flush writes."""

from __future__ import annotations

from pathlib import Path

from whoosh import index as whoosh_index

from index.generations import create_generation
from index.writer import WRITER_LIMIT_MB, open_writer
from search.layout import INDEX_NAME

DOCUMENTS = [
    {
        "id": "a1",
        "title": "L’Élysée annonce un remaniement",
        "body": "Emmanuel Macron a reçu les chefs de parti à l’Élysée. " * 3,
        "person": "emmanuel macron",
        "location": "paris",
        "year": "2024",
    },
    {
        "id": "a2",
        "title": "Pyongyang teste un missile",
        "body": "La Corée du Nord a tiré un missile ; Kim Jong-un a supervisé l’essai.",
        "person": "kim jong un",
        "location": "coree du nord,seoul",
        "year": "2023",
    },
    {
        "id": "a3",
        "title": "Grève",
        "body": "Œuvre collective : la SNCF prévoit un trafic très perturbé. " * 9,
        "organisation": "sncf",
        "year": "2024",
    },
    {"id": "a4", "title": "", "body": "Brève sans titre.", "mentioned": "2024-06"},
]


def build(folder: Path, fast: bool) -> whoosh_index.Index:
    """An index of DOCUMENTS written with Loupe's writer or with Whoosh's own."""
    generation = create_generation(folder)
    ix = whoosh_index.open_dir(generation, indexname=INDEX_NAME)
    writer = open_writer(ix) if fast else ix.writer(limitmb=WRITER_LIMIT_MB)
    for document in DOCUMENTS:
        writer.add_document(**document)
    writer.commit(merge=False)
    return whoosh_index.open_dir(generation, indexname=INDEX_NAME)


def postings(ix: whoosh_index.Index) -> list[tuple]:
    """Every posting with its block statistics: lengths, weights, values."""
    out = []
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            stats = (
                matcher.block_min_length(),
                matcher.block_max_length(),
                matcher.block_max_weight(),
            )
            items = []
            while matcher.is_active():
                items.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            out.append((fieldname, text, stats, items))
        lengths = [
            (n, f, reader.doc_field_length(n, f))
            for n in range(reader.doc_count_all())
            for f in ("title", "body", "author")
        ]
    return out + lengths


def test_the_fast_flush_writes_the_same_postings_and_lengths(tmp_path):
    stock = postings(build(tmp_path / "stock", fast=False))
    fast = postings(build(tmp_path / "fast", fast=True))
    assert any(entry[0] == "body" and entry[2][0] > 10 for entry in stock[:-12])
    assert fast == stock


def test_indexes_written_fast_open_without_the_writer_codec(tmp_path):
    ix = build(tmp_path / "fast", fast=True)
    with ix.searcher() as searcher:
        segment_codecs = {type(s.codec()).__name__ for s in ix._segments()}
        assert segment_codecs == {"W3Codec"}
        assert searcher.document(id="a2")["id"] == "a2"
