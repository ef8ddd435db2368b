"""The field prefixes of the query language, in French and English."""

from __future__ import annotations

from dataclasses import dataclass

from search.normalize import fold

#: Where plain words are searched, and the query-time boost of each field.
DEFAULT_FIELDS = ("title", "body", "author")
#: The title counts twice already at index time (``field_boost`` in the schema);
#: 1.5 here, with a word's fields scored as one, was chosen on PIAF and the
#: headline check (README, "Ranking, measured").
BOOSTS = {"title": 1.5}


@dataclass(frozen=True)
class FieldSpec:
    """What a prefix such as ``acteur:`` searches, and how."""

    kind: str  # "text", "entity", "source" or "date"
    targets: tuple[str, ...]  # schema fields
    name: str  # the French prefix, for messages


_SPECS = (
    (("titre", "title"), FieldSpec("text", ("title",), "titre")),
    (("texte", "body", "text"), FieldSpec("text", ("body",), "texte")),
    (("auteur", "author"), FieldSpec("text", ("author",), "auteur")),
    (("acteur", "actor"), FieldSpec("entity", ("person", "organisation"), "acteur")),
    (("personne", "person"), FieldSpec("entity", ("person",), "personne")),
    (
        ("organisation", "org", "organization"),
        FieldSpec("entity", ("organisation",), "organisation"),
    ),
    (("lieu", "location", "place"), FieldSpec("entity", ("location",), "lieu")),
    (("entite", "entity"), FieldSpec("entity", ("person", "organisation", "location"), "entité")),
    (("source",), FieldSpec("source", ("source",), "source")),
    (("date",), FieldSpec("date", ("published",), "date")),
)
#: Folded prefix (``entité`` is ``entite``) -> spec.
FIELDS: dict[str, FieldSpec] = {name: spec for names, spec in _SPECS for name in names}
#: The French prefixes, for the unknown-field message.
FRENCH_NAMES = ", ".join(dict.fromkeys(spec.name for _, spec in _SPECS))


def field_spec(name: str) -> FieldSpec | None:
    """The spec of a typed prefix (case and accents ignored), or ``None``."""
    return FIELDS.get(fold(name))
