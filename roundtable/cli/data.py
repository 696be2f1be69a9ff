"""``roundtable demo|export-json|import-json|info``: the database as a whole."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from roundtable import __version__, context

if TYPE_CHECKING:
    pass
from roundtable.cli.common import (
    EXIT_OK,
    PROG,
    actor_source,
    count_invitations,
    count_organisations,
    count_people,
    count_roundtables,
    database_source,
    describe_summary,
    explain_database_error,
    is_sqlalchemy_error,
    open_database_from_args,
    print_warning,
    write_file_atomically,
    write_stdout,
)
from roundtable.i18n import _

log = logging.getLogger("roundtable.cli")


def cmd_demo(args: argparse.Namespace) -> int:
    from roundtable.demo import load_demo

    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            result = load_demo(session)
    finally:
        database.close()
    if not result.created:
        print(_("The demo scenario is already loaded."))
        return EXIT_OK
    print(
        _(
            "Loaded the demo scenario: {roundtables}, {invitations}, {people} and "
            "{organisations} into {database}."
        ).format(
            roundtables=count_roundtables(result.roundtables),
            invitations=count_invitations(result.invitations),
            people=count_people(result.people),
            organisations=count_organisations(result.organisations),
            database=database.description,
        )
    )
    return EXIT_OK


def cmd_export_json(args: argparse.Namespace) -> int:
    from roundtable.storage.interchange import dump_json, export_database

    database = open_database_from_args(args)
    try:
        # One transaction so the document is a consistent snapshot.
        with database.transaction() as session:
            text = dump_json(export_database(session))
    finally:
        database.close()
    if args.output is None or args.output == "-":
        write_stdout(text)
        _record_export(args, "standard output")
        return EXIT_OK
    target = Path(args.output).expanduser()
    write_file_atomically(target, text.encode("utf-8"))
    print(_("Exported {database} to {path}.").format(database=database.description, path=target))
    _record_export(args, target.name)
    return EXIT_OK


def _record_export(args: argparse.Namespace, target: str) -> None:
    """Put a whole-database export on the audit log, after it was written.

    Recorded afterwards (and in its own transaction) so the document never
    holds its own audit row, and export → import → export stays comparable.
    An export from a database this user may only read still succeeds, with a
    warning that it went unrecorded.
    """
    from roundtable.storage.audit import record_audit

    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            record_audit(session, "export-json", detail={"file": target})
    except Exception as exc:
        if not is_sqlalchemy_error(exc):
            raise
        log.info("the export could not be recorded", exc_info=True)
        print_warning(
            _("the export was written, but the audit log could not record it ({reason})").format(
                reason=explain_database_error(exc, writing=True)
            )
        )
    finally:
        database.close()


def cmd_import_json(args: argparse.Namespace) -> int:
    from roundtable.storage.audit import record_audit
    from roundtable.storage.interchange import import_database
    from roundtable.storage.interchange_check import load_json_file

    source = Path(args.file).expanduser()
    # Read and check the document before opening the database, so a wrong file
    # name does not leave a new empty database behind.
    data = load_json_file(source)
    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            summary = import_database(session, data)
            # In the same transaction: an import is on record exactly when it happened.
            # (It makes a later export differ from the file by this one audit row.)
            record_audit(session, "import-json", detail=summary.as_dict())
    finally:
        database.close()
    details = describe_summary(summary)
    message = (
        _("Imported {path} into {database}: {details}.")
        if details
        else _("Imported {path} into {database}.")
    )
    print(message.format(path=source, database=database.description, details=details))
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from platformdirs import user_data_path
    from sqlalchemy import func, select

    from roundtable.resources_access import resource_files
    from roundtable.storage.db import read_revision
    from roundtable.storage.models import Organisation, Person, Roundtable
    from roundtable.storage.urls import APP_NAME

    database = open_database_from_args(args)
    try:
        revision, _foreign = read_revision(database.engine)
        with database.session() as session:
            counts = {
                label: session.scalar(select(func.count()).select_from(model)) or 0
                for label, model in (
                    (_("Roundtables"), Roundtable),
                    (_("People"), Person),
                    (_("Organisations"), Organisation),
                )
            }
    finally:
        database.close()
    resources = resource_files()
    rows = [
        (_("Version"), f"{PROG} {__version__}"),
        (_("Database"), f"{database.description} ({database_source(args)})"),
        (_("Schema revision"), revision or _("none")),
        (_("Acting user"), f"{context.actor()} ({actor_source()})"),
        *((label, str(count)) for label, count in counts.items()),
        (_("Resources"), str(resources)),
        (_("Shipped templates"), str(resources / "templates")),
        (_("Your templates"), str(user_data_path(APP_NAME, appauthor=False) / "templates")),
    ]
    width = max(len(label) for label, _value in rows) + 1
    for label, value in rows:
        print(f"{label + ':':<{width}} {value}")
    return EXIT_OK
