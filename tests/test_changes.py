"""The changes feed: a bot keeps a mirror through reindexing, moves and full rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests_support import app_for

from index.cli import cli
from index.pipeline import IndexOptions, run_index

ARTICLES = {
    "borne": (
        "Élisabeth Borne présente la réforme des retraites",
        (
            "La Première ministre a présenté mardi la réforme des retraites, qui repousse "
            "l’âge légal de départ à 64 ans. Les syndicats appellent à la grève."
        ),
    ),
    "greve": (
        "Grève à la SNCF : un trafic très perturbé",
        (
            "La SNCF prévoit un trafic très perturbé jeudi à Marseille et à Lyon en raison "
            "d’une grève contre la réforme des retraites."
        ),
    ),
    "kaesong": (
        "La Corée du Nord fait exploser le bureau de liaison",
        (
            "Pyongyang a détruit mardi le bureau de liaison intercoréen de Kaesong, "
            "selon l’agence sud-coréenne Yonhap."
        ),
    ),
}


def write(folder: Path, name: str, keys: list[str], edits: dict[str, str] | None = None) -> None:
    records = []
    for key in keys:
        title, body = ARTICLES[key]
        records.append(
            json.dumps(
                {
                    "id": f"dep-{key}",
                    "title": title,
                    "date": "2023-01-10",
                    "source": "Fil Hexa",
                    "body": (edits or {}).get(key, body),
                },
                ensure_ascii=False,
            )
        )
    (folder / name).write_text("\n".join(records) + "\n", encoding="utf-8")


def index(corpus: Path, index_dir: Path, full: bool = False) -> None:
    report = run_index(IndexOptions(paths=[corpus], index_dir=index_dir, workers=0, full=full))
    assert not report.failed, report.summary()


@pytest.fixture
def mirror(tmp_path):
    corpus, index_dir = tmp_path / "articles", tmp_path / "index"
    corpus.mkdir()
    write(corpus, "fil.jsonl", ["borne", "greve"])
    index(corpus, index_dir)
    return corpus, index_dir, app_for(index_dir).test_client()


def changes(client, since: str | None = None, **params) -> dict:
    response = client.get(
        "/api/v1/changes", query_string={**({"since": since} if since else {}), **params}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def test_a_bot_follows_additions_updates_and_tombstones(mirror):
    corpus, index_dir, client = mirror
    start = changes(client)
    assert [(c["id"], c["change"]) for c in start["changes"]] == [
        ("dep-borne", "added"),
        ("dep-greve", "added"),
    ]
    assert changes(client, start["next"])["changes"] == []

    write(
        corpus,
        "fil.jsonl",
        ["borne", "kaesong"],
        edits={"borne": ARTICLES["borne"][1] + " Le texte sera débattu en février."},
    )
    index(corpus, index_dir)
    page = changes(client, start["next"])
    assert [(c["id"], c["change"]) for c in page["changes"]] == [
        ("dep-greve", "deleted"),
        ("dep-borne", "updated"),
        ("dep-kaesong", "added"),
    ]
    tombstone = page["changes"][0]
    assert tombstone["time"].startswith("20") and set(tombstone) == {"id", "change", "time"}
    assert client.get("/api/v1/articles/dep-greve").status_code == 404
    assert not page["more"] and changes(client, page["next"])["changes"] == []


def test_pages_come_with_the_token_and_link_to_continue(mirror):
    corpus, index_dir, client = mirror
    write(corpus, "autres.jsonl", ["kaesong"])
    index(corpus, index_dir)
    response = client.get("/api/v1/changes?limit=2")
    first = response.get_json()
    assert len(first["changes"]) == 2 and first["more"]
    assert response.headers["Link"].endswith(
        f'/api/v1/changes?since={first["next"]}&limit=2>; rel="next"'
    )
    rest = client.get(first["next_url"]).get_json()
    assert [c["id"] for c in rest["changes"]] == ["dep-kaesong"] and not rest["more"]


def test_tokens_survive_moves_and_full_rebuilds(mirror):
    corpus, index_dir, client = mirror
    token = changes(client)["next"]
    (corpus / "archives").mkdir()
    (corpus / "fil.jsonl").rename(corpus / "archives" / "depeches.jsonl")
    index(corpus, index_dir)
    assert changes(client, token)["changes"] == []  # a move changes no id
    write(corpus, "nouveau.jsonl", ["kaesong"])
    index(corpus, index_dir, full=True)
    after = changes(client, token)
    assert [(c["id"], c["change"]) for c in after["changes"]] == [("dep-kaesong", "added")]


def test_a_token_that_is_not_one_is_a_400_problem(mirror):
    _, _, client = mirror
    for bad in ("pas-un-jeton", "YzE6YWJjOi0x", "%%%"):
        response = client.get("/api/v1/changes", query_string={"since": bad})
        assert response.status_code == 400, bad
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["param"] == "since"
    assert client.get("/api/v1/changes?limit=0").status_code == 400


def test_a_token_of_a_lost_log_asks_for_a_full_resync(mirror):
    corpus, index_dir, client = mirror
    token = changes(client)["next"]
    (index_dir / "changes.sqlite3").unlink()
    index(corpus, index_dir, full=True)  # a new log starts
    response = client.get("/api/v1/changes", query_string={"since": token})
    assert response.status_code == 410
    problem = response.get_json()
    assert response.mimetype == "application/problem+json" and problem["param"] == "since"
    assert "full resync" in problem["detail"] and "without since" in problem["detail"]
    restart = changes(client)
    assert {c["id"] for c in restart["changes"]} == {"dep-borne", "dep-greve"}


def test_the_command_line_lists_the_same_changes(mirror):
    _, index_dir, client = mirror
    runner = CliRunner()
    result = runner.invoke(cli, ["changes", "--index-dir", str(index_dir), "--json"])
    assert result.exit_code == 0, result.output
    api = changes(client)
    assert json.loads(result.output) == {k: v for k, v in api.items() if k != "next_url"}
    text = runner.invoke(cli, ["changes", "--index-dir", str(index_dir), "--since", api["next"]])
    assert text.exit_code == 0 and text.output.startswith("next: ")
    bad = runner.invoke(cli, ["changes", "--index-dir", str(index_dir), "--since", "jeton"])
    assert bad.exit_code == 2 and "is not a changes token" in bad.output
    (index_dir / "changes.sqlite3").unlink()
    gone = runner.invoke(cli, ["changes", "--index-dir", str(index_dir), "--since", api["next"]])
    assert gone.exit_code == 4 and "full resync" in gone.output


def test_a_damaged_log_is_a_503_problem_not_a_500(mirror):
    _, index_dir, client = mirror
    (index_dir / "changes.sqlite3").write_bytes(b"ceci n'est pas une base SQLite" * 100)
    response = client.get("/api/v1/changes")
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert "change log" in response.get_json()["detail"]
    runner = CliRunner()
    listed = runner.invoke(cli, ["changes", "--index-dir", str(index_dir)])
    assert listed.exit_code == 3 and "cannot be read" in listed.output
    indexed = runner.invoke(
        cli,
        [
            "index",
            str(index_dir.parent / "articles"),
            "--index-dir",
            str(index_dir),
            "--workers",
            "0",
        ],
    )
    assert indexed.exit_code == 3 and "move the file away" in indexed.output


def test_changes_of_a_missing_index_say_so_instead_of_listing_nothing(tmp_path):
    result = CliRunner().invoke(cli, ["changes", "--index-dir", str(tmp_path / "nowhere")])
    assert result.exit_code == 3
    assert "no Loupe index in" in result.output and "loupe index PATH..." in result.output
