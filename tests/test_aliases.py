"""The alias table: shipped entries, user files on top, clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from search.aliases import AliasFileError, AliasTable, aliases_from_spec, load_aliases


@pytest.fixture(scope="module")
def shipped() -> AliasTable:
    return load_aliases()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("spelling", "label", "kind"),
    [
        ("RPDC", "Corée du Nord", "location"),
        ("République populaire démocratique de Corée", "Corée du Nord", "location"),
        ("north korea", "Corée du Nord", "location"),
        ("Kiev", "Kyiv", "location"),
        ("Kursk", "Koursk", "location"),
        ("l’OTAN", "OTAN", "organisation"),
        ("NATO", "OTAN", "organisation"),
        ("Nations unies", "ONU", "organisation"),
        ("UE", "Union européenne", "organisation"),
        ("Union europeenne", "Union européenne", "organisation"),
        ("Putin", "Vladimir Poutine", "person"),
        ("Vladimir Putin", "Vladimir Poutine", "person"),
        ("Zelenskyy", "Volodymyr Zelensky", "person"),
        ("Kim Jong Un", "Kim Jong-un", "person"),
        ("l'Élysée", "Élysée", "organisation"),
    ],
    ids=[
        "acronym",
        "long-form",
        "english-lowercase",
        "kiev-kyiv",
        "kursk",
        "elided-typographic",
        "nato",
        "nations-unies",
        "ue",
        "no-accents",
        "putin",
        "full-english",
        "zelenskyy",
        "hyphen-insensitive",
        "elided-ascii",
    ],
)
def test_shipped_table_resolves_french_news_spellings(shipped, spelling, label, kind):
    found = shipped.canonical(spelling)
    assert found is not None
    assert (found.label, found.kind) == (label, kind)


def test_unknown_name_has_no_canonical_form(shipped):
    assert shipped.canonical("Jean Dupont-Moretti") is None


def test_names_for_lists_every_spelling_for_query_expansion(shipped):
    key = shipped.canonical("Corée du Nord").key
    assert {"Corée du Nord", "RPDC", "North Korea"} <= shipped.names_for(key)
    assert shipped.names_for("RPDC") == shipped.names_for(key)
    assert shipped.names_for("nulle part") == set()


@pytest.mark.parametrize(
    "name",
    ["Getty Images", "getty images", "GETTY  IMAGES"],
    ids=["as-written", "lowercase", "uppercase-spaces"],
)
def test_photo_credits_are_ignored(shipped, name):
    assert shipped.is_ignored(name)


def test_a_news_agency_is_not_ignored(shipped):
    assert not shipped.is_ignored("AFP")
    assert shipped.canonical("AFP").label == "Agence France-Presse"


def test_user_file_extends_and_merges_into_shipped_entries(tmp_path):
    user = write(
        tmp_path,
        "mine.toml",
        """
        [[entity]]
        label = "Corée du Nord"
        type = "location"
        aliases = ["Corée-du-Nord", "Nord Corée", "régime de Pyongyang"]

        [[entity]]
        label = "Édouard Philippe"
        type = "person"
        aliases = ["Edouard Philippe", "le maire du Havre"]
    """,
    )
    table = load_aliases([user])
    assert table.canonical("régime de Pyongyang").label == "Corée du Nord"
    assert table.canonical("RPDC").label == "Corée du Nord"  # shipped alias kept
    assert table.canonical("le maire du Havre").label == "Édouard Philippe"
    assert table.canonical("OTAN") is not None  # the rest of the shipped table is there


def test_later_file_renames_an_entity_and_keeps_old_spellings(tmp_path):
    user = write(
        tmp_path,
        "rename.toml",
        """
        [[entity]]
        label = "Kiev"
        type = "location"
        aliases = ["Kyiv"]
    """,
    )
    table = load_aliases([user])
    found = table.canonical("Kyïv")
    assert (found.label, found.key) == ("Kiev", "kiev")
    assert "Kyiv" in table.names_for("kiev")


def test_replace_drops_the_shipped_table(tmp_path):
    user = write(
        tmp_path,
        "only.toml",
        """
        [[entity]]
        label = "Saint-Étienne"
        type = "location"
        aliases = ["Sainté"]
    """,
    )
    table = load_aliases([user], replace=True)
    assert table.canonical("Sainté").label == "Saint-Étienne"
    assert table.canonical("OTAN") is None
    assert len(table) == 1


def test_a_later_alias_lifts_an_ignore(tmp_path):
    user = write(
        tmp_path,
        "credits.toml",
        """
        [[entity]]
        label = "Getty Images"
        type = "organisation"
        aliases = []
    """,
    )
    table = load_aliases([user])
    assert not table.is_ignored("Getty Images")
    assert table.canonical("Getty Images").kind == "organisation"


def test_ignore_lists_add_up(tmp_path):
    user = write(tmp_path, "ignore.toml", 'ignore = ["Crédit photo", "Le Parisien Photo"]\n')
    table = load_aliases([user])
    assert table.is_ignored("crédit photo") and table.is_ignored("Getty Images")


@pytest.mark.parametrize(
    ("spec", "has_shipped", "has_user"),
    [
        ("", True, False),
        ("+{user}", True, True),
        ("{user}", False, True),
        ("{other}:{user}", False, True),
        ("+{other}:{user}", True, True),
    ],
    ids=["unset", "plus-extends", "replaces", "colon-separated", "plus-several"],
)
def test_loupe_aliases_spec(tmp_path, spec, has_shipped, has_user):
    user = write(tmp_path, "user.toml", '[[entity]]\nlabel = "Sainté"\ntype = "location"\n')
    other = write(tmp_path, "other.toml", 'ignore = ["Pub"]\n')
    table = aliases_from_spec(spec.format(user=user, other=other))
    assert (table.canonical("OTAN") is not None) is has_shipped
    assert (table.canonical("Sainté") is not None) is has_user


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[entity]]\nlabel = "Lyon\ntype = "location"\n', "line 2"),
        (
            '[[entity]]\nlabel = "Lyon"\ntype = "ville"\n',
            "entity #1 ('Lyon'): 'type' must be one of",
        ),
        ('[[entity]]\ntype = "location"\n', "entity #1: 'label' must be a non-empty name"),
        (
            '[[entity]]\nlabel = "Lyon"\ntype = "location"\naliases = "Lugdunum"\n',
            "entity #1 ('Lyon'): aliases: expected a list",
        ),
        (
            '[[entity]]\nlabel = "Lyon"\ntype = "location"\nalias = ["Lugdunum"]\n',
            "unknown key(s) ['alias']",
        ),
        (
            (
                '[[entity]]\nlabel = "Lyon"\ntype = "location"\n'
                '[[entity]]\nlabel = "Lugdunum"\ntype = "location"\naliases = ["lyon"]\n'
            ),
            "entity #2 ('Lugdunum'): 'lyon' already names 'Lyon'",
        ),
        ('ignore = "Getty Images"\n', "ignore: expected a list"),
        ('[entities]\nlabel = "Lyon"\n', "unknown top-level key(s) ['entities']"),
    ],
    ids=[
        "bad-toml",
        "bad-type",
        "no-label",
        "aliases-not-list",
        "misspelt-key",
        "same-alias-twice",
        "ignore-not-list",
        "misspelt-table",
    ],
)
def test_malformed_file_names_the_file_and_the_entry(tmp_path, text, message):
    path = write(tmp_path, "broken.toml", text)
    with pytest.raises(AliasFileError) as caught:
        load_aliases([path])
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(AliasFileError, match="cannot read alias file"):
        load_aliases([tmp_path / "absent.toml"])


def test_non_utf8_file_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[[entity]]\nlabel = "Orléans"\ntype = "location"\n'.encode("latin-1"))
    with pytest.raises(AliasFileError, match="not UTF-8"):
        load_aliases([path])
