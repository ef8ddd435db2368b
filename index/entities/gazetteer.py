"""Known places and names: the shipped gazetteer and the alias table, behind one lookup."""

from __future__ import annotations

import functools
from pathlib import Path

from search.aliases import AliasTable, Canonical
from search.normalize import match_key

#: Countries, capitals, big cities and regions, in French, with variants.
GAZETTEER = Path(__file__).resolve().parent.parent / "data" / "gazetteer_places.txt"

LOCATION = "location"
#: Names repeat across articles: fold each spelling once per process.


class GazetteerError(ValueError):
    """The gazetteer file is missing or malformed."""


@functools.lru_cache(maxsize=4)
def load_gazetteer(path: Path = GAZETTEER) -> dict[str, str]:
    """Map the key of every spelling in the gazetteer to its French label."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise GazetteerError(f"{path}: cannot read the place gazetteer ({error})") from error
    places: dict[str, str] = {}
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        names = [n.strip() for n in line.split("|")]
        if not all(match_key(n) for n in names):
            raise GazetteerError(f"{path}:{number}: empty place name in {line!r}")
        for name in names:
            places.setdefault(match_key(name), names[0])
    return places


class Knowledge:
    """What Loupe knows before reading an article: aliases first, then places."""

    def __init__(self, aliases: AliasTable, places: dict[str, str]) -> None:
        self.aliases = aliases
        self.places = places

    def lookup(self, name: str) -> Canonical | None:
        """Canonical label, type and key for *name*, if the alias table or gazetteer knows it.

        A name whose article the NER left out is found too: ``Havre`` (from
        ``au Havre``) is ``Le Havre``, ``Poste`` (from ``la Poste``) is ``La Poste``.
        """
        key = match_key(name)
        if not key:
            return None
        for candidate in (key, f"le {key}", f"la {key}", f"les {key}"):
            known = self.aliases.canonical(candidate)
            if known is not None:
                return known
            label = self.places.get(candidate)
            if label is not None:
                return Canonical(label, LOCATION, match_key(label))
        return None

    def is_place(self, name: str) -> bool:
        """True if *name* is a known location."""
        known = self.lookup(name)
        return known is not None and known.kind == LOCATION

    def is_ignored(self, name: str) -> bool:
        """True for names the alias table says never to index."""
        return self.aliases.is_ignored(name)
