"""Rendering statements, letters and handouts from editable Jinja2 templates.

Templates are user-editable files, so they run in Jinja2's sandbox (no
``''.__class__.__mro__`` and the like), undefined names are errors
(``StrictUndefined``) and HTML templates are autoescaped. Templates see only
the plain views of :mod:`roundtable.publishing.views`; ``docs/templates.md`` documents
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

import dataclasses
import html
import re
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    TemplateNotFound,
    TemplateSyntaxError,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context as clock
from roundtable.errors import TemplateError
from roundtable.i18n import _
from roundtable.publishing.templates import (
    LANGUAGES,
    TemplateLoader,
    _format_of,
    _logical,
    environment,
    resolve_template,
    template_roots,
)
from roundtable.publishing.views import (
    ReferenceView,
    invitation_view,
    own_organisation,
    roundtable_view,
    statement_view,
)
from roundtable.storage.models import Invitation, Organisation, Person, Roundtable, Statement

#: Statement fields a render may be given unsaved values of (what is being typed).
LIVE_FIELDS = ("title", "summary", "translation_note")


@dataclass(frozen=True)
class Rendered:
    """The output of a template and the names it contains (the pre-export check)."""

    text: str
    format: str
    template_name: str
    names: list[str]


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
            known = ", ".join(sorted(self.references)) or _("none")
            raise TemplateError(
                _("there is no reference with the key {key} (the references are: {known})").format(
                    key=repr(key), known=known
                ),
                self.template_name,
            )
        if key not in self.order:
            self.order.append(key)
        return self.order.index(key) + 1

    def cited(self) -> list[ReferenceView]:
        """The references cited so far, in the order of their numbers."""
        return [self.references[key] for key in self.order]


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
    filename, logical, extra = resolve_template(template, default_format)
    fmt = _format_of(logical)
    loader = TemplateLoader(template_roots(language, extra))
    jinja = environment(loader)
    try:
        compiled = jinja.get_template(filename)
    except TemplateNotFound as exc:
        missing = _logical(str(exc.name or filename))
        where = ", ".join(str(root) for root in loader.roots[: 3 if extra else 2])
        raise TemplateError(
            _(
                "there is no template named {name} (looked in {where} and the built-in templates)"
            ).format(name=repr(missing), where=where),
            logical,
        ) from exc
    except TemplateSyntaxError as exc:
        # Jinja's own (English) wording of what is wrong, with our place around it.
        name = loader.filenames.get(exc.filename or "", _logical(exc.name or filename))
        raise TemplateError(exc.message or _("syntax error"), name, exc.lineno) from exc
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
            _("there is no template named {name} to include").format(
                name=repr(_logical(str(exc.name)))
            ),
            logical,
        ) from exc
    except TemplateSyntaxError as exc:  # in an included template
        included = loader.filenames.get(exc.filename or "", _logical(exc.name or ""))
        raise TemplateError(exc.message or _("syntax error"), included, exc.lineno) from exc
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
    unsaved: Mapping[str, str] | None = None,
) -> Rendered:
    """Render ``statement`` with a template name (``"statement.md"``) or a template file's path.

    ``language`` (default: the statement's) picks the template folder and the
    date names. ``unsaved`` gives values of :data:`LIVE_FIELDS` being typed and
    not saved yet (the app's live preview): the template sees them instead of
    the stored ones, and the statement itself is left as it is. Raises
    :class:`TemplateError` for any problem with the template.
    """
    lang = _language_for(language, statement.language)
    view = statement_view(session, statement)
    if unsaved:
        unknown = set(unsaved) - set(LIVE_FIELDS)
        if unknown:
            raise ValueError(f"not a field the preview shows unsaved: {', '.join(sorted(unknown))}")
        view = dataclasses.replace(
            view,
            title=unsaved.get("title", view.title),
            summary=unsaved.get("summary", view.summary),
            translation_note=unsaved.get("translation_note", view.translation_note),
        )
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
            _("the invitation of {name} is not for {title}").format(
                name=invitation.invitee_name, title=repr(roundtable.title)
            ),
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
