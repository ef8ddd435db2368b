"""Articles waiting for extraction come back whole and in order from their temporary file."""

from __future__ import annotations

import datetime as dt

from index.article import Article, Removal
from index.held import HeldArticles
from index.writer import Placement


def test_held_articles_come_back_equal_in_order_as_often_as_asked():
    pairs = [
        (
            Article(
                title=f"Grève à la SNCF, jour {n}",
                body="Les cheminots réclament « plus ».\n" * n,
                file=f"depeches/{n}.md",
                published=dt.date(2024, 3, n),
                extra={"date_raw": f"{n} mars 2024"},
                removed=(Removal("Menu", "chrome"),),
            ),
            Placement(f"id-{n}", f"/data/depeches/{n}.md", f"hash{n}"),
        )
        for n in range(1, 30)
    ]
    held = HeldArticles()
    for pair in pairs:
        held.append(pair)
    assert len(held) == len(pairs)
    assert list(held) == pairs
    assert list(held) == pairs  # counted once for the repeated lines, then cleaned
    assert [p.doc_id for p in held.placements] == [p.doc_id for _, p in pairs]
    held.close()
