"""The Minutes tab: agenda items, their notes and decisions, and the action items.

Left, the agenda in order; right, the selected item's notes and decisions,
each with who said it and, where the Chatham House rule applies, a clear
"Not for attribution" badge (published output may use the content but never
names the speaker). Below, the roundtable's action items: open ones first,
overdue due dates in red, ticked off with the check box. Every change is one
undoable step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roundtable import context
from roundtable.actions import Action
from roundtable.enums import NoteKind
from roundtable.errors import RoundtableError
from roundtable.meetings import minutes_actions, minutes_queries
from roundtable.meetings.minutes_queries import ActionItemRow, AgendaItemRow, NoteRow
from roundtable_ui import messages, window_size
from roundtable_ui.dialogs.roundtable_dialog import error_label, with_error
from roundtable_ui.formatting import format_date
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import ROW_ROLE, Column, RowTableModel
from roundtable_ui.parties import party_ids, party_items, party_key
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import label_fields
from roundtable_ui.widgets.date_fields import DateField
from roundtable_ui.widgets.filter_table import FilterTable
from roundtable_ui.widgets.flow_layout import FlowLayout
from roundtable_ui.widgets.table_view import plain_table_view
from roundtable_ui.widgets.timezone_combo import SearchCombo

_REFRESH_ON = frozenset({"minutes", "action_items", "people", "organisations", "roundtables"})
_Index = QModelIndex | QPersistentModelIndex

#: The badge of a note not for attribution: dark amber, readable on light and dark themes.
NFA_BACKGROUND = QColor("#f5cba7")
NFA_FOREGROUND = QColor("#6e2c00")
OVERDUE = QColor("#c0392b")


def kind_label(kind: NoteKind) -> str:
    """ "Note" or "Decision", translated."""
    return (
        QCoreApplication.translate("MinutesTab", "Decision")
        if kind == NoteKind.DECISION
        else QCoreApplication.translate("MinutesTab", "Note")
    )


# --------------------------------------------------------------------------
# Models
# --------------------------------------------------------------------------


class NoteTableModel(RowTableModel[NoteRow]):
    """Notes with a visible "Not for attribution" badge (icon, colour, bold) in its column."""

    BADGE_COLUMN = 2

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.BADGE_COLUMN:
            note = self.row_at(index.row())
            if note.not_for_attribution:
                if role == Qt.ItemDataRole.BackgroundRole:
                    return NFA_BACKGROUND
                if role == Qt.ItemDataRole.ForegroundRole:
                    return NFA_FOREGROUND
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
                if role == Qt.ItemDataRole.DecorationRole:
                    return QApplication.style().standardIcon(
                        QStyle.StandardPixmap.SP_MessageBoxWarning
                    )
        if (
            index.isValid()
            and role == Qt.ItemDataRole.FontRole
            and index.column() == 0
            and self.row_at(index.row()).kind == NoteKind.DECISION
        ):
            # Decisions stand out from the notes around them.
            font = QFont()
            font.setBold(True)
            return font
        return super().data(index, role)


class ActionTableModel(RowTableModel[ActionItemRow]):
    """Action items whose Done column is a check box the user ticks (through the store)."""

    DONE_COLUMN = 0

    def __init__(
        self, columns: Sequence[Column[ActionItemRow]], parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self.toggler: Any = None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.DONE_COLUMN:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.DONE_COLUMN
            or role != Qt.ItemDataRole.CheckStateRole
            or self.toggler is None
        ):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        return bool(self.toggler(self.row_at(index.row()).id, checked))


def _is_overdue(row: ActionItemRow) -> bool:
    return not row.done and row.due_on is not None and row.due_on < context.now().date()


def _due_sort_key(row: ActionItemRow) -> str:
    # Open items first, then by due date, undated last (a string: Qt compares it plainly).
    due = row.due_on.isoformat() if row.due_on is not None else "9999-12-31"
    return f"{int(row.done)}-{due}-{row.id:09d}"


# --------------------------------------------------------------------------
# Dialogs
# --------------------------------------------------------------------------


class _FormDialog(QDialog):
    """A form with red error labels per field; :meth:`accept` saves, closing only on success."""

    fields: tuple[str, ...] = ()

    def _setup(self, title: str, rows: list[tuple[str, QWidget, str]]) -> None:
        self.setWindowTitle(title)
        #: The id saved by the last successful :meth:`save`.
        self.saved_id: int | None = None
        self.errors = {name: error_label(self) for _, _, name in rows}
        self.general_error = error_label(self)
        form = QFormLayout()
        for label, widget, name in rows:
            form.addRow(label, with_error(widget, self.errors[name], self))
        label_fields(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        window_size.at_least(self, 460)  # and as wide as the longest label needs

    def save(self) -> int | None:
        """Save the form as one undoable step; the id, or ``None`` with the error shown."""
        for label in (*self.errors.values(), self.general_error):
            label.setVisible(False)
        try:
            self.saved_id = self._save()
        except RoundtableError as exc:
            field = getattr(exc, "field", None) or ""
            field = next((name for name in self.errors if field.startswith(name)), field)
            label = self.errors.get(field, self.general_error)
            label.setText(str(exc))
            label.setVisible(True)
            return None
        return self.saved_id

    def accept(self) -> None:
        if self.save() is not None:
            super().accept()

    def _save(self) -> int:
        raise NotImplementedError


class NoteDialog(_FormDialog):
    """Kind, text, speaker and the not-for-attribution mark of a note or decision."""

    def __init__(
        self,
        store: Store,
        agenda_item_id: int,
        note: NoteRow | None = None,
        kind: NoteKind = NoteKind.NOTE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.agenda_item_id, self.note = store, agenda_item_id, note
        self.kind_combo = QComboBox(self)
        for each in NoteKind:
            self.kind_combo.addItem(kind_label(each), each.value)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.speaker = SearchCombo(self, none_label=self.tr("(nobody named)"))
        self.speaker.set_items(party_items(store))
        self.not_for_attribution = QCheckBox(
            self.tr("Not for attribution (Chatham House rule: never name the speaker)"), self
        )
        current = note.kind if note is not None else kind
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(current.value))
        if note is not None:
            self.text_edit.setPlainText(note.text)
            self.speaker.set_key(party_key(note.speaker_person_id, note.speaker_organisation_id))
            self.not_for_attribution.setChecked(note.not_for_attribution)
        if note is not None:
            title = self.tr("Edit note")
        elif kind == NoteKind.DECISION:
            title = self.tr("New decision")
        else:
            title = self.tr("New note")
        self._setup(
            title,
            [
                (self.tr("&Kind"), self.kind_combo, "kind"),
                (self.tr("&Text *"), self.text_edit, "text"),
                (self.tr("&Speaker"), self.speaker, "speaker"),
                ("", self.not_for_attribution, "not_for_attribution"),
            ],
        )
        self.text_edit.setFocus()

    def _save(self) -> int:
        person_id, organisation_id = party_ids(self.speaker.key())
        values: dict[str, Any] = {
            "text": self.text_edit.toPlainText(),
            "kind": NoteKind(self.kind_combo.currentData()),
            "speaker_person_id": person_id,
            "speaker_organisation_id": organisation_id,
            "not_for_attribution": self.not_for_attribution.isChecked(),
        }
        if self.note is None:
            return self.store.run(minutes_actions.add_note(self.agenda_item_id, **values))
        self.store.run(minutes_actions.edit_note(self.note.id, **values))
        return self.note.id


class ActionDialog(_FormDialog):
    """Description, owner, due date (optional) and agenda item (optional) of an action item."""

    def __init__(
        self,
        store: Store,
        roundtable_id: int,
        agenda: Sequence[AgendaItemRow],
        action: ActionItemRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.roundtable_id, self.action = store, roundtable_id, action
        self.description_edit = QLineEdit(self)
        self.description_edit.setPlaceholderText(self.tr("Required: what is to be done"))
        self.owner = SearchCombo(self, none_label=self.tr("(nobody yet)"))
        self.owner.set_items(party_items(store, organisations=False))
        self.has_due = QCheckBox(self.tr("Due by"), self)
        self.due_edit = DateField(self, value=context.now().date() + timedelta(days=14))
        self.due_edit.setAccessibleName(self.tr("Due date"))
        self.has_due.toggled.connect(self.due_edit.setEnabled)
        due_row = QWidget(self)
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(self.has_due)
        due_layout.addWidget(self.due_edit, 1)
        self.agenda_combo = QComboBox(self)
        self.agenda_combo.addItem(self.tr("(the roundtable as a whole)"), None)
        for item in agenda:
            self.agenda_combo.addItem(f"{item.position + 1}. {item.title}", item.id)
        if action is not None:
            self.description_edit.setText(action.description)
            self.owner.set_key(party_key(action.owner_person_id, None))
            if action.due_on is not None:
                self.due_edit.set_value(action.due_on)
            self.has_due.setChecked(action.due_on is not None)
            self.agenda_combo.setCurrentIndex(
                max(self.agenda_combo.findData(action.agenda_item_id), 0)
            )
        else:
            self.has_due.setChecked(True)
        self.due_edit.setEnabled(self.has_due.isChecked())
        self._setup(
            self.tr("Edit action item") if action else self.tr("New action item"),
            [
                (self.tr("&Action *"), self.description_edit, "description"),
                (self.tr("&Owner"), self.owner, "owner"),
                (self.tr("D&ue"), due_row, "due_on"),
                (self.tr("A&genda item"), self.agenda_combo, "agenda_item"),
            ],
        )
        self.description_edit.setFocus()

    def due_on(self) -> date | None:
        """The chosen due date, or ``None`` when there is none."""
        if not self.has_due.isChecked():
            return None
        return self.due_edit.value()

    def _save(self) -> int:
        owner_id, _ = party_ids(self.owner.key())
        values: dict[str, Any] = {
            "description": self.description_edit.text(),
            "due_on": self.due_on(),
            "agenda_item_id": self.agenda_combo.currentData(),
        }
        if self.action is None:
            return self.store.run(
                minutes_actions.add_action_item(
                    self.roundtable_id, owner_person_id=owner_id, **values
                )
            )
        if owner_id is not None or self.action.owner_organisation_id is None:
            # An organisation named as owner elsewhere stays unless a person is chosen.
            values.update(owner_person_id=owner_id, owner_organisation_id=None)
        self.store.run(minutes_actions.edit_action_item(self.action.id, **values))
        return self.action.id


# --------------------------------------------------------------------------
# The tab
# --------------------------------------------------------------------------


def _list_view(model: RowTableModel[Any], parent: QWidget, stretch: int) -> QTableView:
    return plain_table_view(parent, model, stretch=stretch, fit_contents=True)


def _selected(view: QTableView) -> Any:
    rows = view.selectionModel().selectedRows()
    return rows[0].data(ROW_ROLE) if rows else None


def _select(view: QTableView, record_id: int | None) -> bool:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(ROW_ROLE).id == record_id:
            view.setCurrentIndex(model.index(row, 0))
            view.selectRow(row)
            return True
    return False


def _shortcuts(view: QWidget, pairs: Sequence[tuple[QKeySequence, Any]]) -> None:
    for keys, slot in pairs:
        shortcut = QShortcut(keys, view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)


def _buttons(parent: QWidget, specs: Sequence[tuple[str, str, Any]]) -> list[QPushButton]:
    made = []
    for text, tip, slot in specs:
        button = QPushButton(text, parent)
        if tip:
            button.setToolTip(tip)
        button.clicked.connect(slot)
        made.append(button)
    return made


def _arrow_buttons(parent: QWidget, up: Any, down: Any) -> tuple[QToolButton, QToolButton]:
    """Narrow ▲/▼ buttons for reordering (Ctrl+Up/Ctrl+Down on the list do the same)."""
    translate = QCoreApplication.translate
    made = []
    for arrow, name, tip, slot in (
        (
            QStyle.StandardPixmap.SP_ArrowUp,
            translate("MinutesTab", "Move up"),
            translate("MinutesTab", "Move up (Ctrl+Up)"),
            up,
        ),
        (
            QStyle.StandardPixmap.SP_ArrowDown,
            translate("MinutesTab", "Move down"),
            translate("MinutesTab", "Move down (Ctrl+Down)"),
            down,
        ),
    ):
        button = QToolButton(parent)
        button.setIcon(parent.style().standardIcon(arrow))
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        made.append(button)
    return made[0], made[1]


def _with_arrows(view: QTableView, up: QToolButton, down: QToolButton) -> QHBoxLayout:
    """The list with its ▲/▼ buttons in a column beside it, where they take no row space."""
    arrows = QVBoxLayout()
    arrows.setSpacing(2)
    arrows.addWidget(up)
    arrows.addWidget(down)
    arrows.addStretch(1)
    layout = QHBoxLayout()
    layout.setSpacing(4)
    layout.addWidget(view, 1)
    layout.addLayout(arrows)
    return layout


def _row_of_buttons(*groups: Sequence[QPushButton]) -> FlowLayout:
    """The buttons on one line, wrapping between groups when the panel is narrow."""
    layout = FlowLayout()
    for group in groups:
        layout.add_group(group)
    return layout


class MinutesTab(QWidget):
    """Agenda items, the selected item's notes and decisions, and the action items."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id: int | None = None
        self._agenda: list[AgendaItemRow] = []
        #: The last dialog opened (tests drive it without exec()).
        self.dialog: _FormDialog | None = None

        # -- agenda --
        self.agenda_model: RowTableModel[AgendaItemRow] = RowTableModel(
            [
                Column[AgendaItemRow](
                    QT_TRANSLATE_NOOP("Columns", "Agenda item"),
                    lambda r: f"{r.position + 1}. {r.title}",
                )
            ],
            self,
        )
        self.agenda_view = _list_view(self.agenda_model, self, 0)
        self.agenda_view.setAccessibleName(self.tr("Agenda"))
        self.agenda_view.selectionModel().selectionChanged.connect(lambda *_: self._show_notes())
        self.agenda_view.doubleClicked.connect(lambda *_: self.rename_agenda_item())
        (
            self.add_item_button,
            self.rename_item_button,
            self.delete_item_button,
        ) = _buttons(
            self,
            [
                (self.tr("Add item…"), "", self.add_agenda_item),
                (self.tr("Rename…"), "", self.rename_agenda_item),
                (
                    self.tr("Delete"),
                    self.tr("Delete the item with its notes"),
                    self.delete_agenda_item,
                ),
            ],
        )
        self.item_up_button, self.item_down_button = _arrow_buttons(
            self, lambda: self.move_agenda_item(-1), lambda: self.move_agenda_item(1)
        )
        _shortcuts(
            self.agenda_view,
            [
                (QKeySequence(Qt.Key.Key_Return), self.rename_agenda_item),
                (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_agenda_item),
                (QKeySequence("Ctrl+Up"), lambda: self.move_agenda_item(-1)),
                (QKeySequence("Ctrl+Down"), lambda: self.move_agenda_item(1)),
            ],
        )

        # -- notes --
        self.notes_model = NoteTableModel(
            [
                Column[NoteRow](QT_TRANSLATE_NOOP("Columns", "Kind"), lambda n: kind_label(n.kind)),
                Column[NoteRow](QT_TRANSLATE_NOOP("Columns", "Speaker"), lambda n: n.speaker_name),
                Column[NoteRow](
                    QT_TRANSLATE_NOOP("Columns", "Attribution"),
                    lambda n: (
                        QCoreApplication.translate("MinutesTab", "Not for attribution")
                        if n.not_for_attribution
                        else ""
                    ),
                    tooltip=lambda n: (
                        QCoreApplication.translate(
                            "MinutesTab",
                            "Chatham House rule: published output may use this, "
                            "but never names who said it.",
                        )
                        if n.not_for_attribution
                        else ""
                    ),
                ),
                Column[NoteRow](
                    QT_TRANSLATE_NOOP("Columns", "Text"), lambda n: n.text, tooltip=lambda n: n.text
                ),
            ],
            self,
        )
        self.notes_view = _list_view(self.notes_model, self, 3)
        self.notes_view.setAccessibleName(self.tr("Notes and decisions"))
        self.notes_view.doubleClicked.connect(lambda *_: self.edit_note())
        self.notes_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        (
            self.add_note_button,
            self.add_decision_button,
            self.edit_note_button,
            self.delete_note_button,
        ) = _buttons(
            self,
            [
                (self.tr("Add note…"), "", lambda: self.add_note(NoteKind.NOTE)),
                (self.tr("Add decision…"), "", lambda: self.add_note(NoteKind.DECISION)),
                (self.tr("Edit…"), "", self.edit_note),
                (self.tr("Delete"), "", self.delete_note),
            ],
        )
        self.note_up_button, self.note_down_button = _arrow_buttons(
            self, lambda: self.move_note(-1), lambda: self.move_note(1)
        )
        _shortcuts(
            self.notes_view,
            [
                (QKeySequence(Qt.Key.Key_Return), self.edit_note),
                (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_note),
                (QKeySequence("Ctrl+Up"), lambda: self.move_note(-1)),
                (QKeySequence("Ctrl+Down"), lambda: self.move_note(1)),
            ],
        )

        # -- action items --
        action_columns = [
            Column[ActionItemRow](
                QT_TRANSLATE_NOOP("Columns", "Done"),
                lambda r: "",
                sort_key=lambda r: int(r.done),
                check=lambda r: r.done,
            ),
            Column[ActionItemRow](
                QT_TRANSLATE_NOOP("Columns", "Action"),
                lambda r: r.description,
                tooltip=lambda r: r.description,
            ),
            Column[ActionItemRow](QT_TRANSLATE_NOOP("Columns", "Owner"), lambda r: r.owner_name),
            Column[ActionItemRow](
                QT_TRANSLATE_NOOP("Columns", "Due"),
                lambda r: format_date(r.due_on),
                sort_key=_due_sort_key,
                foreground=lambda r: OVERDUE if _is_overdue(r) else None,
                tooltip=lambda r: (
                    QCoreApplication.translate("MinutesTab", "Overdue") if _is_overdue(r) else ""
                ),
            ),
            Column[ActionItemRow](QT_TRANSLATE_NOOP("Columns", "Agenda item"), self._agenda_title),
        ]
        self.actions_model = ActionTableModel(action_columns, self)
        self.actions_model.toggler = self.set_action_done
        self.action_table = FilterTable(
            action_columns,
            name=self.tr("Action items"),
            placeholder=self.tr("Search action items (Ctrl+F)"),
            choices=[
                (self.tr("All action items"), None),
                (self.tr("Open"), lambda r: not r.done),
                (self.tr("Overdue"), _is_overdue),
                (self.tr("Done"), lambda r: r.done),
            ],
            stretch_column=1,
            model=self.actions_model,
            parent=self,
        )
        self.action_table.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.action_table.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.action_table.activated.connect(lambda *_: self.edit_action())
        self.action_table.selection_changed.connect(lambda *_: self._enable())
        (
            self.add_action_button,
            self.edit_action_button,
            self.delete_action_button,
            self.done_button,
        ) = _buttons(
            self,
            [
                (self.tr("Add action item…"), "", self.add_action),
                (self.tr("Edit…"), "", self.edit_action),
                (self.tr("Delete"), "", self.delete_action),
                (self.tr("Done / not done"), self.tr("Tick off (Space)"), self.toggle_action),
            ],
        )
        _shortcuts(
            self.action_table.view,
            [
                (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_action),
                (QKeySequence(Qt.Key.Key_Space), self.toggle_action),
            ],
        )
        # Ctrl+F is the main window's Edit > Find; the page passes it to this tab.

        # -- layout --
        agenda_box = QWidget(self)
        agenda_layout = QVBoxLayout(agenda_box)
        agenda_layout.setContentsMargins(0, 0, 0, 0)
        agenda_layout.addWidget(QLabel(self.tr("<b>Agenda</b>"), agenda_box))
        agenda_layout.addLayout(
            _with_arrows(self.agenda_view, self.item_up_button, self.item_down_button), 1
        )
        agenda_layout.addLayout(
            _row_of_buttons(
                [self.add_item_button, self.rename_item_button, self.delete_item_button]
            )
        )
        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_label = QLabel(self.tr("<b>Notes and decisions</b>"), notes_box)
        self.notes_label.setWordWrap(True)  # it names the item, which can be long
        notes_layout.addWidget(self.notes_label)
        notes_layout.addLayout(
            _with_arrows(self.notes_view, self.note_up_button, self.note_down_button), 1
        )
        notes_layout.addLayout(
            _row_of_buttons(
                [self.add_note_button, self.add_decision_button],
                [self.edit_note_button, self.delete_note_button],
            )
        )
        actions_box = QWidget(self)
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.setContentsMargins(0, 0, 0, 0)
        actions_layout.addWidget(QLabel(self.tr("<b>Action items</b>"), actions_box))
        actions_layout.addLayout(
            _row_of_buttons(
                [self.add_action_button],
                [self.edit_action_button, self.delete_action_button, self.done_button],
            )
        )
        actions_layout.addWidget(self.action_table, 1)

        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(agenda_box)
        top.addWidget(notes_box)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setSizes([400, 600])  # relative weights: two fifths for the agenda
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(actions_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        store.changed.connect(self._on_changed)
        self._enable()

    # -- public --------------------------------------------------------------------
    def set_roundtable(self, roundtable_id: int | None) -> None:
        """Show the minutes and action items of this roundtable (``None``: nothing)."""
        self._roundtable_id = roundtable_id
        self.refresh()

    def refresh(self) -> None:
        """Reload agenda, notes and action items, keeping what is selected."""
        agenda: list[AgendaItemRow] = []
        actions: list[ActionItemRow] = []
        if self._roundtable_id is not None:
            read = self._store.read(minutes_queries.roundtable_minutes, self._roundtable_id)
            agenda, actions = list(read.agenda), list(read.action_items)
        item = self.current_item()
        note = self.current_note()
        self._agenda = agenda
        self.agenda_model.set_rows(agenda)
        if not (item and _select(self.agenda_view, item.id)) and agenda:
            _select(self.agenda_view, agenda[0].id)
        self._show_notes()
        if note is not None:
            _select(self.notes_view, note.id)
        self.action_table.set_rows(actions)
        self._enable()

    def focus_search(self) -> None:
        self.action_table.focus_search()

    def current_item(self) -> AgendaItemRow | None:
        return _selected(self.agenda_view)

    def current_note(self) -> NoteRow | None:
        return _selected(self.notes_view)

    def current_action(self) -> ActionItemRow | None:
        rows = self.action_table.selected_rows()
        return rows[0] if rows else None

    def select_item(self, item_id: int) -> bool:
        return _select(self.agenda_view, item_id)

    def select_note(self, note_id: int) -> bool:
        return _select(self.notes_view, note_id)

    # -- agenda items ----------------------------------------------------------------
    def add_agenda_item(self) -> None:
        """Ask for a title and add the item at the end of the agenda."""
        roundtable_id = self._roundtable_id
        if roundtable_id is None:
            return
        title = messages.ask_text(self, self.tr("New agenda item"), self.tr("Title:"))
        if title is None:
            return
        item_id = self._run(minutes_actions.add_agenda_item(roundtable_id, title))
        if item_id is not None:
            self.select_item(item_id)

    def rename_agenda_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        title = messages.ask_text(
            self, self.tr("Rename agenda item"), self.tr("Title:"), item.title
        )
        if title is None or title == item.title:
            return
        self._run(minutes_actions.rename_agenda_item(item.id, title))

    def delete_agenda_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        text = self.tr("Delete the agenda item “%1” and its %2 notes? Edit > Undo brings it back.")
        text = text.replace("%1", item.title).replace("%2", str(len(item.notes)))
        if not messages.confirm(self, self.tr("Delete agenda item"), text, self.tr("Delete")):
            return
        self._run(minutes_actions.delete_agenda_item(item.id))

    def move_agenda_item(self, by: int) -> None:
        item = self.current_item()
        if item is None or not 0 <= item.position + by < len(self._agenda):
            return
        self._run(minutes_actions.move_agenda_item(item.id, item.position + by))

    # -- notes -----------------------------------------------------------------------
    def add_note(self, kind: NoteKind = NoteKind.NOTE) -> NoteDialog | None:
        """Open the dialog for a new note or decision under the selected agenda item."""
        item = self.current_item()
        if item is None:
            return None
        return self._open(NoteDialog(self._store, item.id, None, kind, self), self.select_note)

    def edit_note(self) -> NoteDialog | None:
        item, note = self.current_item(), self.current_note()
        if item is None or note is None:
            return None
        return self._open(NoteDialog(self._store, item.id, note, note.kind, self), self.select_note)

    def delete_note(self) -> None:
        note = self.current_note()
        if note is None:
            return
        what = kind_label(note.kind).lower()
        text = self.tr("Delete this %1? Edit > Undo brings it back.").replace("%1", what)
        if not messages.confirm(self, self.tr("Delete note"), text, self.tr("Delete")):
            return
        self._run(minutes_actions.delete_note(note.id))

    def move_note(self, by: int) -> None:
        note = self.current_note()
        if note is None or not 0 <= note.position + by < self.notes_model.rowCount():
            return
        self._run(minutes_actions.move_note(note.id, note.position + by))

    # -- action items ----------------------------------------------------------------
    def add_action(self) -> ActionDialog | None:
        if self._roundtable_id is None:
            return None
        dialog = ActionDialog(self._store, self._roundtable_id, self._agenda, None, self)
        item = self.current_item()
        if item is not None:
            dialog.agenda_combo.setCurrentIndex(max(dialog.agenda_combo.findData(item.id), 0))
        return self._open(dialog, self._select_action)

    def edit_action(self) -> ActionDialog | None:
        action = self.current_action()
        if action is None or self._roundtable_id is None:
            return None
        dialog = ActionDialog(self._store, self._roundtable_id, self._agenda, action, self)
        return self._open(dialog, self._select_action)

    def delete_action(self) -> None:
        action = self.current_action()
        if action is None:
            return
        text = self.tr("Delete the action item “%1”? Edit > Undo brings it back.")
        if not messages.confirm(
            self,
            self.tr("Delete action item"),
            text.replace("%1", action.description),
            self.tr("Delete"),
        ):
            return
        self._run(minutes_actions.delete_action_item(action.id))

    def toggle_action(self) -> None:
        action = self.current_action()
        if action is not None:
            self.set_action_done(action.id, not action.done)

    def set_action_done(self, action_id: int, done: bool) -> bool:
        """Tick an action item off (or on again) as one undoable step."""
        return self._run(minutes_actions.set_action_item_done(action_id, done)) is not None

    # -- internals -------------------------------------------------------------------
    def _open(self, dialog: Any, select: Any) -> Any:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(
            lambda: select(dialog.saved_id) if dialog.saved_id is not None else None
        )
        dialog.open()
        return dialog

    def _select_action(self, action_id: int) -> None:
        self.action_table.select_where(lambda r: r.id == action_id)

    def _run(self, action: Action[Any]) -> Any:
        """Run a core action (one undoable step): its result (``True`` for none), or
        ``None`` when it was refused, the refusal shown."""
        try:
            result = self._store.run(action)
        except RoundtableError as exc:
            messages.show_core_error(self, action.label, exc)
            return None
        return True if result is None else result

    def _agenda_title(self, row: ActionItemRow) -> str:
        return next((i.title for i in self._agenda if i.id == row.agenda_item_id), "")

    def _show_notes(self) -> None:
        item = self.current_item()
        keep = self.current_note()
        self.notes_model.set_rows(item.notes if item is not None else [])
        if keep is not None:
            _select(self.notes_view, keep.id)
        if item is not None:
            self.notes_label.setText(
                self.tr("<b>Notes and decisions</b> under “%1”").replace("%1", item.title)
            )
        else:
            self.notes_label.setText(self.tr("<b>Notes and decisions</b>"))
        self._enable()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self._roundtable_id is not None and kinds & _REFRESH_ON:
            self.refresh()

    def _enable(self) -> None:
        has_roundtable = self._roundtable_id is not None
        item, note, action = self.current_item(), self.current_note(), self.current_action()
        self.add_item_button.setEnabled(has_roundtable)
        self.add_action_button.setEnabled(has_roundtable)
        for button in (self.rename_item_button, self.delete_item_button):
            button.setEnabled(item is not None)
        self.item_up_button.setEnabled(item is not None and item.position > 0)
        self.item_down_button.setEnabled(item is not None and item.position < len(self._agenda) - 1)
        for button in (self.add_note_button, self.add_decision_button):
            button.setEnabled(item is not None)
        for button in (self.edit_note_button, self.delete_note_button):
            button.setEnabled(note is not None)
        self.note_up_button.setEnabled(note is not None and note.position > 0)
        self.note_down_button.setEnabled(
            note is not None and note.position < self.notes_model.rowCount() - 1
        )
        for button in (self.edit_action_button, self.delete_action_button, self.done_button):
            button.setEnabled(action is not None)


__all__ = ["ActionDialog", "ActionTableModel", "MinutesTab", "NoteDialog", "NoteTableModel"]
