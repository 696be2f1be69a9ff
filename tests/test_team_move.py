"""Moving a personal SQLite file to the team's PostgreSQL server, as docs/team-setup.md says.

``export-json`` from the SQLite file, ``import-json`` into an empty PostgreSQL
database, ``export-json`` again: the second document is the first one, byte for
byte, plus exactly one audit entry, the ``import-json`` itself. (We keep that
audit row: an import is an event worth accounting for, and the documents are
compared with it taken out again, so nothing else may differ.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from postgres_server import PostgresServer
from sqlalchemy import select

from roundtable.cli import main
from roundtable.storage.db import open_database
from roundtable.storage.interchange import dump_json
from roundtable.storage.models import Organisation
from roundtable.storage.urls import url_without_password


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sqlite_to_postgresql_gives_the_same_export_back(
    postgres_server: PostgresServer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    personal = tmp_path / "roundtable.sqlite3"
    assert run(capsys, "--db", str(personal), "demo")[0] == 0
    first = tmp_path / "a.json"
    code, _out, err = run(capsys, "--db", str(personal), "export-json", "-o", str(first))
    assert (code, err) == (0, "")

    team_url = postgres_server.create_database()  # empty, migrated
    try:
        # The password comes from a .pgpass file, as the doc recommends: no warning.
        admin = postgres_server.admin_url
        pgpass = tmp_path / "pgpass"
        pgpass.write_text(f"{admin.host}:{admin.port}:*:{admin.username}:{admin.password}\n")
        pgpass.chmod(0o600)
        monkeypatch.setenv("PGPASSFILE", str(pgpass))
        team = url_without_password(team_url)

        code, out, err = run(
            capsys, "--db", team, "--user", "Anna de Wit", "import-json", str(first)
        )
        assert (code, err) == (0, "")
        assert out.startswith(f"Imported {first} into {team}: 4 roundtables, ")
        second = tmp_path / "b.json"
        code, _out, err = run(capsys, "--db", team, "export-json", "-o", str(second))
        assert (code, err) == (0, "")

        a_text = first.read_text(encoding="utf-8")
        a, b = json.loads(a_text), json.loads(second.read_text(encoding="utf-8"))
        extra = b["audit_log"][len(a["audit_log"]) :]
        assert [(e["action"], e["actor"]) for e in extra] == [("import-json", "Anna de Wit")]
        detail = json.loads(extra[0]["detail"])
        assert detail["roundtables"] == 4 and detail["invitations"] == len(
            [i for r in a["roundtables"] for i in r["invitations"]]
        )
        # Everything else, byte for byte.
        assert dump_json({**b, "audit_log": b["audit_log"][: len(a["audit_log"])]}) == a_text

        # The team can go on working: new rows get fresh ids after the imported ones.
        database = open_database(team_url)
        try:
            with database.transaction() as session:
                session.add(Organisation(name="Joined after the move"))
            with database.transaction() as session:
                ids = session.scalars(select(Organisation.id).order_by(Organisation.id)).all()
            assert ids[-1] == max(o["id"] for o in a["organisations"]) + 1
        finally:
            database.close()
    finally:
        postgres_server.drop_database(team_url)
