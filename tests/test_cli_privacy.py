"""``roundtable privacy export|erase|review|keep|retention|audit`` end to end through ``main``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from roundtable import actions, context
from roundtable.cli import main
from roundtable.demo import load_demo
from roundtable.people import persons
from roundtable.storage.db import open_database
from roundtable.storage.interchange import dump_json, export_database
from roundtable.storage.models import AuditEntry, Person

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
JORIS = "joris.hendriks@privacyfirst.example"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with context.frozen_clock(NOW):
        code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("roundtable: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite3"
    database = open_database(path)
    try:
        with context.frozen_clock(NOW), database.transaction() as session:
            load_demo(session)
    finally:
        database.close()
    return path


def _export(path: Path) -> str:
    database = open_database(path)
    try:
        with database.transaction() as session:
            return dump_json(export_database(session))
    finally:
        database.close()


def _joris_id(path: Path) -> int:
    database = open_database(path)
    try:
        with database.transaction() as session:
            return persons.get_person(session, JORIS).id
    finally:
        database.close()


def test_export_writes_the_report_files_and_prints_their_paths(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "access"
    code, out, err = run(
        capsys, "--db", str(demo_file), "privacy", "export", JORIS, "-o", str(folder)
    )
    assert (code, err) == (0, "")
    person_id = _joris_id(demo_file)
    stem = folder / f"subject-access-{person_id}-2026-11-29"
    assert out.splitlines() == [
        f"Wrote everything held about Joris Hendriks (person #{person_id}):",
        f"{stem}.json",
        f"{stem}.html",
    ]
    report = json.loads(Path(f"{stem}.json").read_text(encoding="utf-8"))
    assert report["person"]["email"] == JORIS
    assert Path(f"{stem}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "audit", "--action", "privacy.")
    assert (code, err) == (0, "")
    assert out.startswith(
        f"2026-11-29 09:00 UTC  tester  privacy.access_export  person #{person_id}"
    )


def test_erase_without_yes_shows_the_plan_and_changes_nothing(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _export(demo_file)
    person_id = _joris_id(demo_file)
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "erase", str(person_id))
    assert (code, err) == (0, "")
    assert _export(demo_file) == before
    lines = out.splitlines()
    assert lines[0] == f"Erasing Joris Hendriks (person #{person_id}) would change these details:"
    assert f"  Name: Joris Hendriks → Erased person #{person_id}" in lines
    assert f"  E-mail address: {JORIS} → (removed)" in lines
    assert "    before: Went with Joris Hendriks." in lines
    assert f"    after:  Went with Erased person #{person_id}." in lines
    assert lines[-2].startswith("Kept, without their details: 1 question asked, ")
    assert lines[-1] == "Nothing changed; run again with --yes to erase. This cannot be undone."


def test_erase_with_yes_erases_and_leaves_no_trace(
    demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person_id = _joris_id(demo_file)
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "erase", JORIS, "--yes")
    assert (code, err) == (0, "")
    assert f"Erased: Joris Hendriks is now “Erased person #{person_id}”." in out
    exported = _export(demo_file).lower()
    assert "hendriks" not in exported and "joris" not in exported
    # The write-ahead log was folded back into the file: no old copy of the pages.
    assert b"hendriks" not in demo_file.read_bytes().lower()
    wal = demo_file.with_name(demo_file.name + "-wal")
    assert not wal.exists() or b"hendriks" not in wal.read_bytes().lower()

    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "erase", str(person_id))
    assert (code, out) == (2, "")
    one_line_error(err, f"Person #{person_id} was already erased on 29 Nov 2026")


def test_review_keep_and_retention(demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "review")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].endswith("are due for a privacy review (retention period: 24 months):")
    due = int(lines[0].split()[0])
    assert (
        "    Last roundtable “Committee hearing: TikTok answers questions on data protection” "
        in (out)
    )
    assert "Lawful basis: public task." in out
    assert lines[-1].startswith("Erase with 'roundtable privacy erase PERSON --yes'")

    code, out, err = run(
        capsys, "--db", str(demo_file), "privacy", "keep", "ingrid.bos@parliament.example"
    )
    assert (code, err) == (0, "")
    assert out.startswith("Kept the details of Ingrid Bos (person #")
    assert out.endswith("; next review due on 29 Nov 2028.\n")
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "retention")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Retention period: 24 months.",
        f"{due - 1} people are due for review.",
    ]

    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "retention", "240")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Set the retention period to 240 months.",
        "0 people are due for review.",
    ]
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "review")
    assert out == "No one is due for a privacy review (retention period: 240 months).\n"


def test_the_writing_commands_run_the_apps_actions(
    demo_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """keep, retention, export and erase write through the same actions as the app."""
    performed: list[tuple[str, str]] = []
    real = actions.perform

    def perform(database: Any, action: Any) -> Any:
        performed.append((action.name, action.label))
        return real(database, action)

    monkeypatch.setattr(actions, "perform", perform)
    db = ["--db", str(demo_file), "privacy"]
    assert run(capsys, *db, "keep", "ingrid.bos@parliament.example")[0] == 0
    assert run(capsys, *db, "retention", "30")[0] == 0
    assert run(capsys, *db, "retention")[0] == 0  # only shows it
    assert run(capsys, *db, "export", JORIS, "-o", str(tmp_path / "out"))[0] == 0
    assert run(capsys, *db, "erase", JORIS)[0] == 0  # only shows the plan
    assert run(capsys, *db, "erase", JORIS, "--yes")[0] == 0
    assert performed == [
        ("privacy.actions.keep", "Keep “Ingrid Bos”"),
        ("privacy.actions.set_retention", "Retention period 30 months"),
        ("privacy.actions.record_access_export", "Export personal data"),
        ("privacy.actions.erase", "Erase 1 person"),
    ]


def test_unknown_people_and_bad_values_are_refused_with_one_line(
    demo_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = _export(demo_file)
    for command in (
        ("export", "nobody@example.org", "-o", str(tmp_path / "x")),
        ("erase", "nobody@example.org", "--yes"),
        ("keep", "999"),
    ):
        code, out, err = run(capsys, "--db", str(demo_file), "privacy", *command)
        assert (code, out) == (2, "")
        one_line_error(err, "No person with id or e-mail address")
    code, out, err = run(capsys, "--db", str(demo_file), "privacy", "retention", "241")
    assert (code, out) == (2, "")
    one_line_error(err, "A retention period of 241 months is not possible")
    code, _out, err = run(capsys, "--db", str(demo_file), "privacy", "retention", "two")
    assert code == 2
    assert "is not a whole number of months" in err
    code, _out, err = run(capsys, "--db", str(demo_file), "privacy")
    assert code == 2
    assert "choose a privacy command: export, erase, review, keep, retention or audit." in err
    assert _export(demo_file) == before
    assert not (tmp_path / "x").exists()


def test_export_into_a_file_is_refused(
    demo_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x")
    code, out, err = run(
        capsys, "--db", str(demo_file), "privacy", "export", JORIS, "-o", str(taken)
    )
    assert (code, out) == (2, "")
    one_line_error(err, f"Cannot write into {taken}: it is a file, not a folder.")
    database = open_database(demo_file)
    try:
        with database.transaction() as session:
            assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
            assert session.scalar(select(func.count()).select_from(Person)) > 0
    finally:
        database.close()


def test_audit_with_no_entries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "empty.sqlite3"), "privacy", "audit")
    assert (code, err) == (0, "")
    assert out == "The audit log has no entries.\n"
