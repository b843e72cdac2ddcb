"""``ringdesk contacts import|list|export`` as a user runs them: a broken quote costs one row (named by its
own line), duplicate numbers are reported, an unchanged file changes nothing, rejected rows fail the
command, and what ``export`` writes ``import`` reads back unchanged."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services.context import Context

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def polish_region(ringdesk_home: Path) -> None:
    """The files below write Polish numbers without a country code: say so in config.toml, so the tests do
    not depend on the machine's locale (an unset region follows it)."""
    from app.config.paths import resolve

    resolve().ensure().config_file.write_text('[general]\nregion = "PL"\n', encoding="utf-8")


def ringdesk(*argv: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in its own process (exit code, stdout and stderr as a user sees them)."""
    env = dict(os.environ)
    if home is not None:
        env["RINGDESK_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "app", *argv], capture_output=True, text=True, cwd=REPO, env=env, timeout=120
    )


def names(home: Path | None = None) -> dict[str, str]:
    """Every contact's first number → name, read back through ``contacts list --format json``."""
    result = ringdesk("contacts", "list", "--format", "json", home=home)
    assert result.returncode == 0, result.stderr
    return {c["phones"][0]["number"]: c["name"] for c in json.loads(result.stdout)}


def test_an_unbalanced_quote_costs_its_own_row_only(tmp_path: Path) -> None:
    """Before: line 3's open quote swallowed the next rows into one field; the damage was reported under a
    later line, and Piotr was silently lost."""
    source = tmp_path / "contacts.csv"
    source.write_text(
        "name;phone;company;note\n"
        "Anna;600100200;A;\n"
        '"Jan Kowalski;600100201;B;\n'  # line 3: the quote is never closed
        "Piotr;600100202;C;\n"
        'Ola;600100203;"Firma ""X""";"first line\n'  # a quoted note over two lines is fine
        'second line"\n'
        "Ewa;600100204;E;\n",
        encoding="utf-8",
    )
    result = ringdesk("contacts", "import", str(source))
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0] == (
        f'{source}:3: rejected: unbalanced quote ("): the quoted text never ends; the rows after it are read on'
    )
    assert "imported 4, updated 0, unchanged 0, rejected 1" in result.stdout
    assert names() == {
        "+48600100200": "Anna",
        "+48600100202": "Piotr",
        "+48600100203": "Ola",
        "+48600100204": "Ewa",
    }
    ola = next(c for c in json.loads(ringdesk("contacts", "list", "--format", "json").stdout) if c["name"] == "Ola")
    assert (ola["company"], ola["note"]) == ('Firma "X"', "first line\nsecond line")


def test_an_open_quote_on_the_last_line_is_named_by_that_line(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text('name,phone\nAnna,600100200\n"Jan,600100201\n', encoding="utf-8")
    result = ringdesk("contacts", "import", str(source))
    assert result.returncode == 1
    assert f"{source}:3: rejected: unbalanced quote" in result.stderr
    assert "imported 1," in result.stdout


def test_a_rejected_row_is_named_by_its_first_line(tmp_path: Path) -> None:
    """A row whose quoted note spans lines 2–4 is named by line 2, where it starts (before: by line 4)."""
    source = tmp_path / "contacts.csv"
    source.write_text('name,phone,note\nAnna,12-ab,"one\ntwo\nthree"\nEwa,600100204,\n', encoding="utf-8")
    result = ringdesk("contacts", "import", str(source))
    assert f"{source}:2: rejected: invalid phone number '12-ab'" in result.stderr


def test_duplicate_numbers_are_reported_with_their_lines(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    source.write_text(
        "name;phone;phone2\n"
        "Anna;600100200;\n"
        "Jan;600100201;\n"
        "Anna Nowak;+48 600 100 200;\n"  # line 4: the same first number as line 2: one contact
        "Ewa;600100204;600 100 201\n",  # line 5: Jan's number as a second one: two contacts share it
        encoding="utf-8",
    )
    result = ringdesk("contacts", "import", str(source))
    assert result.returncode == 0, result.stderr
    assert f"{source}:4: duplicate: +48600100200 is also on line 2: one contact, with line 4's values" in result.stderr
    assert f"{source}:5: duplicate: +48600100201 is also on line 3: both contacts have it" in result.stderr
    assert "imported 3, updated 0, unchanged 0, rejected 0 (2 duplicate numbers)" in result.stdout
    assert names()["+48600100200"] == "Anna Nowak"


def test_an_unchanged_file_changes_nothing(tmp_path: Path) -> None:
    """Before: importing the same file again reported 'updated 2'."""
    source = tmp_path / "contacts.csv"
    source.write_text("name,phone,company\nAnna,600100200,A\nJan,600100201,B\n", encoding="utf-8")
    assert ringdesk("contacts", "import", str(source)).returncode == 0
    again = ringdesk("contacts", "import", str(source))
    assert again.returncode == 0 and "imported 0, updated 0, unchanged 2, rejected 0" in again.stdout
    source.write_text("name,phone,company\nAnna,600100200,A\nJan,600100201,B2\n", encoding="utf-8")
    assert "imported 0, updated 1, unchanged 1, rejected 0" in ringdesk("contacts", "import", str(source)).stdout


def test_exit_codes_are_documented_and_kept(tmp_path: Path) -> None:
    good, mixed, bad = tmp_path / "good.csv", tmp_path / "mixed.csv", tmp_path / "bad.csv"
    good.write_text("name,phone\nAnna,600100200\n", encoding="utf-8")
    mixed.write_text("name,phone\nJan,600100201\nBad,12-ab\n", encoding="utf-8")
    bad.write_text("nazwa,telefon\nJan,600100201\n", encoding="utf-8")
    assert ringdesk("contacts", "import", str(good)).returncode == 0
    assert ringdesk("contacts", "import", str(mixed)).returncode == 1  # before: 0, as some rows were imported
    assert ringdesk("contacts", "import", str(bad)).returncode == 2
    assert ringdesk("contacts", "import", str(tmp_path / "missing.csv")).returncode == 2
    help_text = " ".join(ringdesk("contacts", "import", "--help").stdout.split())
    assert "Exit status: 0 every row was imported; 1 some rows were rejected" in help_text
    assert "2 the file could not be read" in help_text


def test_list_is_safe_in_a_terminal_and_a_spreadsheet(capsys: pytest.CaptureFixture[str]) -> None:
    """The import stores names clean, but contacts also come from a CRM sync or the team hub as they were
    typed there: stored as given (the hostile one below), ``list`` still shows them safely."""
    from app.core.models import Contact, ContactPhone

    context = Context.open()
    context.contacts.save_many(
        [
            Contact(
                "Evil\x1b]0;pwned\x07\x1b[2JName",
                [ContactPhone("+48600100200")],
                company='=HYPERLINK("http://x")',
                note="a\rb",
                source="crm",
                source_id="1",
            ),
            Contact("Zofia", [ContactPhone("+48600100201")], company="Plain", source="crm", source_id="2"),
        ]
    )
    context.close()

    assert main(["contacts", "list"]) == 0
    table = capsys.readouterr().out
    assert "\x1b" not in table and "\x07" not in table and "\r" not in table
    assert "EvilName" in table and "+48 600 100 201" in table and "Zofia" in table

    assert main(["contacts", "list", "--format", "csv"]) == 0
    listed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    evil = next(r for r in listed if r["name"] == "EvilName")
    assert evil["company"] == '\'=HYPERLINK("http://x")' and evil["phones"] == "+48600100200"

    assert main(["contacts", "list", "--format", "json", "--search", "Evil"]) == 0
    (exact,) = json.loads(capsys.readouterr().out)
    assert exact["name"] == "Evil\x1b]0;pwned\x07\x1b[2JName" and exact["company"].startswith("=HYPERLINK")


def test_export_reads_back_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "contacts.csv"
    rows = [
        ["name", "phone", "phone2", "phone3", "company", "email", "note", "responsible"],
        ["Anna", "600 100 200", "+7 910 123-45-67", "", "ACME; Sp. z o.o.", "anna@example.pl", "", "jan"],
        ["Jan", "600100201", "", "", '=cmd|" /C calc"!A0', "", 'call back\non Monday, "after 10"', ""],
        ["Ewa", "+48 600 100 202", "600100203", "600100204", "@SUM(1)", "", "-5 owed", ""],
    ]
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)
    assert ringdesk("contacts", "import", str(source)).returncode == 0
    exported = tmp_path / "export.csv"
    result = ringdesk("contacts", "export", str(exported))
    assert result.returncode == 0 and "exported 3 contacts" in result.stdout
    first = exported.read_text(encoding="utf-8")
    assert "'=cmd" in first and "'@SUM(1)" in first  # a spreadsheet opening it runs nothing

    again = ringdesk("contacts", "import", str(exported))  # the same home: nothing to change
    assert again.returncode == 0 and "imported 0, updated 0, unchanged 3, rejected 0" in again.stdout

    other = tmp_path / "other-home"
    assert ringdesk("contacts", "import", str(exported), home=other).returncode == 0
    assert ringdesk("contacts", "export", str(tmp_path / "second.csv"), home=other).returncode == 0
    assert (tmp_path / "second.csv").read_text(encoding="utf-8") == first
    listed = json.loads(ringdesk("contacts", "list", "--format", "json", home=other).stdout)
    jan = next(c for c in listed if c["name"] == "Jan")
    assert jan["company"] == '=cmd|" /C calc"!A0' and jan["note"] == 'call back\non Monday, "after 10"'
    anna = next(c for c in listed if c["name"] == "Anna")
    assert [p["number"] for p in anna["phones"]] == ["+48600100200", "+79101234567"]
    assert Context.open(other).contacts.count() == 3


def test_export_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    target.write_text("precious", encoding="utf-8")
    result = ringdesk("contacts", "export", str(target))
    assert result.returncode == 2 and "exists already" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    assert ringdesk("contacts", "export", "--force", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8-sig").startswith("name,phone")


def test_hostile_names_are_stored_clean_and_read_back_unchanged(tmp_path: Path) -> None:
    """Before: the import stored terminal escapes and bidi overrides as they came, the export left them out
    (it must: the file is opened in a spreadsheet and printed in terminals), and importing the export said
    "updated 2": the promise that an export reads back unchanged did not hold for them."""
    source = tmp_path / "contacts.csv"
    rows = [
        ["name", "phone", "company", "note"],
        ["Evil\x1b]0;pwned\x07\x1b[31mRed\x1b[0m", "600100200", "ACME\x9b2J", "line one\x1b[2J\nline two"],
        ["\u202eabc\u202c Kowalski", "600100201", "\x1b[1m B\x7f", "a\rb"],  # " B" would read back as "B"
    ]
    with source.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert ringdesk("contacts", "import", str(source)).returncode == 0
    listed = json.loads(ringdesk("contacts", "list", "--format", "json").stdout)
    stored = sorted((c["name"], c["company"], c["note"]) for c in listed)
    assert stored == [("EvilRed", "ACME", "line one\nline two"), ("abc Kowalski", "B", "a b")]

    exported = tmp_path / "export.csv"
    assert ringdesk("contacts", "export", str(exported)).returncode == 0
    again = ringdesk("contacts", "import", str(exported))
    assert again.returncode == 0 and "imported 0, updated 0, unchanged 2, rejected 0" in again.stdout
    again = ringdesk("contacts", "import", str(source))  # the hostile file itself: the same clean contacts
    assert again.returncode == 0 and "imported 0, updated 0, unchanged 2, rejected 0" in again.stdout
