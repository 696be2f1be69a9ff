"""The ``roundtable`` command end to end: each command through ``main([...])``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import URL

from roundtable import __version__, context
from roundtable.cli import main
from roundtable.storage.db import open_database
from roundtable.storage.migrations import HEAD_REVISION
from roundtable.storage.models import AuditEntry, InvitationEvent, Roundtable, RoundtableEvent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def table_counts(path: Path) -> dict[str, int]:
    """Rows per table, read with plain sqlite3 (independent of the code under test)."""
    connection = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: connection.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        connection.close()


def info_fields(out: str) -> dict[str, str]:
    """The ``Label: value`` lines of ``roundtable info``."""
    return {
        label.strip(): value.strip()
        for label, value in (line.split(":", 1) for line in out.splitlines())
    }


def without_audit_log(document: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in document.items() if key != "audit_log"}


def assert_one_clear_error(err: str, *fragments: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("roundtable: error: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "demo")
    assert (code, err) == (0, "")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--version")
    assert code == 0
    assert out.strip() == f"roundtable {__version__}" == "roundtable 0.1.0"
    assert err == ""


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "--help")
    assert code == 0
    assert out.startswith("usage: roundtable")
    for command in ("demo", "export-json", "import-json", "info", "--db", "--user", "--verbose"):
        assert command in out
    assert "ROUNDTABLE_DATABASE_URL" in out
    assert "ROUNDTABLE_USER" in out


def test_demo_loads_once_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "demo")
    assert (code, err) == (0, "")
    assert out.startswith("Loaded the demo scenario: 4 roundtables, ")
    assert str(path) in out
    first = table_counts(path)
    assert first["roundtable"] == 4

    code, out, err = run(capsys, "demo", "--db", str(path))  # --db after the command works too
    assert (code, err) == (0, "")
    assert out == "The demo scenario is already loaded.\n"
    assert table_counts(path) == first


def test_database_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "env.sqlite3"
    monkeypatch.setenv("ROUNDTABLE_DATABASE_URL", str(path))
    code, out, _err = run(capsys, "info")
    assert code == 0
    assert f"{path} (from $ROUNDTABLE_DATABASE_URL)" in out
    assert path.exists()


def test_default_database_is_per_user(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # conftest points XDG_DATA_HOME into tmp, so this never touches the real one.
    code, out, _err = run(capsys, "info")
    assert code == 0
    assert "your per-user database" in out
    assert "Roundtable" in out and "roundtable.sqlite3" in out


def test_info_describes_the_database(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(demo_db), "info")
    assert (code, err) == (0, "")
    fields = dict(
        (label.strip(), value.strip())
        for label, value in (line.split(":", 1) for line in out.splitlines())
    )
    assert fields["Database"] == f"{demo_db} (from --db)"
    assert fields["Schema revision"] == HEAD_REVISION
    assert fields["Acting user"] == "tester (from $ROUNDTABLE_USER)"  # set by conftest
    assert fields["Roundtables"] == "4"
    assert int(fields["People"]) > 0
    assert Path(fields["Resources"], "schema").is_dir()
    assert fields["Your templates"].endswith("templates")


def test_export_to_stdout_is_the_whole_database(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(demo_db), "export-json")
    assert (code, err) == (0, "")
    document = json.loads(out)
    assert document["format_version"] == 1
    assert len(document["roundtables"]) == 4
    assert out.endswith("}\n")


def test_export_to_file_then_import_gives_the_same_export(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "out" / "export.json"
    exported.parent.mkdir()
    code, out, err = run(capsys, "--db", str(demo_db), "export-json", "-o", str(exported))
    assert (code, err) == (0, "")
    assert out == f"Exported {demo_db} to {exported}.\n"
    # Written through a temporary file and a rename: nothing else is left beside it.
    assert [p.name for p in exported.parent.iterdir()] == ["export.json"]

    copy = tmp_path / "copy.sqlite3"
    code, out, err = run(capsys, "--db", str(copy), "import-json", str(exported))
    assert (code, err) == (0, "")
    assert out.startswith(f"Imported {exported} into {copy}: 4 roundtables, ")

    code, again, err = run(capsys, "--db", str(copy), "export-json")
    assert (code, err) == (0, "")
    # The same document, plus the audit entry of the import itself.
    before, after = json.loads(exported.read_text(encoding="utf-8")), json.loads(again)
    assert without_audit_log(after) == without_audit_log(before)
    extra = after["audit_log"][len(before["audit_log"]) :]
    assert after["audit_log"][: len(before["audit_log"])] == before["audit_log"]
    assert [(e["action"], e["actor"]) for e in extra] == [("import-json", "tester")]
    assert json.loads(extra[0]["detail"])["roundtables"] == 4


def test_export_replaces_an_existing_file_whole(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "export.json"
    target.write_text("old contents that are longer than nothing\n" * 10_000, encoding="utf-8")
    code, _out, _err = run(capsys, "--db", str(demo_db), "export-json", "-o", str(target))
    assert code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format_version"] == 1


def test_export_into_a_missing_folder_names_the_file(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no such folder" / "x.json"
    code, out, err = run(capsys, "--db", str(demo_db), "export-json", "-o", str(target))
    assert code == 1
    assert out == ""
    assert_one_clear_error(err, str(target), "No such file or directory")
    assert not target.parent.exists()


def test_import_of_malformed_json_changes_nothing(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1,\n  "roundtables": [\n', encoding="utf-8")
    empty = tmp_path / "empty.sqlite3"
    for target in (empty, demo_db):
        before = table_counts(target) if target.exists() else None
        code, out, err = run(capsys, "--db", str(target), "import-json", str(broken))
        assert code == 2
        assert out == ""
        assert_one_clear_error(err, "broken.json")
        assert (table_counts(target) if target.exists() else None) == before
    # The file was checked before the database was opened: no empty database was made.
    assert not empty.exists()


def test_import_into_a_database_that_holds_data_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "export.json"
    assert run(capsys, "--db", str(demo_db), "export-json", "-o", str(exported))[0] == 0
    before = table_counts(demo_db)
    code, _out, err = run(capsys, "--db", str(demo_db), "import-json", str(exported))
    assert code == 2
    assert_one_clear_error(err)
    assert table_counts(demo_db) == before


def test_import_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    code, _out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "import-json", str(missing))
    assert code == 2
    assert_one_clear_error(err, str(missing))


def test_db_that_is_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list: coffee, biscuits, name badges.\n" * 20, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(notes), "info")
    assert code == 1
    assert out == ""
    assert_one_clear_error(err, str(notes), "is not a Roundtable database")
    assert notes.read_text(encoding="utf-8").startswith("Shopping list")


def test_db_that_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", str(tmp_path), "demo")
    assert code == 1
    assert_one_clear_error(err, str(tmp_path), "folder")


def test_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "frobnicate")
    assert code == 2
    assert out == ""
    assert "invalid choice: 'frobnicate'" in err
    assert "Traceback" not in err


def test_verbose_shows_why_an_error_happened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    code, _out, err = run(capsys, "-v", "--db", str(tmp_path), "info")
    assert code == 1
    assert "roundtable: error: " in err
    assert any(record.exc_info for record in caplog.records if record.name == "roundtable.cli")


def test_interrupt_exits_130_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("roundtable.demo.load_demo", interrupted)
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "demo")
    assert (code, out, err) == (130, "", "")


def test_no_command_opens_the_desktop_app(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str | None] = []

    def fake_run(db_spec: str | None) -> int:
        opened.append(db_spec)
        return 0

    monkeypatch.setattr("roundtable_ui.app.run", fake_run)
    assert run(capsys, "--db", str(tmp_path / "x.sqlite3"))[0] == 0
    assert opened == [str(tmp_path / "x.sqlite3")]


def test_user_option_names_the_author_of_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.sqlite3"
    code, out, err = run(capsys, "--db", str(path), "--user", "Anna de Wit", "info")
    assert (code, err) == (0, "")
    assert info_fields(out)["Acting user"] == "Anna de Wit (from --user)"
    # After the command (too), and only for that run: main() restores the actor.
    code, out, _err = run(capsys, "info", "--db", str(path), "--user", "  Ben   Jansen ")
    assert code == 0
    assert info_fields(out)["Acting user"] == "Ben Jansen (from --user)"
    assert context.actor() == "tester"


def test_acting_user_defaults_to_the_system_user(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ROUNDTABLE_USER")
    monkeypatch.setattr("getpass.getuser", lambda: "anna")
    code, out, _err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "info")
    assert code == 0
    assert info_fields(out)["Acting user"] == "anna (your system user name)"


@pytest.mark.parametrize("name", ["", "   ", "x" * 201])
def test_user_option_needs_a_name(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "x.sqlite3"), "--user", name, "info")
    assert (code, out) == (2, "")
    assert "--user" in err and "Traceback" not in err
    assert not (tmp_path / "x.sqlite3").exists()


def test_user_option_is_recorded_in_history_and_audit(
    db_url: URL, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On each backend: the demo's history rows and the import's audit row carry --user."""
    spec = db_url.render_as_string(hide_password=False)  # the password is needed here
    code, _out, err = run(capsys, "--db", spec, "--user", "Anna de Wit", "demo")
    assert code == 0
    if db_url.password:  # a password in the URL works, with a warning
        assert err.startswith("roundtable: warning: the database URL contains a password")
        assert str(db_url.password) not in err
    code, out, _err = run(capsys, "--db", spec, "--user", "Anna de Wit", "info")
    assert code == 0
    assert info_fields(out)["Acting user"] == "Anna de Wit (from --user)"

    exported = tmp_path / "demo.json"
    assert run(capsys, "--db", spec, "export-json", "-o", str(exported))[0] == 0
    target = tmp_path / "target.sqlite3"
    assert (
        run(capsys, "--db", str(target), "--user", "Ben Jansen", "import-json", str(exported))[0]
        == 0
    )

    database = open_database(db_url)
    try:
        with database.transaction() as session:
            actors = set(session.scalars(select(RoundtableEvent.actor)))
            actors |= set(session.scalars(select(InvitationEvent.actor)))
            assert actors == {"Anna de Wit"}
            assert set(session.scalars(select(Roundtable.updated_by))) == {"Anna de Wit"}
    finally:
        database.close()
    imported = open_database(target)
    try:
        with imported.transaction() as session:
            entry = session.scalars(
                select(AuditEntry).where(AuditEntry.action == "import-json")
            ).one()
            assert entry.actor == "Ben Jansen"
            assert json.loads(entry.detail)["roundtables"] == 4
            # Imported rows keep their authors.
            assert set(session.scalars(select(InvitationEvent.actor))) == {"Anna de Wit"}
    finally:
        imported.close()


def test_a_whole_database_export_is_on_the_audit_log_but_not_in_itself(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.json"
    assert (
        run(capsys, "--db", str(demo_db), "--user", "Anna", "export-json", "-o", str(first))[0] == 0
    )
    code, again, err = run(capsys, "--db", str(demo_db), "export-json")
    assert (code, err) == (0, "")
    before, after = json.loads(first.read_text(encoding="utf-8")), json.loads(again)
    assert all(e["action"] != "export-json" for e in before["audit_log"])
    extra = after["audit_log"][len(before["audit_log"]) :]
    assert [(e["action"], e["actor"], json.loads(e["detail"])) for e in extra] == [
        ("export-json", "Anna", {"file": "first.json"})
    ]
