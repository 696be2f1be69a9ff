"""Checks on values a user types, each raising :class:`ValidationError` naming the field."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from roundtable.errors import ValidationError
from roundtable.i18n import _

# Deliberately simple: one @, no spaces, a dot in the domain, no leading or
# trailing dot. Full RFC 5322 syntax admits addresses no mail client accepts.
_EMAIL = re.compile(r"^[^@\s,;<>\"()\[\]]+@[^@\s,;<>\"()\[\]]+\.[^@\s,;<>\"()\[\].]{2,}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def require_text(value: str | None, field: str, label: str, max_length: int = 300) -> str:
    """The stripped text, or an error when it is empty or too long."""
    text = (value or "").strip()
    if not text:
        raise ValidationError(_("{label} is required.").format(label=label), field)
    if len(text) > max_length:
        raise ValidationError(
            _("{label} is too long (at most {max_length} characters).").format(
                label=label, max_length=max_length
            ),
            field,
        )
    return text


def optional_text(value: str | None, field: str, label: str, max_length: int = 100_000) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(
            _("{label} is too long (at most {max_length} characters).").format(
                label=label, max_length=max_length
            ),
            field,
        )
    return text


def validate_email(value: str | None, field: str = "email") -> str | None:
    """A stripped e-mail address, ``None`` for an empty one, or an error naming it."""
    text = (value or "").strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :].strip()
    if not text:
        return None
    local, _at, domain = text.rpartition("@")
    if (
        len(text) > 320
        or not _EMAIL.match(text)
        or ".." in text
        or local.startswith(".")
        or local.endswith(".")
        or domain.startswith(".")
    ):
        raise ValidationError(
            _("{value} is not a valid e-mail address.").format(value=repr(text)), field
        )
    return text


def validate_timezone(name: str | None, field: str = "timezone") -> ZoneInfo:
    """The IANA time zone called ``name`` ("Europe/Amsterdam"), or an error."""
    text = (name or "").strip()
    if not text:
        raise ValidationError(_("A time zone is required."), field)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder of zones
        raise ValidationError(
            _("{value} is not a known time zone; use a name such as Europe/Amsterdam.").format(
                value=repr(text)
            ),
            field,
        ) from None


def validate_url(value: str | None, field: str, label: str) -> str:
    """An http(s) address or an empty string."""
    text = (value or "").strip()
    if not text:
        return ""
    message = _("{label} must be a web address starting with https://.").format(label=label)
    if any(ch.isspace() for ch in text):
        raise ValidationError(message, field)
    try:
        parts = urlsplit(text)
    except ValueError:  # for example an unclosed IPv6 bracket: "https://[oops"
        raise ValidationError(message, field) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(message, field)
    return text


def validate_language(value: str | None, field: str = "language") -> str:
    """A BCP 47 language tag such as "en" or "nl"."""
    text = (value or "").strip()
    if not text:
        return ""
    head, sep, rest = text.partition("-")
    text = head.lower() + sep + rest  # "EN" typed in capitals is still English
    if len(text) > 16 or not _LANGUAGE.match(text):
        raise ValidationError(
            _("{value} is not a language code such as en or nl.").format(value=repr(text)), field
        )
    return text


def localize(value: datetime, zone: ZoneInfo, field: str) -> datetime:
    """An aware UTC datetime; a naive ``value`` is read as wall time in ``zone``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def validate_period(
    starts_at: datetime, ends_at: datetime, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """Start and end as UTC, or an error when the end is not after the start."""
    start = localize(starts_at, zone, "starts_at")
    end = localize(ends_at, zone, "ends_at")
    if end <= start:
        raise ValidationError(_("The end must be after the start."), "ends_at")
    return start, end
