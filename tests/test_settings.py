"""The LOUPE_* settings: one table, documented in the README, checked when the app starts."""

from __future__ import annotations

import re

import pytest
from tests_support import ROOT, app_for

from web.settings import SETTINGS, BadSetting, read_settings, unknown_variables

README_ROW = re.compile(r"^\| `LOUPE_(\w+)` \| (.*?) \| (.*?) \|$", re.MULTILINE)


def readme_settings() -> dict[str, str]:
    """Setting name -> the default column of the README's settings table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {name: default for name, default, _ in README_ROW.findall(text)}


def test_every_setting_is_in_the_readme_and_every_readme_setting_exists():
    assert set(readme_settings()) == {s.name for s in SETTINGS}


def test_the_readme_shows_each_default_the_app_uses():
    documented = readme_settings()
    for setting in SETTINGS:
        shown = documented[setting.name]
        if setting.default:
            assert shown == f"`{setting.default}`", setting.name
        else:
            assert not shown.startswith("`"), setting.name


def test_the_readme_explains_each_setting_as_its_help_does():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    meanings = {name: meaning.replace("`", "") for name, _, meaning in README_ROW.findall(text)}
    for setting in SETTINGS:
        assert meanings[setting.name].startswith(setting.help), setting.name


def test_serve_help_lists_every_setting_with_its_default():
    from click.testing import CliRunner

    from web.cli import serve

    shown = " ".join(CliRunner().invoke(serve, ["--help"]).output.split())
    for setting in SETTINGS:
        assert f"{setting.variable} {setting.help}" in shown
        assert not setting.default or f"[default: {setting.default}]" in shown


def test_defaults_apply_when_nothing_is_set():
    values = read_settings({}, {})
    assert values["RATELIMIT_ENABLED"] is True
    assert values["SEARCH_TIME_LIMIT"] == 5.0 and values["SEARCH_WORKERS"] == 1
    assert values["CORS_ORIGINS"] == frozenset({"*"})
    assert str(values["INDEX_DIR"]) == "var/index"


def test_environment_values_are_parsed_as_operators_write_them():
    values = read_settings(
        {
            "LOUPE_RATELIMIT_ENABLED": "False",
            "LOUPE_SEARCH_TIME_LIMIT": "0",
            "LOUPE_SEARCH_WORKERS": " 4 ",
            "LOUPE_CORS_ORIGINS": "https://a.example/, http://b.example:8080",
        },
        {},
    )
    assert values["RATELIMIT_ENABLED"] is False
    assert values["SEARCH_TIME_LIMIT"] is None  # 0: no limit
    assert values["SEARCH_WORKERS"] == 4
    assert values["CORS_ORIGINS"] == {"https://a.example", "http://b.example:8080"}


def test_values_given_to_the_app_win_over_the_environment():
    values = read_settings({"LOUPE_SEARCH_WORKERS": "abc"}, {"SEARCH_WORKERS": 2})
    assert values["SEARCH_WORKERS"] == 2


def test_an_index_dir_that_is_a_file_is_refused(tmp_path):
    afile = tmp_path / "index.txt"
    afile.write_text("pas un index", encoding="utf-8")
    with pytest.raises(BadSetting, match="^LOUPE_INDEX_DIR=.* is a file"):
        app_for(afile)


def test_a_missing_alias_file_names_the_variable_and_the_file(tmp_path, corpus_index):
    missing = tmp_path / "absent.toml"
    with pytest.raises(
        BadSetting, match=f"^LOUPE_ALIASES=.*{re.escape(str(missing))}: cannot read alias file"
    ):
        app_for(corpus_index, ALIASES=str(missing))


def test_a_misspelt_variable_is_reported_with_the_setting_it_resembles():
    found = unknown_variables({"LOUPE_RATELIMT": "10/second", "LOUPE_INDEX_DIR": "x", "PATH": "/"})
    assert found == ["LOUPE_RATELIMT is not a Loupe setting (did you mean LOUPE_RATELIMIT?)"]
