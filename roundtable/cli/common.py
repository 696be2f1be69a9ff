"""What every command shares: exit codes, opening the database named on the command
line, writing output files, and turning errors into one line for the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roundtable import context
from roundtable.i18n import _, ngettext

if TYPE_CHECKING:
    from roundtable.storage.db import Database
from roundtable.errors import CommandError

PROG = "roundtable"


ENV_URL = "ROUNDTABLE_DATABASE_URL"  # the same name as roundtable.storage.urls.ENV_URL (not imported: slow)


TEAM_DOC = "docs/team-setup.md"


#: The longest acting-user name the history and audit columns hold.
MAX_USER_LENGTH = 200


EXIT_OK = 0


EXIT_FAILURE = 1


EXIT_USAGE = 2


EXIT_INTERRUPTED = 130


def safe_file_name(address: str, suffix: str) -> str:
    """A file name for one invitee's file: the address with anything unsafe replaced."""
    from roundtable.files import safe_file_name as safe_name

    return safe_name(address, suffix, fallback="invitee")


def write_folder(folder: Path, files: dict[str, bytes], suffix: str) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise CommandError(
            _("Cannot write into {folder}: it is a file, not a folder.").format(folder=folder)
        )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for address, data in files.items():
        target = folder / safe_file_name(address, suffix)
        write_file_atomically(target, data)
        written.append(target)
    return written


def single_target(path: Path, default_name: str) -> Path:
    return path / default_name if path.is_dir() else path


def open_database_from_args(args: argparse.Namespace) -> Database:
    from roundtable.storage.db import open_database
    from roundtable.storage.urls import has_password, resolve_url

    url = resolve_url(args.db)
    if has_password(url):
        # It works, but a URL is seen by others (shell history, process lists, settings).
        print_warning(
            _(
                "the database URL contains a password; keep it in ~/.pgpass "
                "or a service file instead (see {doc})."
            ).format(doc=TEAM_DOC)
        )
    database = open_database(url)
    if database.backup_path is not None:
        # stderr: standard output may be the JSON document being exported.
        print(
            _("Upgraded the database; a copy of the old one is at {path}.").format(
                path=database.backup_path
            ),
            file=sys.stderr,
        )
    return database


def database_source(args: argparse.Namespace) -> str:
    if args.db is not None:
        return _("from {option}").format(option="--db")
    if os.environ.get(ENV_URL, "").strip():
        return _("from {option}").format(option=f"${ENV_URL}")
    return _("your per-user database")


def actor_source() -> str:
    source = context.actor_source()
    if source == "set":
        return _("from {option}").format(option="--user")
    if source == "environment":
        return _("from {option}").format(option=f"${context.ENV_ACTOR}")
    return _("your system user name")


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (:func:`roundtable.files.write_atomically`).

    Raises :class:`CommandError` naming the file when it cannot be written.
    """
    from roundtable.errors import FileWriteError
    from roundtable.files import write_atomically

    try:
        write_atomically(target, data)
    except FileWriteError as exc:
        raise CommandError(str(exc)) from exc


def write_stdout(text: str) -> None:
    # Bytes, not text: JSON is UTF-8 whatever the console's code page (Windows).
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def silence_stdout() -> None:
    # Python would otherwise report the broken pipe again while flushing at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def describe_summary(summary: Any) -> str:
    """``3 roundtables, 46 invitations, … (1,234 records in all)`` from an import summary."""
    try:
        return _(
            "{roundtables}, {invitations}, {people} and {organisations} ({records} in all)"
        ).format(
            roundtables=count_roundtables(summary.roundtables),
            invitations=count_invitations(summary.invitations),
            people=count_people(summary.people),
            organisations=count_organisations(summary.organisations),
            records=ngettext("{count} record", "{count} records", summary.total).format(
                count=summary.total
            ),
        )
    except AttributeError:  # a summary of another shape: still say something true
        return str(summary)


def count_roundtables(number: int) -> str:
    return ngettext("{count} roundtable", "{count} roundtables", number).format(count=number)


def count_invitations(number: int) -> str:
    return ngettext("{count} invitation", "{count} invitations", number).format(count=number)


def count_people(number: int) -> str:
    return ngettext("{count} person", "{count} people", number).format(count=number)


def count_organisations(number: int) -> str:
    return ngettext("{count} organisation", "{count} organisations", number).format(count=number)


def print_error(message: str) -> None:
    print(
        _("{prog}: error: {message}").format(prog=PROG, message=" ".join(message.split())),
        file=sys.stderr,
    )


def print_warning(message: str) -> None:
    print(_("{prog}: warning: {message}").format(prog=PROG, message=message), file=sys.stderr)


def explain_os_error(exc: OSError) -> str:
    # strerror is the operating system's own wording.
    reason = exc.strerror or str(exc)
    if exc.filename:
        return _("Cannot use {path}: {reason}.").format(path=exc.filename, reason=reason)
    return f"{reason}."


def is_sqlalchemy_error(exc: BaseException) -> bool:
    # If SQLAlchemy was never imported the error cannot be one of its own.
    module = sys.modules.get("sqlalchemy.exc")
    return module is not None and isinstance(exc, module.SQLAlchemyError)


def explain_database_error(exc: Exception, *, writing: bool) -> str:
    from roundtable.storage.server_errors import explain_write_error

    if writing:
        return explain_write_error(exc)  # type: ignore[arg-type]
    return _("Cannot read the database: {reason}").format(reason=getattr(exc, "orig", None) or exc)


def add_global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    # Global options are accepted before and after the command
    # (``roundtable --db x demo`` and ``roundtable demo --db x``). After the
    # command they default to SUPPRESS, so they do not overwrite a value given
    # before it. (Not argparse "parents": those share the action objects, and
    # with them their defaults.)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=None if top_level else argparse.SUPPRESS,
        help=(
            "the database: an SQLite file path or an SQLAlchemy URL "
            f"(default: ${ENV_URL}, else your per-user database)"
        ),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        type=_user_name,
        default=None if top_level else argparse.SUPPRESS,
        help=(
            "the name recorded as the author of changes in history and audit rows "
            f"(default: ${context.ENV_ACTOR}, else your system user name)"
        ),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0 if top_level else argparse.SUPPRESS,
        help="say more about what happens, and why an error happened",
    )


def _user_name(value: str) -> str:
    name = " ".join(value.split())
    if not name:
        raise argparse.ArgumentTypeError("give a name, for example --user 'Anna de Wit'")
    if len(name) > MAX_USER_LENGTH:
        raise argparse.ArgumentTypeError(f"a name of at most {MAX_USER_LENGTH} characters")
    return name


def usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print_error(_("choose a calendar command: invite, cancel, publish or import."))
    return EXIT_USAGE
