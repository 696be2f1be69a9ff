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

from roundtable import __version__, context, i18n
from roundtable.errors import DatabaseError, RoundtableError

if TYPE_CHECKING:
    from roundtable.db import Database

log = logging.getLogger("roundtable.cli")

PROG = "roundtable"
ENV_URL = "ROUNDTABLE_DATABASE_URL"  # the same name as roundtable.db.ENV_URL (not imported: slow)
#: The language of the core's messages (``en`` or ``nl``); the same variable as the UI's.
ENV_LANGUAGE = "ROUNDTABLE_LANGUAGE"
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
    _add_ics_commands(commands)
    _add_publishing_commands(commands)
    return parser


def _add_ics_commands(commands: Any) -> None:
    """``roundtable ics invite|cancel|publish|import``: calendar files and replies."""
    ics = commands.add_parser(
        "ics",
        help="calendar files (.ics) and e-mail drafts (.eml): invite, cancel, publish, import",
        description=(
            "Write calendar invitations, cancellations and the public feed as .ics files "
            "(or .eml drafts to send from your own mail program), and read replies back in."
        ),
    )
    _add_global_options(ics, top_level=False)
    ics_commands = ics.add_subparsers(title="calendar commands", metavar="COMMAND")
    ics.set_defaults(handler=lambda _args: _usage(ics), writes=False)

    invite = ics_commands.add_parser(
        "invite",
        help="write the invitation(s) of a roundtable",
        description=(
            "Write a roundtable's invitation. By default one file per invitee into the "
            "folder PATH, naming only the organiser and that invitee."
        ),
    )
    invite.add_argument("roundtable", metavar="ROUNDTABLE", help="the roundtable's id or UID")
    invite.add_argument("--attendee", metavar="EMAIL", help="only this invitee, into file PATH")
    invite.add_argument(
        "--whole",
        action="store_true",
        help="one file naming every invitee (they will see each other's addresses)",
    )
    invite.add_argument(
        "--eml", action="store_true", help="write e-mail drafts (.eml) instead of .ics files"
    )
    invite.add_argument("-o", "--output", metavar="PATH", required=True, help="file or folder")
    _add_global_options(invite, top_level=False)
    invite.set_defaults(handler=_cmd_ics_invite, writes=False)

    cancel = ics_commands.add_parser(
        "cancel",
        help="write the cancellation of a roundtable, or the withdrawal of one invitee",
        description=(
            "Write the cancellation of a cancelled roundtable (one file for all invitees not "
            "withdrawn), or with --attendee the withdrawal of that invitee's withdrawn "
            "invitation. With --eml: one e-mail draft per invitee into the folder PATH."
        ),
    )
    cancel.add_argument("roundtable", metavar="ROUNDTABLE", help="the roundtable's id or UID")
    cancel.add_argument("--attendee", metavar="EMAIL", help="the withdrawn invitee")
    cancel.add_argument(
        "--eml", action="store_true", help="write e-mail drafts (.eml) instead of .ics files"
    )
    cancel.add_argument("-o", "--output", metavar="PATH", required=True, help="file or folder")
    _add_global_options(cancel, top_level=False)
    cancel.set_defaults(handler=_cmd_ics_cancel, writes=False)

    publish = ics_commands.add_parser(
        "publish",
        help="write the public calendar feed (no attendee data)",
        description="Write the roundtables marked public as a METHOD:PUBLISH feed.",
    )
    publish.add_argument(
        "-o", "--output", metavar="PATH", required=True, help="the file ('-': standard output)"
    )
    _add_global_options(publish, top_level=False)
    publish.set_defaults(handler=_cmd_ics_publish, writes=False)

    import_ = ics_commands.add_parser(
        "import",
        help="read calendar replies, proposed times and hosts' invitations (.ics, .eml)",
        description=(
            "Read replies (and the e-mails carrying them), proposed new times, and invitations "
            "or cancellations from other hosts. Prints what changed; exits with 1 when a "
            "file could not be used."
        ),
    )
    import_.add_argument("files", metavar="FILE", nargs="+", help=".ics or .eml files")
    _add_global_options(import_, top_level=False)
    import_.set_defaults(handler=_cmd_ics_import, writes=True)


#: The output formats of ``roundtable render``; PDF is printed from the HTML render.
RENDER_FORMATS = ("html", "md", "txt", "pdf")
_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".txt": "txt", ".pdf": "pdf"}


def _add_publishing_commands(commands: Any) -> None:
    """``roundtable render`` and ``roundtable templates list|copy``."""
    render = commands.add_parser(
        "render",
        help="render a statement through a template (HTML, Markdown, plain text or PDF)",
        description=(
            "Render a statement through a template: a built-in one by name "
            "(see 'roundtable templates list'), one of yours, or a template file. "
            "PDF is printed from the HTML render. Prints the names the output contains, "
            "to check before you publish."
        ),
    )
    render.add_argument("statement", metavar="STATEMENT", help="the statement's id or short name")
    render.add_argument(
        "-t",
        "--template",
        metavar="NAME|PATH",
        help="template name (statement.html, statement.md, …) or file (default: by format)",
    )
    render.add_argument(
        "-f",
        "--format",
        choices=RENDER_FORMATS,
        help="output format (default: from the output file's extension, else html)",
    )
    render.add_argument(
        "--language", metavar="LANG", help="template language (default: the statement's)"
    )
    render.add_argument(
        "-o", "--output", metavar="PATH", required=True, help="the file ('-': standard output)"
    )
    _add_global_options(render, top_level=False)
    render.set_defaults(handler=_cmd_render, writes=False)

    templates = commands.add_parser(
        "templates",
        help="list the templates, or copy a built-in one into your templates folder",
        description=(
            "List the templates (built-in and yours), or copy a built-in template into "
            "your templates folder to change it; yours win over the built-in ones."
        ),
    )
    _add_global_options(templates, top_level=False)
    template_commands = templates.add_subparsers(title="template commands", metavar="COMMAND")
    templates.set_defaults(handler=lambda _args: _templates_usage(templates), writes=False)

    list_ = template_commands.add_parser(
        "list", help="list the templates", description="List the built-in templates and yours."
    )
    _add_global_options(list_, top_level=False)
    list_.set_defaults(handler=_cmd_templates_list, writes=False)

    copy = template_commands.add_parser(
        "copy",
        help="copy a built-in template into your templates folder",
        description="Copy a built-in template into your templates folder and print where.",
    )
    copy.add_argument("name", metavar="NAME", help="the template's name, e.g. statement.html")
    copy.add_argument(
        "--language", default="en", metavar="LANG", help="which language's template (default: en)"
    )
    _add_global_options(copy, top_level=False)
    copy.set_defaults(handler=_cmd_templates_copy, writes=False)

    # Contacts (import/export) and privacy (subject access, erasure, review)
    # live in their own modules; imported here, not at the top, to keep
    # ``roundtable --version`` fast.
    from roundtable import cli_contacts, cli_privacy

    cli_contacts.register(commands, _add_global_options)
    cli_privacy.register(commands, _add_global_options)


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
        _record_export(args, "standard output")
        return EXIT_OK
    target = Path(args.output).expanduser()
    write_file_atomically(target, text.encode("utf-8"))
    print(f"Exported {database.description} to {target}.")
    _record_export(args, target.name)
    return EXIT_OK


def _record_export(args: argparse.Namespace, target: str) -> None:
    """Put a whole-database export on the audit log, after it was written.

    Recorded afterwards (and in its own transaction) so the document never
    holds its own audit row, and export → import → export stays comparable.
    An export from a database this user may only read still succeeds, with a
    warning that it went unrecorded.
    """
    from roundtable.audit import record_audit

    database = _open(args)
    try:
        with database.transaction() as session:
            record_audit(session, "export-json", detail={"file": target})
    except Exception as exc:
        if not _is_sqlalchemy_error(exc):
            raise
        log.info("the export could not be recorded", exc_info=True)
        print(
            f"{PROG}: warning: the export was written, but the audit log could not record it "
            f"({_explain_database_error(exc, writing=True)})",
            file=sys.stderr,
        )
    finally:
        database.close()


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


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    _error("choose a calendar command: invite, cancel, publish or import.")
    return EXIT_USAGE


def _safe_file_name(address: str, suffix: str) -> str:
    """A file name for one invitee's file: the address with anything unsafe replaced."""
    name = "".join(ch if ch.isalnum() or ch in "@._-+" else "_" for ch in address)
    return f"{name.strip('.') or 'invitee'}{suffix}"


def _write_folder(folder: Path, files: dict[str, bytes], suffix: str) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise CommandError(f"Cannot write into {folder}: it is a file, not a folder.")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for address, data in files.items():
        target = folder / _safe_file_name(address, suffix)
        write_file_atomically(target, data)
        written.append(target)
    return written


def _single_target(path: Path, default_name: str) -> Path:
    return path / default_name if path.is_dir() else path


def _cmd_ics_invite(args: argparse.Namespace) -> int:
    from roundtable import calendar, mail
    from roundtable.errors import ValidationError
    from roundtable.records import get_roundtable

    if args.whole and args.attendee:
        raise ValidationError("Choose either --attendee or --whole, not both.")
    if args.whole and args.eml:
        raise ValidationError(
            "--whole makes one calendar file for everyone; e-mail drafts are one per invitee, "
            "so leave out --eml or --whole."
        )
    output = Path(args.output).expanduser()
    database = _open(args)
    try:
        with database.transaction() as session:
            roundtable = get_roundtable(session, args.roundtable)
            suffix = ".eml" if args.eml else ".ics"
            if args.attendee or args.whole:
                if args.attendee and args.eml:
                    invitation = _invitation_by_email(roundtable, args.attendee)
                    data = mail.invitation_draft(session, invitation)
                else:
                    data = calendar.invitation_request(
                        session, roundtable, attendee_email=args.attendee
                    )
                name = _safe_file_name(args.attendee, suffix) if args.attendee else "invite.ics"
                target = _single_target(output, name)
                write_file_atomically(target, data)
                print(f"Wrote the invitation to {target}.")
                return EXIT_OK
            if args.eml:
                files = mail.invitation_drafts(session, roundtable)
            else:
                files = calendar.invitation_requests(session, roundtable)
            left_out = calendar.left_out_invitees(roundtable)
    finally:
        database.close()
    if not files:
        raise ValidationError("No invitee of this roundtable has an e-mail address to write to.")
    written = _write_folder(output, files, suffix)
    print(f"Wrote {_count(len(written), 'invitation')} into {output}.")
    if left_out:
        names = ", ".join(invitation.invitee_name for invitation in left_out)
        print(f"Left out for want of an e-mail address: {names}.")
    return EXIT_OK


def _invitation_by_email(roundtable: Any, address: str) -> Any:
    from roundtable.calendar import CalendarError, invitee_email

    wanted = address.strip().lower().removeprefix("mailto:")
    for invitation in roundtable.invitations:
        found = invitee_email(invitation)
        if found is not None and found.lower() == wanted:
            return invitation
    raise CalendarError(f"{address} is not among the invitees of “{roundtable.title}”.")


def _cmd_ics_cancel(args: argparse.Namespace) -> int:
    from roundtable import calendar, mail
    from roundtable.records import get_roundtable

    output = Path(args.output).expanduser()
    database = _open(args)
    try:
        with database.transaction() as session:
            roundtable = get_roundtable(session, args.roundtable)
            if args.attendee:
                invitation = _invitation_by_email(roundtable, args.attendee)
                if args.eml:
                    data = mail.withdrawal_draft(session, invitation)
                else:
                    data = calendar.withdrawal(session, invitation)
                suffix = ".eml" if args.eml else ".ics"
                target = _single_target(output, _safe_file_name(args.attendee, suffix))
                write_file_atomically(target, data)
                print(f"Wrote the withdrawal for {invitation.invitee_name} to {target}.")
                return EXIT_OK
            if args.eml:
                files = mail.cancellation_drafts(session, roundtable)
            else:
                data = calendar.cancellation(session, roundtable)
                target = _single_target(output, "cancel.ics")
                write_file_atomically(target, data)
                print(f"Wrote the cancellation to {target}.")
                return EXIT_OK
    finally:
        database.close()
    written = _write_folder(output, files, ".eml")
    print(f"Wrote {_count(len(written), 'cancellation')} into {output}.")
    return EXIT_OK


def _cmd_ics_publish(args: argparse.Namespace) -> int:
    from roundtable.calendar import publish_feed

    database = _open(args)
    try:
        with database.transaction() as session:
            data = publish_feed(session)
    finally:
        database.close()
    if args.output == "-":
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data.decode("utf-8"))
        else:
            buffer.write(data)
            buffer.flush()
        return EXIT_OK
    target = _single_target(Path(args.output).expanduser(), "roundtables.ics")
    write_file_atomically(target, data)
    print(f"Wrote the public calendar to {target}.")
    return EXIT_OK


def _cmd_ics_import(args: argparse.Namespace) -> int:
    from roundtable.calendar_import import import_files

    database = _open(args)
    try:
        with database.transaction() as session:
            report = import_files(session, [Path(name).expanduser() for name in args.files])
    finally:
        database.close()
    for line in report.lines():
        print(line)
    return EXIT_FAILURE if report.failed else EXIT_OK


def _templates_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    _error("choose a template command: list or copy.")
    return EXIT_USAGE


def _render_choices(args: argparse.Namespace) -> tuple[str | Path, str]:
    """The template (name or file) and output format ``render`` uses, checked against each other."""
    from roundtable.errors import ValidationError

    output_format = args.format
    if output_format is None and args.output != "-":
        output_format = _SUFFIX_FORMATS.get(Path(args.output).suffix.lower())
    given: str | None = args.template
    template: str | Path | None = given
    if given is not None:
        candidate = Path(given).expanduser()
        if candidate.is_file() or any(sep in given for sep in ("/", os.sep)):
            if not candidate.is_file():
                raise ValidationError(f"There is no template file {candidate}.")
            template = candidate
    template_format = _template_format(template) if template is not None else None
    if output_format is None:
        output_format = template_format or "html"
    wanted = "html" if output_format == "pdf" else output_format
    if template is None:
        template = f"statement.{wanted}"
    elif isinstance(template, str) and template_format is None:
        template = f"{template}.{wanted}"  # "statement" → "statement.html"
        template_format = wanted
    if template_format is not None and template_format != wanted:
        raise ValidationError(
            f"The template {_template_label(template)} writes {template_format.upper()}, "
            f"not {output_format.upper()}: choose a {wanted} template or --format {template_format}."
        )
    if output_format == "pdf" and args.output == "-":
        raise ValidationError("A PDF cannot go to the standard output: name a file with -o.")
    return template, output_format


def _template_label(template: str | Path) -> str:
    return template.name if isinstance(template, Path) else template


def _template_format(template: str | Path) -> str | None:
    """The format a template writes, from its name ("statement.html" or "x.md.j2")."""
    name = _template_label(template).lower().removesuffix(".j2")
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return {"html": "html", "htm": "html", "md": "md", "txt": "txt"}.get(suffix)


def _cmd_render(args: argparse.Namespace) -> int:
    from roundtable.publishing import render_statement
    from roundtable.records import get_statement

    template, output_format = _render_choices(args)
    database = _open(args)
    try:
        with database.transaction() as session:
            statement = get_statement(session, args.statement)
            title = statement.title
            rendered = render_statement(session, statement, template, language=args.language)
    finally:
        database.close()
    if args.output == "-":
        _write_stdout(rendered.text)
        return EXIT_OK
    if output_format == "pdf":
        from ui.pdf import html_to_pdf  # Qt only for PDF, and only here

        data = html_to_pdf(rendered.text, title=title)
    else:
        data = rendered.text.encode("utf-8")
    target = Path(args.output).expanduser()
    write_file_atomically(target, data)
    print(f"Wrote “{title}” ({output_format.upper()}, {rendered.template_name}) to {target}.")
    names = ", ".join(rendered.names) if rendered.names else "none"
    print(f"Names in this output: {names}.")
    return EXIT_OK


def _cmd_templates_list(args: argparse.Namespace) -> int:
    from roundtable.publishing import list_templates, user_template_dir

    rows = [
        (
            info.name,
            info.format,
            info.language or "any",
            "built-in" if info.builtin else "yours",
            info.description,
        )
        for info in list_templates()
    ]
    header = ("Name", "Format", "Language", "Kind", "Description")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join([*cells, row[4]]).rstrip())
    print(f"Your templates folder: {user_template_dir()}")
    return EXIT_OK


def _cmd_templates_copy(args: argparse.Namespace) -> int:
    from roundtable.publishing import copy_template

    target = copy_template(args.name, language=args.language)
    print(f"Copied {args.name} ({args.language}) to {target}.")
    print("Edit it there; your copy is used instead of the built-in one.")
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
