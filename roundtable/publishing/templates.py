"""Templates: where they are found (the user's folder first, then the built-in ones),
the sandboxed Jinja2 environment they run in, and the list and copy commands.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources.abc import Traversable
from pathlib import Path

from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateNotFound,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from platformdirs import user_config_path

from roundtable.errors import TemplateError
from roundtable.i18n import _
from roundtable.resources_access import resource_files
from roundtable.text import format_date, format_time

#: The output formats a template can produce, from the part of its name before ``.j2``.
FORMATS = ("html", "md", "txt")


#: Languages with built-in templates and date names; others fall back to English.
LANGUAGES = ("en", "nl")


TEMPLATE_SUFFIX = ".j2"


@dataclass(frozen=True)
class TemplateInfo:
    """A template available to render: ``name`` as passed to the render functions.

    ``language`` is ``""`` for a language-neutral template; ``builtin`` is False
    for the user's own; ``description`` comes from a ``{# … #}`` comment on the
    file's first line ("" when there is none).
    """

    name: str
    format: str
    language: str
    path: Path
    builtin: bool
    description: str


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")


_MD_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+[.)])", re.MULTILINE)


def escape_markdown(text: object) -> str:
    """``text`` with the characters that Markdown would read as markup backslash-escaped.

    Inline markup (``* _ ` [ ] < > | ~`` and backslash) is escaped everywhere;
    headings, lists and quotes only where they would start a line.
    """
    value = _MD_INLINE.sub(r"\\\1", str(text))
    return _MD_LINE_START.sub(lambda m: m.group(1) + _escape_line_start(m.group(2)), value)


def _escape_line_start(token: str) -> str:
    if token[-1] in ".)":  # "1." starts an ordered list; escape the dot
        return token[:-1] + "\\" + token[-1]
    return "\\" + token


def user_template_dir() -> Path:
    """The user's own template folder (may not exist yet); it overrides the built-in ones."""
    return user_config_path("Roundtable", appauthor=False) / "templates"


def _builtin_root() -> Traversable:
    return resource_files() / "templates"


def template_roots(language: str, extra: Path | None = None) -> list[Traversable]:
    user = user_template_dir()
    builtin = _builtin_root()
    roots: list[Traversable] = []
    if extra is not None:
        roots.append(extra)
    roots += [user / language, user, builtin / language, builtin]
    if language != "en":
        # A statement in a language without its own templates still renders, in English
        # wording around its own text, rather than failing.
        roots += [user / "en", builtin / "en"]
    return roots


class TemplateLoader(BaseLoader):
    """Reads ``<name>.j2`` from the first root that has it; remembers where, for errors."""

    def __init__(self, roots: list[Traversable]) -> None:
        self.roots = roots
        self.filenames: dict[str, str] = {}

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        # Includes may leave out the suffix ({% include "footer.html" %}); a template
        # file given by path may have none.
        candidates = [template]
        if not template.endswith(TEMPLATE_SUFFIX):
            candidates.insert(0, template + TEMPLATE_SUFFIX)
        for root in self.roots:
            for filename in candidates:
                node = root.joinpath(*filename.split("/"))
                try:
                    if not node.is_file():
                        continue
                    source = node.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise TemplateError(
                        _("cannot read the template file {path}: {reason}").format(
                            path=node, reason=exc
                        ),
                        _logical(template),
                    ) from exc
                self.filenames[str(node)] = _logical(filename)
                return source, str(node), lambda: False
        raise TemplateNotFound(template)


def _logical(filename: str) -> str:
    """``statement.html.j2`` -> ``statement.html``."""
    return filename[: -len(TEMPLATE_SUFFIX)] if filename.endswith(TEMPLATE_SUFFIX) else filename


def _format_of(name: str) -> str:
    fmt = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if fmt == "htm":
        fmt = "html"
    if fmt == "markdown":
        fmt = "md"
    if fmt not in FORMATS:
        raise TemplateError(
            _(
                "cannot tell the output format from the name; name the template "
                "<name>.html.j2, <name>.md.j2 or <name>.txt.j2"
            ),
            name,
        )
    return fmt


def resolve_template(template: str | Path, default_format: str) -> tuple[str, str, Path | None]:
    """(file name to load, logical name, extra root) for a template name or path."""
    if isinstance(template, Path) or "/" in str(template) or "\\" in str(template):
        path = Path(template).expanduser()
        if not path.is_file():
            raise TemplateError(
                _("there is no template file at {path}").format(path=path), path.name
            )
        return path.name, _logical(path.name), path.parent
    name = _logical(str(template).strip())
    if not name:
        raise TemplateError(_("no template name given"), "")
    if name.rsplit(".", 1)[-1] not in FORMATS:
        name = f"{name}.{default_format}"  # "statement" (Statement.template_name) -> statement.html
    return name + TEMPLATE_SUFFIX, name, None


def _autoescape(name: str | None) -> bool:
    return bool(name) and _logical(str(name)).lower().endswith((".html", ".htm"))


def environment(
    loader: BaseLoader | None = None,
    *,
    user_templates: bool = True,
    autoescape: bool | Callable[[str | None], bool] = _autoescape,
) -> Environment:
    """The one Jinja2 environment factory, in its two configurations.

    ``user_templates=True`` (statements, letters, handouts, minutes: templates the
    coordinator may edit) gives an :class:`ImmutableSandboxedEnvironment`, so a
    template cannot reach Python's internals or change what it is given.
    ``user_templates=False`` (the subject-access report, the withdrawal note:
    templates shipped inside the app and never read from the user's folder)
    gives a plain :class:`Environment`. Both are strict about undefined names,
    escape HTML output (``autoescape``: by the template's name, or always/never),
    keep whitespace the same way and have the same filters: ``date``, ``time``,
    ``markdown`` and ``about``.
    """
    kind = ImmutableSandboxedEnvironment if user_templates else Environment
    made = kind(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    made.filters["date"] = _date_filter
    made.filters["time"] = format_time
    made.filters["markdown"] = escape_markdown
    made.filters["about"] = about
    return made


@pass_context
def _date_filter(
    ctx: Context,
    value: date | datetime | None,
    language: str | None = None,
    *,
    weekday: bool = False,
    year: bool = True,
) -> str:
    if value is None:
        return ""
    return format_date(value, language or ctx.get("language", "en"), weekday=weekday, year=year)


def about(n: int) -> int:
    """A round figure near ``n`` for "about 40 groups were invited" (exact below 20)."""
    if n < 20:
        return n
    step = 5 if n < 100 else 10
    return int(round(n / step) * step)


def _description(source: str) -> str:
    first = source.lstrip().split("\n", 1)[0].strip()
    if first.startswith("{#") and first.endswith("#}"):
        return first[2:-2].strip()
    return ""


def _scan(root: Path, language: str, builtin: bool) -> Iterator[TemplateInfo]:
    if not root.is_dir():
        return
    for path in sorted(root.glob(f"*{TEMPLATE_SUFFIX}")):
        name = _logical(path.name)
        fmt = name.rsplit(".", 1)[-1] if "." in name else ""
        if fmt not in FORMATS:
            continue
        try:
            description = _description(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            description = ""
        yield TemplateInfo(name, fmt, language, path, builtin, description)


def _languages_under(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and re.fullmatch(r"[a-z]{2,3}", p.name)
    )


def list_templates() -> list[TemplateInfo]:
    """Every template: the user's first, then the built-in ones, each sorted by name and language."""
    found: list[TemplateInfo] = []
    for root, builtin in ((user_template_dir(), False), (Path(str(_builtin_root())), True)):
        found += _scan(root, "", builtin)
        for language in _languages_under(root):
            found += _scan(root / language, language, builtin)
    return sorted(found, key=lambda t: (t.builtin, t.name, t.language))


def copy_template(name: str, language: str = "en") -> Path:
    """Copy a built-in template into the user folder to customise it; returns the copy's path.

    The copy goes to ``<user folder>/<language>/`` (or the folder itself for a
    language-neutral template), where it takes precedence over the built-in one.
    Refuses to overwrite an existing copy.
    """
    filename, logical, _extra = resolve_template(name, "html")
    builtin = _builtin_root()
    for folder, target in (
        (builtin / language, user_template_dir() / language),
        (builtin, user_template_dir()),
    ):
        source = folder / filename
        if source.is_file():
            destination = target / filename
            if destination.exists():
                raise TemplateError(
                    _(
                        "there is already a copy at {path}; edit it, or delete it first "
                        "to copy the built-in template again"
                    ).format(path=destination),
                    logical,
                )
            target.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as reader, destination.open("xb") as writer:
                shutil.copyfileobj(reader, writer)
            return destination
    available = ", ".join(sorted({t.name for t in list_templates() if t.builtin})) or _("none")
    raise TemplateError(
        _("there is no built-in template by that name (built-in templates: {names})").format(
            names=available
        ),
        logical,
    )
