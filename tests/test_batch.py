"""Batch search: the page, POST /api/v1/batch and loupe search --batch, on the bundled corpus."""

from __future__ import annotations

import csv
import io
import json

import lxml.html
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from tests_support import app_for

from index.cli import cli
from web.batch import lines_from_text

NAMES = [
    "Vladimir Poutine\tPrésident russe",
    "Putin",
    "",
    "Kim Jong-un;Dirigeant",
    '"Corée du Nord AND (',
    "Gaston Lagaffe",
    "Charles de Gaulle",
]


@pytest.fixture(scope="module")
def client(corpus_index):
    return app_for(corpus_index).test_client()


def batch(client, queries, **filters):
    return client.post("/api/v1/batch", json={"queries": queries, **filters})


def test_each_line_gets_its_counts_dates_and_companions(client):
    response = batch(
        client,
        [
            "Vladimir Poutine",
            {"q": "Kim Jong-un", "label": "Dirigeant"},
            "retraites réforme",
            "Gaston Lagaffe",
        ],
    )
    assert response.status_code == 200
    data = response.get_json()
    poutine, kim, retraites, nobody = data["rows"]
    assert (data["count"], data["matched"], data["limit"]) == (4, 3, 1000)
    search = client.get(
        '/api/v1/search?q=entite:"Vladimir Poutine"&match=all&sort=date&per_page=1'
    ).get_json()
    assert poutine["total"] == search["total"] >= 5
    assert poutine["first"] == search["hits"][0]["published"]
    assert poutine["first"] < poutine["last"]
    assert poutine["reading"] == "name" and poutine["searched"] == 'entite:"Vladimir Poutine"'
    assert "vladimir poutine" not in {e["value"] for e in poutine["person"]}
    assert {e["value"] for e in poutine["location"]} & {"ukraine", "moscou", "russie"}
    assert kim["label"] == "Dirigeant" and kim["total"] > 0
    assert retraites["reading"] == "query" and retraites["total"] > 0
    # A name nobody cites is kept, marked, and was searched as the exact phrase.
    assert (nobody["total"], nobody["searched"], nobody["first"]) == (0, '"Gaston Lagaffe"', None)


def test_aliases_apply_and_filters_narrow_every_line(client):
    rows = batch(client, ["Vladimir Putin", "Vladimir Poutine"]).get_json()["rows"]
    assert rows[0]["total"] == rows[1]["total"] > 0
    narrowed = batch(client, ["Vladimir Poutine"], **{"from": "2024", "to": "2024"})
    row = narrowed.get_json()["rows"][0]
    assert 0 < row["total"] < rows[1]["total"]
    assert row["first"].startswith("2024") and row["last"].startswith("2024")


def test_a_broken_query_is_repaired_and_said_so(client):
    row = batch(client, ['"Corée du Nord AND (']).get_json()["rows"][0]
    assert row["reading"] == "query"
    assert any("Guillemet non fermé" in note for note in row["notes"])


@pytest.mark.parametrize(
    "body, param",
    [
        ({"queries": []}, "queries"),
        ({"queries": ["Macron"] * 1001}, "queries"),
        ({"queries": [12]}, "queries"),
        ({"queries": ["x" * 2001]}, "queries"),
        ({"q": "Macron"}, "queries"),
        ({"queries": ["Macron"], "from": "hier"}, "from"),
        ({"queries": ["Macron"], "source": [1]}, "source"),
    ],
    ids=["empty", "1001-lines", "not-text", "too-long", "no-queries", "bad-date", "bad-source"],
)
def test_bad_batches_are_400_problems(client, body, param):
    response = client.post("/api/v1/batch", json=body)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["param"] == param
    assert client.post("/api/v1/batch", data="Macron").status_code == 400


def test_the_page_runs_a_pasted_list_and_keeps_lines_without_results(client):
    response = client.post("/lot", data={"lignes": "\n".join(NAMES)})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.get_data(as_text=True))
    rows = doc.xpath('//table[contains(@class, "batch-results")]/tbody/tr')
    assert len(rows) == 6  # the blank line is skipped
    assert [r.get("class") for r in rows].count("none") >= 2
    first = rows[0].text_content()
    assert "Président russe" in first and "lue comme le nom d’une entité connue" in first
    assert "Guillemet non fermé" in rows[3].text_content()
    assert "aucun article" in rows[4].text_content()
    link = rows[0].xpath(".//a")[0].get("href")
    assert client.get(link).status_code == 200
    fiche = rows[0].xpath('.//a[starts-with(@href, "/entites/")]/@href')[0]
    assert client.get(fiche).status_code == 200


def test_the_page_says_what_is_wrong_in_french(client):
    empty = client.post("/lot", data={"lignes": "\n \n"})
    assert empty.status_code == 400
    assert "La liste est vide" in empty.get_data(as_text=True)
    too_many = client.post("/lot", data={"lignes": "\n".join(["Macron"] * 1001)})
    assert too_many.status_code == 400
    assert "1 001 lignes" in too_many.get_data(as_text=True).replace("\u202f", " ")
    bad_date = client.post("/lot", data={"lignes": "Macron", "from": "hier"})
    assert bad_date.status_code == 400 and "Filtre « from »" in bad_date.get_data(as_text=True)
    assert "Recherche par lot" in client.get("/lot").get_data(as_text=True)


def test_an_uploaded_windows_1252_csv_file_works(client):
    data = "Élisabeth Borne;Première ministre\r\nEmmanuel Macron;Président\r\n".encode("cp1252")
    response = client.post(
        "/lot", data={"fichier": (io.BytesIO(data), "noms.csv")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "Première ministre" in text and "Élisabeth Borne" in text


def test_downloads_open_in_french_excel(client):
    form = {"lignes": "Vladimir Poutine;Président russe\nGaston Lagaffe\n=HYPERLINK(1)"}
    raw = client.post("/lot", data={**form, "format": "csv"})
    assert raw.status_code == 200 and raw.mimetype == "text/csv"
    assert "attachment" in raw.headers["Content-Disposition"]
    body = raw.get_data()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["ligne", "libellé", "requête", "lue comme", "articles"]
    assert rows[1][1] == "Président russe" and int(rows[1][4]) > 0
    assert rows[2][4] == "0"
    assert rows[3][2].startswith("'=")  # never run as a formula
    xlsx = client.post("/lot", data={**form, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.get_data())).active
    assert sheet["B2"].value == "Président russe" and sheet["E2"].value == int(rows[1][4])
    assert sheet.auto_filter.ref == "A1:L4" and sheet.freeze_panes == "A2"
    formula = sheet["C4"]  # the line as typed, stored as text: Excel never runs it
    assert formula.value == "=HYPERLINK(1)" and formula.data_type == "s"


def test_the_command_line_prints_rows_or_the_api_json(corpus_index, tmp_path, client):
    listing = tmp_path / "noms.txt"
    listing.write_text("\n".join(NAMES), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["search", "--batch", str(listing), "--index-dir", str(corpus_index), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    api = batch(
        client,
        [{"q": line.text, "label": line.label} for line in lines_from_text("\n".join(NAMES))],
    ).get_json()
    assert [r["total"] for r in data["rows"]] == [r["total"] for r in api["rows"]]
    text = runner.invoke(cli, ["search", "--batch", str(listing), "--index-dir", str(corpus_index)])
    assert text.exit_code == 0 and "Président russe" in text.output
    assert "(aucun article)" in text.output
    listing.write_text("", encoding="utf-8")
    empty = runner.invoke(
        cli, ["search", "--batch", str(listing), "--index-dir", str(corpus_index)]
    )
    assert empty.exit_code == 2 and "no query" in empty.output
