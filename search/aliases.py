"""The alias table: canonical French labels for people, organisations and places.

The table is TOML.  Each ``[[entity]]`` gives a ``label`` (the French display
name, accents included), a ``type`` (``person``, ``organisation`` or
``location``) and ``aliases`` (other spellings, acronyms, foreign names);
a top-level ``ignore`` array lists names never to index (photo credits and
the like)::

    ignore = ["Getty Images"]

    [[entity]]
    label = "Corée du Nord"
    type = "location"
    aliases = ["RPDC", "North Korea"]

Spellings meet on :func:`search.normalize.match_key`, so case, accents,
hyphens and elided articles never need their own alias (``Kim Jong Un`` is
``Kim Jong-un``, ``l’OTAN`` is ``OTAN``).

Several files merge in order: an entry whose label (or any alias) matches an
entry of an earlier file *is* that entity; its aliases are added and its
label and type replace the earlier ones.  Within one file, one spelling may
not name two entities.  Ignored names add up across files, and a name listed
as an alias in a later file is no longer ignored.

Users choose files with the ``LOUPE_ALIASES`` variable, which the caller reads
and passes to :func:`aliases_from_spec`: colon-separated paths that replace
the shipped table, or, with a leading ``+``, extend it
(``LOUPE_ALIASES=+/etc/loupe/aliases.toml``).
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from search.normalize import match_key

log = logging.getLogger(__name__)

#: The table shipped with Loupe.
DEFAULT_ALIASES = Path(__file__).parent / "data" / "aliases.toml"
#: Names repeat across articles: fold each spelling once per process.

#: Entity types an alias file may use, as facets show them.
KINDS = ("person", "organisation", "location")


class AliasFileError(ValueError):
    """An alias file that cannot be read or does not follow the format."""


@dataclass(frozen=True)
class Canonical:
    """The canonical form of a name: French label, type and folded key."""

    label: str
    kind: str
    key: str


@dataclass
class _Entry:
    label: str
    kind: str
    names: set[str] = field(default_factory=set)


class AliasTable:
    """Lookups from any known spelling to its canonical entity."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}  # canonical key -> entry
        self._index: dict[str, str] = {}  # key of any spelling -> canonical key
        self._ignored: set[str] = set()

    def __len__(self) -> int:
        return len(self._entries)

    def canonical(self, name: str) -> Canonical | None:
        """The entity *name* spells, or ``None`` when the table does not know it."""
        key = self._index.get(match_key(name))
        if key is None:
            return None
        entry = self._entries[key]
        return Canonical(entry.label, entry.kind, key)

    def names_for(self, key: str) -> set[str]:
        """Every known spelling of the entity whose key (or any alias key) is *key*."""
        entry = self._entries.get(self._index.get(match_key(key), ""))
        return set(entry.names) if entry else set()

    def is_ignored(self, name: str) -> bool:
        """True for names listed under ``ignore``: they never become entities."""
        return match_key(name) in self._ignored

    def add(self, label: str, kind: str, aliases: Iterable[str] = ()) -> Canonical:
        """Add an entity, or merge into the one that already owns a spelling."""
        spellings = [label, *aliases]
        keys = [k for k in map(match_key, spellings) if k]
        old = next((self._index[k] for k in keys if k in self._index), None)
        entry = self._entries.pop(old) if old else _Entry(label, kind)
        entry.label, entry.kind = label, kind
        entry.names.update(spellings)
        new = match_key(label)
        self._entries[new] = entry
        for name in entry.names:
            self._index[match_key(name)] = new
        self._ignored.difference_update(keys)
        return Canonical(label, kind, new)

    def ignore(self, names: Iterable[str]) -> None:
        """Never index these names."""
        self._ignored.update(k for k in map(match_key, names) if k)


def load_aliases(paths: Sequence[Path] | None = None, *, replace: bool = False) -> AliasTable:
    """Read the shipped table, then *paths* on top (or only *paths* if *replace*)."""
    files = [] if replace else [DEFAULT_ALIASES]
    files.extend(Path(p) for p in paths or ())
    table = AliasTable()
    for path in files:
        _merge_file(table, path)
    log.debug("alias table: %d entities from %s", len(table), files)
    return table


def aliases_from_spec(spec: str | None) -> AliasTable:
    """Table for a ``LOUPE_ALIASES`` value: ``a.toml:b.toml`` replaces, ``+a.toml`` extends."""
    spec = (spec or "").strip()
    if not spec:
        return load_aliases()
    replace = not spec.startswith("+")
    paths = [Path(p) for p in spec.lstrip("+").split(":") if p.strip()]
    return load_aliases(paths, replace=replace)


def _merge_file(table: AliasTable, path: Path) -> None:
    data = _read_toml(path)
    unknown = set(data) - {"entity", "ignore"}
    if unknown:
        raise AliasFileError(
            f"{path}: unknown top-level key(s) {sorted(unknown)}; "
            "expected [[entity]] tables and an ignore array"
        )
    table.ignore(_string_list(data.get("ignore", []), f"{path}: ignore"))
    entities = data.get("entity", [])
    if not isinstance(entities, list):
        raise AliasFileError(f"{path}: 'entity' must be an array of tables ([[entity]])")
    owners: dict[str, str] = {}
    for number, raw in enumerate(entities, start=1):
        label, kind, aliases = _check_entry(raw, path, number)
        _claim(owners, [label, *aliases], label, path, number)
        table.add(label, kind, aliases)


def _read_toml(path: Path) -> dict[str, object]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise AliasFileError(f"{path}: cannot read alias file ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise AliasFileError(f"{path}: alias file is not UTF-8 ({error.reason})") from error
    except tomllib.TOMLDecodeError as error:
        raise AliasFileError(f"{path}: invalid TOML: {error}") from error


def _check_entry(raw: object, path: Path, number: int) -> tuple[str, str, list[str]]:
    where = f"{path}: entity #{number}"
    if not isinstance(raw, Mapping):
        raise AliasFileError(f"{where}: expected a table with label, type and aliases")
    label = raw.get("label")
    if not isinstance(label, str) or not match_key(label):
        raise AliasFileError(f"{where}: 'label' must be a non-empty name, got {label!r}")
    where = f"{where} ({label!r})"
    unknown = set(raw) - {"label", "type", "aliases"}
    if unknown:
        raise AliasFileError(f"{where}: unknown key(s) {sorted(unknown)}")
    kind = raw.get("type")
    if kind not in KINDS:
        raise AliasFileError(f"{where}: 'type' must be one of {', '.join(KINDS)}, got {kind!r}")
    return label.strip(), str(kind), _string_list(raw.get("aliases", []), f"{where}: aliases")


def _string_list(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and match_key(v) for v in value):
        raise AliasFileError(f"{where}: expected a list of non-empty names, got {value!r}")
    return [v.strip() for v in value]


def _claim(owners: dict[str, str], names: list[str], label: str, path: Path, number: int) -> None:
    """Refuse a spelling that two entries of the same file both claim."""
    for name in names:
        owner = owners.setdefault(match_key(name), label)
        if match_key(owner) != match_key(label):
            raise AliasFileError(
                f"{path}: entity #{number} ({label!r}): {name!r} already "
                f"names {owner!r} in this file; keep it in one entry"
            )
