"""The installation a user gets: one Whoosh, the fast stemmer, the import rules."""

from __future__ import annotations

import configparser
import pickle
import shutil
import subprocess
import sys
from importlib.metadata import distributions
from pathlib import Path

from click.testing import CliRunner

from index.cli import cli

ROOT = Path(__file__).resolve().parents[1]
WHOOSH_DISTRIBUTIONS = {"whoosh", "whoosh-reloaded", "whoosh-ng", "whoosh-novo"}


def test_exactly_one_whoosh_distribution_is_installed():
    # They all install into the same whoosh/ folder and overwrite each other.
    names = {d.metadata["Name"].lower() for d in distributions()}
    assert names & WHOOSH_DISTRIBUTIONS == {"whoosh-reloaded"}


def test_snowball_uses_pystemmer():
    import snowballstemmer
    import Stemmer

    stemmer = snowballstemmer.stemmer("french")
    assert isinstance(stemmer, Stemmer.Stemmer)
    # And the reason the filter keeps none in its state:
    try:
        pickle.dumps(stemmer)
    except TypeError:
        pass
    else:  # pragma: no cover - a future PyStemmer might pickle
        raise AssertionError("PyStemmer objects now pickle; revisit FrenchStemFilter")


def test_import_rules_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is missing: pip install -e '.[test]'"
    result = subprocess.run([lint], check=False, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    contracts = [s for s in config.sections() if s.startswith("importlinter:contract:")]
    assert len(contracts) >= 4  # includes: web imports nothing of the write side
    assert f"{len(contracts)} kept, 0 broken" in result.stdout


def test_loupe_analyze_prints_terms():
    result = CliRunner().invoke(cli, ["analyze", "L’Élysée et les États-Unis"])
    assert result.exit_code == 0
    lines = [line.split() for line in result.output.splitlines()]
    assert lines == [
        ["0", "Élysée", "elys"],
        ["et", "[et]"],
        ["les", "[les]"],
        ["1", "États", "etat"],
        ["2", "Unis", "unis"],
    ]


def test_loupe_analyze_json():
    result = CliRunner().invoke(cli, ["analyze", "--json", "aujourd’hui"])
    assert result.exit_code == 0
    assert '"term": "aujourdhui"' in result.output
    assert '"word": "aujourd’hui"' in result.output
