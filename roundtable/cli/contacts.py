"""The ``roundtable contacts`` commands: contacts import and export.

``roundtable contacts import FILE`` prints what an import of a CSV or vCard
file would do (the layout, the column mapping, every row that is not a plain
addition, and a summary) and writes nothing; with ``--yes`` it then writes it,
all or nothing, through the same action the app runs
(:func:`roundtable.contacts.actions.import_contacts`). ``roundtable contacts
export -o FILE`` writes every person (erased people left out) in the format of
the file's suffix (:mod:`roundtable.contacts.formats`), and records the export
through :func:`roundtable.contacts.actions.record_export`.

The helpers of :mod:`roundtable.cli` are imported inside the functions: that
module imports this one while it builds its parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roundtable.cli.common import count_organisations, count_people
from roundtable.i18n import _, ngettext

if TYPE_CHECKING:
    from roundtable.contacts.layouts import Field
    from roundtable.contacts.planning import ImportPlan
    from roundtable.contacts.source import SourceTable


def register(commands: Any, add_global_options: Callable[..., None]) -> None:
    """Add the ``contacts`` command and its subcommands to ``commands`` (argparse subparsers)."""
    contacts = commands.add_parser(
        "contacts",
        help="import people and organisations from CSV or vCard, or export people",
        description=(
            "Import people and organisations from a CSV file (Google Contacts, Outlook or "
            "any other layout) or a vCard file, or export people as CSV or vCard."
        ),
    )
    add_global_options(contacts, top_level=False)
    contacts.set_defaults(handler=lambda _args: usage(contacts), writes=False)
    subcommands = contacts.add_subparsers(title="contacts commands", metavar="COMMAND")

    import_ = subcommands.add_parser(
        "import",
        help="show what importing a CSV or vCard file would do; with --yes, do it",
        description=(
            "Read a CSV or vCard file and show what importing it would do: the column "
            "mapping, and every row that would update someone, be skipped as a duplicate, "
            "or be rejected, with the reason. Nothing is written unless --yes is given; "
            "then all of it is written, or none."
        ),
    )
    import_.add_argument("file", metavar="FILE", help="a .csv, .tsv, .txt or .vcf file")
    import_.add_argument("--yes", action="store_true", help="write the import")
    import_.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help=(
            "map a column (by its header or its number) to a field instead of the guessed "
            "one; FIELD is one of: "
            "name, first_name, middle_name, last_name, email, organisation, role, phone, "
            "preferred_language, notes, ignore. May be given several times."
        ),
    )
    add_global_options(import_, top_level=False)
    import_.set_defaults(handler=_cmd_import, writes=True)

    from roundtable.contacts import formats

    offered = [f"{fmt.label()} ({fmt.suffixes[0]})" for fmt in formats.export_formats()]
    export = subcommands.add_parser(
        "export",
        help=f"write people as {_either(offered)}",
        description=(
            f"Write every person (erased people left out) as {_either(offered)}, by the "
            "output file's suffix. The CSV is safe to open in a spreadsheet."
        ),
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        required=True,
        help=f"the file to write ({_either(list(formats.export_suffixes()))})",
    )
    add_global_options(export, top_level=False)
    export.set_defaults(handler=_cmd_export, writes=True)


def _either(words: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) == 1:
        return words[0]
    return _("{items} or {last}").format(items=", ".join(words[:-1]), last=words[-1])


def usage(parser: argparse.ArgumentParser) -> int:
    from roundtable.cli.common import EXIT_USAGE, print_error

    parser.print_usage(sys.stderr)
    print_error(_("choose a contacts command: import or export."))
    return EXIT_USAGE


def _cmd_import(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.cli.common import EXIT_OK, open_database_from_args
    from roundtable.contacts import actions
    from roundtable.contacts.planning import plan_import
    from roundtable.contacts.reading import read_contacts_file

    source_path = Path(args.file).expanduser()
    # The file and the mapping are checked before the database is opened, so a
    # wrong file name does not leave a new empty database behind.
    source = read_contacts_file(source_path)
    mapping = _mapping(source, args.map)
    database = open_database_from_args(args)
    try:
        plan = database.read(plan_import, source, mapping)
        for line in preview_lines(plan):
            print(line)
        if not args.yes:
            print(_("Nothing written; run again with --yes to import."))
            return EXIT_OK
        # The action checks every row again: someone may have changed one since the preview.
        result = perform(database, actions.import_contacts(plan)).result
    finally:
        database.close()
    print(
        _("Imported {file}: added {added}, updated {updated}, created {organisations}.").format(
            file=source_path.name,
            added=count_people(len(result.added)),
            updated=count_people(len(result.updated)),
            organisations=count_organisations(len(result.organisations_added)),
        )
    )
    return EXIT_OK


def preview_lines(plan: ImportPlan) -> list[str]:
    """The preview ``contacts import`` prints: layout, mapping, notable rows, summary."""
    from roundtable.contacts.layouts import Field, field_label
    from roundtable.contacts.planning import RowAction, summary_line
    from roundtable.contacts.source import describe_source

    source = plan.source
    lines = [
        _("Read {file}: {description}.").format(
            file=source.name, description=describe_source(source)
        )
    ]
    lines += [
        _("Warning: {warning}").format(warning=warning)
        for warning in (*source.warnings, *plan.warnings)
    ]
    lines.append(_("Columns:"))
    mapped = [
        h
        for h, target in zip(source.headers, plan.mapping, strict=True)
        if target is not Field.IGNORE
    ]
    width = max((len(header) for header in mapped), default=0)
    ignored = 0
    for header, target in zip(source.headers, plan.mapping, strict=True):
        if target is Field.IGNORE:
            ignored += 1
            continue
        lines.append(f"  {header:<{width}}  → {field_label(target)}")
    if ignored:
        lines.append(
            "  "
            + ngettext(
                "({count} other column not imported)",
                "({count} other columns not imported)",
                ignored,
            ).format(count=ignored)
        )
    for row in plan.rows:
        if row.action is RowAction.ADD:
            continue
        who = row.name or _("(no name)")
        if row.email:
            who += f" <{row.email}>"
        if row.action is RowAction.UPDATE:
            changes = "; ".join(
                f"{label} {_shown(old)} → {_shown(new)}" for label, old, new in row.changes
            )
            lines.append(
                _("Line {line}: update {who}: {changes}").format(
                    line=row.line, who=who, changes=changes
                )
            )
        elif row.action is RowAction.SKIP:
            lines.append(
                _("Line {line}: skip {who}: {reason}").format(
                    line=row.line, who=who, reason=row.reason
                )
            )
        else:
            lines.append(
                _("Line {line}: reject {who}: {reason}").format(
                    line=row.line, who=who, reason=row.reason
                )
            )
    if plan.new_organisations:
        names = ", ".join(plan.new_organisations)
        lines.append(_("New organisations: {names}").format(names=names))
    lines.append(summary_line(plan) + ".")
    return lines


def _shown(value: str) -> str:
    text = " ".join(value.split())
    if len(text) > 60:
        text = text[:59] + "…"
    return f"“{text}”" if text else _("(empty)")


def _mapping(source: SourceTable, given: Sequence[str]) -> tuple[Field, ...]:
    """The guessed mapping with the ``--map COLUMN=FIELD`` changes applied."""
    from roundtable.contacts.layouts import parse_field
    from roundtable.errors import ValidationError

    mapping = list(source.mapping)
    for item in given:
        column, equals, field_name = item.rpartition("=")
        if not equals or not column.strip():
            raise ValidationError(
                _(
                    "--map {item} is not COLUMN=FIELD, for example --map 'E-mail 1 - Value=email'."
                ).format(item=repr(item))
            )
        mapping[_column_index(source, column.strip())] = parse_field(field_name)
    return tuple(mapping)


def _column_index(source: SourceTable, column: str) -> int:
    from roundtable.errors import ValidationError

    wanted = column.casefold()
    for index, header in enumerate(source.headers):
        if header.casefold() == wanted:
            return index
    if column.isdigit() and 1 <= int(column) <= len(source.headers):
        return int(column) - 1
    shown = ", ".join(source.headers[:12]) + (", …" if len(source.headers) > 12 else "")
    raise ValidationError(
        _(
            "{file} has no column {column}; give a header or a number from 1 to {count}. "
            "Its columns are: {columns}."
        ).format(file=source.name, column=repr(column), count=len(source.headers), columns=shown)
    )


def _cmd_export(args: argparse.Namespace) -> int:
    from roundtable.actions import perform
    from roundtable.cli.common import (
        EXIT_OK,
        open_database_from_args,
        write_file_atomically,
    )
    from roundtable.contacts import actions, formats
    from roundtable.errors import ValidationError

    target = Path(args.output).expanduser()
    fmt = formats.for_export(target)
    if fmt is None:
        raise ValidationError(
            _("Cannot tell the format of {file}: the file name must end in {suffixes}.").format(
                file=target.name, suffixes=_either(list(formats.export_suffixes()))
            )
        )
    database = open_database_from_args(args)
    try:
        exported = database.read(formats.export_people, fmt.name)
        write_file_atomically(target, exported.data)
        # Recorded once the file exists: the log says what left the database.
        perform(database, actions.record_export(fmt.name, exported.count, target.name))
    finally:
        database.close()
    print(
        _("Exported {people} to {path}.").format(people=count_people(exported.count), path=target)
    )
    return EXIT_OK
