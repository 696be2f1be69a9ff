"""The language of the core's messages: errors, refusals, import and erasure texts.

The core speaks English; for another language it looks each English message
*template* up in ``resources/translations/core_<lang>.po`` (a gettext PO file)
and formats the result afterwards::

    _("Cannot delete {name}: they are on {count} invitations.").format(name=..., count=...)

Never pass an already formatted text to :func:`_`: it would not be found.
The PO file is read by the small reader below when first needed and kept;
there is no compile step (Python's :mod:`gettext` reads only ``.mo`` files,
and a reader of the text format keeps the catalog in git the file that runs).
The desktop app sets the language with the interface's (``ui/i18n.py``); the
CLI from ``ROUNDTABLE_LANGUAGE``. What the core writes into the database or
into exported files stays English whatever the language.
"""

from __future__ import annotations

import ast
import threading
from dataclasses import dataclass, field

#: The language the messages are written in; it needs no catalog.
SOURCE_LANGUAGE = "en"
#: The languages the core speaks, with their name in that language.
LANGUAGES = {"en": "English", "nl": "Nederlands"}
#: The prefix of the catalogs: ``core_nl.po``.
CATALOG = "core"

_current = SOURCE_LANGUAGE
_catalogs: dict[str, Catalog] = {}
_lock = threading.Lock()


@dataclass
class Catalog:
    """The messages of one PO file: singular ones and plural ones, keyed by the English msgid."""

    messages: dict[str, str] = field(default_factory=dict)
    plurals: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def plural_index(self, n: int) -> int:
        """Which plural form ``n`` takes (the Germanic rule: one, and everything else)."""
        return 0 if n == 1 else 1


class CatalogError(ValueError):
    """A PO file that cannot be read; the message names the file and the line.

    Its messages stay English on purpose: they are about the translation file
    itself, which may be the very thing that is broken, and are read by whoever
    maintains it.
    """


def parse_po(text: str, name: str = "catalog") -> Catalog:
    """The translated messages of a gettext PO file's ``text``.

    Understands comments, ``msgctxt`` (ignored, we use none), ``msgid``,
    ``msgid_plural``, ``msgstr`` and ``msgstr[n]``, strings continued over
    several lines and the C escapes gettext writes. Entries without a
    translation, fuzzy ones and the header (empty msgid) are left out, so
    their messages stay English.
    """
    catalog = Catalog()
    entry: dict[str, str] = {}
    fuzzy = False
    key: str | None = None

    def finish() -> None:
        nonlocal entry, fuzzy, key
        msgid = entry.get("msgid")
        if msgid and not fuzzy:
            if "msgid_plural" in entry:
                forms = [entry.get(f"msgstr[{i}]", "") for i in range(2)]
                if all(forms):
                    catalog.plurals[(msgid, entry["msgid_plural"])] = forms
            elif entry.get("msgstr"):
                catalog.messages[msgid] = entry["msgstr"]
        entry, fuzzy, key = {}, False, None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            if entry:
                finish()
            continue
        if line.startswith("#"):
            if any(k.startswith("msgstr") for k in entry):
                finish()  # comments open the next entry
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if line.startswith('"'):
            if key is None:
                raise CatalogError(f"{name}, line {number}: a string continues no keyword.")
            entry[key] += _unquote(line, name, number)
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword not in {"msgctxt", "msgid", "msgid_plural", "msgstr"} and not (
            keyword.startswith("msgstr[") and keyword.endswith("]")
        ):
            raise CatalogError(f"{name}, line {number}: unknown keyword {keyword!r}.")
        if keyword in {"msgctxt", "msgid"} and any(k.startswith("msgstr") for k in entry):
            finish()  # a new entry without a blank line before it
        key = keyword
        entry[key] = _unquote(rest.strip(), name, number)
    if entry:
        finish()
    return catalog


def _unquote(token: str, name: str, number: int) -> str:
    """The text of one quoted PO string, escapes resolved."""
    if len(token) < 2 or not token.startswith('"') or not token.endswith('"'):
        raise CatalogError(f"{name}, line {number}: expected a quoted string, got {token!r}.")
    try:
        value = ast.literal_eval(token)
    except (SyntaxError, ValueError):
        raise CatalogError(f"{name}, line {number}: {token!r} is not a valid string.") from None
    if not isinstance(value, str):
        raise CatalogError(f"{name}, line {number}: {token!r} is not a valid string.")
    return value


def load_catalog(language: str) -> Catalog:
    """The parsed catalog of ``language`` (empty for English or a missing file), cached."""
    with _lock:
        catalog = _catalogs.get(language)
        if catalog is None:
            catalog = _read_catalog(language)
            _catalogs[language] = catalog
        return catalog


def _read_catalog(language: str) -> Catalog:
    if language == SOURCE_LANGUAGE:
        return Catalog()
    from roundtable.resources_access import read_resource_text

    name = f"{CATALOG}_{language}.po"
    try:
        text = read_resource_text("translations", name)
    except OSError:
        return Catalog()  # no catalog: the messages stay English
    return parse_po(text, name)


def set_language(code: str) -> None:
    """Make the core speak ``code`` (``en`` or ``nl``) from now on, in every thread.

    An unknown code is refused with a sentence naming the ones there are.
    """
    global _current
    code = (code or "").strip().lower()
    if code not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"Unknown language {code!r}; choose one of {known}.")
    load_catalog(code)
    _current = code


def language() -> str:
    """The language the core speaks now (``en`` unless :func:`set_language` said otherwise)."""
    return _current


def _(message: str) -> str:
    """The current language's translation of the English ``message`` template, or itself."""
    if _current == SOURCE_LANGUAGE:
        return message
    return load_catalog(_current).messages.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for the count ``n``, in the current language."""
    if _current != SOURCE_LANGUAGE:
        catalog = load_catalog(_current)
        forms = catalog.plurals.get((singular, plural))
        if forms is not None:
            return forms[catalog.plural_index(n)]
    return singular if n == 1 else plural
