"""``roundtable ics invite|cancel|publish|import``: calendar files and replies.

What the commands print speaks the language ROUNDTABLE_LANGUAGE names; the help
texts stay English, like argparse's own words around them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from roundtable.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    add_global_options,
    open_database_from_args,
    safe_file_name,
    single_target,
    usage,
    write_file_atomically,
    write_folder,
)
from roundtable.i18n import _, ngettext


def add_ics_commands(commands: Any) -> None:
    """``roundtable ics invite|cancel|publish|import``: calendar files and replies."""
    ics = commands.add_parser(
        "ics",
        help="calendar files (.ics) and e-mail drafts (.eml): invite, cancel, publish, import",
        description=(
            "Write calendar invitations, cancellations and the public feed as .ics files "
            "(or .eml drafts to send from your own mail program), and read replies back in."
        ),
    )
    add_global_options(ics, top_level=False)
    ics_commands = ics.add_subparsers(title="calendar commands", metavar="COMMAND")
    ics.set_defaults(handler=lambda _args: usage(ics), writes=False)

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
    add_global_options(invite, top_level=False)
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
    add_global_options(cancel, top_level=False)
    cancel.set_defaults(handler=_cmd_ics_cancel, writes=False)

    publish = ics_commands.add_parser(
        "publish",
        help="write the public calendar feed (no attendee data)",
        description="Write the roundtables marked public as a METHOD:PUBLISH feed.",
    )
    publish.add_argument(
        "-o", "--output", metavar="PATH", required=True, help="the file ('-': standard output)"
    )
    add_global_options(publish, top_level=False)
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
    add_global_options(import_, top_level=False)
    import_.set_defaults(handler=_cmd_ics_import, writes=True)


def _cmd_ics_invite(args: argparse.Namespace) -> int:
    from roundtable.calendar import mail, outgoing
    from roundtable.errors import ValidationError
    from roundtable.meetings.lifecycle import get_roundtable

    if args.whole and args.attendee:
        raise ValidationError(_("Choose either --attendee or --whole, not both."))
    if args.whole and args.eml:
        raise ValidationError(
            _(
                "--whole makes one calendar file for everyone; e-mail drafts are one per "
                "invitee, so leave out --eml or --whole."
            )
        )
    output = Path(args.output).expanduser()
    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            roundtable = get_roundtable(session, args.roundtable)
            suffix = ".eml" if args.eml else ".ics"
            if args.attendee or args.whole:
                if args.attendee and args.eml:
                    invitation = _invitation_by_email(roundtable, args.attendee)
                    data = mail.invitation_draft(session, invitation)
                else:
                    data = outgoing.invitation_request(
                        session, roundtable, attendee_email=args.attendee
                    )
                name = safe_file_name(args.attendee, suffix) if args.attendee else "invite.ics"
                target = single_target(output, name)
                write_file_atomically(target, data)
                print(_("Wrote the invitation to {path}.").format(path=target))
                return EXIT_OK
            if args.eml:
                files = mail.invitation_drafts(session, roundtable)
            else:
                files = outgoing.invitation_requests(session, roundtable)
            left_out = outgoing.left_out_invitees(roundtable)
    finally:
        database.close()
    if not files:
        raise ValidationError(_("No invitee of this roundtable has an e-mail address to write to."))
    written = write_folder(output, files, suffix)
    print(
        ngettext(
            "Wrote {count} invitation into {path}.",
            "Wrote {count} invitations into {path}.",
            len(written),
        ).format(count=len(written), path=output)
    )
    if left_out:
        names = ", ".join(invitation.invitee_name for invitation in left_out)
        print(_("Left out for want of an e-mail address: {names}.").format(names=names))
    return EXIT_OK


def _invitation_by_email(roundtable: Any, address: str) -> Any:
    from roundtable.calendar.outgoing import invitee_email, not_invited
    from roundtable.errors import CalendarError

    wanted = address.strip().lower().removeprefix("mailto:")
    for invitation in roundtable.invitations:
        found = invitee_email(invitation)
        if found is not None and found.lower() == wanted:
            return invitation
    raise CalendarError(not_invited(address, roundtable))


def _cmd_ics_cancel(args: argparse.Namespace) -> int:
    from roundtable.calendar import mail, outgoing
    from roundtable.meetings.lifecycle import get_roundtable

    output = Path(args.output).expanduser()
    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            roundtable = get_roundtable(session, args.roundtable)
            if args.attendee:
                invitation = _invitation_by_email(roundtable, args.attendee)
                if args.eml:
                    data = mail.withdrawal_draft(session, invitation)
                else:
                    data = outgoing.withdrawal(session, invitation)
                suffix = ".eml" if args.eml else ".ics"
                target = single_target(output, safe_file_name(args.attendee, suffix))
                write_file_atomically(target, data)
                print(
                    _("Wrote the withdrawal for {name} to {path}.").format(
                        name=invitation.invitee_name, path=target
                    )
                )
                return EXIT_OK
            if args.eml:
                files = mail.cancellation_drafts(session, roundtable)
            else:
                data = outgoing.cancellation(session, roundtable)
                target = single_target(output, "cancel.ics")
                write_file_atomically(target, data)
                print(_("Wrote the cancellation to {path}.").format(path=target))
                return EXIT_OK
    finally:
        database.close()
    written = write_folder(output, files, ".eml")
    print(
        ngettext(
            "Wrote {count} cancellation into {path}.",
            "Wrote {count} cancellations into {path}.",
            len(written),
        ).format(count=len(written), path=output)
    )
    return EXIT_OK


def _cmd_ics_publish(args: argparse.Namespace) -> int:
    from roundtable.calendar.outgoing import publish_feed

    database = open_database_from_args(args)
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
    target = single_target(Path(args.output).expanduser(), "roundtables.ics")
    write_file_atomically(target, data)
    print(_("Wrote the public calendar to {path}.").format(path=target))
    return EXIT_OK


def _cmd_ics_import(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.calendar import actions as calendar_actions

    database = open_database_from_args(args)
    try:
        paths = [Path(name).expanduser() for name in args.files]
        report = perform(database, calendar_actions.import_files(paths)).result
    finally:
        database.close()
    for line in report.lines():
        print(line)
    return EXIT_FAILURE if report.failed else EXIT_OK
