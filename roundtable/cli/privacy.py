"""The ``roundtable privacy`` commands: subject access, erasure, retention review, audit log.

``export``, ``erase``, ``review``, ``keep``, ``retention`` and ``audit``; the
work is done by :mod:`roundtable.privacy`. Like :mod:`roundtable.cli`, this
module imports only the standard library at the top: the database layer and
the cli helpers are imported inside the commands (cli imports this module
while it builds its parser).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roundtable.i18n import _, ngettext

if TYPE_CHECKING:
    from roundtable.privacy.erasure import ErasurePlan

#: The widest a changed value is printed before it is shortened with "…".
VALUE_WIDTH = 100
_SUBCOMMANDS = "export, erase, review, keep, retention or audit"


def _kept_phrase(what: str, count: int) -> str:
    """One count of :attr:`roundtable.privacy.erasure.ErasurePlan.kept`: "3 questions asked"."""
    phrases = {
        "invitations": ngettext("{count} invitation", "{count} invitations", count),
        "invitation history entries": ngettext(
            "{count} invitation history entry", "{count} invitation history entries", count
        ),
        "questions asked": ngettext("{count} question asked", "{count} questions asked", count),
        "minute notes spoken": ngettext(
            "{count} minute note spoken", "{count} minute notes spoken", count
        ),
        "action items owned": ngettext(
            "{count} action item owned", "{count} action items owned", count
        ),
        "roundtables organised": ngettext(
            "{count} roundtable organised", "{count} roundtables organised", count
        ),
    }
    return phrases.get(what, "{count} " + what).format(count=count)


def _basis_words(basis: str) -> str:
    """A lawful basis (``public_task``) in words: "public task"."""
    words = {
        "unknown": _("unknown"),
        "consent": _("consent"),
        "legitimate_interest": _("legitimate interest"),
        "contract": _("contract"),
        "legal_obligation": _("legal obligation"),
        "public_task": _("public task"),
        "vital_interests": _("vital interests"),
    }
    return words.get(basis, basis.replace("_", " "))


def _months_phrase(months: int) -> str:
    return ngettext("{count} month", "{count} months", months).format(count=months)


def register(commands: Any, add_global_options: Callable[..., None]) -> None:
    """Add the ``privacy`` command and its subcommands to ``commands`` (argparse subparsers)."""
    privacy = commands.add_parser(
        "privacy",
        help="GDPR tools: subject access, erasure, retention review, audit log",
        description=(
            "Tools for the personal data of the people in the database: what is held about "
            "someone (subject access), erasing their details, reviewing who is due for "
            "review after the retention period, and the audit log."
        ),
    )
    add_global_options(privacy, top_level=False)
    privacy_commands = privacy.add_subparsers(title="privacy commands", metavar="COMMAND")
    privacy.set_defaults(handler=lambda _args: usage(privacy), writes=False)

    export = privacy_commands.add_parser(
        "export",
        help="write everything held about a person, as JSON and as a readable HTML report",
        description=(
            "Write everything the database holds about a person (GDPR article 15) into the "
            "folder DIR: subject-access-<id>-<date>.json and .html. The export is recorded "
            "in the audit log."
        ),
    )
    export.add_argument("person", metavar="PERSON", help="the person's id or e-mail address")
    export.add_argument("-o", "--output", metavar="DIR", required=True, help="the folder")
    add_global_options(export, top_level=False)
    export.set_defaults(handler=_cmd_export, writes=True)

    erase = privacy_commands.add_parser(
        "erase",
        help="show what erasing a person changes; with --yes, erase them",
        description=(
            "Show what erasing a person's details changes: their own fields, and every text "
            "that names them, which will name a neutral label instead. Their invitations, "
            "questions and notes stay, so counts stay whole. Only with --yes is anything "
            "changed; erasure cannot be undone."
        ),
    )
    erase.add_argument("person", metavar="PERSON", help="the person's id or e-mail address")
    erase.add_argument(
        "--yes", action="store_true", help="erase them (without it, nothing is changed)"
    )
    add_global_options(erase, top_level=False)
    erase.set_defaults(handler=_cmd_erase, writes=True)

    review = privacy_commands.add_parser(
        "review",
        help="list the people due for a privacy review, and why",
        description=(
            "List the people whose details are due for review: the retention period has "
            "passed since their last roundtable (or since they were added, when in none) and "
            "since they were last kept."
        ),
    )
    add_global_options(review, top_level=False)
    review.set_defaults(handler=_cmd_review, writes=False)

    keep = privacy_commands.add_parser(
        "keep",
        help="keep a person's details after a review (due again one retention period later)",
        description="Record that a review keeps this person's details for another period.",
    )
    keep.add_argument("person", metavar="PERSON", help="the person's id or e-mail address")
    add_global_options(keep, top_level=False)
    keep.set_defaults(handler=_cmd_keep, writes=True)

    retention = privacy_commands.add_parser(
        "retention",
        help="show or set the retention period in months",
        description=(
            "Show the retention period, or set it: how many months after their last "
            "roundtable people's details are due for review (1 to 240; 24 by default)."
        ),
    )
    retention.add_argument("months", metavar="MONTHS", nargs="?", type=_months, help="new period")
    add_global_options(retention, top_level=False)
    retention.set_defaults(handler=_cmd_retention, writes=True)

    audit = privacy_commands.add_parser(
        "audit",
        help="show the audit log: imports, exports, merges, erasures, deletions",
        description="Show the audit log, newest first.",
    )
    audit.add_argument(
        "--action", metavar="PREFIX", default="", help="only actions starting with PREFIX"
    )
    audit.add_argument(
        "--limit", metavar="N", type=_limit, default=50, help="at most N entries (default: 50)"
    )
    add_global_options(audit, top_level=False)
    audit.set_defaults(handler=_cmd_audit, writes=False)


def _months(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a whole number of months, for example 24"
        ) from None


def _limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of entries, for example 20")
    return number


def usage(parser: argparse.ArgumentParser) -> int:
    from roundtable.cli.common import EXIT_USAGE, print_error

    parser.print_usage(sys.stderr)
    print_error(_("choose a privacy command: {commands}.").format(commands=_SUBCOMMANDS))
    return EXIT_USAGE


def _short(value: str) -> str:
    """A value on one line, shortened to :data:`VALUE_WIDTH` characters."""
    line = " ".join(value.split())
    return line if len(line) <= VALUE_WIDTH else line[: VALUE_WIDTH - 1] + "…"


def _kept_line(kept: Mapping[str, int]) -> str:
    shown = [_kept_phrase(what, count) for what, count in kept.items() if count]
    return ", ".join(shown) if shown else _("nothing else refers to them")


def _print_plan(plan: ErasurePlan, name: str, *, done: bool) -> None:
    values = {"name": name, "id": plan.person_id}
    if done:
        print(_("Erasing {name} (person #{id}) changed these details:").format(**values))
    else:
        print(_("Erasing {name} (person #{id}) would change these details:").format(**values))
    removed = _("(removed)")
    for field, old, new in plan.field_changes:
        print(f"  {field}: {_short(old)} → {_short(new) if new else removed}")
    if plan.text_changes:
        count = len(plan.text_changes)
        if done:
            heading = ngettext(
                "Text that names them ({count} place) now names “{label}” instead:",
                "Text that names them ({count} places) now names “{label}” instead:",
                count,
            )
        else:
            heading = ngettext(
                "Text that names them ({count} place) would name “{label}” instead:",
                "Text that names them ({count} places) would name “{label}” instead:",
                count,
            )
        print(heading.format(count=count, label=plan.label))
        for mention, after in plan.text_changes:
            print(f"  {mention.where}")
            print("    " + _("before: {text}").format(text=mention.excerpt))
            print("    " + _("after:  {text}").format(text=after or removed))
    else:
        print(_("No other text names them."))
    print(_("Kept, without their details: {kept}.").format(kept=_kept_line(plan.kept)))


def _cmd_export(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.errors import CommandError, FileWriteError
    from roundtable.people.persons import get_person
    from roundtable.privacy.access import write_report_files
    from roundtable.privacy.actions import record_access_export
    from roundtable.privacy.queries import subject_access

    folder = Path(args.output).expanduser()
    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            found = subject_access(session, get_person(session, args.person).id)
        try:
            paths = write_report_files(found.person_id, found.report, folder)
        except FileWriteError as exc:
            raise CommandError(str(exc)) from exc
        # Recorded once both files are written, as the app does.
        perform(database, record_access_export(found.person_id, [path.name for path in paths]))
    finally:
        database.close()
    print(
        _("Wrote everything held about {name} (person #{id}):").format(
            name=found.name, id=found.person_id
        )
    )
    for path in paths:
        print(path)
    return EXIT_OK


def _cmd_erase(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.people.persons import get_person
    from roundtable.privacy.actions import erase
    from roundtable.privacy.erasure import plan_erasure, scrub_sqlite_file

    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            person = get_person(session, args.person)
            person_id, name = person.id, person.name
            if not args.yes:
                plan = plan_erasure(session, person)
        if args.yes:
            (plan,) = perform(database, erase([person_id])).result
            # After the commit: older copies of the rewritten pages leave the file.
            scrub_sqlite_file(database.engine)
    finally:
        database.close()
    _print_plan(plan, name, done=args.yes)
    if args.yes:
        print(
            _("Erased: {name} is now “{label}”. This cannot be undone.").format(
                name=name, label=plan.label
            )
        )
        print(
            _(
                "Copies made before now (exports, reports, backups) still hold their details; "
                "delete those too."
            )
        )
    else:
        print(_("Nothing changed; run again with --yes to erase. This cannot be undone."))
    return EXIT_OK


def _cmd_review(args: argparse.Namespace) -> int:
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.privacy.retention import due_for_review, retention_months

    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            months = retention_months(session)
            items = due_for_review(session)
    finally:
        database.close()
    period = _months_phrase(months)
    if not items:
        print(
            _("No one is due for a privacy review (retention period: {period}).").format(
                period=period
            )
        )
        return EXIT_OK
    print(
        ngettext(
            "{count} person is due for a privacy review (retention period: {period}):",
            "{count} people are due for a privacy review (retention period: {period}):",
            len(items),
        ).format(count=len(items), period=period)
    )
    for item in items:
        who = item.name + (f" <{item.email}>" if item.email else "")
        if item.organisation:
            who += f", {item.organisation}"
        print(f"  #{item.person_id} {who}")
        print(
            "    "
            + _("{reason} Lawful basis: {basis}.").format(
                reason=item.reason, basis=_basis_words(item.lawful_basis)
            )
        )
    print(
        _(
            "Erase with 'roundtable privacy erase PERSON --yes' "
            "or keep with 'roundtable privacy keep PERSON'."
        )
    )
    return EXIT_OK


def _cmd_keep(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.editing import day_label
    from roundtable.people.persons import get_person
    from roundtable.privacy.actions import keep
    from roundtable.privacy.retention import next_review_on

    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            person = get_person(session, args.person)
            name, person_id = person.name, person.id
        perform(database, keep([person_id], name=name))
        with database.transaction() as session:
            due = next_review_on(session, get_person(session, person_id))
    finally:
        database.close()
    if due is not None:
        print(
            _("Kept the details of {name} (person #{id}); next review due on {day}.").format(
                name=name, id=person_id, day=day_label(due)
            )
        )
    else:
        print(_("Kept the details of {name} (person #{id}).").format(name=name, id=person_id))
    return EXIT_OK


def _cmd_retention(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.privacy.actions import set_retention
    from roundtable.privacy.retention import count_due_for_review, retention_months

    database = open_database_from_args(args)
    try:
        if args.months is not None:
            perform(database, set_retention(args.months))
        with database.transaction() as session:
            months = retention_months(session)
            due = count_due_for_review(session)
    finally:
        database.close()
    if args.months is not None:
        print(_("Set the retention period to {period}.").format(period=_months_phrase(months)))
    else:
        print(_("Retention period: {period}.").format(period=_months_phrase(months)))
    print(
        ngettext(
            "{count} person is due for review.", "{count} people are due for review.", due
        ).format(count=due)
    )
    return EXIT_OK


def _cmd_audit(args: argparse.Namespace) -> int:
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.privacy.audit_log import list_audit_entries

    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            rows = list_audit_entries(session, action_prefix=args.action, limit=args.limit)
    finally:
        database.close()
    if not rows:
        if args.action:
            print(_("The audit log has no entries for {prefix}…").format(prefix=args.action))
        else:
            print(_("The audit log has no entries."))
        return EXIT_OK
    for row in rows:
        what = f"{row.entity_type} #{row.entity_id}" if row.entity_id is not None else ""
        cells = [f"{row.at:%Y-%m-%d %H:%M} UTC", row.actor, row.action, what, row.summary]
        print("  ".join(cell for cell in cells if cell))
    return EXIT_OK
