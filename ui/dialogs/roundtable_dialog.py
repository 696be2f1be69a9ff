"""The "New roundtable" dialog: a draft with a date, or scheduled at once.

The lead's Roundtables page calls :func:`new_roundtable`. Tests drive
:class:`RoundtableDialog` without ``exec()``: fill the fields and call
:meth:`RoundtableDialog.create_roundtable` (or ``accept()``), which returns the new id.

The host field (:class:`HostCombo`, also on the Overview tab) keeps a name no
organisation has yet: a hint says it will be added, and OK asks before adding
it, in the same undoable step as the roundtable.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from roundtable import context
from roundtable.errors import RoundtableError
from roundtable.meetings import actions as meeting_actions
from roundtable.people import queries
from roundtable_ui import messages
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import label_fields
from roundtable_ui.widgets.field_errors import when_edited
from roundtable_ui.widgets.timezone_combo import (
    DEFAULT_ZONE,
    SearchCombo,
    TimezoneCombo,
    WallTimeEdit,
    in_zone,
    wall_time,
)

#: Red, bold enough to notice, for a refused value next to its field.
ERROR_STYLE = "color: #c0392b;"


def next_monday_afternoon(zone: str = DEFAULT_ZONE) -> tuple[datetime, datetime]:
    """Wall times 14:00–16:00 on the Monday after today (in ``zone``): the usual new slot."""
    today = wall_time(context.now(), zone).date()
    days = (7 - today.weekday()) % 7 or 7  # on a Monday, the next one
    day = today + timedelta(days=days)
    start = datetime(day.year, day.month, day.day, 14, 0)
    return start, start + timedelta(hours=2)


def error_label(parent: QWidget) -> QLabel:
    """A hidden red label that shows the core's message about a field."""
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def with_error(widget: QWidget, label: QLabel, parent: QWidget, *below: QWidget) -> QWidget:
    """``widget`` with its error label (and any ``below``, a hint) right under it, as one cell.

    The message goes as soon as the person edits ``widget``.
    """
    when_edited(widget, lambda: label.setVisible(False))
    cell = QWidget(parent)
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(label)
    for extra in below:
        layout.addWidget(extra)
    return cell


class HostCombo(SearchCombo):
    """The organisations to choose a host from; a name none of them has is kept, not dropped.

    :meth:`new_name` is the typed name of an organisation that does not exist
    yet ("" otherwise); :attr:`new_name_typed` says so when editing ends, and
    :attr:`hint` (a label for under the field) tells the user it will be added.
    """

    new_name_typed = Signal(str)
    #: Until ``__init__`` has set them (the base's ``__init__`` already calls :meth:`set_key`).
    _none_text = ""
    _announced = ""

    def __init__(self, parent: QWidget | None = None, *, none_label: str | None = None) -> None:
        self.hint = QLabel(parent)
        self.hint.setWordWrap(True)
        self.hint.setVisible(False)
        super().__init__(parent, none_label=none_label)
        self._none_text = none_label or ""
        self._announced = ""
        line_edit = self.lineEdit()
        assert line_edit is not None  # editable
        line_edit.textEdited.connect(self._update_hint)

    def new_name(self) -> str:
        """The name typed when no organisation is called that (in any letter case), else ""."""
        text = " ".join(self.currentText().split())
        if not text or text == self._none_text:
            return ""
        if self.findText(text, Qt.MatchFlag.MatchFixedString) >= 0:
            return ""
        return text

    def set_key(self, key: Any) -> None:
        super().set_key(key)
        self._announced = ""
        if hasattr(self, "hint"):
            self._update_hint()

    def _update_hint(self, *_args: object) -> None:
        name = self.new_name()
        self.hint.setText(
            self.tr("There is no organisation “%1” yet: it will be added as a new one.").replace(
                "%1", name
            )
            if name
            else ""
        )
        self.hint.setVisible(bool(name))

    def _editing_finished(self) -> None:
        name = self.new_name()
        if not name:
            super()._editing_finished()
            return
        self._key = None  # nothing existing is chosen; the typed name stays in the field
        self._update_hint()
        if name != self._announced:
            self._announced = name
            self.new_name_typed.emit(name)


def confirm_new_host(parent: QWidget | None, name: str) -> bool:
    """Ask before adding the organisation ``name`` as a host."""
    return messages.confirm(
        parent,
        QCoreApplication.translate("RoundtableDialog", "New organisation"),
        QCoreApplication.translate(
            "RoundtableDialog",
            "There is no organisation called “%1” yet. Add it, and make it the host?",
        ).replace("%1", name),
        QCoreApplication.translate("RoundtableDialog", "Add organisation"),
        QCoreApplication.translate("RoundtableDialog", "Back"),
    )


class PeriodKeeper:
    """Moves the end along when the start moves, so a two-hour meeting stays two hours."""

    def __init__(self, start: WallTimeEdit, end: WallTimeEdit) -> None:
        self._start, self._end = start, end
        self._start_before = start.wall_time()
        self.active = True
        start.dateTimeChanged.connect(self._start_changed)

    def reset(self) -> None:
        """The fields were filled by code: remember the start as it is now."""
        self._start_before = self._start.wall_time()

    def _start_changed(self, *_: Any) -> None:
        new_start = self._start.wall_time()
        if self.active:
            self._end.set_wall_time(self._end.wall_time() + (new_start - self._start_before))
        self._start_before = new_start


class RoundtableDialog(QDialog):
    """Title (required), topic, host, times with zone, venue, online link; OK creates it.

    Times are wall-clock times in the chosen zone: picking another zone keeps
    14:00 as 14:00 there (nothing exists yet whose moment should be kept).
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: The id of the roundtable made by the last successful :meth:`create_roundtable`.
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("New roundtable"))
        self.setMinimumWidth(520)

        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("Required, e.g. Project Clover roundtable"))
        self.topic_edit = QLineEdit(self)
        self.host_combo = HostCombo(self, none_label=self.tr("(no host)"))
        self.host_combo.setToolTip(
            self.tr("Type part of a name to search, or a new organisation's name")
        )
        self.host_combo.setAccessibleName(self.tr("Host"))
        organisations = store.read(queries.list_organisations)
        self.host_combo.set_items((row.id, row.name) for row in organisations)
        self.organiser_combo = SearchCombo(self, none_label=self.tr("(no organiser)"))
        self.organiser_combo.setToolTip(
            self.tr("The person invitees reply to; calendar files need one with an e-mail address")
        )
        self.organiser_combo.setAccessibleName(self.tr("Organiser"))
        self.organiser_combo.set_items(
            (row.id, f"{row.name} ({row.organisation_name})" if row.organisation_name else row.name)
            for row in store.read(queries.list_people)
            if not row.erased
        )

        self.start_edit = WallTimeEdit(self)
        self.end_edit = WallTimeEdit(self)
        self.zone_combo = TimezoneCombo(self)
        start, end = next_monday_afternoon(DEFAULT_ZONE)
        self.start_edit.set_wall_time(start)
        self.end_edit.set_wall_time(end)
        self._period = PeriodKeeper(self.start_edit, self.end_edit)

        self.venue_edit = QLineEdit(self)
        self.venue_edit.setPlaceholderText(self.tr("Address or room"))
        self.online_edit = QLineEdit(self)
        self.online_edit.setPlaceholderText("https://")
        self.schedule_check = QCheckBox(self.tr("Schedule now (otherwise it stays a draft)"), self)

        self.errors: dict[str, QLabel] = {
            name: error_label(self)
            for name in (
                "title",
                "topic",
                "host",
                "organiser",
                "starts_at",
                "ends_at",
                "timezone",
                "venue",
                "online_url",
            )
        }
        self.general_error = error_label(self)

        times = QWidget(self)
        times_row = QHBoxLayout(times)
        times_row.setContentsMargins(0, 0, 0, 0)
        times_row.addWidget(self.start_edit, 2)
        times_row.addWidget(QLabel("–", times))
        times_row.addWidget(self.end_edit, 2)
        times_row.addWidget(self.zone_combo, 2)
        times_cell = QWidget(self)
        times_layout = QVBoxLayout(times_cell)
        times_layout.setContentsMargins(0, 0, 0, 0)
        times_layout.setSpacing(2)
        times_layout.addWidget(times)
        for name in ("starts_at", "ends_at", "timezone"):
            times_layout.addWidget(self.errors[name])
            for edit in (self.start_edit, self.end_edit, self.zone_combo):
                when_edited(edit, self.errors[name].hide)

        form = QFormLayout()
        form.addRow(self.tr("&Title *"), with_error(self.title_edit, self.errors["title"], self))
        form.addRow(self.tr("T&opic"), with_error(self.topic_edit, self.errors["topic"], self))
        form.addRow(
            self.tr("&Host"),
            with_error(self.host_combo, self.errors["host"], self, self.host_combo.hint),
        )
        form.addRow(
            self.tr("Or&ganiser"),
            with_error(self.organiser_combo, self.errors["organiser"], self),
        )
        form.addRow(self.tr("&When"), times_cell)
        form.addRow(self.tr("&Venue"), with_error(self.venue_edit, self.errors["venue"], self))
        form.addRow(
            self.tr("Online &link"), with_error(self.online_edit, self.errors["online_url"], self)
        )
        form.addRow("", self.schedule_check)
        self.start_edit.setAccessibleName(self.tr("Starts"))
        self.end_edit.setAccessibleName(self.tr("Ends"))
        label_fields(form)
        note = QLabel(self.tr("* required"), self)
        note.setEnabled(False)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        self.title_edit.setFocus()

    # -- reading the form ------------------------------------------------------------
    def period(self) -> tuple[datetime, datetime, str]:
        """Start and end as aware datetimes in the chosen zone, and the zone's name."""
        zone = self.zone_combo.zone()
        return (
            in_zone(self.start_edit.wall_time(), zone),
            in_zone(self.end_edit.wall_time(), zone),
            zone,
        )

    # -- creating --------------------------------------------------------------------
    def create_roundtable(self) -> int | None:
        """Create the roundtable as filled in (one undoable step) and return its id.

        A refused value shows the core's message next to its field and returns ``None``.
        """
        self._clear_errors()
        starts_at, ends_at, zone = self.period()
        host = self.host_combo.key()
        new_host = self.host_combo.new_name()
        if new_host and not confirm_new_host(self, new_host):
            self.host_combo.setFocus()
            return None
        self.organiser_combo.resolve()  # Create may be pressed before the field was left
        organiser = self.organiser_combo.key()
        if self.organiser_combo.unresolved:
            label = self.errors["organiser"]
            label.setText(
                self.tr(
                    "“%1” is not one of the people listed: choose the organiser from the list, "
                    "or leave it empty."
                ).replace("%1", self.organiser_combo.unresolved)
            )
            label.setVisible(True)
            self.organiser_combo.setFocus()
            return None
        action = meeting_actions.create_roundtable(
            title=self.title_edit.text(),
            topic=self.topic_edit.text(),
            host_id=host if isinstance(host, int) and not new_host else None,
            new_host=new_host,
            organiser_id=organiser if isinstance(organiser, int) else None,
            venue=self.venue_edit.text(),
            online_url=self.online_edit.text(),
            starts_at=starts_at,
            ends_at=ends_at,
            timezone=zone,
            schedule=self.schedule_check.isChecked(),
        )
        try:
            roundtable_id = self.store.run(action)
        except RoundtableError as exc:
            self._show_error(exc)
            return None
        self.created_id = roundtable_id
        return roundtable_id

    def accept(self) -> None:
        """Create the roundtable; close only when that worked."""
        if self.create_roundtable() is not None:
            super().accept()

    # -- errors ----------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.general_error):
            label.clear()
            label.setVisible(False)

    def _show_error(self, exc: RoundtableError) -> None:
        field = getattr(exc, "field", None)
        label = self.errors.get(field or "", self.general_error)
        label.setText(str(exc))
        label.setVisible(True)
        focus = {
            "title": self.title_edit,
            "topic": self.topic_edit,
            "host": self.host_combo,
            "organiser": self.organiser_combo,
            "starts_at": self.start_edit,
            "ends_at": self.end_edit,
            "timezone": self.zone_combo,
            "venue": self.venue_edit,
            "online_url": self.online_edit,
        }.get(field or "")
        if focus is not None:
            focus.setFocus()


def new_roundtable(store: Store, parent: QWidget | None = None) -> int | None:
    """Ask for a new roundtable and create it; its id, or ``None`` when cancelled."""
    dialog = RoundtableDialog(store, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.created_id
        return None
    finally:
        dialog.deleteLater()
