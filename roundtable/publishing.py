"""Rendering statements, letters and handouts from editable Jinja2 templates.

Templates are user-editable files, so they run in Jinja2's sandbox (no
``''.__class__.__mro__`` and the like), undefined names are errors
(``StrictUndefined``) and HTML templates are autoescaped. Templates see only
the plain views of :mod:`roundtable.views`; ``docs/templates.md`` documents
every variable, global and filter.

A template is named ``<name>.<format>`` (``statement.html``) and stored as
``<name>.<format>.j2``. Lookup order, first match wins:

1. the user's template folder (:func:`user_template_dir`), ``<language>/`` first
   and then the folder itself;
2. the built-in ``resources/templates/<language>/``;
3. the built-in, language-neutral ``resources/templates/``.

Every failure a template can cause is a :class:`TemplateError` naming the
template and, where known, the line.
"""

from __future__ import annotations

import html
import re
import shutil
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    Environment,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from platformdirs import user_config_path
from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context as clock
from roundtable.errors import RoundtableError
from roundtable.models import Invitation, Organisation, Person, Roundtable, Statement
from roundtable.resources_access import resource_files
from roundtable.views import (
    ReferenceView,
    invitation_view,
    own_organisation,
    roundtable_view,
    statement_view,
)

#: The output formats a template can produce, from the part of its name before ``.j2``.
FORMATS = ("html", "md", "txt")
#: Languages with built-in templates and date names; others fall back to English.
LANGUAGES = ("en", "nl")
TEMPLATE_SUFFIX = ".j2"

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
}
_WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
}


class TemplateError(RoundtableError):
    """A template could not be found, compiled or rendered.

    ``str()`` reads ``"statement.html (line 12): 'foo' is undefined"``; without a
    known line, ``"statement.html: …"``.
    """

    def __init__(self, message: str, template_name: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.template_name = template_name
        self.line = line

    def __str__(self) -> str:
        where = self.template_name or "template"
        if self.line is not None:
            where += f" (line {self.line})"
        return f"{where}: {self.message}"


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


@dataclass(frozen=True)
class Rendered:
    """The output of a template and the names it contains (the pre-export check)."""

    text: str
    format: str
    template_name: str
    names: list[str]


# ---------------------------------------------------------------------------
# dates


def format_date(
    d: date | datetime, language: str = "en", *, weekday: bool = False, year: bool = True
) -> str:
    """``d`` as "3 December 2023" (English) or "3 december 2023" (Dutch).

    ``weekday=True`` adds the day ("Monday 27 November 2023"); ``year=False``
    leaves the year out ("17 August"). Unknown languages get English.
    """
    day = d.date() if isinstance(d, datetime) else d
    lang = language if language in _MONTHS else "en"
    text = f"{day.day} {_MONTHS[lang][day.month - 1]}"
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{_WEEKDAYS[lang][day.weekday()]} {text}"
    return text


def format_time(moment: datetime) -> str:
    """The wall time of ``moment`` as "14:00" (24-hour clock, as in both languages)."""
    return f"{moment:%H:%M}"


# ---------------------------------------------------------------------------
# Markdown escaping

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


# ---------------------------------------------------------------------------
# finding templates


def user_template_dir() -> Path:
    """The user's own template folder (may not exist yet); it overrides the built-in ones."""
    return user_config_path("Roundtable", appauthor=False) / "templates"


def _builtin_root() -> Traversable:
    return resource_files() / "templates"


def _roots(language: str, extra: Path | None = None) -> list[Traversable]:
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


class _Loader(BaseLoader):
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
                        f"cannot read the template file {node}: {exc}", _logical(template)
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
            "cannot tell the output format from the name; name the template "
            "<name>.html.j2, <name>.md.j2 or <name>.txt.j2",
            name,
        )
    return fmt


def _resolve(template: str | Path, default_format: str) -> tuple[str, str, Path | None]:
    """(file name to load, logical name, extra root) for a template name or path."""
    if isinstance(template, Path) or "/" in str(template) or "\\" in str(template):
        path = Path(template).expanduser()
        if not path.is_file():
            raise TemplateError(f"there is no template file at {path}", path.name)
        return path.name, _logical(path.name), path.parent
    name = _logical(str(template).strip())
    if not name:
        raise TemplateError("no template name given", "")
    if name.rsplit(".", 1)[-1] not in FORMATS:
        name = f"{name}.{default_format}"  # "statement" (Statement.template_name) -> statement.html
    return name + TEMPLATE_SUFFIX, name, None


def _autoescape(name: str | None) -> bool:
    return bool(name) and _logical(str(name)).lower().endswith((".html", ".htm"))


def _environment(loader: _Loader) -> ImmutableSandboxedEnvironment:
    environment = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters["date"] = _date_filter
    environment.filters["time"] = format_time
    environment.filters["markdown"] = escape_markdown
    environment.filters["about"] = about
    return environment


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
    filename, logical, _extra = _resolve(name, "html")
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
                    f"there is already a copy at {destination}; edit it, or delete it first "
                    "to copy the built-in template again",
                    logical,
                )
            target.mkdir(parents=True, exist_ok=True)
            with source.open("rb") as reader, destination.open("xb") as writer:
                shutil.copyfileobj(reader, writer)
            return destination
    available = ", ".join(sorted({t.name for t in list_templates() if t.builtin})) or "none"
    raise TemplateError(
        f"there is no built-in template by that name (built-in templates: {available})", logical
    )


# ---------------------------------------------------------------------------
# citations


class _Citations:
    """``cite(key)`` and ``cited()`` for one render: numbers follow first citation."""

    def __init__(self, references: Iterable[ReferenceView], template_name: str) -> None:
        self.references = {r.key: r for r in references}
        self.order: list[str] = []
        self.template_name = template_name

    def cite(self, key: str) -> int:
        """The footnote number of reference ``key``, numbering it on first use."""
        key = str(key)
        if key not in self.references:
            known = ", ".join(sorted(self.references)) or "none"
            raise TemplateError(
                f"there is no reference with the key {key!r} (the references are: {known})",
                self.template_name,
            )
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def cited(self) -> list[ReferenceView]:
        """The references cited so far, in the order of their numbers."""
        return [self.references[key] for key in self.order]


# ---------------------------------------------------------------------------
# rendering


def _line_of(exc: BaseException, filenames: dict[str, str]) -> tuple[str | None, int | None]:
    """The template and line where ``exc`` happened, from Jinja's rewritten traceback."""
    found: tuple[str | None, int | None] = (None, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename in filenames:
            found = (filenames[frame.filename], frame.lineno)
    return found


def _render(
    template: str | Path,
    variables: dict[str, Any],
    *,
    language: str,
    references: Iterable[ReferenceView] = (),
    default_format: str = "html",
    known_names: Iterable[str] = (),
) -> Rendered:
    filename, logical, extra = _resolve(template, default_format)
    fmt = _format_of(logical)
    loader = _Loader(_roots(language, extra))
    environment = _environment(loader)
    try:
        compiled = environment.get_template(filename)
    except TemplateNotFound as exc:
        missing = _logical(str(exc.name or filename))
        where = ", ".join(str(root) for root in loader.roots[: 3 if extra else 2])
        raise TemplateError(
            f"there is no template named {missing!r} (looked in {where} and the built-in "
            "templates)",
            logical,
        ) from exc
    except TemplateSyntaxError as exc:
        name = loader.filenames.get(exc.filename or "", _logical(exc.name or filename))
        raise TemplateError(exc.message or "syntax error", name, exc.lineno) from exc
    citations = _Citations(references, logical)
    variables = {
        **variables,
        "language": language,
        "format": fmt,
        "today": clock.now().date(),
        "cite": citations.cite,
        "cited": citations.cited,
    }
    try:
        text = compiled.render(variables)
    except TemplateNotFound as exc:  # an {% include %} of a missing template
        raise TemplateError(
            f"there is no template named {_logical(str(exc.name))!r} to include", logical
        ) from exc
    except TemplateSyntaxError as exc:  # in an included template
        included = loader.filenames.get(exc.filename or "", _logical(exc.name or ""))
        raise TemplateError(exc.message or "syntax error", included, exc.lineno) from exc
    except TemplateError as exc:
        failed_in, line = _line_of(exc, loader.filenames)
        raise TemplateError(exc.message, failed_in or logical, line) from exc
    except Exception as exc:
        # A user template can fail in any way (undefined names, the sandbox refusing
        # an attribute, 1/0, a bad filter argument); each is the template's mistake,
        # to be shown with its place, not a crash.
        failed_in, line = _line_of(exc, loader.filenames)
        message = str(exc) or type(exc).__name__
        raise TemplateError(message, failed_in or logical, line) from exc
    return Rendered(
        text=text, format=fmt, template_name=logical, names=names_in(text, known_names, fmt)
    )


def names_in(text: str, names: Iterable[str], fmt: str = "txt") -> list[str]:
    """The ``names`` that occur in ``text`` (case-insensitively, as whole words), in order of appearance.

    HTML output is unescaped first, so "O&#39;Brien" counts as "O'Brien";
    Markdown backslash escapes are removed.
    """
    plain = html.unescape(text) if fmt == "html" else text
    if fmt == "md":
        plain = re.sub(r"\\(.)", r"\1", plain)
    folded = plain.casefold()
    words = set(re.findall(r"\w+", folded))
    positions: dict[str, int] = {}
    for name in set(names):
        clean = name.strip()
        if not clean:
            continue
        key = clean.casefold()
        tokens = re.findall(r"\w+", key)
        if tokens and tokens[0] not in words:  # cheap test before the regex
            continue
        pattern = (r"\b" if key[0].isalnum() else "") + re.escape(key)
        pattern += r"\b" if key[-1].isalnum() else ""
        match = re.search(pattern, folded)
        if match is not None:
            positions[clean] = match.start()
    return sorted(positions, key=lambda n: (positions[n], n))


def _all_names(session: Session) -> list[str]:
    people = session.scalars(select(Person.name).where(Person.erased_at.is_(None))).all()
    organisations = session.scalars(select(Organisation.name)).all()
    return [*people, *organisations]


def _language_for(language: str | None, fallback: str) -> str:
    """The primary language code ("nl" for "nl-BE"); "en" for anything that is not one."""
    value = (language or fallback or "en").strip().lower()
    code = re.split(r"[-_]", value)[0]
    # The code names a template folder, so it must never be a path.
    return code if re.fullmatch(r"[a-z]{2,3}", code) else "en"


def _our_name(session: Session) -> str:
    own = own_organisation(session)
    return own.name if own is not None else ""


def render_statement(
    session: Session,
    statement: Statement,
    template: str | Path = "statement.html",
    *,
    language: str | None = None,
) -> Rendered:
    """Render ``statement`` with a template name (``"statement.md"``) or a template file's path.

    ``language`` (default: the statement's) picks the template folder and the
    date names. Raises :class:`TemplateError` for any problem with the template.
    """
    lang = _language_for(language, statement.language)
    view = statement_view(session, statement)
    return _render(
        template,
        {"statement": view, "roundtables": view.roundtables, "our": _our_name(session)},
        language=lang,
        references=view.references,
        known_names=_all_names(session),
    )


def render_for_roundtable(
    session: Session,
    roundtable: Roundtable,
    template: str | Path,
    *,
    invitation: Invitation | None = None,
    language: str | None = None,
) -> Rendered:
    """Render a letter or handout about ``roundtable``.

    ``invitation_letter.txt`` and ``withdrawal_notice.txt`` are rendered once
    per invitee (``invitation``); ``question_handout.html`` and ``minutes.html``
    for the roundtable. ``language`` defaults to the invitee's preferred
    language when there are built-in templates in it, else English.
    """
    if invitation is not None and invitation.roundtable_id != roundtable.id:
        raise TemplateError(
            f"the invitation of {invitation.invitee_name} is not for {roundtable.title!r}",
            str(template),
        )
    preferred = ""
    if invitation is not None and invitation.person is not None:
        preferred = _language_for(invitation.person.preferred_language, "en")
    lang = _language_for(language, preferred if preferred in LANGUAGES else "en")
    return _render(
        template,
        {
            "roundtable": roundtable_view(session, roundtable),
            "invitation": invitation_view(invitation) if invitation is not None else None,
            "our": _our_name(session),
        },
        language=lang,
        default_format="txt",
        known_names=_all_names(session),
    )
