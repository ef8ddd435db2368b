"""Entity names the index knows, looked up by any tail of their words.

``Le Monde``, ``La Poste`` or ``Le Pen`` shrink to common words in the
analyzer (``mond``, ``post``, ``pen``). When the words of a query spell an
entity key the index holds (``le monde``), or the last words of one
(``le pen`` for ``marine le pen``), the query can ask for the entity itself.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence

from .facets import Registry
from .facetspec import ENTITY_FACETS

#: A tail naming more entities than this is too vague to stand for a name.
MAX_ENTITIES_PER_NAME = 5
#: A name's last words stand for it when they start with an article
#: (``le pen`` for ``marine le pen``), never with a preposition (``de france``
#: is not ``ile de france``).
ARTICLES = frozenset(["le", "la", "les", "l"])


class NameIndex:
    """Entity key or key tail (two words or more) -> (facet field, key) pairs."""

    def __init__(self, registries: Mapping[str, Registry]) -> None:
        self._lookup: dict[str, list[tuple[str, str]]] = {}
        self.size = _size(registries)
        for field in ENTITY_FACETS:
            registry = registries.get(field)
            for key in registry.values if registry is not None else ():
                words = key.split()
                for start in range(len(words) - 1):
                    if start == 0 or words[start] in ARTICLES:
                        tail = " ".join(words[start:])
                        self._lookup.setdefault(tail, []).append((field, key))

    def find(self, key: str) -> Sequence[tuple[str, str]]:
        """The entities whose key is *key* or ends with its words; () when vague."""
        found = self._lookup.get(key, ())
        exact = [pair for pair in found if pair[1] == key]
        if exact:
            return exact
        return found if len(found) <= MAX_ENTITIES_PER_NAME else ()


class NameCache:
    """One NameIndex per set of known entities, rebuilt when new ones appear."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._index: NameIndex | None = None

    def get(self, registries: Mapping[str, Registry]) -> NameIndex:
        """The index for *registries*, rebuilt only when they grew."""
        index = self._index
        if index is None or index.size != _size(registries):
            with self._lock:
                index = self._index = NameIndex(registries)
        return index


def _size(registries: Mapping[str, Registry]) -> int:
    return sum(len(registries[f].values) for f in ENTITY_FACETS if f in registries)
