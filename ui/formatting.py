"""How the app writes statuses, dates and times, in one place for every page.

Times are shown as wall time in the roundtable's own zone (DESIGN: the UI
shows them in that zone). Dates and times are written by :mod:`roundtable.text`
in the interface's language, so a table, a label, a dialog and a core message
all read "7 Sep 2023 14:00" ("7 sep 2023 14:00" in Dutch), whatever the
desktop's own locale would make of them; the date fields
(:mod:`roundtable_ui.widgets.date_fields`) show the same form.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from roundtable import i18n as core_i18n
from roundtable import text
from roundtable_ui.i18n import QT_TRANSLATE_NOOP

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


def language() -> str:
    """The interface's language, in which every date is written ("en" or "nl")."""
    return core_i18n.language()


def in_zone(moment: datetime, zone: str) -> datetime:
    """``moment`` as wall time in ``zone`` (UTC when the zone is unknown)."""
    return moment.astimezone(text.zone_named(zone))


def format_datetime(moment: datetime | None, zone: str) -> str:
    """``7 Sep 2023 14:00``, in the roundtable's zone; empty for no time."""
    if moment is None:
        return ""
    return text.format_moment(moment, text.zone_named(zone), language=language())


def format_local_datetime(moment: datetime | None) -> str:
    """A stored moment as wall time of this computer (the audit log): ``7 Sep 2023 14:00``."""
    if moment is None:
        return ""
    local = moment.astimezone()
    return text.format_moment(local, local.tzinfo, language=language())


def format_period(starts_at: datetime | None, ends_at: datetime | None, zone: str) -> str:
    """``7 Sep 2023 14:00–16:00`` (the end's date repeated only when it differs)."""
    if starts_at is None:
        return ""
    tz: ZoneInfo = text.zone_named(zone)
    if ends_at is None:
        return text.format_moment(starts_at, tz, language=language())
    return text.format_period(starts_at, ends_at, tz, language=language())


def format_date(day: date | datetime | None) -> str:
    """``3 Dec 2023`` ("3 dec 2023"); empty for no date. A datetime gives its own date."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.date()
    return text.format_day(day, language=language())


def stored_text(detail: str | None) -> str:
    """A detail the core stored in English, its dates in the interface's language."""
    return text.days_in_language(detail or "", language())


def english_plural(text: str, n: int) -> str:
    """Resolve "invitee(s)" / "address(es)" left by an untranslated ``tr(…, n)``.

    Qt only picks plural forms from a loaded translation; until an English
    one ships, the source text would show "(s)" to the user.
    """
    return re.sub(r"\((e?s)\)", "" if n == 1 else r"\1", text)


def count_phrase(context: str, n: int, one: str, many: str) -> str:
    """``1 open action item`` or ``4 open action items``, translated in ``context``.

    Two explicit forms instead of Qt's ``%n`` plurals, which need a loaded
    translation even for English; ``many`` holds ``%1`` for the number.
    """
    if n == 1:
        return QCoreApplication.translate(context, one)
    return QCoreApplication.translate(context, many).replace("%1", str(n))
