"""Dates, times, zones and plurals, worded the same way everywhere, in a given language.

One table of month and weekday names per language, and one function per way
of writing a moment:

* :func:`format_day` "5 Sep 2023", :func:`format_moment` "5 Sep 2023 14:00",
  :func:`format_period` "7 Sep 2023 14:00–16:00": the short forms of messages,
  history rows and calendar notes;
* :func:`format_date` "3 December 2023", "Monday 27 November 2023" and
  :func:`format_long_period` "7 September 2023, 14:00–16:00": the long forms of
  public output (statements, letters, handouts, e-mail drafts, withdrawal notes);
* :func:`format_time` "14:00": the 24-hour clock both languages use.

Month names never come from ``strftime("%b")``: that follows the C locale,
which Qt switches to the user's at start-up, so a text would change language
half-way. The language defaults to English, which is what the core writes into
the database and into exported files; a message shown to the user passes
``language=i18n.language()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, tzinfo
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from roundtable.i18n import _

if TYPE_CHECKING:
    from roundtable.storage.models import Roundtable

#: The languages dates can be written in; any other falls back to English.
LANGUAGES = ("en", "nl")

_MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
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
    ),
    "nl": (
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
    ),
}

_SHORT_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}

_WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}


def _lang(language: str | None) -> str:
    return language if language in LANGUAGES else "en"


# --------------------------------------------------------------------------- zones


def known_zone(name: str | None) -> ZoneInfo | None:
    """The IANA zone called ``name``, or ``None`` when there is no such zone."""
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_named(name: str | None) -> ZoneInfo:
    """The IANA zone called ``name``; UTC when it is empty or unknown (texts must not fail)."""
    return known_zone(name) or ZoneInfo("UTC")


def zone_of(roundtable: Roundtable) -> ZoneInfo:
    """The roundtable's own time zone (UTC when the stored name is unusable)."""
    return zone_named(roundtable.timezone)


def local_time(value: datetime, zone: tzinfo | None = None) -> datetime:
    """``value`` as wall time in ``zone`` (UTC by default); a naive value is already that."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone or UTC)
    return value.astimezone(zone or UTC)


# --------------------------------------------------------------------------- short forms


def format_day(value: date | datetime, zone: tzinfo | None = None, *, language: str = "en") -> str:
    """A date as coordinators write it: "5 Sep 2023" ("5 sep 2023"); a moment's date in ``zone``."""
    day = local_time(value, zone).date() if isinstance(value, datetime) else value
    return f"{day.day} {_SHORT_MONTHS[_lang(language)][day.month - 1]} {day.year}"


def format_moment(value: datetime, zone: tzinfo | None = None, *, language: str = "en") -> str:
    """A date and time in ``zone``: "5 Sep 2023 14:00"."""
    local = local_time(value, zone)
    return f"{format_day(local, local.tzinfo, language=language)} {format_time(local)}"


def format_period(
    starts_at: datetime, ends_at: datetime, zone: tzinfo | None = None, *, language: str = "en"
) -> str:
    """A meeting's time in ``zone``: "7 Sep 2023 14:00–16:00", or both moments across days."""
    start, end = local_time(starts_at, zone), local_time(ends_at, zone)
    if start.date() == end.date():
        return f"{format_moment(start, zone, language=language)}–{format_time(end)}"
    return (
        f"{format_moment(start, zone, language=language)} – "
        f"{format_moment(end, zone, language=language)}"
    )


def format_times(
    starts_at: datetime | None,
    ends_at: datetime | None,
    zone: tzinfo | None = None,
    *,
    language: str = "en",
) -> str:
    """:func:`format_period`, or the start alone, or "no date"."""
    if starts_at is None:
        return "no date" if _lang(language) == "en" else _("no date")
    if ends_at is None:
        return format_moment(starts_at, zone, language=language)
    return format_period(starts_at, ends_at, zone, language=language)


# --------------------------------------------------------------------------- long forms


def format_date(
    d: date | datetime, language: str = "en", *, weekday: bool = False, year: bool = True
) -> str:
    """``d`` as "3 December 2023" (English) or "3 december 2023" (Dutch).

    ``weekday=True`` adds the day ("Monday 27 November 2023"); ``year=False``
    leaves the year out ("17 August"). Unknown languages get English.
    """
    day = d.date() if isinstance(d, datetime) else d
    lang = _lang(language)
    text = f"{day.day} {_MONTHS[lang][day.month - 1]}"
    if year:
        text += f" {day.year}"
    if weekday:
        text = f"{_WEEKDAYS[lang][day.weekday()]} {text}"
    return text


def format_long_period(
    starts_at: datetime, ends_at: datetime | None, zone: tzinfo | None = None, language: str = "en"
) -> str:
    """A meeting's time in letters and drafts: "7 September 2023, 14:00–16:00".

    Across days: "7 September 2023, 14:00 – 8 September 2023, 10:00"; without an
    end, the start alone.
    """
    start = local_time(starts_at, zone)
    text = f"{format_date(start, language)}, {format_time(start)}"
    if ends_at is not None:
        end = local_time(ends_at, zone)
        if end.date() == start.date():
            text += f"–{format_time(end)}"
        else:
            text += f" – {format_date(end, language)}, {format_time(end)}"
    return text


def format_time(moment: datetime) -> str:
    """The wall time of ``moment`` as "14:00" (24-hour clock, as in both languages)."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def day_month_year(value: date | datetime) -> str:
    """:func:`format_day` in UTC: "5 Sep 2023"."""
    return format_day(value)


def iso_or_none(value: datetime | date | None) -> str | None:
    """A JSON-ready time ("2023-09-05T12:00:00Z") or date ("2023-09-05")."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"
    return value.isoformat()


# --------------------------------------------------------------------------- words


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])
