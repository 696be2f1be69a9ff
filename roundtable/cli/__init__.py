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
import sys
from collections.abc import Callable
from typing import NoReturn

from roundtable import __version__, context, i18n
from roundtable.cli.common import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    add_global_options,
    explain_database_error,
    explain_os_error,
    is_sqlalchemy_error,
    print_error,
    silence_stdout,
)
from roundtable.cli.data import cmd_demo, cmd_export_json, cmd_import_json, cmd_info
from roundtable.cli.ics import add_ics_commands
from roundtable.cli.render import add_publishing_commands
from roundtable.errors import CommandError, DatabaseError, RoundtableError
from roundtable.i18n import _

log = logging.getLogger("roundtable.cli")


#: The language of the core's messages (``en`` or ``nl``); the same variable as the UI's.
ENV_LANGUAGE = "ROUNDTABLE_LANGUAGE"


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
    spoken = i18n.language()
    try:
        # The core's messages follow ROUNDTABLE_LANGUAGE only (never LANG), so
        # scripts that read our output stay stable; restored afterwards.
        i18n.set_language(_language_from_environment())
        # --user names the author of this run's changes; restored afterwards, so
        # that main() called again in one process (tests) starts afresh.
        with context.acting_as(args.user):
            return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of our output went away (``roundtable export-json | head``).
        silence_stdout()
        return EXIT_FAILURE
    except RoundtableError as exc:
        log.info("the command failed", exc_info=True)
        print_error(str(exc))
        failed_at_work = isinstance(exc, DatabaseError | CommandError)
        return EXIT_FAILURE if failed_at_work else EXIT_USAGE
    except OSError as exc:
        log.info("the command failed", exc_info=True)
        print_error(explain_os_error(exc))
        return EXIT_FAILURE
    except Exception as exc:
        if not is_sqlalchemy_error(exc):
            raise  # a bug: the traceback is what a developer needs
        log.info("the command failed", exc_info=True)
        print_error(explain_database_error(exc, writing=getattr(args, "writes", False)))
        return EXIT_FAILURE
    finally:
        i18n.set_language(spoken)


def _language_from_environment() -> str:
    """The core's language for this run: ``ROUNDTABLE_LANGUAGE`` if it names one, else English."""
    wanted = os.environ.get(ENV_LANGUAGE, "").strip().lower()
    if not wanted:
        return i18n.SOURCE_LANGUAGE
    if wanted not in i18n.LANGUAGES:
        log.warning(
            "ignoring %s=%s; choose one of %s", ENV_LANGUAGE, wanted, ", ".join(i18n.LANGUAGES)
        )
        return i18n.SOURCE_LANGUAGE
    return wanted


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
    add_global_options(parser, top_level=True)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="load the demo scenario (does nothing if it is already there)",
        description="Load the demo scenario into the database. Running it again changes nothing.",
    )
    add_global_options(demo, top_level=False)
    demo.set_defaults(handler=cmd_demo, writes=True)

    export = commands.add_parser(
        "export-json",
        help="write the whole database as a JSON document",
        description="Write the whole database as one documented JSON document.",
    )
    export.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of the standard output"
    )
    add_global_options(export, top_level=False)
    export.set_defaults(handler=cmd_export_json, writes=False)

    import_ = commands.add_parser(
        "import-json",
        help="read a JSON document written by export-json into an empty database",
        description="Read a JSON document written by export-json into an empty database.",
    )
    import_.add_argument("file", metavar="FILE", help="the JSON document to read")
    add_global_options(import_, top_level=False)
    import_.set_defaults(handler=cmd_import_json, writes=True)

    info = commands.add_parser(
        "info",
        help="show where the data is and what it holds",
        description="Show the database in use, its schema revision and contents, and folders.",
    )
    add_global_options(info, top_level=False)
    info.set_defaults(handler=cmd_info, writes=False)
    add_ics_commands(commands)
    add_publishing_commands(commands)
    return parser


def _open_app(args: argparse.Namespace) -> int:
    try:
        from roundtable_ui.app import run
    except ImportError as exc:
        raise CommandError(
            _(
                "the desktop app cannot start: {reason}. The command-line commands still work "
                "(see '{prog} --help')."
            ).format(reason=exc, prog=PROG)
        ) from None
    return run(args.db)


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
