"""How the app writes statuses, dates and times, in one place for every page.

Times are shown as wall time in the roundtable's own zone (DESIGN: the UI
shows them in that zone), formatted by the user's locale through QLocale so a
Dutch desktop reads "do 7 sep 2023 14:00".
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from roundtable_ui.i18n import QT_TRANSLATE_NOOP

DATETIME_FORMAT = "ddd d MMM yyyy HH:mm"
DATE_FORMAT = "d MMM yyyy"

_CONTEXT = "Status"


#: Every status of every kind of record, one row each: how the user reads it, and the
#: colour of its badge and of its segment of the response bar (readable on light and dark
#: themes; ``None``: shown in the text colour). "awaiting" is the bar's segment for
#: invitations sent and not answered (invited, no response).
_STATUSES: dict[str, tuple[str, str | None]] = {
    # roundtables
    "draft": (QT_TRANSLATE_NOOP("Status", "Draft"), "#7f8c8d"),
    "scheduled": (QT_TRANSLATE_NOOP("Status", "Scheduled"), "#2e86de"),
    "postponed": (QT_TRANSLATE_NOOP("Status", "Postponed"), "#e67e22"),
    "cancelled": (QT_TRANSLATE_NOOP("Status", "Cancelled"), "#c0392b"),
    "held": (QT_TRANSLATE_NOOP("Status", "Held"), "#27ae60"),
    # invitations
    "not_sent": (QT_TRANSLATE_NOOP("Status", "Not sent"), "#bdc3c7"),
    "invited": (QT_TRANSLATE_NOOP("Status", "Invited"), None),
    "accepted": (QT_TRANSLATE_NOOP("Status", "Accepted"), "#27ae60"),
    "tentative": (QT_TRANSLATE_NOOP("Status", "Tentative"), "#d68910"),
    "declined": (QT_TRANSLATE_NOOP("Status", "Declined"), "#c0392b"),
    "no_response": (QT_TRANSLATE_NOOP("Status", "No response"), None),
    "withdrawn": (QT_TRANSLATE_NOOP("Status", "Withdrawn"), "#8e44ad"),
    "attended": (QT_TRANSLATE_NOOP("Status", "Attended"), "#1e8449"),
    "no_show": (QT_TRANSLATE_NOOP("Status", "No-show"), "#7b241c"),
    "awaiting": (QT_TRANSLATE_NOOP("Status", "Awaiting"), "#95a5a6"),
    # questions
    "submitted": (QT_TRANSLATE_NOOP("Status", "Submitted"), None),
    "asked": (QT_TRANSLATE_NOOP("Status", "Asked"), None),
    "answered": (QT_TRANSLATE_NOOP("Status", "Answered"), None),
    "unanswered": (QT_TRANSLATE_NOOP("Status", "Unanswered"), None),
    # statements
    "published": (QT_TRANSLATE_NOOP("Status", "Published"), None),
}

#: The colour of each status that has one (badges, bars, table text).
STATUS_COLOURS: dict[str, str] = {
    key: colour for key, (_label, colour) in _STATUSES.items() if colour is not None
}


def status_label(status: object) -> str:
    """The translated label of a status value ("no_response" → "No response")."""
    key = str(getattr(status, "value", status))
    row = _STATUSES.get(key)
    text = row[0] if row is not None else key.replace("_", " ").capitalize()
    return QCoreApplication.translate(_CONTEXT, text)


def in_zone(moment: datetime, zone: str) -> datetime:
    """``moment`` as wall time in ``zone`` (UTC when the zone is unknown)."""
    try:
        return moment.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return moment


def format_datetime(moment: datetime | None, zone: str, locale: QLocale | None = None) -> str:
    """``Thu 7 Sep 2023 14:00``, in the roundtable's zone; empty for no time."""
    if moment is None:
        return ""
    local = in_zone(moment, zone)
    qt_moment = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute)
    )
    return (locale or QLocale()).toString(qt_moment, DATETIME_FORMAT)


def format_period(
    starts_at: datetime | None, ends_at: datetime | None, zone: str, locale: QLocale | None = None
) -> str:
    """``Thu 7 Sep 2023 14:00–16:00`` (the end's date repeated only when it differs)."""
    if starts_at is None:
        return ""
    text = format_datetime(starts_at, zone, locale)
    if ends_at is None:
        return text
    start, end = in_zone(starts_at, zone), in_zone(ends_at, zone)
    if start.date() == end.date():
        return f"{text}–{end:%H:%M}"
    return f"{text} – {format_datetime(ends_at, zone, locale)}"


def format_date(day: date | datetime | None, locale: QLocale | None = None) -> str:
    """``3 Dec 2023``; empty for no date."""
    if day is None:
        return ""
    return (locale or QLocale()).toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


def count_phrase(context: str, n: int, one: str, many: str) -> str:
    """``1 open action item`` or ``4 open action items``, translated in ``context``.

    Two explicit forms instead of Qt's ``%n`` plurals, which need a loaded
    translation even for English; ``many`` holds ``%1`` for the number.
    """
    if n == 1:
        return QCoreApplication.translate(context, one)
    return QCoreApplication.translate(context, many).replace("%1", str(n))
