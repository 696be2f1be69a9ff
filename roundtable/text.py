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

:func:`parse_day` and :func:`parse_clock` read back what a person types into a
date field: "15-08-2023", "15/8/23", "2023-08-15", "15 aug 2023", "August 15,
2023" (month names in either language), and "14:30" or "14.30".

Month names never come from ``strftime("%b")``: that follows the C locale,
which Qt switches to the user's at start-up, so a text would change language
half-way. The language defaults to English, which is what the core writes into
the database and into exported files; a message shown to the user passes
``language=i18n.language()``.
"""

from __future__ import annotations

import re
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


def days_in_language(stored: str, language: str) -> str:
    """Text the core wrote in English ("was 7 Sep 2023 14:00") with its dates in ``language``.

    History rows keep the details they were written with; the window shows them
    with the months of its own language ("was 7 sep 2023 14:00").
    """
    lang = _lang(language)
    if lang == "en":
        return stored

    def swap(match: re.Match[str]) -> str:
        month = _SHORT_MONTHS["en"].index(match.group(2)) + 1
        return format_day(date(int(match.group(3)), month, int(match.group(1))), language=lang)

    return _STORED_DAY.sub(swap, stored)


_STORED_DAY = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(_SHORT_MONTHS['en'])}) (\d{{4}})\b")


# --------------------------------------------------------------------------- reading

_DIGITS = re.compile(r"\d+")
_CLOCK = re.compile(
    r"(?<![\d./-])(\d{1,2})(?:[:.hu](\d{2})|\s*(?:h|u|uur)\b)(?![\d/-]|\.\d)", re.IGNORECASE
)
_ISO_CLOCK = re.compile(r"(?<=\d)T(\d{2}):?(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")


def _month_number(word: str) -> int | None:
    """The month a name or abbreviation of three letters or more names, in any language."""
    word = word.casefold().rstrip(".")
    if len(word) < 3:
        return None
    for names in (*_MONTHS.values(), *_SHORT_MONTHS.values()):
        for number, name in enumerate(names, start=1):
            if name.casefold().startswith(word) or (
                len(word) > len(name) and word.startswith(name.casefold())
            ):
                return number
    return None


def _is_weekday(word: str) -> bool:
    word = word.casefold().rstrip(".")
    return len(word) >= 2 and any(
        name.casefold().startswith(word) for names in _WEEKDAYS.values() for name in names
    )


def _year(digits: str, today: date) -> int | None:
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2:
        return 2000 + int(digits)
    return None


def _day(year: int | None, month: int | None, day: int) -> date | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def split_clock(typed: str) -> tuple[str, tuple[int, int] | None]:
    """``typed`` without its time of day, and that time as ``(hour, minute)`` (or ``None``).

    "15-08-2023 14:30", "2023-08-15T14:30", "15 aug 2023, 14.30" and "14u" all
    have one; an impossible time ("25:00") gives the text back whole and no time.
    """
    iso = _ISO_CLOCK.search(typed)
    match = iso or _CLOCK.search(typed)
    if match is None:
        return typed, None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return typed, None
    rest = typed[: match.start()] + " " + typed[match.end() :]
    return rest.strip(" ,;T"), (hour, minute)


def parse_clock(typed: str) -> tuple[int, int] | None:
    """A time of day typed on its own ("14:30", "9.05", "14u"), as ``(hour, minute)``."""
    rest, clock = split_clock(typed.strip())
    return clock if clock is not None and not rest.strip() else None


def parse_day(typed: str, today: date | None = None) -> date | None:
    """The date a person typed, or ``None`` when it names none.

    Day before month, as coordinators in both languages write it ("15-08-2023",
    "15.8.23", "15 aug 2023", "15 augustus"), unless the year comes first
    ("2023-08-15") or a named month comes first ("August 15, 2023"); "08/15/2023"
    is read as the only date it can be. Eight digits are "15082023" or "20230815".
    A date without a year is in ``today``'s year.
    """
    today = today or date.today()
    words = [w for w in re.split(r"[\s,;/\-.]+", typed.strip()) if w]
    words = [w for w in words if not (w.isalpha() and _is_weekday(w) and _month_number(w) is None)]
    if not words:
        return None
    numbers = [w for w in words if w.isdigit()]
    names = [w for w in words if not w.isdigit()]
    if names:
        if len(names) != 1 or not names[0].isalpha():
            return None
        month = _month_number(names[0])
        if month is None or not 1 <= len(numbers) <= 2:
            return None
        day_text = numbers[0]
        if len(numbers) == 2 and len(numbers[0]) == 4:  # "2023 aug 15"
            day_text, year_text = numbers[1], numbers[0]
        else:
            year_text = numbers[1] if len(numbers) == 2 else str(today.year)
        if len(day_text) > 2:
            return None
        return _day(_year(year_text, today), month, int(day_text))
    if len(numbers) == 1:
        digits = numbers[0]
        if len(digits) != 8:
            return None
        if digits[:2] in ("19", "20"):
            found = _day(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            if found is not None:
                return found
        return _day(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
    if len(numbers) == 2:
        numbers.append(str(today.year))
    if len(numbers) != 3:
        return None
    first, second, third = numbers
    if len(first) == 4:  # ISO: year, month, day
        if len(second) > 2 or len(third) > 2:
            return None
        return _day(int(first), int(second), int(third))
    if len(first) > 2 or len(second) > 2:
        return None
    year = _year(third, today)
    return _day(year, int(second), int(first)) or _day(year, int(first), int(second))


# --------------------------------------------------------------------------- words


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])
