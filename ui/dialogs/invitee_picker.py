"""The invitee picker: forty invitees in a minute, from all people and organisations.

Keyboard first: type to filter (every word must match the name, e-mail
address or organisation), Ctrl+Shift+A (or the "Tick all shown" button, Alt+T)
ticks every row shown, Space ticks or unticks the highlighted rows, Down moves
from the search box into the list, Enter adds everyone ticked. In the search
box Ctrl+A selects its text, as in every text field; in the list it ticks every
row shown. Ticks survive a change of filter, so a coordinator can type
"foundation", Ctrl+Shift+A, type "ministry", Ctrl+Shift+A, Enter. People and organisations
already on the list are shown greyed out and cannot be ticked.

Accepting adds every ticked invitee in ONE undoable action
(:func:`roundtable.meetings.invitation_actions.add_invitees`, which also marks
them as sent when asked): undo takes them all off the list again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roundtable.enums import InvitationRole
from roundtable.errors import RoundtableError
from roundtable.meetings import invitation_actions, invitation_queries
from roundtable.meetings.invitation_queries import ORGANISATION, PERSON
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import ROW_ROLE, Column, RowFilterProxy, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.table_view import keep_columns_readable

_Index = QModelIndex | QPersistentModelIndex

#: Someone who can be invited (a person with organisation, or an organisation alone).
Candidate = invitation_queries.InviteeChoice


class CandidateModel(RowTableModel[Candidate]):
    """The candidates with a tick box in the first column; ticks are kept by key."""

    picked_changed = Signal()

    def __init__(self, columns: list[Column[Candidate]], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self._picked: set[tuple[str, int]] = set()

    def picked(self) -> list[Candidate]:
        """The ticked candidates, in list order."""
        return [r for r in self.rows() if r.key in self._picked]

    def is_picked(self, row: Candidate) -> bool:
        return row.key in self._picked

    def set_picked(self, rows: list[Candidate], picked: bool) -> None:
        """Tick or untick ``rows`` (already invited ones are left alone)."""
        keys = {r.key for r in rows if not r.already_invited}
        if picked:
            self._picked |= keys
        else:
            self._picked -= keys
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.picked_changed.emit()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid():
            return flags
        if self.row_at(index.row()).already_invited:
            return flags & ~Qt.ItemFlag.ItemIsEnabled
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == 0 and role == Qt.ItemDataRole.CheckStateRole:
            row = self.row_at(index.row())
            ticked = row.already_invited or row.key in self._picked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.row_at(index.row())
        if row.already_invited:
            return False
        state = value.value if hasattr(value, "value") else value
        self.set_picked([row], state == Qt.CheckState.Checked.value)
        return True


class InviteePicker(QDialog):
    """Pick people and organisations to invite to one roundtable; accept adds them all.

    Drive it without ``exec()``: type into :attr:`search`, call
    :meth:`pick_all_visible` / :meth:`toggle_selected` (or press Ctrl+Shift+A / Space),
    set :attr:`role_combo` and :attr:`mark_sent`, then :meth:`accept`. After a
    successful accept, :attr:`added_ids` holds the new invitations' ids.
    """

    #: The ids of the invitations added, after a successful accept.
    invitees_added = Signal(list)

    def __init__(
        self,
        store: Store,
        roundtable_id: int,
        parent: QWidget | None = None,
        *,
        at: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        #: When they were added (and sent): ``None`` for now, else wall time in the zone.
        self._at = at
        self._roundtable_id = roundtable_id
        self.added_ids: list[int] = []
        self.setWindowTitle(self.tr("Add invitees"))
        self.resize(760, 560)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search people and organisations"))
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip(
            self.tr("Type to filter; Ctrl+Shift+A ticks everyone shown, Down moves into the list")
        )
        self.search.setAccessibleName(self.tr("Search people and organisations"))
        self.kind_combo = QComboBox(self)
        self.kind_combo.addItem(self.tr("People and organisations"), None)
        self.kind_combo.addItem(self.tr("People"), PERSON)
        self.kind_combo.addItem(self.tr("Organisations only"), ORGANISATION)

        self.model = CandidateModel(self._columns(), self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search.textChanged.connect(self.proxy.set_search_text)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)

        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("People and organisations to invite"))
        self.view.setModel(self.proxy)
        keep_columns_readable(self.view)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _index: self.toggle_selected())

        self.pick_button = QPushButton(self.tr("&Tick all shown"), self)
        self.pick_button.setToolTip(
            self.tr("Tick every row the search shows (Ctrl+Shift+A; Ctrl+A in the list)")
        )
        self.pick_button.setAutoDefault(False)
        self.pick_button.clicked.connect(self.pick_all_visible)
        self.clear_button = QPushButton(self.tr("Untick all"), self)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear_picks)
        self.counter = QLabel(self)
        self.counter.setObjectName("pickedCounter")

        self.role_combo = QComboBox(self)
        for role, label in (
            (InvitationRole.PARTICIPANT, self.tr("Participant")),
            (InvitationRole.SPEAKER, self.tr("Speaker")),
            (InvitationRole.CHAIR, self.tr("Chair")),
            (InvitationRole.OBSERVER, self.tr("Observer")),
        ):
            self.role_combo.addItem(label, role)
        self.mark_sent = QCheckBox(self.tr("Mark as sent (the invitations went out already)"), self)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add"))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.kind_combo)
        picks = QHBoxLayout()
        picks.addWidget(self.pick_button)
        picks.addWidget(self.clear_button)
        picks.addStretch(1)
        picks.addWidget(self.counter)
        form = QFormLayout()
        form.addRow(self.tr("&Role:"), self.role_combo)
        form.addRow("", self.mark_sent)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(picks)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        # Ctrl+A stays the text field's "select all"; this one is free in every field.
        self.pick_shortcut = QShortcut(QKeySequence("Ctrl+Shift+A"), self)
        self.pick_shortcut.activated.connect(self.pick_all_visible)
        self.search.installEventFilter(self)
        self.view.installEventFilter(self)
        self.model.picked_changed.connect(self._update_counter)
        self.model.set_rows(self._store.read(invitation_queries.invitee_choices, roundtable_id))
        self._update_counter()
        self.search.setFocus()

    # -- public --------------------------------------------------------------------
    def visible_rows(self) -> list[Candidate]:
        """The candidates the search and kind filter show, in display order."""
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def picked(self) -> list[Candidate]:
        """Everyone ticked, also those the current search hides."""
        return self.model.picked()

    def pick_all_visible(self) -> None:
        """Tick every row shown (Ctrl+Shift+A, or Ctrl+A in the list) and highlight them."""
        self.model.set_picked(self.visible_rows(), True)
        self.view.selectAll()

    def clear_picks(self) -> None:
        self.model.set_picked(self.model.rows(), False)

    def toggle_selected(self) -> None:
        """Space: untick the highlighted rows when all are ticked, tick them otherwise."""
        rows = [index.data(ROW_ROLE) for index in self.view.selectionModel().selectedRows()]
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().data(ROW_ROLE)]
        rows = [r for r in rows if not r.already_invited]
        if rows:
            self.model.set_picked(rows, not all(self.model.is_picked(r) for r in rows))

    def role(self) -> InvitationRole:
        return InvitationRole(self.role_combo.currentData())

    def accept(self) -> None:
        """Add everyone ticked in one undoable step; on a refusal keep the dialog open."""
        picked = [r.key for r in self.picked()]
        if not picked:
            self._show_error(self.tr("Tick at least one person or organisation to invite."))
            return
        action = invitation_actions.add_invitees(
            self._roundtable_id,
            picked,
            role=self.role(),
            sent=self.mark_sent.isChecked(),
            at=self._at,
        )
        try:
            self.added_ids = self._store.run(action)
        except RoundtableError as exc:
            self._show_error(str(exc))
            return
        self.invitees_added.emit(list(self.added_ids))
        super().accept()

    # -- internals -----------------------------------------------------------------
    def _columns(self) -> list[Column[Candidate]]:
        grey = QColor("#8a8a8a")
        invited_text = self.tr("already invited")
        person_text, organisation_text = self.tr("Person"), self.tr("Organisation")
        return [
            Column[Candidate](QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
            Column[Candidate](
                QT_TRANSLATE_NOOP("Columns", "Kind"),
                lambda r: person_text if r.kind == PERSON else organisation_text,
            ),
            Column[Candidate](
                QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation_name
            ),
            Column[Candidate](QT_TRANSLATE_NOOP("Columns", "E-mail"), lambda r: r.email),
            Column[Candidate](
                QT_TRANSLATE_NOOP("Columns", "Invited"),
                lambda r: invited_text if r.already_invited else "",
                foreground=lambda r: grey if r.already_invited else None,
            ),
        ]

    def _kind_changed(self, _position: int) -> None:
        kind = self.kind_combo.currentData()
        self.proxy.set_predicate(None if kind is None else (lambda r: r.kind == kind))

    def _update_counter(self) -> None:
        self.counter.setText(self.tr("%n selected", "", len(self.model.picked())))
        self.error_label.setVisible(False)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        # In the list Ctrl+A ticks what it highlights; the search box keeps its own Ctrl+A.
        # Ctrl+Shift+A reaches here only when the shortcut did not fire (the dialog is not
        # the active window yet, as just after it opened).
        if (
            watched is self.view and event.matches(QKeySequence.StandardKey.SelectAll)
        ) or QKeySequence(event.keyCombination()) == self.pick_shortcut.key():
            self.pick_all_visible()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return True
        if watched is self.view and key == Qt.Key.Key_Space:
            self.toggle_selected()
            return True
        if watched is self.search and key == Qt.Key.Key_Down and self.proxy.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.selectRow(0)
            return True
        return super().eventFilter(watched, event)
