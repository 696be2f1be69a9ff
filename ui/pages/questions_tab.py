"""The Questions tab: a roundtable's ordered question list, who asks what, and the answers.

The list keeps the order the questions will be put in (drag a row, or
Ctrl+Up / Ctrl+Down); the combo box narrows it to one asker (a person or a
delegation). The selected question's answer is edited below the list and saved
when the field loses focus. Every change is one undoable step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roundtable.actions import Action
from roundtable.enums import QuestionStatus
from roundtable.errors import RoundtableError
from roundtable.meetings import minutes_actions, minutes_queries
from roundtable.meetings.minutes_queries import QuestionRow
from roundtable_ui import messages
from roundtable_ui.dialogs.roundtable_dialog import error_label, with_error
from roundtable_ui.formatting import status_label
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.question_model import QuestionTableModel, first_line
from roundtable_ui.models.row_table_model import ROW_ROLE, Column, RowFilterProxy
from roundtable_ui.parties import party_ids, party_items, party_key
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import label_fields
from roundtable_ui.widgets.flow_layout import FlowLayout
from roundtable_ui.widgets.table_view import keep_columns_readable
from roundtable_ui.widgets.timezone_combo import SearchCombo

_REFRESH_ON = frozenset({"questions", "people", "organisations", "roundtables"})

# --------------------------------------------------------------------------
# The add/edit dialog
# --------------------------------------------------------------------------


class QuestionDialog(QDialog):
    """Text, who asks it and its status; :meth:`accept` saves it as one undoable step.

    Tests fill the fields and call :meth:`accept` (or :meth:`save`) without ``exec()``.
    """

    def __init__(
        self,
        store: Store,
        roundtable_id: int,
        row: QuestionRow | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.roundtable_id = roundtable_id
        self.row = row
        #: The id of the question saved by the last successful :meth:`save`.
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("Edit question") if row else self.tr("New question"))
        self.setMinimumWidth(480)

        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("Required: the question as it will be put"))
        self.asked_by = SearchCombo(self, none_label=self.tr("(nobody named)"))
        self.asked_by.set_items(party_items(store))
        self.status_combo = QComboBox(self)
        for status in QuestionStatus:
            self.status_combo.addItem(status_label(status), status.value)
        if row is not None:
            self.text_edit.setPlainText(row.text)
            self.asked_by.set_key(party_key(row.asked_by_person_id, row.asked_by_organisation_id))
            self.status_combo.setCurrentIndex(self.status_combo.findData(row.status.value))

        self.errors = {name: error_label(self) for name in ("text", "asked_by", "status")}
        self.general_error = error_label(self)
        form = QFormLayout()
        form.addRow(self.tr("&Question *"), with_error(self.text_edit, self.errors["text"], self))
        form.addRow(self.tr("&Asked by"), with_error(self.asked_by, self.errors["asked_by"], self))
        form.addRow(self.tr("&Status"), with_error(self.status_combo, self.errors["status"], self))
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
        self.text_edit.setFocus()

    def save(self) -> int | None:
        """Add or change the question; its id, or ``None`` with the error shown by its field."""
        for label in (*self.errors.values(), self.general_error):
            label.setVisible(False)
        text = self.text_edit.toPlainText()
        person_id, organisation_id = party_ids(self.asked_by.key())
        status = QuestionStatus(self.status_combo.currentData())
        try:
            if self.row is None:
                self.saved_id = self.store.run(
                    minutes_actions.add_question(
                        self.roundtable_id,
                        text=text,
                        asked_by_person_id=person_id,
                        asked_by_organisation_id=organisation_id,
                        status=status,
                    )
                )
            else:
                self.store.run(
                    minutes_actions.edit_question(
                        self.row.id,
                        text=text,
                        asked_by_person_id=person_id,
                        asked_by_organisation_id=organisation_id,
                        status=status,
                    )
                )
                self.saved_id = self.row.id
        except RoundtableError as exc:
            field = getattr(exc, "field", None) or ""
            if field.startswith("asked_by"):
                field = "asked_by"
            label = self.errors.get(field, self.general_error)
            label.setText(str(exc))
            label.setVisible(True)
            return None
        return self.saved_id

    def accept(self) -> None:
        """Save; close only when that worked."""
        if self.save() is not None:
            super().accept()


# --------------------------------------------------------------------------
# The tab
# --------------------------------------------------------------------------


class QuestionsTab(QWidget):
    """The roundtable's questions in order, with an asker filter and the answer editor."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id: int | None = None
        #: The question whose answer the editor shows, and the answer as last loaded.
        self._answer_question_id: int | None = None
        self._answer_loaded = ""
        self._refreshing = False
        #: The open add/edit dialog (tests drive it without exec()).
        self.dialog: QuestionDialog | None = None

        self.model = QuestionTableModel(
            [
                Column[QuestionRow](
                    QT_TRANSLATE_NOOP("Columns", "#"),
                    lambda r: str(r.position + 1),
                    sort_key=lambda r: r.position,
                    align_right=True,
                ),
                Column[QuestionRow](
                    QT_TRANSLATE_NOOP("Columns", "Question"),
                    lambda r: r.text,
                    tooltip=lambda r: r.text,
                ),
                Column[QuestionRow](
                    QT_TRANSLATE_NOOP("Columns", "Asked by"), lambda r: r.asked_by_name
                ),
                Column[QuestionRow](
                    QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: status_label(r.status)
                ),
                Column[QuestionRow](
                    QT_TRANSLATE_NOOP("Columns", "Answer"),
                    lambda r: first_line(r.answer),
                    tooltip=lambda r: r.answer,
                ),
            ],
            self,
        )
        self.model.set_mover(self._move_to)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setAccessibleName(self.tr("Search questions"))
        self.search.setPlaceholderText(self.tr("Search questions (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search_text)
        self.asker_combo = QComboBox(self)
        self.asker_combo.setToolTip(self.tr("Show the questions of one person or delegation"))
        self.asker_combo.currentIndexChanged.connect(self._asker_changed)

        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Questions"))
        self.view.setModel(self.proxy)
        keep_columns_readable(self.view)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        # The order is the point of the list: no sorting, rows are dragged instead.
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropOverwriteMode(False)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 36)
        self.view.doubleClicked.connect(lambda *_: self.edit_selected())
        # The answer editor follows the *selection*, which is what current_question() reads.
        # A mouse click moves the current index before it selects the row, so following
        # currentRowChanged saw the old selection and left the editor on the question
        # selected before: what was typed next was saved onto that one.
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._current_changed())

        for keys, slot in (
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected),
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
            (QKeySequence("Ctrl+Up"), self.move_up),
            (QKeySequence("Ctrl+Down"), self.move_down),
        ):
            shortcut = QShortcut(keys, self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        # Ctrl+F is the main window's Edit > Find; the page passes it to this tab.

        self.add_button = QPushButton(self.tr("&Add question…"), self)
        self.add_button.clicked.connect(self.add_question)
        self.edit_button = QPushButton(self.tr("&Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.up_button.setToolTip(self.tr("Ask this question earlier (Ctrl+Up)"))
        self.up_button.clicked.connect(self.move_up)
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        self.down_button.setToolTip(self.tr("Ask this question later (Ctrl+Down)"))
        self.down_button.clicked.connect(self.move_down)

        self.answer_label = QLabel(self.tr("A&nswer received"), self)
        self.answer_edit = QPlainTextEdit(self)
        self.answer_edit.setPlaceholderText(
            self.tr("What the answer was; saved when you leave the field")
        )
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.setMaximumHeight(140)
        self.answer_edit.installEventFilter(self)
        self.answer_label.setBuddy(self.answer_edit)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.asker_combo)
        buttons = FlowLayout()  # wraps between the groups when the tab is narrow
        buttons.add_group([self.add_button, self.edit_button, self.delete_button])
        buttons.add_group([self.up_button, self.down_button])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.answer_edit)

        store.changed.connect(self._on_changed)
        self._update_enabled()

    # -- public --------------------------------------------------------------------
    def set_roundtable(self, roundtable_id: int | None) -> None:
        """Show the questions of this roundtable (``None``: nothing)."""
        self.save_answer()
        self._roundtable_id = roundtable_id
        self._answer_question_id = None
        self.refresh()

    def refresh(self) -> None:
        """Reload the list, keeping the selected question and the asker filter."""
        rows: list[QuestionRow] = []
        if self._roundtable_id is not None:
            rows = self._store.read(minutes_queries.list_questions, self._roundtable_id)
        current = self.current_question()
        keep_id = current.id if current is not None else self._answer_question_id
        # Selection signals during the reset must not save or reload the answer.
        self._refreshing = True
        try:
            self.model.set_rows(rows)
            self._fill_askers(rows)
            if keep_id is not None:
                self.select_question(keep_id)
        finally:
            self._refreshing = False
        self._current_changed()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def rows(self) -> list[QuestionRow]:
        """Every question of the roundtable, in order (also those filtered out)."""
        return self.model.rows()

    def current_question(self) -> QuestionRow | None:
        """The selected question (one at most: the list selects single rows)."""
        selected = self.view.selectionModel().selectedRows()
        return selected[0].data(ROW_ROLE) if selected else None

    def select_question(self, question_id: int) -> bool:
        """Select the question (if the filter shows it); whether it is shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ROW_ROLE).id == question_id:
                self.view.setCurrentIndex(index)
                self.view.selectRow(row)
                return True
        return False

    # -- actions -------------------------------------------------------------------
    def add_question(self) -> QuestionDialog | None:
        """Open the dialog for a new question (non-blocking; tests call its accept())."""
        if self._roundtable_id is None:
            return None
        return self._open_dialog(None)

    def edit_selected(self) -> QuestionDialog | None:
        row = self.current_question()
        return self._open_dialog(row) if row is not None else None

    def delete_selected(self) -> None:
        row = self.current_question()
        if row is None:
            return
        text = self.tr("Delete the question “%1”? Edit > Undo brings it back.")
        if not messages.confirm(
            self,
            self.tr("Delete question"),
            text.replace("%1", _short(row.text)),
            self.tr("Delete"),
        ):
            return
        self._run(minutes_actions.delete_question(row.id))

    def move_up(self) -> None:
        row = self.current_question()
        if row is not None and row.position > 0:
            self._move_to(row.id, row.position - 1)

    def move_down(self) -> None:
        row = self.current_question()
        if row is not None and row.position < self.model.rowCount() - 1:
            self._move_to(row.id, row.position + 1)

    def set_status(self, status: QuestionStatus) -> None:
        """Change the selected question's status (the context menu's quick change)."""
        row = self.current_question()
        if row is None or row.status == status:
            return
        self._run(minutes_actions.edit_question(row.id, status=status))

    def save_answer(self) -> bool:
        """Save the answer editor's text if it changed; whether something was saved."""
        question_id = self._answer_question_id
        text = self.answer_edit.toPlainText()
        if question_id is None or text == self._answer_loaded:
            return False
        previous, self._answer_loaded = self._answer_loaded, text  # save once, not re-entered
        saved = self._run(minutes_actions.edit_question(question_id, answer=text))
        if not saved:
            self._answer_loaded = previous
        return saved

    def context_menu(self) -> QMenu:
        """The menu for the selected question: edit, delete, move and status."""
        menu = QMenu(self)
        row = self.current_question()
        menu.addAction(self.tr("Edit…"), self.edit_selected)
        menu.addAction(self.tr("Delete"), self.delete_selected)
        menu.addSeparator()
        menu.addAction(self.tr("Move up"), self.move_up)
        menu.addAction(self.tr("Move down"), self.move_down)
        status_menu = menu.addMenu(self.tr("&Status"))
        for status in QuestionStatus:
            action = QAction(status_label(status), status_menu)
            action.setCheckable(True)
            action.setChecked(row is not None and row.status == status)
            action.setData(status.value)
            action.triggered.connect(lambda _=False, chosen=status: self.set_status(chosen))
            status_menu.addAction(action)
        for action in menu.actions():
            action.setEnabled(row is not None)
        return menu

    # -- Qt ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.answer_edit and event.type() == QEvent.Type.FocusOut:
            self.save_answer()
        return super().eventFilter(watched, event)

    # -- internals -----------------------------------------------------------------
    def _open_dialog(self, row: QuestionRow | None) -> QuestionDialog | None:
        if self._roundtable_id is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = QuestionDialog(self._store, self._roundtable_id, row, self)
        dialog.accepted.connect(lambda: self._dialog_saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_saved(self, dialog: QuestionDialog) -> None:
        if dialog.saved_id is not None:
            self.select_question(dialog.saved_id)

    def _move_to(self, question_id: int, new_position: int) -> bool:
        """Move a question in the database (one undoable step); False when refused."""
        done = self._run(minutes_actions.move_question(question_id, new_position))
        if done:
            self.select_question(question_id)
        return done

    def _run(self, action: Action[Any]) -> bool:
        """Run a core action (one undoable step); whether it was done, a refusal shown."""
        try:
            self._store.run(action)
        except RoundtableError as exc:
            messages.show_core_error(self, action.label, exc)
            return False
        return True

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self._roundtable_id is not None and kinds & _REFRESH_ON:
            self.refresh()

    def _fill_askers(self, rows: list[QuestionRow]) -> None:
        keep = self.asker_combo.currentData()
        askers: dict[str, str] = {}
        for row in rows:
            key = party_key(row.asked_by_person_id, row.asked_by_organisation_id)
            if key is not None:
                askers.setdefault(key, row.asked_by_name)
        self.asker_combo.blockSignals(True)
        try:
            self.asker_combo.clear()
            self.asker_combo.addItem(self.tr("All askers"), "")
            for key, name in sorted(askers.items(), key=lambda kv: kv[1].casefold()):
                self.asker_combo.addItem(name, key)
            if any(
                row.asked_by_person_id is None and row.asked_by_organisation_id is None
                for row in rows
            ):
                self.asker_combo.addItem(self.tr("(nobody named)"), "-")
            index = self.asker_combo.findData(keep) if keep else 0
            self.asker_combo.setCurrentIndex(max(index, 0))
        finally:
            self.asker_combo.blockSignals(False)
        self._asker_changed()

    def _asker_changed(self, *_: Any) -> None:
        key = self.asker_combo.currentData() or ""
        if not key:
            self.proxy.set_predicate(None)
        elif key == "-":
            self.proxy.set_predicate(
                lambda r: r.asked_by_person_id is None and r.asked_by_organisation_id is None
            )
        else:
            self.proxy.set_predicate(
                lambda r: party_key(r.asked_by_person_id, r.asked_by_organisation_id) == key
            )

    def _current_changed(self) -> None:
        if self._refreshing:
            return
        row = self.current_question()
        new_id = row.id if row is not None else None
        if new_id != self._answer_question_id:
            # Leaving a question (by mouse, keyboard or code) saves what was typed for it,
            # onto that question; saving reloads the list, so the row is read again after.
            self.save_answer()
            row = self.current_question()
            self._answer_question_id = row.id if row is not None else None
            self._load_answer(row)
        elif row is not None and self.answer_edit.toPlainText() == self._answer_loaded:
            self._load_answer(row)  # unchanged here: show what undo or redo put back
        self._update_enabled()

    def _load_answer(self, row: QuestionRow | None) -> None:
        text = row.answer if row is not None else ""
        self._answer_loaded = text
        if self.answer_edit.toPlainText() != text:
            self.answer_edit.setPlainText(text)

    def _update_enabled(self) -> None:
        has_roundtable = self._roundtable_id is not None
        row = self.current_question()
        self.add_button.setEnabled(has_roundtable)
        for widget in (self.edit_button, self.delete_button, self.answer_edit):
            widget.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row.position > 0)
        self.down_button.setEnabled(row is not None and row.position < self.model.rowCount() - 1)

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.selectRow(index.row())
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["QuestionDialog", "QuestionsTab"]
