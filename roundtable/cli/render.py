"""``roundtable render`` and ``roundtable templates list|copy``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    pass
from roundtable.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    add_global_options,
    open_database_from_args,
    print_error,
    write_file_atomically,
    write_stdout,
)
from roundtable.i18n import _

#: The output formats of ``roundtable render``; PDF is printed from the HTML render.
RENDER_FORMATS = ("html", "md", "txt", "pdf")


_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".txt": "txt", ".pdf": "pdf"}


def add_publishing_commands(commands: Any) -> None:
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
    add_global_options(render, top_level=False)
    render.set_defaults(handler=_cmd_render, writes=False)

    templates = commands.add_parser(
        "templates",
        help="list the templates, or copy a built-in one into your templates folder",
        description=(
            "List the templates (built-in and yours), or copy a built-in template into "
            "your templates folder to change it; yours win over the built-in ones."
        ),
    )
    add_global_options(templates, top_level=False)
    template_commands = templates.add_subparsers(title="template commands", metavar="COMMAND")
    templates.set_defaults(handler=lambda _args: _templates_usage(templates), writes=False)

    list_ = template_commands.add_parser(
        "list", help="list the templates", description="List the built-in templates and yours."
    )
    add_global_options(list_, top_level=False)
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
    add_global_options(copy, top_level=False)
    copy.set_defaults(handler=_cmd_templates_copy, writes=False)

    # Contacts (import/export) and privacy (subject access, erasure, review)
    # live in their own modules; imported here, not at the top, to keep
    # ``roundtable --version`` fast.
    from roundtable.cli import contacts as cli_contacts
    from roundtable.cli import privacy as cli_privacy

    cli_contacts.register(commands, add_global_options)
    cli_privacy.register(commands, add_global_options)


def _templates_usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print_error(_("choose a template command: list or copy."))
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
                raise ValidationError(_("There is no template file {path}.").format(path=candidate))
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
            _(
                "The template {name} writes {written}, not {wanted_format}: choose a {wanted} "
                "template or --format {format}."
            ).format(
                name=_template_label(template),
                written=template_format.upper(),
                wanted_format=output_format.upper(),
                wanted=wanted,
                format=template_format,
            )
        )
    if output_format == "pdf" and args.output == "-":
        raise ValidationError(_("A PDF cannot go to the standard output: name a file with -o."))
    return template, output_format


def _template_label(template: str | Path) -> str:
    return template.name if isinstance(template, Path) else template


def _template_format(template: str | Path) -> str | None:
    """The format a template writes, from its name ("statement.html" or "x.md.j2")."""
    name = _template_label(template).lower().removesuffix(".j2")
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    return {"html": "html", "htm": "html", "md": "md", "txt": "txt"}.get(suffix)


def _cmd_render(args: argparse.Namespace) -> int:
    from roundtable.publishing.render import render_statement
    from roundtable.statements.records import get_statement

    template, output_format = _render_choices(args)
    database = open_database_from_args(args)
    try:
        with database.transaction() as session:
            statement = get_statement(session, args.statement)
            title = statement.title
            rendered = render_statement(session, statement, template, language=args.language)
    finally:
        database.close()
    if args.output == "-":
        write_stdout(rendered.text)
        return EXIT_OK
    if output_format == "pdf":
        from roundtable_ui.pdf import html_to_pdf  # Qt only for PDF, and only here

        data = html_to_pdf(rendered.text, title=title)
    else:
        data = rendered.text.encode("utf-8")
    target = Path(args.output).expanduser()
    write_file_atomically(target, data)
    print(
        _("Wrote “{title}” ({format}, {template}) to {path}.").format(
            title=title, format=output_format.upper(), template=rendered.template_name, path=target
        )
    )
    names = ", ".join(rendered.names) if rendered.names else _("none")
    print(_("Names in this output: {names}.").format(names=names))
    return EXIT_OK


def _cmd_templates_list(args: argparse.Namespace) -> int:
    from roundtable.publishing.templates import list_templates, user_template_dir

    rows = [
        (
            info.name,
            info.format,
            info.language or _("any"),
            _("built-in") if info.builtin else _("yours"),
            info.description,
        )
        for info in list_templates()
    ]
    header = (_("Name"), _("Format"), _("Language"), _("Kind"), _("Description"))
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)]
        print("  ".join([*cells, row[4]]).rstrip())
    print(_("Your templates folder: {path}").format(path=user_template_dir()))
    return EXIT_OK


def _cmd_templates_copy(args: argparse.Namespace) -> int:
    from roundtable.publishing.templates import copy_template

    target = copy_template(args.name, language=args.language)
    print(
        _("Copied {name} ({language}) to {path}.").format(
            name=args.name, language=args.language, path=target
        )
    )
    print(_("Edit it there; your copy is used instead of the built-in one."))
    return EXIT_OK
