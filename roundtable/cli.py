"""The ``roundtable`` command line; with no command it opens the desktop app.

Start-up time matters for the desktop app, so this module imports only the
standard library at the top. The database layer (SQLAlchemy) is imported by
the commands that need it, and the desktop app (``ui``, PySide6) only inside
:func:`_open_app`, so the core stays importable without Qt.

Exit codes: 0 success, 1 the work failed (database, disk, a bug), 2 the
command line or the input was wrong, 130 interrupted with Ctrl+C.
"""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from roundtable import __version__, context
from roundtable.errors import DatabaseError, RoundtableError

if TYPE_CHECKING:
    from roundtable.db import Database

log = logging.getLogger("roundtable.cli")

PROG = "roundtable"
ENV_URL = "ROUNDTABLE_DATABASE_URL"  # the same name as roundtable.db.ENV_URL (not imported: slow)
TEAM_DOC = "docs/team-setup.md"
#: The longest acting-user name the history and audit columns hold.
MAX_USER_LENGTH = 200

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class CommandError(RoundtableError):
    """A command could not do its work for a reason outside the user's input (exit 1)."""


def main(argv: list[str] | None = None) -> int:
    """Run the ``roundtable`` command with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors end here
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or EXIT_OK
        return EXIT_USAGE
    _configure_logging(args.verbose)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _open_app)
    try:
        # --user names the author of this run's changes; restored afterwards, so
        # that main() called again in one process (tests) starts afresh.
        with context.acting_as(args.user):
            return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (``roundtable export-json | head``).
        _silence_stdout()
        return EXIT_FAILURE
    except RoundtableError as exc:
        log.info("the command failed", exc_info=True)
        _error(str(exc))
        failed_at_work = isinstance(exc, DatabaseError | CommandError)
        return EXIT_FAILURE if failed_at_work else EXIT_USAGE
    except OSError as exc:
        log.info("the command failed", exc_info=True)
        _error(_explain_os_error(exc))
        return EXIT_FAILURE
    except Exception as exc:
        if not _is_sqlalchemy_error(exc):
            raise  # a bug: the traceback is what a developer needs
        log.info("the command failed", exc_info=True)
        _error(_explain_database_error(exc, writing=getattr(args, "writes", False)))
        return EXIT_FAILURE


def gui_main() -> NoReturn:
    """Entry point of ``roundtable-gui`` (no console window on Windows); same arguments."""
    sys.exit(main())


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``roundtable`` command and its subcommands."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Plan, attend and publish about stakeholder roundtables. "
            "Without a command, opens the desktop app."
        ),
    )
    _add_global_options(parser, top_level=True)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="load the demo scenario (does nothing if it is already there)",
        description="Load the demo scenario into the database. Running it again changes nothing.",
    )
    _add_global_options(demo, top_level=False)
    demo.set_defaults(handler=_cmd_demo, writes=True)

    export = commands.add_parser(
        "export-json",
        help="write the whole database as a JSON document",
        description="Write the whole database as one documented JSON document.",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of the standard output"
    )
    _add_global_options(export, top_level=False)
    export.set_defaults(handler=_cmd_export_json, writes=False)

    import_ = commands.add_parser(
        "import-json",
        help="read a JSON document written by export-json into an empty database",
        description="Read a JSON document written by export-json into an empty database.",
    )
    import_.add_argument("file", metavar="FILE", help="the JSON document to read")
    _add_global_options(import_, top_level=False)
    import_.set_defaults(handler=_cmd_import_json, writes=True)

    info = commands.add_parser(
        "info",
        help="show where the data is and what it holds",
        description="Show the database in use, its schema revision and contents, and folders.",
    )
    _add_global_options(info, top_level=False)
    info.set_defaults(handler=_cmd_info, writes=False)
    return parser


def _add_global_options(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
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


# --- commands ---------------------------------------------------------------


def _open_app(args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ImportError as exc:
        raise CommandError(
            f"the desktop app cannot start: {exc}. The command-line commands still work "
            f"(see '{PROG} --help')."
        ) from None
    return run(args.db)


def _cmd_demo(args: argparse.Namespace) -> int:
    from roundtable.demo import load_demo

    database = _open(args)
    try:
        with database.transaction() as session:
            result = load_demo(session)
    finally:
        database.close()
    if not result.created:
        print("The demo scenario is already loaded.")
        return EXIT_OK
    print(
        "Loaded the demo scenario: "
        f"{_count(result.roundtables, 'roundtable')}, "
        f"{_count(result.invitations, 'invitation')}, "
        f"{_count(result.people, 'person', 'people')} and "
        f"{_count(result.organisations, 'organisation')} "
        f"into {database.description}."
    )
    return EXIT_OK


def _cmd_export_json(args: argparse.Namespace) -> int:
    from roundtable.interchange import dump_json, export_database

    database = _open(args)
    try:
        # One transaction so the document is a consistent snapshot.
        with database.transaction() as session:
            text = dump_json(export_database(session))
    finally:
        database.close()
    if args.output is None or args.output == "-":
        _write_stdout(text)
        return EXIT_OK
    target = Path(args.output).expanduser()
    write_file_atomically(target, text.encode("utf-8"))
    print(f"Exported {database.description} to {target}.")
    return EXIT_OK


def _cmd_import_json(args: argparse.Namespace) -> int:
    from roundtable.audit import record_audit
    from roundtable.interchange import import_database, load_json_file

    source = Path(args.file).expanduser()
    # Read and check the document before opening the database, so a wrong file
    # name does not leave a new empty database behind.
    data = load_json_file(source)
    database = _open(args)
    try:
        with database.transaction() as session:
            summary = import_database(session, data)
            # In the same transaction: an import is on record exactly when it happened.
            # (It makes a later export differ from the file by this one audit row.)
            record_audit(session, "import-json", detail=summary.as_dict())
    finally:
        database.close()
    details = _describe_summary(summary)
    print(f"Imported {source} into {database.description}" + (f": {details}." if details else "."))
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from platformdirs import user_data_path
    from sqlalchemy import func, select

    from roundtable.db import APP_NAME, read_revision
    from roundtable.models import Organisation, Person, Roundtable
    from roundtable.resources_access import resource_files

    database = _open(args)
    try:
        revision, _foreign = read_revision(database.engine)
        with database.session() as session:
            counts = {
                label: session.scalar(select(func.count()).select_from(model)) or 0
                for label, model in (
                    ("Roundtables", Roundtable),
                    ("People", Person),
                    ("Organisations", Organisation),
                )
            }
    finally:
        database.close()
    resources = resource_files()
    rows = [
        ("Version", f"{PROG} {__version__}"),
        ("Database", f"{database.description} ({_database_source(args)})"),
        ("Schema revision", revision or "none"),
        ("Acting user", f"{context.actor()} ({_actor_source()})"),
        *((label, str(count)) for label, count in counts.items()),
        ("Resources", str(resources)),
        ("Shipped templates", str(resources / "templates")),
        ("Your templates", str(user_data_path(APP_NAME, appauthor=False) / "templates")),
    ]
    width = max(len(label) for label, _ in rows) + 1
    for label, value in rows:
        print(f"{label + ':':<{width}} {value}")
    return EXIT_OK


# --- helpers ----------------------------------------------------------------


def _open(args: argparse.Namespace) -> Database:
    from roundtable.db import has_password, open_database, resolve_url

    url = resolve_url(args.db)
    if has_password(url):
        # It works, but a URL is seen by others (shell history, process lists, settings).
        print(
            f"{PROG}: warning: the database URL contains a password; keep it in ~/.pgpass "
            f"or a service file instead (see {TEAM_DOC}).",
            file=sys.stderr,
        )
    database = open_database(url)
    if database.backup_path is not None:
        # stderr: standard output may be the JSON document being exported.
        print(
            f"Upgraded the database; a copy of the old one is at {database.backup_path}.",
            file=sys.stderr,
        )
    return database


def _database_source(args: argparse.Namespace) -> str:
    if args.db is not None:
        return "from --db"
    if os.environ.get(ENV_URL, "").strip():
        return f"from ${ENV_URL}"
    return "your per-user database"


def _actor_source() -> str:
    source = context.actor_source()
    if source == "set":
        return "from --user"
    if source == "environment":
        return f"from ${context.ENV_ACTOR}"
    return "your system user name"


def write_file_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file beside it and a rename.

    A full disk or a crash leaves the old file (or none), never half a file.
    Raises :class:`CommandError` naming the file when it cannot be written.
    """
    if target.is_dir():
        raise CommandError(f"Cannot write {target}: it is a folder.")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open with 0o666 honours the umask, as a plain open() of the
        # target would (tempfile would make the file private to its owner).
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
    except OSError as exc:
        raise CommandError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            shutil.copymode(target, temporary)  # replacing a file keeps its permissions
        os.replace(temporary, target)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise CommandError(f"Cannot write {target}: {exc.strerror or exc}.") from exc


def _write_stdout(text: str) -> None:
    # Bytes, not text: JSON is UTF-8 whatever the console's code page (Windows).
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _silence_stdout() -> None:
    # Python would otherwise report the broken pipe again while flushing at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _describe_summary(summary: Any) -> str:
    """``3 roundtables, 46 invitations, … (1,234 records in all)`` from an import summary."""
    try:
        return (
            f"{_count(summary.roundtables, 'roundtable')}, "
            f"{_count(summary.invitations, 'invitation')}, "
            f"{_count(summary.people, 'person', 'people')} and "
            f"{_count(summary.organisations, 'organisation')} "
            f"({_count(summary.total, 'record')} in all)"
        )
    except AttributeError:  # a summary of another shape: still say something true
        return str(summary)


def _count(number: int, singular: str, plural: str | None = None) -> str:
    word = singular if number == 1 else (plural or singular + "s")
    return f"{number} {word}"


def _error(message: str) -> None:
    print(f"{PROG}: error: {' '.join(message.split())}", file=sys.stderr)


def _explain_os_error(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.filename:
        return f"Cannot use {exc.filename}: {reason}."
    return f"{reason}."


def _is_sqlalchemy_error(exc: BaseException) -> bool:
    # If SQLAlchemy was never imported the error cannot be one of its own.
    module = sys.modules.get("sqlalchemy.exc")
    return module is not None and isinstance(exc, module.SQLAlchemyError)


def _explain_database_error(exc: Exception, *, writing: bool) -> str:
    from roundtable.db import explain_write_error

    if writing:
        return explain_write_error(exc)  # type: ignore[arg-type]
    return f"Cannot read the database: {getattr(exc, 'orig', None) or exc}"


def _configure_logging(verbosity: int) -> None:
    # Without -v Python's defaults stay: warnings and errors reach stderr.
    # With -v the reason behind an error (its traceback) is shown too.
    if verbosity <= 0:
        return
    level = logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger().setLevel(level)


if __name__ == "__main__":
    sys.exit(main())
