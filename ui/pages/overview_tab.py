"""The Overview tab of a roundtable: its details, its lifecycle actions and its history.

Every detail is saved the moment the user finishes a field (there is no Save
button), each as one undoable action of the core (:mod:`roundtable.meetings.actions`)
run through :meth:`ui.store.Store.run`.
Start and end are different: moving a meeting is part of its lifecycle
(Schedule, Reschedule), so edited times wait for one of those buttons.
Times are shown as wall-clock time in the roundtable's own zone.
The lifecycle steps are dated by the "When it happened" field beside them: now,
unless the coordinator types the time it really happened (it stays until *Now*
or another roundtable is shown).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roundtable import context
from roundtable.actions import Action
from roundtable.enums import RoundtableAction, RoundtableStatus
from roundtable.errors import RoundtableError
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import lifecycle, queries
from roundtable.meetings.queries import RoundtableDetails
from roundtable.people import queries as people_queries
from roundtable_ui import messages
from roundtable_ui.dialogs import calendar_export
from roundtable_ui.dialogs.history_dialog import when_text, when_tooltip
from roundtable_ui.dialogs.letters import LettersMenu
from roundtable_ui.dialogs.roundtable_dialog import (
    HostCombo,
    PeriodKeeper,
    confirm_new_host,
    error_label,
    next_monday_afternoon,
    with_error,
)
from roundtable_ui.formatting import STATUS_COLOURS, status_label, stored_text
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import label_fields
from roundtable_ui.widgets.flow_layout import FlowLayout
from roundtable_ui.widgets.table_view import keep_columns_readable
from roundtable_ui.widgets.timezone_combo import (
    SearchCombo,
    TimezoneCombo,
    WallTimeEdit,
    in_zone,
    wall_time,
)
from roundtable_ui.widgets.when_edit import WhenEdit

_S = RoundtableStatus
_A = RoundtableAction

#: Statuses in which the meeting's time can still be set or moved.
_TIMES_EDITABLE = frozenset({_S.DRAFT, _S.POSTPONED, _S.SCHEDULED})

#: What each history row did, as the user reads it (translated in the "OverviewTab" context).
_ACTION_LABELS = {
    _A.CREATED: QT_TRANSLATE_NOOP("OverviewTab", "Created"),
    _A.EDITED: QT_TRANSLATE_NOOP("OverviewTab", "Edited"),
    _A.SCHEDULED: QT_TRANSLATE_NOOP("OverviewTab", "Scheduled"),
    _A.RESCHEDULED: QT_TRANSLATE_NOOP("OverviewTab", "Rescheduled"),
    _A.POSTPONED: QT_TRANSLATE_NOOP("OverviewTab", "Postponed"),
    _A.CANCELLED: QT_TRANSLATE_NOOP("OverviewTab", "Cancelled"),
    _A.HELD: QT_TRANSLATE_NOOP("OverviewTab", "Marked as held"),
}


#: The action's name of each detail the form edits (host and organiser by id).
_ACTION_FIELDS = {"host": "host_id", "organiser": "organiser_id"}


def _value(details: RoundtableDetails, name: str) -> object:
    """The current value of a detail as the form holds it (ids for host and organiser)."""
    if name == "host":
        return details.host_id
    if name == "organiser":
        return details.organiser_id
    return getattr(details, name)


class _FocusOutFilter(QObject):
    """Calls back when the watched widget loses focus (a plain-text edit has no editingFinished)."""

    def __init__(self, callback: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self._callback()
        return False


class OverviewTab(QWidget):
    """Details, lifecycle actions and change history of one roundtable."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._details: RoundtableDetails | None = None
        self._shown_zone = "Europe/Amsterdam"
        self._loading = False

        # -- header: status, sequence, actions ---------------------------------------
        self.status_badge = QLabel(self)
        self.status_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sequence_label = QLabel(self)
        self.sequence_label.setToolTip(
            self.tr(
                "Counts the changes invitees' calendars must follow (a new time or place). "
                "Calendar files exported now carry the latest, so calendars update."
            )
        )
        small = self.sequence_label.font()
        small.setPointSizeF(max(small.pointSizeF() * 0.85, 7.0))
        self.sequence_label.setFont(small)
        self.schedule_button = QPushButton(self.tr("&Schedule"), self)
        self.reschedule_button = QPushButton(self.tr("&Reschedule"), self)
        self.postpone_button = QPushButton(self.tr("&Postpone…"), self)
        self.cancel_button = QPushButton(self.tr("Ca&ncel…"), self)
        self.held_button = QPushButton(self.tr("Mark as &held"), self)
        self.schedule_button.setToolTip(self.tr("Give the roundtable the date and time above"))
        self.reschedule_button.setToolTip(self.tr("Move the roundtable to the times above"))
        self.schedule_button.clicked.connect(self.schedule)
        self.reschedule_button.clicked.connect(self.reschedule)
        self.postpone_button.clicked.connect(self.postpone)
        self.cancel_button.clicked.connect(self.cancel)
        self.held_button.clicked.connect(self.mark_held)
        self._step_buttons = {
            _A.SCHEDULED: self.schedule_button,
            _A.RESCHEDULED: self.reschedule_button,
            _A.POSTPONED: self.postpone_button,
            _A.CANCELLED: self.cancel_button,
            _A.HELD: self.held_button,
        }
        # One line when there is room; otherwise it wraps between the status, the
        # lifecycle steps and the files, so no button ever loses part of its text.
        #: When the next lifecycle step happened (now, unless a time is typed).
        self.when_edit = WhenEdit(self)
        self.when_label = QLabel(self.tr("When it h&appened:"), self)
        self.when_label.setBuddy(self.when_edit)
        header = FlowLayout()
        header.add_group([self.status_badge, self.sequence_label])
        header.add_group([self.when_label, self.when_edit])
        header.add_group(self._step_buttons.values())

        # -- calendar files ------------------------------------------------------------
        #: The last calendar export started (tests wait for its ``finished`` signal).
        self.exporter: calendar_export.CalendarExporter | None = None
        self.export_whole_list_action = QAction(self.tr("Export for the whole list…"), self)
        self.export_whole_list_action.setToolTip(
            self.tr("One invitation file naming every invitee (for a list that may see itself)")
        )
        self.export_whole_list_action.triggered.connect(self.export_whole_list)
        self.export_cancellation_action = QAction(self.tr("Export cancellation…"), self)
        self.export_cancellation_action.triggered.connect(self.export_cancellation)
        self.calendar_menu = QMenu(self.tr("Calendar"), self)
        self.calendar_menu.addAction(self.export_whole_list_action)
        self.calendar_menu.addAction(self.export_cancellation_action)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText(self.tr("Cal&endar"))
        self.calendar_button.setMenu(self.calendar_menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # Letters need chosen invitees (invitations tab); here the handout and minutes.
        self.letters_menu = LettersMenu(store, lambda: self.roundtable_id, list, self)
        self.letters_button = QToolButton(self)
        self.letters_button.setText(self.tr("Letters && handouts"))
        self.letters_button.setMenu(self.letters_menu)
        self.letters_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        header.add_group([self.calendar_button, self.letters_button])

        # -- the form ----------------------------------------------------------------
        self.title_edit = QLineEdit(self)
        self.topic_edit = QLineEdit(self)
        self.host_combo = HostCombo(self, none_label=self.tr("(no host)"))
        self.organiser_combo = SearchCombo(self, none_label=self.tr("(no organiser)"))
        for combo in (self.host_combo, self.organiser_combo):
            combo.setToolTip(self.tr("Type part of a name to search"))
        self.venue_edit = QLineEdit(self)
        self.online_edit = QLineEdit(self)
        self.online_edit.setPlaceholderText("https://")
        self.start_edit = WallTimeEdit(self)
        self.end_edit = WallTimeEdit(self)
        self.start_edit.setAccessibleName(self.tr("Starts"))
        self.end_edit.setAccessibleName(self.tr("Ends"))
        self.zone_combo = TimezoneCombo(self)
        self._period = PeriodKeeper(self.start_edit, self.end_edit)
        self.public_check = QCheckBox(self.tr("List in the public calendar"), self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(80)
        self.times_hint = QLabel(self)
        self.times_hint.setWordWrap(True)
        self.times_hint.setEnabled(False)

        self._line_edits = {
            "title": self.title_edit,
            "topic": self.topic_edit,
            "venue": self.venue_edit,
            "online_url": self.online_edit,
        }
        for name, edit in self._line_edits.items():
            edit.editingFinished.connect(lambda name=name: self._line_finished(name))
        self.host_combo.chosen.connect(lambda key: self.save_detail("host", key))
        self.host_combo.new_name_typed.connect(self._new_host_typed)
        self.organiser_combo.chosen.connect(lambda key: self.save_detail("organiser", key))
        self.public_check.clicked.connect(lambda checked: self.save_detail("is_public", checked))
        self.description_edit.installEventFilter(_FocusOutFilter(self._description_finished, self))
        self.zone_combo.chosen.connect(self._zone_chosen)
        self.start_edit.dateTimeChanged.connect(self._times_edited)
        self.end_edit.dateTimeChanged.connect(self._times_edited)

        names = (
            "title",
            "topic",
            "host",
            "organiser",
            "venue",
            "online_url",
            "starts_at",
            "ends_at",
            "timezone",
            "is_public",
            "description",
        )
        #: The red label next to each field, keyed by the core's field names.
        self.errors: dict[str, QLabel] = {name: error_label(self) for name in names}

        times = QWidget(self)
        # Start – end, then the zone; in a narrow window the zone moves to a line below.
        times_row = FlowLayout(times)
        times_row.add_group([self.start_edit, QLabel("–", times), self.end_edit])
        times_row.add_group([self.zone_combo])
        times_cell = QWidget(self)
        times_layout = QVBoxLayout(times_cell)
        times_layout.setContentsMargins(0, 0, 0, 0)
        times_layout.setSpacing(2)
        times_layout.addWidget(times)
        times_layout.addWidget(self.times_hint)
        for name in ("starts_at", "ends_at", "timezone"):
            times_layout.addWidget(self.errors[name])

        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("&Title *"), self.title_edit, "title"),
            (self.tr("T&opic"), self.topic_edit, "topic"),
            (self.tr("&Host"), self.host_combo, "host"),
            (self.tr("Or&ganiser"), self.organiser_combo, "organiser"),
            (self.tr("&Venue"), self.venue_edit, "venue"),
            (self.tr("Online &link"), self.online_edit, "online_url"),
            (self.tr("&When"), times_cell, None),
            ("", self.public_check, "is_public"),
            (self.tr("&Description"), self.description_edit, "description"),
        ]
        host_hint = self.host_combo.hint
        for label, widget, field in rows:
            hints = [host_hint] if field == "host" else []
            cell = widget if field is None else with_error(widget, self.errors[field], self, *hints)
            form.addRow(label, cell)
        label_fields(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)

        # -- history -----------------------------------------------------------------
        self.history_model: RowTableModel[queries.RoundtableHistoryRow] = RowTableModel(
            [
                Column(
                    QT_TRANSLATE_NOOP("Columns", "When"),
                    lambda r: when_text(r.at, r.recorded_at, self._shown_zone_of_history()),
                    tooltip=lambda r: when_tooltip(
                        r.at, r.recorded_at, self._shown_zone_of_history()
                    ),
                ),
                Column(QT_TRANSLATE_NOOP("Columns", "Who"), lambda r: r.actor),
                Column(QT_TRANSLATE_NOOP("Columns", "What"), _action_text),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Details"),
                    lambda r: stored_text(r.detail),
                    tooltip=lambda r: stored_text(r.detail),
                ),
                Column(
                    QT_TRANSLATE_NOOP("Columns", "Reason"),
                    lambda r: r.reason,
                    tooltip=lambda r: r.reason,
                ),
            ],
            self,
        )
        self.history_view = QTableView(self)
        self.history_view.setAccessibleName(self.tr("History of this roundtable"))
        self.history_view.setModel(self.history_model)
        keep_columns_readable(self.history_view)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setAlternatingRowColors(True)
        self.history_view.setWordWrap(False)
        self.history_view.verticalHeader().setVisible(False)
        history_header = self.history_view.horizontalHeader()
        history_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        history_box = QGroupBox(self.tr("Change history"), self)
        QVBoxLayout(history_box).addWidget(self.history_view)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(scroll)
        splitter.addWidget(history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)

        store.changed.connect(self._store_changed)
        self._load_choices()
        self.set_roundtable(None)

    # -- loading -----------------------------------------------------------------------
    @property
    def roundtable_id(self) -> int | None:
        """The roundtable shown, or ``None``."""
        return self._details.id if self._details else None

    def set_roundtable(self, roundtable_id: int | None) -> None:
        """Show another roundtable (``None``: an empty, disabled form)."""
        if roundtable_id != self.roundtable_id:
            self._finish_pending_edit()
            self.when_edit.reset()  # when things happened belongs to the last one
        for label in self.errors.values():
            _hide(label)
        self._reload(roundtable_id, keep_edits=False)

    def _finish_pending_edit(self) -> None:
        """Save the field being typed in before the form shows something else."""
        focused = self.focusWidget()
        for name, edit in self._line_edits.items():
            if focused is edit:
                self._line_finished(name)
        if focused is self.description_edit:
            self._description_finished()

    def _store_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"organisations", "people"}:
            self._load_choices()
        if "roundtables" in kinds:
            self._reload(self.roundtable_id, keep_edits=True)

    def _load_choices(self) -> None:
        organisations = self.store.read(people_queries.list_organisations)
        people = self.store.read(people_queries.list_people)
        self.host_combo.set_items((row.id, row.name) for row in organisations)
        self.organiser_combo.set_items(
            (row.id, f"{row.name} ({row.organisation_name})" if row.organisation_name else row.name)
            for row in people
            if not row.erased
        )

    def _reload(self, roundtable_id: int | None, *, keep_edits: bool) -> None:
        details = None
        if roundtable_id is not None:
            details = self.store.read(queries.roundtable_details, roundtable_id)
        history = details.history if details is not None else ()
        previous, self._details = self._details, details
        self._loading = True
        try:
            self._fill(details, previous if keep_edits else None)
        finally:
            self._loading = False
        self.when_edit.set_zone(details.timezone if details is not None else "UTC")
        self.history_model.set_rows(list(reversed(history)))  # what happened last first
        self._update_actions()
        self._update_times_hint()

    def _fill(self, details: RoundtableDetails | None, previous: RoundtableDetails | None) -> None:
        """Put ``details`` in the widgets; fields showing an error keep what the user typed."""
        self.setEnabled(details is not None)
        d = details or _EMPTY
        for name, edit in self._line_edits.items():
            if not self.errors[name].text():
                edit.setText(str(_value(d, name)))
                edit.setCursorPosition(0)  # a long text shows its start
        if not self.errors["description"].text():
            self.description_edit.setPlainText(d.description)
        if (d.host_id is not None and self.host_combo.findData(d.host_id) < 0) or (
            d.organiser_id is not None and self.organiser_combo.findData(d.organiser_id) < 0
        ):
            self._load_choices()  # added since (by someone else, or an import)
        self.host_combo.set_key(d.host_id)
        self.organiser_combo.set_key(d.organiser_id)
        self.public_check.setChecked(d.is_public)

        colour = STATUS_COLOURS.get(d.status.value, "#7f8c8d")
        self.status_badge.setText(status_label(d.status) if details else "")
        self.status_badge.setStyleSheet(
            f"QLabel {{ background: {colour}; color: white; border-radius: 9px;"
            " padding: 2px 12px; font-weight: bold; }"
            if details
            else ""
        )
        self.status_badge.setToolTip(
            self.tr("Reason: %1").replace("%1", d.cancellation_reason)
            if d.cancellation_reason
            else ""
        )
        self.sequence_label.setText(_calendar_update_text(d.sequence) if details else "")

        # Edited but not yet applied times survive a refresh caused by another field.
        same_times = (
            previous is not None
            and details is not None
            and previous.id == details.id
            and (previous.starts_at, previous.ends_at, previous.timezone)
            == (details.starts_at, details.ends_at, details.timezone)
        )
        if not same_times:
            self._shown_zone = d.timezone
            self.zone_combo.set_zone(d.timezone)
            if d.starts_at is not None and d.ends_at is not None:
                start, end = wall_time(d.starts_at, d.timezone), wall_time(d.ends_at, d.timezone)
            else:
                start, end = next_monday_afternoon(d.timezone)
            self.start_edit.set_wall_time(start)
            self.end_edit.set_wall_time(end)
            self._period.reset()
            for name in ("starts_at", "ends_at", "timezone"):
                _hide(self.errors[name])
        editable = d.status in _TIMES_EDITABLE
        for widget in (self.start_edit, self.end_edit, self.zone_combo):
            widget.setEnabled(editable)

    def _shown_zone_of_history(self) -> str:
        return self._details.timezone if self._details else "UTC"

    def _update_actions(self) -> None:
        d = self._details
        dated = d is not None and d.starts_at is not None
        self.export_cancellation_action.setEnabled(
            dated and d is not None and d.status == _S.CANCELLED
        )
        self.export_whole_list_action.setEnabled(
            dated and d is not None and d.status != _S.CANCELLED
        )
        for step, button in self._step_buttons.items():
            button.setEnabled(d is not None and d.status in lifecycle.STEP_ALLOWED_FROM[step])
        if d is not None and self.held_button.isEnabled():
            # The core refuses "held" before the meeting has started; say so up front.
            started = d.starts_at is not None and d.starts_at <= context.now()
            self.held_button.setEnabled(started)
            self.held_button.setToolTip(
                "" if started else self.tr("It can be marked as held once it has started.")
            )

    # -- calendar files ----------------------------------------------------------------
    def export_whole_list(self) -> None:
        """Write one invitation naming every invitee into a folder the user picks."""
        if self._details is not None:
            exporter = calendar_export.export_whole_list(self, self.store, self._details.id)
            self.exporter = exporter or self.exporter

    def export_cancellation(self) -> None:
        """Write the cancellation (one file, or one per attendee) into a folder."""
        if self._details is not None and self._details.status == _S.CANCELLED:
            exporter = calendar_export.export_cancellation(self, self.store, self._details.id)
            self.exporter = exporter or self.exporter

    # -- details -----------------------------------------------------------------------
    def _line_finished(self, name: str) -> None:
        self.save_detail(name, self._line_edits[name].text())

    def _description_finished(self) -> None:
        self.save_detail("description", self.description_edit.toPlainText())

    def save_detail(self, name: str, value: object) -> bool:
        """Save one detail as an undoable step; a refusal shows next to the field.

        Returns whether the value is now stored (also when nothing changed).
        """
        details = self._details
        if details is None or self._loading:
            return False
        current = _value(details, name)
        if isinstance(value, str) and value.strip() == str(current or "").strip():
            _hide(self.errors[name])
            return True
        if value == current:
            _hide(self.errors[name])
            return True
        change = {_ACTION_FIELDS.get(name, name): value}
        _hide(self.errors[name])
        try:
            self.store.run(meeting_actions.edit_details(details.id, **change))
        except RoundtableError as exc:
            field = getattr(exc, "field", None)
            _show(self.errors.get(field or "", self.errors[name]), str(exc))
            return False
        return True

    def _new_host_typed(self, name: str) -> None:
        """A host no organisation is called: add it as host (one undoable step), or go back."""
        details = self._details
        if details is None or self._loading:
            return
        _hide(self.errors["host"])
        if not confirm_new_host(self, name):
            self.host_combo.set_key(details.host_id)
            return
        try:
            self.store.run(meeting_actions.host_new_organisation(details.id, name))
        except RoundtableError as exc:
            _show(self.errors["host"], str(exc))

    # -- times -------------------------------------------------------------------------
    def _zone_chosen(self, zone: object) -> None:
        """Show the same moments as wall time in the new zone (14:00 Amsterdam = 12:00 UTC)."""
        new_zone = str(zone)
        old_zone = self._shown_zone
        start = wall_time(in_zone(self.start_edit.wall_time(), old_zone), new_zone)
        end = wall_time(in_zone(self.end_edit.wall_time(), old_zone), new_zone)
        self._shown_zone = new_zone
        self._loading = True
        try:
            self.start_edit.set_wall_time(start)
            self.end_edit.set_wall_time(end)
            self._period.reset()
        finally:
            self._loading = False
        self._update_times_hint()

    def _times_edited(self, *_: Any) -> None:
        if not self._loading:
            self._update_times_hint()

    def period(self) -> tuple[datetime, datetime, str]:
        """The edited start and end (aware, in the chosen zone) and the zone's name."""
        zone = self.zone_combo.zone()
        return (
            in_zone(self.start_edit.wall_time(), zone),
            in_zone(self.end_edit.wall_time(), zone),
            zone,
        )

    def _times_changed(self) -> bool:
        d = self._details
        if d is None or d.starts_at is None or d.ends_at is None:
            return d is not None
        start, end, zone = self.period()
        return (start, end, zone) != (d.starts_at, d.ends_at, d.timezone)

    def _update_times_hint(self) -> None:
        d = self._details
        hint = ""
        if d is not None and d.status in _TIMES_EDITABLE and self._times_changed():
            if d.status == _S.SCHEDULED:
                hint = self.tr("Press Reschedule to move the roundtable to these times.")
            else:
                hint = self.tr("Press Schedule to give the roundtable these times.")
        self.times_hint.setText(hint)
        self.times_hint.setVisible(bool(hint))

    # -- lifecycle actions -------------------------------------------------------------
    def schedule(self) -> bool:
        """Schedule a draft or postponed roundtable for the times in the form."""
        if self._details is None:
            return False
        start, end, zone = self.period()
        return self._step(
            meeting_actions.schedule(self._details.id, start, end, zone, at=self.when_edit.when())
        )

    def reschedule(self) -> bool:
        """Move a scheduled roundtable to the times in the form."""
        if self._details is None:
            return False
        start, end, zone = self.period()
        return self._step(
            meeting_actions.reschedule(self._details.id, start, end, zone, at=self.when_edit.when())
        )

    def postpone(self) -> bool:
        """Postpone, with an optional reason asked for; cancelling the question does nothing."""
        if self._details is None:
            return False
        reason = messages.ask_text(
            self,
            self.tr("Postpone roundtable"),
            self.tr("Why is it postponed? (optional; invitees may see this)"),
            multiline=True,
        )
        if reason is None:
            return False
        return self._step(
            meeting_actions.postpone(self._details.id, reason, at=self.when_edit.when())
        )

    def cancel(self) -> bool:
        """Cancel for good with a reason (required: an empty one is asked again, saying so)."""
        if self._details is None:
            return False
        question = self.tr("Why is it cancelled? (required; statements may quote it)")
        reason = messages.ask_text(self, self.tr("Cancel roundtable"), question, multiline=True)
        while reason is not None and not reason.strip():
            reason = messages.ask_text(
                self,
                self.tr("Cancel roundtable"),
                self.tr("A reason is needed to cancel a roundtable.") + "\n" + question,
                multiline=True,
            )
        if reason is None:
            return False
        return self._step(
            meeting_actions.cancel(self._details.id, reason, at=self.when_edit.when())
        )

    def mark_held(self) -> bool:
        """Record that the roundtable took place."""
        if self._details is None:
            return False
        return self._step(meeting_actions.mark_held(self._details.id, at=self.when_edit.when()))

    def _step(self, action: Action[None]) -> bool:
        """Run one lifecycle action; a refused time shows by its field, anything else in a box."""
        for name in ("starts_at", "ends_at", "timezone"):
            _hide(self.errors[name])
        problem = self.when_edit.problem()
        if problem:
            messages.show_error(self, action.label, problem)
            return False
        try:
            self.store.run(action)
        except RoundtableError as exc:
            field = getattr(exc, "field", None)
            if field in ("starts_at", "ends_at", "timezone"):
                _show(self.errors[field], str(exc))
            else:
                messages.show_core_error(self, action.label, exc)
            return False
        return True


_EMPTY = RoundtableDetails(
    id=0,
    title="",
    topic="",
    host_id=None,
    organiser_id=None,
    venue="",
    online_url="",
    starts_at=None,
    ends_at=None,
    timezone="Europe/Amsterdam",
    status=_S.DRAFT,
    sequence=0,
    description="",
    is_public=False,
    cancellation_reason="",
)


def _calendar_update_text(sequence: int) -> str:
    """The iCalendar SEQUENCE as a coordinator reads it."""
    if sequence <= 0:
        return QCoreApplication.translate("OverviewTab", "No calendar updates yet")
    return QCoreApplication.translate("OverviewTab", "Calendar update %1").replace(
        "%1", str(sequence)
    )


def _action_text(row: queries.RoundtableHistoryRow) -> str:
    return QCoreApplication.translate(
        "OverviewTab",
        str(_ACTION_LABELS.get(row.action, QT_TRANSLATE_NOOP("OverviewTab", "Changed"))),
    )


def _show(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(True)


def _hide(label: QLabel) -> None:
    label.clear()
    label.setVisible(False)
