"""Inputs for times and choices: searchable combo boxes, IANA zones, wall-clock times.

The wall-clock field is a :class:`~roundtable_ui.widgets.date_fields.DateTimeField`.

A coordinator picks a host out of hundreds of organisations, or a zone out of
six hundred, by typing any part of its name ("amst", "clover"). The widget
tells the page only about real choices (:attr:`SearchCombo.chosen`), never
about half-typed text, so a page can save the choice at once.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Hashable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from roundtable_ui.widgets.date_fields import DateTimeField

#: The zone the app suggests first: the coordinators it was written for work in it.
DEFAULT_ZONE = "Europe/Amsterdam"

# Names zoneinfo lists that are not places a meeting can happen in.
_NOT_ZONES = frozenset({"Factory", "localtime", "posixrules"})


def timezone_names() -> list[str]:
    """Every IANA zone name, Europe/Amsterdam first, the rest alphabetically."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if name not in _NOT_ZONES and not name.startswith(("posix/", "right/"))
    }
    names.discard(DEFAULT_ZONE)
    return [DEFAULT_ZONE, *sorted(names, key=str.casefold)]


class SearchCombo(QComboBox):
    """An editable combo box over ``(key, label)`` items; typing filters by any part of a label.

    :attr:`chosen` carries the key of the item the user settled on (``None``
    for the "none" item when there is one); it is not emitted for
    :meth:`set_key` or for a choice equal to the current one. Text that names
    no item is put back to the current choice when editing ends.
    """

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, none_label: str | None = None) -> None:
        super().__init__(parent)
        self._none_label = none_label
        self._key: Hashable | None = None
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Long lists (600 zones) must not make the widget as wide as its longest name.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.activated.connect(self._activated)
        line_edit = self.lineEdit()
        assert line_edit is not None  # editable
        line_edit.editingFinished.connect(self._editing_finished)
        self.set_items([])

    # -- content ---------------------------------------------------------------------
    def set_items(self, items: Iterable[tuple[Hashable, str]]) -> None:
        """Replace the items (keeping the current choice when it is still there)."""
        keep = self._key
        self.blockSignals(True)
        try:
            self.clear()
            if self._none_label is not None:
                self.addItem(self._none_label, None)
            for key, label in items:
                self.addItem(label, key)
        finally:
            self.blockSignals(False)
        self.set_key(keep)

    def key(self) -> Hashable | None:
        """The key of the current choice (``None`` for none)."""
        return self._key

    def set_key(self, key: Hashable | None) -> None:
        """Show ``key`` as the current choice without emitting :attr:`chosen`."""
        index = self.findData(key) if key is not None else self._none_index()
        if index < 0 and key is not None:
            index = self._none_index()
            key = None if index >= 0 else key
        self._key = key
        #: Text typed last that named no item ("" once a choice is made).
        self.unresolved = ""
        self.blockSignals(True)
        try:
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index) if index >= 0 else "")
        finally:
            self.blockSignals(False)

    def _none_index(self) -> int:
        return 0 if self._none_label is not None and self.count() else -1

    # -- user choices ----------------------------------------------------------------
    def _activated(self, index: int) -> None:
        if index >= 0:
            self._choose(self.itemData(index))

    def _editing_finished(self) -> None:
        text = self.currentText().strip()
        index = self.findText(text, Qt.MatchFlag.MatchFixedString) if text else -1
        if index < 0 and not text:
            index = self._none_index()
        if index < 0:
            index = self._only_item_containing(text)
        if index < 0:
            # Text that names no item (or several): back to what was chosen, and the text
            # kept in :attr:`unresolved` so the form can say so rather than drop it silently.
            self.set_key(self._key)
            self.unresolved = text
            return
        self._choose(self.itemData(index))

    def resolve(self) -> None:
        """Settle the typed text now, as leaving the field does (before a form reads :meth:`key`)."""
        if self.currentText().strip() != self.itemText(self.currentIndex()).strip():
            self._editing_finished()

    def _only_item_containing(self, text: str) -> int:
        """The one item whose text contains ``text`` ("Lotte Ba" → Lotte Bakker), else -1."""
        wanted = text.casefold()
        found = [
            i
            for i in range(self.count())
            if i != self._none_index() and wanted in self.itemText(i).casefold()
        ]
        return found[0] if len(found) == 1 else -1

    def _choose(self, key: Hashable | None) -> None:
        changed = key != self._key
        self.set_key(key)
        if changed:
            self.chosen.emit(key)


class TimezoneCombo(SearchCombo):
    """A searchable picker of IANA zones, Europe/Amsterdam first; :attr:`chosen` carries the name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.set_items((name, name) for name in timezone_names())
        self.set_zone(DEFAULT_ZONE)

    def zone(self) -> str:
        """The chosen zone's name."""
        return str(self.key() or DEFAULT_ZONE)

    def set_zone(self, name: str) -> None:
        """Show ``name`` (an unlisted but valid name is added at the end)."""
        if self.findData(name) < 0:
            self.addItem(name, name)
        self.set_key(name)


def zone_info(name: str) -> ZoneInfo:
    """The zone called ``name``; UTC when the name is unusable (display must not fail)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def wall_time(moment: datetime, zone: str) -> datetime:
    """An aware ``moment`` as naive wall-clock time in ``zone`` (what a clock there shows)."""
    return moment.astimezone(zone_info(zone)).replace(tzinfo=None)


def in_zone(wall: datetime, zone: str) -> datetime:
    """Naive wall-clock time in ``zone`` as an aware datetime (14:00 Amsterdam, not UTC)."""
    return wall.replace(tzinfo=zone_info(zone))


class WallTimeEdit(DateTimeField):
    """A date-time field of wall-clock time in a zone the page keeps (not the computer's).

    It hands out naive wall times, which the page reads in the roundtable's
    zone, so no daylight-saving gap of the computer's own zone can make a time
    impossible to type. :attr:`dateTimeChanged` also follows :meth:`set_wall_time`
    (as a Qt date-time edit's does), so an end can follow its start.
    """

    def wall_time(self) -> datetime:
        """The date and time shown, naive, to the minute."""
        return self.value()

    def set_wall_time(self, wall: datetime) -> None:
        """Show the naive ``wall`` time."""
        before = self.value()
        self.set_value(wall)
        if self.value() != before:
            self.dateTimeChanged.emit(self.value())
