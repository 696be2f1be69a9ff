"""Reading an interchange document and checking it before anything is imported.

The JSON must be strict (no duplicate keys, no NaN), of the format version this
Roundtable reads, and valid against the shipped JSON Schema, whose ``format``
keywords (``date``, ``date-time``, ``email``) are asserted with the app's own
rules. Every problem is reported with its JSON path in a sentence the
coordinator can act on; :mod:`roundtable.storage.interchange` then imports.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date, datetime
from functools import lru_cache
from importlib.resources.abc import Traversable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roundtable.errors import InterchangeError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.resources_access import resource_files
from roundtable.validation import validate_email

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError as SchemaError
from typing import TYPE_CHECKING

#: The version of the document format this Roundtable writes and reads.
FORMAT_VERSION = 1

SCHEMA_FILENAME = "roundtable-interchange.schema.json"


# Strict forms: the schema's "format" keywords are checked with these, not with
# jsonschema's lenient defaults (its e-mail check only looks for an "@").
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")


_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def schema_path() -> Traversable:
    """The shipped JSON Schema (draft 2020-12) of the interchange document."""
    return resource_files() / "schema" / SCHEMA_FILENAME


def load_json_file(path: str | PathLike[str]) -> dict[str, Any]:
    """Read and check an interchange file; :class:`InterchangeError` names what is wrong.

    Problems named: a missing or unreadable file, text that is not UTF-8,
    malformed JSON (with line and column), a format version this Roundtable
    does not read, and any departure from the schema (with its JSON path).
    """
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise InterchangeError(
            _("Cannot read {name}: there is no such file.").format(name=where)
        ) from None
    except IsADirectoryError:
        raise InterchangeError(
            _("Cannot read {name}: it is a folder, not a file.").format(name=where)
        ) from None
    except OSError as exc:
        raise InterchangeError(
            _("Cannot read {name}: {reason}.").format(name=where, reason=exc.strerror or exc)
        ) from None
    try:
        # utf-8-sig: a byte-order mark left by some Windows editors is harmless.
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InterchangeError(
            _(
                "{name} is not UTF-8 text (byte {byte} on line {line} cannot be read); "
                "Roundtable writes and reads interchange files in UTF-8."
            ).format(name=where, byte=f"0x{raw[exc.start]:02x}", line=line)
        ) from None
    try:
        data = json.loads(
            content, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as exc:
        # exc.msg is Python's own English wording of what is wrong.
        raise InterchangeError(
            _("{name} is not valid JSON: {reason} at line {line}, column {column}.").format(
                name=where, reason=exc.msg, line=exc.lineno, column=exc.colno
            )
        ) from None
    except _NotStrictJsonError as exc:
        raise InterchangeError(
            _("{name} is not valid: {reason}").format(name=where, reason=exc)
        ) from None
    try:
        validate_document(data)
    except InterchangeError as exc:
        raise InterchangeError(f"{where}: {exc.message}") from None
    return data  # validate_document checked that it is an object


class _NotStrictJsonError(ValueError):
    """JSON that Python would read but the format does not admit; its message is
    translated, as :func:`load_json_file` shows it to the user."""


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json.loads would silently keep the last of two equal keys; a file with
    # two "email" values for one person is ambiguous, so say so.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _NotStrictJsonError(
                _("the key {key} appears twice in one object.").format(key=repr(key))
            )
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise _NotStrictJsonError(_("{name} is not a JSON number.").format(name=name))


def validate_document(data: Any) -> None:
    """Check ``data`` against the format version and the shipped schema.

    Raises :class:`InterchangeError` naming the first problem by its JSON path
    (``people[3].email: 'x' is not a valid e-mail address``), and how many more
    there are.
    """
    if not isinstance(data, dict):
        raise InterchangeError(
            _("This is not a Roundtable interchange document: it is not a JSON object.")
        )
    version = data.get("format_version")
    if "format_version" in data and version != FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise InterchangeError(
                _(
                    "This file uses interchange format version {version}, written by a newer "
                    "Roundtable; this version reads format version {supported}. "
                    "Please update Roundtable."
                ).format(version=version, supported=FORMAT_VERSION)
            )
        raise InterchangeError(
            _(
                "The format_version {version} is not one Roundtable knows; "
                "this version reads format version {supported}."
            ).format(version=repr(version), supported=FORMAT_VERSION)
        )
    errors = sorted(
        _validator().iter_errors(data),
        # A bad time fails both its format and its pattern; name the format.
        key=lambda e: (_sort_key(e.absolute_path), e.validator == "pattern"),
    )
    # One problem per place: the count of "more problems" means places to fix.
    first_by_place: dict[tuple[str | int, ...], Any] = {}
    for error in errors:
        first_by_place.setdefault(tuple(error.absolute_path), error)
    errors = list(first_by_place.values())
    if errors:
        first = _describe(errors[0])
        more = len(errors) - 1
        if not more:
            raise InterchangeError(f"{first}.")
        raise InterchangeError(
            ngettext(
                "{problem} (and {count} more problem).",
                "{problem} (and {count} more problems).",
                more,
            ).format(problem=first, count=more)
        )


@lru_cache(maxsize=1)
def _validator() -> Any:
    # jsonschema is imported here, not at the top: the CLI and the app import
    # this module at start-up and most runs never read a file.
    from jsonschema import Draft202012Validator, FormatChecker

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    checker = FormatChecker(formats=())
    checker.checks("date-time", raises=ValueError)(_check_datetime)
    checker.checks("date", raises=ValueError)(_check_date)
    checker.checks("email", raises=ValidationError)(_check_email)
    return Draft202012Validator(schema, format_checker=checker)


def _check_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATETIME_RE.match(value):
        return False
    datetime.fromisoformat(value)  # raises ValueError for 2023-02-30T…
    return True


def _check_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE_RE.match(value):
        return False
    date.fromisoformat(value)
    return True


def _check_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    # The same rule as a person typed in the app; an empty string is not an
    # address (the format writes null for "no address").
    return bool(value.strip()) and validate_email(value) is not None


def _sort_key(path: Iterable[str | int]) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in path)


def _json_path(path: Iterable[str | int]) -> str:
    text_path = ""
    for part in path:
        text_path += f"[{part}]" if isinstance(part, int) else (f".{part}" if text_path else part)
    return text_path


#: The formats the schema names, whose violations are worded below.
_FORMATS = frozenset({"email", "date", "date-time"})


def _not_in_format(where: str, value: Any, form: str) -> str:
    """``where: 'x' is not a valid e-mail address`` (and so on for each format)."""
    if form == "email":
        message = _("{where}: {value} is not a valid e-mail address")
    elif form == "date":
        message = _("{where}: {value} is not a date such as 2023-09-05")
    elif form == "date-time":
        message = _("{where}: {value} is not a UTC time such as 2023-09-05T10:00:00Z")
    else:
        message = _("{where}: {value} is not a valid {format}")
    return message.format(where=where, value=repr(value), format=form)


def _type_word(name: str) -> str:
    """A JSON Schema type as the message names it ("a whole number" for integer)."""
    words = {
        "string": _("text"),
        "integer": _("a whole number"),
        "boolean": _("true or false"),
        "array": _("a list"),
        "object": _("an object"),
        "null": "null",
        "number": _("a number"),
    }
    return words.get(name, name)


def _json_type(value: Any) -> str:
    if value is None:
        return _type_word("null")
    if isinstance(value, bool):
        return _type_word("boolean")
    if isinstance(value, int):
        return _type_word("integer")
    if isinstance(value, float):
        return _type_word("number")
    if isinstance(value, str):
        return _type_word("string")
    if isinstance(value, list):
        return _type_word("array")
    return _type_word("object")


def _either(words: list[str]) -> str:
    """``text``, ``text or null``, ``a list, an object or null``."""
    if len(words) == 1:
        return words[0]
    return _("{items} or {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _describe(error: SchemaError) -> str:
    """One schema violation as a sentence that starts with its JSON path."""
    path = _json_path(error.absolute_path)
    instance = error.instance
    kind = error.validator
    if kind == "required":
        missing = [key for key in error.validator_value if key not in instance]
        return _("{where}: the key {key} is missing").format(
            where=path or _("the top level"), key=repr(missing[0])
        )
    if kind == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = sorted(key for key in instance if key not in known)
        return _("{where}: the key {key} is not part of the format").format(
            where=path or _("the top level"), key=repr(extra[0])
        )
    where = path or _("the document")
    if kind == "format":
        return _not_in_format(where, instance, str(error.validator_value))
    if kind == "pattern" and error.schema.get("format") in _FORMATS:
        return _not_in_format(where, instance, error.schema["format"])
    if kind == "enum":
        allowed = ", ".join(repr(v) for v in error.validator_value if v is not None)
        return _("{where}: {value} is not one of {allowed}").format(
            where=where, value=repr(instance), allowed=allowed
        )
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        return _("{where}: expected {expected}, found {found}").format(
            where=where,
            expected=_either([_type_word(name) for name in names]),
            found=_json_type(instance),
        )
    if kind == "minLength":
        return _("{where}: must not be empty").format(where=where)
    if kind == "maxLength":
        return _("{where}: is too long (at most {max_length} characters)").format(
            where=where, max_length=error.validator_value
        )
    if kind == "minimum":
        return _("{where}: {value} is too small (at least {minimum})").format(
            where=where, value=repr(instance), minimum=error.validator_value
        )
    if kind == "maximum":
        return _("{where}: {value} is too large").format(where=where, value=repr(instance))
    if kind == "uniqueItems":
        return _("{where}: lists the same value twice").format(where=where)
    # jsonschema's own (English) wording, for a rule the schema gains later.
    return f"{where}: {error.message}"
