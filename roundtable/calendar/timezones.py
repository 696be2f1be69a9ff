"""VTIMEZONE blocks written from the IANA data: the rules of a zone as RRULE-style
onsets, which Outlook, Google, Apple and Thunderbird all read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

from roundtable.text import known_zone

# Zone names that mean UTC itself: written as "...Z", never as TZID=UTC.
_UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal"}
)


@dataclass(frozen=True)
class _Onset:
    """One yearly change of offset: the ``week``-th (-1 = last) ``weekday`` of ``month``."""

    month: int
    week: int
    weekday: int  # Monday = 0
    wall: time  # local time of the change, in the offset before it
    offset_from: timedelta
    offset_to: timedelta
    name: str

    def local_in(self, year: int) -> datetime:
        """The wall-clock moment of the change in ``year`` (in the offset before it)."""
        return datetime.combine(_nth_weekday(year, self.month, self.week, self.weekday), self.wall)

    def utc_in(self, year: int) -> datetime:
        """The instant of the change in ``year``."""
        return (self.local_in(year) - self.offset_from).replace(tzinfo=UTC)


_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    if week == -1:
        last = date(year, month, _days_in_month(year, month))
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (week - 1))


def _transitions(zone: ZoneInfo, year: int) -> list[tuple[datetime, timedelta, timedelta, str]]:
    """Every change of UTC offset in ``year`` (UTC): (instant, before, after, name after)."""

    def offset(moment: datetime) -> timedelta:
        return moment.astimezone(zone).utcoffset() or timedelta(0)

    found = []
    day = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC)
    while day < end:
        nxt = day + timedelta(days=1)
        if offset(day) != offset(nxt):
            low, high = day, nxt  # offset(low) is the old one, offset(high) the new one
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                if offset(middle) == offset(low):
                    low = middle
                else:
                    high = middle
            instant = high.replace(microsecond=0)
            name = instant.astimezone(zone).tzname() or ""
            found.append((instant, offset(low), offset(high), name))
        day = nxt
    return found


def _onset(instant: datetime, before: timedelta, after: timedelta, name: str) -> _Onset:
    local = (instant + before).replace(tzinfo=None)
    week = (
        -1 if local.day + 7 > _days_in_month(local.year, local.month) else (local.day - 1) // 7 + 1
    )
    return _Onset(local.month, week, local.weekday(), local.time(), before, after, name or "")


def _whole_minutes(value: timedelta) -> bool:
    return value.total_seconds() % 60 == 0


def _zone_rules(zone: ZoneInfo, years: Iterable[int]) -> list[_Onset] | timedelta | None:
    """The zone in ``years`` as yearly rules, a fixed offset, or ``None`` (not expressible)."""
    per_year = {year: _transitions(zone, year) for year in sorted(set(years))}
    if all(not changes for changes in per_year.values()):
        offsets = {
            datetime(year, 7, 1, tzinfo=UTC).astimezone(zone).utcoffset() for year in per_year
        }
        if len(offsets) != 1:
            return None
        (fixed,) = offsets
        return fixed if fixed is not None and _whole_minutes(fixed) else None
    first_year = min(per_year)
    changes = per_year[first_year]
    if len(changes) != 2:
        return None
    onsets = [_onset(*change) for change in changes]
    if onsets[0].offset_to != onsets[1].offset_from or onsets[1].offset_to != onsets[0].offset_from:
        return None
    if not all(_whole_minutes(o.offset_from) and _whole_minutes(o.offset_to) for o in onsets):
        return None
    # The rule must give exactly the real changes in every year the events fall in.
    for year, real in per_year.items():
        expected = sorted((o.utc_in(year), o.offset_from, o.offset_to) for o in onsets)
        if expected != [(instant, before, after) for instant, before, after, _ in real]:
            return None
    return onsets


def vtimezone(zone_name: str, years: Iterable[int]) -> Timezone | None:
    """A VTIMEZONE for ``zone_name`` that is right in each of ``years``, or ``None``.

    Zones with daylight saving time get a ``STANDARD`` and a ``DAYLIGHT`` block,
    each with ``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..`` and a 1970 ``DTSTART`` on
    the rule (the shape Outlook needs; every reader tested agrees on it); zones
    without get one ``STANDARD`` block. ``None`` when the zone is unknown, is UTC,
    or changes in a way no such rule states (the caller then writes UTC times).
    """
    zone = known_zone(zone_name)
    year_list = sorted(set(years))
    if zone is None or zone_name in _UTC_NAMES or not year_list:
        return None
    rules = _zone_rules(zone, year_list)
    if rules is None:
        return None
    component = Timezone()
    component.add("tzid", zone_name)
    block: TimezoneDaylight | TimezoneStandard
    if isinstance(rules, timedelta):
        block = TimezoneStandard()
        block.add("dtstart", datetime(1970, 1, 1))
        block.add("tzoffsetfrom", rules)
        block.add("tzoffsetto", rules)
        name = datetime(year_list[0], 7, 1, tzinfo=UTC).astimezone(zone).tzname()
        if name:
            block.add("tzname", name)
        component.add_component(block)
        return component
    larger = max(onset.offset_to for onset in rules)
    # Standard time first, as Outlook and most writers put it; the larger offset is
    # "daylight" (Europe/Dublin's tzdata calls winter the exception, clients do not).
    for onset in sorted(rules, key=lambda o: o.offset_to == larger):
        block = TimezoneDaylight() if onset.offset_to == larger else TimezoneStandard()
        block.add("dtstart", onset.local_in(1970))
        block.add(
            "rrule",
            {
                "freq": "yearly",
                "bymonth": onset.month,
                "byday": f"{onset.week}{_BYDAY[onset.weekday]}",
            },
        )
        block.add("tzoffsetfrom", onset.offset_from)
        block.add("tzoffsetto", onset.offset_to)
        if onset.name:
            block.add("tzname", onset.name)
        component.add_component(block)
    return component
