"""Dates, times, zones and plurals, worded the same way everywhere.

Month names come from fixed tables, never from ``strftime("%b")``: that follows
the C locale, which Qt switches to the user's at start-up, so a message would
change language half-way. Messages use the short English form ("5 Sep 2023");
public output the long form of its own language ("5 September 2023",
"5 september 2023").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.storage.models import Roundtable
from roundtable.validation import (
    localize,
)

_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def zone_of(roundtable: Roundtable) -> ZoneInfo:
    """The roundtable's time zone; UTC if the stored name is unusable (messages must not fail)."""
    try:
        return ZoneInfo(roundtable.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_time(value: datetime, zone: ZoneInfo) -> datetime:
    return localize(value, zone, "at").astimezone(zone)


def format_day(value: datetime, zone: ZoneInfo) -> str:
    """A date as coordinators write it, in ``zone``: "5 Sep 2023"."""
    local = local_time(value, zone)
    return f"{local.day} {_MONTHS_SHORT[local.month - 1]} {local.year}"


def format_moment(value: datetime, zone: ZoneInfo) -> str:
    """A date and time in ``zone``: "5 Sep 2023 14:00"."""
    local = local_time(value, zone)
    return f"{format_day(local, zone)} {local:%H:%M}"


def format_period(starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> str:
    """A meeting's time in ``zone``: "7 Sep 2023 14:00–16:00", or both moments across days."""
    start, end = local_time(starts_at, zone), local_time(ends_at, zone)
    if start.date() == end.date():
        return f"{format_moment(start, zone)}–{end:%H:%M}"
    return f"{format_moment(start, zone)} – {format_moment(end, zone)}"


def format_times(roundtable_start: datetime | None, end: datetime | None, zone: ZoneInfo) -> str:
    if roundtable_start is None:
        return "no date"
    if end is None:
        return format_moment(roundtable_start, zone)
    return format_period(roundtable_start, end, zone)


_MONTHS_LONG = {
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


def format_date(
    d: date | datetime, language: str = "en", *, weekday: bool = False, year: bool = True
) -> str:
    """``d`` as "3 December 2023" (English) or "3 december 2023" (Dutch).

    ``weekday=True`` adds the day ("Monday 27 November 2023"); ``year=False``
    leaves the year out ("17 August"). Unknown languages get English.
    """
    day = d.date() if isinstance(d, datetime) else d
    lang = language if language in _MONTHS_LONG else "en"
    text = f"{day.day} {_MONTHS_LONG[lang][day.month - 1]}"
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{_WEEKDAYS[lang][day.weekday()]} {text}"
    return text


def format_time(moment: datetime) -> str:
    """The wall time of ``moment`` as "14:00" (24-hour clock, as in both languages)."""
    return f"{moment:%H:%M}"


def plural_words(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def day_month_year(value: date | datetime) -> str:
    """A date as messages show it: "5 Sep 2023" (a datetime by its UTC date)."""
    if isinstance(value, datetime):
        value = value.astimezone(UTC).date()
    return f"{value.day} {_MONTHS_SHORT[value.month - 1]} {value.year}"


def iso_or_none(value: datetime | date | None) -> str | None:
    """A JSON-ready time ("2023-09-05T12:00:00Z") or date ("2023-09-05")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.isoformat()
