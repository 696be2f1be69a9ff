"""The date and date-time fields every page uses: type a date any usual way, or pick one.

Qt's ``QDateEdit`` edits a date section by section, so typing "15-08-2023"
into a selected field garbles it. These fields are line edits instead:
whatever the person types ("15-08-2023", "15/8/23", "2023-08-15", "15 aug
2023", "August 15, 2023"; a time "14:30" or "14.30") is read by
:func:`roundtable.text.parse_day` and :func:`roundtable.text.split_clock`, and
shown back, once editing ends, in the one form every list of the app uses
(:func:`roundtable.text.format_day`: "15 Aug 2023", Dutch "15 aug 2023").

* A calendar button at the right (or Alt+Down, F4) opens a calendar; Enter or a
  click picks the day, Escape closes it.
* Up and Down move a day (in a date-time field, a quarter of an hour when the
  cursor is in the time); Page Up and Page Down a month.
* Text that names no date turns red while typed; when editing ends it is put
  back to the last date, with a tooltip saying what was not understood.
* :attr:`DateField.dateChanged` / :attr:`DateTimeField.dateTimeChanged` carry
  the new value only when it is settled (editing ended, a day picked, a step
  with the arrows), never half-typed text; ``editingFinished`` follows.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from roundtable import context, text
from roundtable_ui.formatting import language

#: The colour of text that names no date yet.
INVALID_COLOUR = "#c0392b"


def display_day(value: date) -> str:
    """``15 Aug 2023``: a date as the fields (and every list) show it."""
    return text.format_day(value, language=language())


def display_moment(value: datetime) -> str:
    """``15 Aug 2023 14:30``: a wall time as the date-time fields show it."""
    return f"{display_day(value.date())} {text.format_time(value)}"


def _calendar_icon() -> QIcon:
    """A small calendar sheet, drawn so it looks the same on every desktop."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    ink = QColor("#5d6d7e")
    painter.setPen(ink)
    painter.drawRect(1, 3, 13, 11)
    painter.fillRect(1, 3, 14, 3, ink)
    for x in (4, 8, 12):
        for y in (8, 11):
            painter.fillRect(x - 1, y, 2, 2, ink)
    painter.drawLine(4, 1, 4, 3)
    painter.drawLine(11, 1, 11, 3)
    painter.end()
    return QIcon(pixmap)


def _add_months(value: date, months: int) -> date:
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(value.day, last))


class _CalendarPopup(QFrame):
    """The calendar under a field: Enter or a click picks, Escape closes."""

    picked = Signal(object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName(QCoreApplication.translate("DateFields", "Calendar"))
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def show_at(self, field: QWidget, value: date) -> None:
        self.calendar.setLocale(QLocale(language()))
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        self.adjustSize()
        self.move(field.mapToGlobal(QPoint(0, field.height())))
        self.show()
        self.calendar.setFocus()

    def _pick(self, day: QDate) -> None:
        self.hide()
        self.picked.emit(date(day.year(), day.month(), day.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class _DateLineEdit(QLineEdit):
    """What both fields share: typing, the calendar, the arrow keys, putting bad text back."""

    def __init__(self, parent: QWidget | None, *, optional: bool) -> None:
        super().__init__(parent)
        self._optional = optional
        self._typing = False
        self.popup: _CalendarPopup | None = None
        # Made here with its parent, not by addAction(icon, position): the wrapper that
        # returns can go stale (PySide reported the action deleted while Qt still had it).
        self.calendar_action = QAction(_calendar_icon(), "", self)
        self.calendar_action.setText(QCoreApplication.translate("DateFields", "Pick a day"))
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.setToolTip(
            QCoreApplication.translate("DateFields", "Pick a day from a calendar (Alt+Down)")
        )
        self.calendar_action.triggered.connect(self.open_calendar)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finish)
        self.setClearButtonEnabled(False)

    # -- what a subclass says (DateField and DateTimeField define each of these) --------
    def _parse(self, typed: str) -> object | None:
        raise NotImplementedError

    def _settled(self) -> object | None:
        raise NotImplementedError

    def _settle(self, value: object | None, *, announce: bool) -> None:
        raise NotImplementedError

    def _day_of(self, value: object | None) -> date:
        raise NotImplementedError

    def _with_day(self, day: date) -> object:
        raise NotImplementedError

    def _example(self) -> str:
        raise NotImplementedError

    # -- typing ------------------------------------------------------------------------
    def typed_value(self) -> object | None:
        """What the text says now (``None`` when it names nothing usable)."""
        return self._parse(self.text())

    def _edited(self, typed: str) -> None:
        self._typing = True
        bad = bool(typed.strip()) and self._parse(typed) is None
        palette = self.palette()
        default = QPalette().color(QPalette.ColorRole.Text)
        palette.setColor(QPalette.ColorRole.Text, QColor(INVALID_COLOUR) if bad else default)
        self.setPalette(palette)

    def _finish(self) -> None:
        if not self._typing:
            return
        self._typing = False
        typed = self.text()
        if not typed.strip() and self._optional:
            self._settle(None, announce=True)
            return
        value = self._parse(typed)
        if value is None:
            self._settle(self._settled(), announce=False)
            QToolTip.showText(
                self.mapToGlobal(QPoint(0, self.height())),
                QCoreApplication.translate("DateFields", "“%1” is not a date; type it as %2.")
                .replace("%1", typed.strip())
                .replace("%2", self._example()),
                self,
            )
            return
        self._settle(value, announce=True)

    def _plain_palette(self) -> None:
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Text, QPalette().color(QPalette.ColorRole.Text))
        self.setPalette(palette)

    # -- the calendar --------------------------------------------------------------------
    def open_calendar(self) -> None:
        """Show the calendar under the field, on the field's date (today when it has none)."""
        if not self.isEnabled() or self.isReadOnly():
            return
        if self.popup is None:
            self.popup = _CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        current = self.typed_value() if self._typing else self._settled()
        self.popup.show_at(self, self._day_of(current))

    def _picked(self, day: date) -> None:
        self._typing = False
        self._settle(self._with_day(day), announce=True)
        self.setFocus()
        self.editingFinished.emit()

    # -- keys ------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (
            key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        steps = {
            Qt.Key.Key_Up: 1,
            Qt.Key.Key_Down: -1,
            Qt.Key.Key_PageUp: 31,
            Qt.Key.Key_PageDown: -31,
        }
        if key in steps and not self.isReadOnly():
            self._step(steps[key])
            return
        super().keyPressEvent(event)

    def _step(self, amount: int) -> None:
        raise NotImplementedError

    def event(self, e: QEvent) -> bool:
        # Up, Down and F4 are the field's own keys, whatever shortcuts the window has.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_F4)
        ):
            e.accept()
            return True
        return super().event(e)


class DateField(_DateLineEdit):
    """A date: typed in any usual form or picked from the calendar; optionally empty.

    :meth:`value` is the date shown (``None`` for an empty optional field),
    :meth:`set_value` shows one without emitting :attr:`dateChanged`.
    """

    #: The settled date (``None``: an optional field was emptied).
    dateChanged = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
        value: date | None = None,
    ) -> None:
        super().__init__(parent, optional=optional)
        self._value: date | None = None
        self.setPlaceholderText(
            QCoreApplication.translate("DateFields", "no date")
            if optional
            else QCoreApplication.translate("DateFields", "e.g. 15-08-2023")
        )
        self.setToolTip(
            QCoreApplication.translate(
                "DateFields", "Type a date such as 15-08-2023 or 15 Aug 2023, or press Alt+Down"
            )
        )
        self.set_value(value if value is not None or optional else context.now().date())

    def value(self) -> date | None:
        """The date shown; while the text is being typed, the date it names if it names one."""
        if self._typing:
            typed = self._parse(self.text())
            if isinstance(typed, date):
                return typed
            if self._optional and not self.text().strip():
                return None
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show ``value`` (``None``: empty, for an optional field) without emitting."""
        if value is None and not self._optional:
            raise ValueError("this date field needs a date")
        self._typing = False
        self._value = value
        self.setText(display_day(value) if value is not None else "")
        self._plain_palette()

    def _parse(self, typed: str) -> date | None:
        _rest, clock = text.split_clock(typed)
        if clock is not None:
            return None  # a time in a date field is a mistake, not something to drop quietly
        return text.parse_day(typed, context.now().date())

    def _settled(self) -> date | None:
        return self._value

    def _settle(self, value: object | None, *, announce: bool) -> None:
        assert value is None or isinstance(value, date)
        changed = value != self._value
        self.set_value(value if value is not None or self._optional else self._value)
        if announce and changed:
            self.dateChanged.emit(self._value)

    def _day_of(self, value: object | None) -> date:
        return value if isinstance(value, date) else context.now().date()

    def _with_day(self, day: date) -> date:
        return day

    def _example(self) -> str:
        return QCoreApplication.translate("DateFields", "15-08-2023 or %1").replace(
            "%1", display_day(date(2023, 8, 15))
        )

    def _step(self, amount: int) -> None:
        base = self.value() or context.now().date()
        if abs(amount) == 31:
            new = _add_months(base, 1 if amount > 0 else -1)
        else:
            new = base + timedelta(days=amount)
        self._typing = False
        self._settle(new, announce=True)


class DateTimeField(_DateLineEdit):
    """A wall-clock date and time ("15 Aug 2023 14:30"), naive: the page knows the zone.

    Typing only a date keeps the time shown, typing only a time keeps the date.
    """

    #: The settled wall time (a naive datetime).
    dateTimeChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, value: datetime | None = None) -> None:
        super().__init__(parent, optional=False)
        now = context.now().replace(second=0, microsecond=0, tzinfo=None)
        self._value: datetime = value or now
        self.setPlaceholderText(QCoreApplication.translate("DateFields", "e.g. 15-08-2023 14:30"))
        self.setToolTip(
            QCoreApplication.translate(
                "DateFields", "Type a date and time such as 15-08-2023 14:30, or press Alt+Down"
            )
        )
        self.set_value(self._value)

    def value(self) -> datetime:
        """The wall time shown; while typed, the one the text names if it names one."""
        if self._typing:
            typed = self._parse(self.text())
            if isinstance(typed, datetime):
                return typed
        return self._value

    def set_value(self, value: datetime) -> None:
        """Show the naive wall time ``value`` (to the minute) without emitting."""
        self._typing = False
        self._value = value.replace(second=0, microsecond=0, tzinfo=None)
        self.setText(display_moment(self._value))
        self._plain_palette()

    def _parse(self, typed: str) -> datetime | None:
        rest, clock = text.split_clock(typed)
        if not rest.strip():
            if clock is None:
                return None
            day = self._value.date()
        else:
            found = text.parse_day(rest, context.now().date())
            if found is None:
                return None
            day = found
        hour, minute = clock if clock is not None else (self._value.hour, self._value.minute)
        return datetime(day.year, day.month, day.day, hour, minute)

    def _settled(self) -> datetime:
        return self._value

    def _settle(self, value: object | None, *, announce: bool) -> None:
        assert isinstance(value, datetime)
        changed = value != self._value
        self.set_value(value)
        if announce and changed:
            self.dateTimeChanged.emit(self._value)

    def _day_of(self, value: object | None) -> date:
        return value.date() if isinstance(value, datetime) else self._value.date()

    def _with_day(self, day: date) -> datetime:
        return datetime.combine(day, self._value.time())

    def _example(self) -> str:
        return QCoreApplication.translate("DateFields", "15-08-2023 14:30 or %1").replace(
            "%1", display_moment(datetime(2023, 8, 15, 14, 30))
        )

    def _step(self, amount: int) -> None:
        base = self.value()
        in_time = self.cursorPosition() > len(display_day(base.date()))
        if abs(amount) == 31:
            new = datetime.combine(_add_months(base.date(), 1 if amount > 0 else -1), base.time())
        elif in_time and not self._typing:
            new = base + timedelta(minutes=15 * amount)
        else:
            new = base + timedelta(days=amount)
        position = self.cursorPosition()
        self._typing = False
        self._settle(new, announce=True)
        self.setCursorPosition(min(position, len(self.text())))
