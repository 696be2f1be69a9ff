"""The Follow-up tab: dated updates after a roundtable and the positions taken since.

A list by date (title, stance, organisation) above an editor for the selected
follow-up. A field is saved when the user leaves it, each save one undoable
step; "Add follow-up…" asks for a new one in a dialog with the same fields.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from roundtable import context
from roundtable.errors import RoundtableError
from roundtable.meetings import minutes_actions, minutes_queries
from roundtable.meetings.minutes_queries import FollowUpRow
from roundtable.people import queries as people_queries
from roundtable_ui import messages
from roundtable_ui.dialogs.roundtable_dialog import error_label, with_error
from roundtable_ui.formatting import format_date
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import label_fields
from roundtable_ui.widgets.date_fields import DateField
from roundtable_ui.widgets.filter_table import FilterTable
from roundtable_ui.widgets.timezone_combo import SearchCombo

_REFRESH_ON = frozenset({"follow_ups", "organisations", "roundtables"})
#: The form's fields, in the order the core names them.
FIELDS = ("dated", "title", "stance", "organisation", "body")


class FollowUpForm(QWidget):
    """Date, title, stance, organisation and text of a follow-up, with a red error per field.

    Emits :attr:`left_field` with the field's name when the user leaves a
    field (focus out, Enter, or a choice in the organisation box).
    """

    left_field = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = DateField(self)
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. Our view after the roundtable"))
        self.stance_edit = QLineEdit(self)
        self.stance_edit.setPlaceholderText(self.tr("The position taken, in a line"))
        self.organisation = SearchCombo(self, none_label=self.tr("(no organisation)"))
        organisations = store.read(people_queries.list_organisations)
        self.organisation.set_items((o.id, o.name) for o in organisations)
        self.body_edit = QPlainTextEdit(self)
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setPlaceholderText(self.tr("Required: what happened or was said"))
        self.errors = {name: error_label(self) for name in FIELDS}

        self.date_edit.editingFinished.connect(lambda: self.left_field.emit("dated"))
        self.title_edit.editingFinished.connect(lambda: self.left_field.emit("title"))
        self.stance_edit.editingFinished.connect(lambda: self.left_field.emit("stance"))
        self.organisation.chosen.connect(lambda *_: self.left_field.emit("organisation"))
        self.body_edit.installEventFilter(self)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&Date *"), with_error(self.date_edit, self.errors["dated"], self))
        form.addRow(self.tr("&Title"), with_error(self.title_edit, self.errors["title"], self))
        form.addRow(self.tr("&Stance"), with_error(self.stance_edit, self.errors["stance"], self))
        form.addRow(
            self.tr("&Organisation"),
            with_error(self.organisation, self.errors["organisation"], self),
        )
        form.addRow(self.tr("Te&xt *"), with_error(self.body_edit, self.errors["body"], self))
        label_fields(form)
        self.set_values(None)

    def values(self) -> dict[str, Any]:
        """The fields as the core takes them (the organisation as its id)."""
        return {
            "dated": self.date_edit.value(),
            "title": self.title_edit.text(),
            "stance": self.stance_edit.text(),
            "organisation": self.organisation.key(),
            "body": self.body_edit.toPlainText(),
        }

    def set_values(self, row: FollowUpRow | None) -> None:
        """Show a follow-up (``None``: an empty form dated today)."""
        for widget in (self.date_edit, self.title_edit, self.stance_edit, self.body_edit):
            widget.blockSignals(True)
        try:
            self.date_edit.set_value(row.dated if row else context.now().date())
            self.title_edit.setText(row.title if row else "")
            self.stance_edit.setText(row.stance if row else "")
            self.stance_edit.setCursorPosition(0)  # a long text shows its start
            self.organisation.set_key(row.organisation_id if row else None)
            if self.body_edit.toPlainText() != (row.body if row else ""):
                self.body_edit.setPlainText(row.body if row else "")
        finally:
            for widget in (self.date_edit, self.title_edit, self.stance_edit, self.body_edit):
                widget.blockSignals(False)
        self.clear_errors()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.setVisible(False)

    def show_error(self, exc: RoundtableError) -> None:
        """The core's message next to the field it names (the text field otherwise)."""
        label = self.errors.get(getattr(exc, "field", None) or "", self.errors["body"])
        label.setText(str(exc))
        label.setVisible(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.body_edit and event.type() == QEvent.Type.FocusOut:
            self.left_field.emit("body")
        return super().eventFilter(watched, event)


class FollowUpDialog(QDialog):
    """A new follow-up; :meth:`accept` adds it as one undoable step (tests call it directly)."""

    def __init__(self, store: Store, roundtable_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.roundtable_id = store, roundtable_id
        #: The id of the follow-up made by the last successful :meth:`save`.
        self.saved_id: int | None = None
        self.setWindowTitle(self.tr("New follow-up"))
        self.setMinimumWidth(480)
        self.form = FollowUpForm(store, self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.form.title_edit.setFocus()

    def save(self) -> int | None:
        """Add the follow-up; its id, or ``None`` with the error shown by its field."""
        self.form.clear_errors()
        values = self.form.values()
        action = minutes_actions.add_follow_up(
            self.roundtable_id,
            dated=values["dated"],
            body=values["body"],
            title=values["title"],
            stance=values["stance"],
            organisation_id=values["organisation"],
        )
        try:
            self.saved_id = self.store.run(action)
        except RoundtableError as exc:
            self.form.show_error(exc)
            return None
        return self.saved_id

    def accept(self) -> None:
        if self.save() is not None:
            super().accept()


class FollowUpTab(QWidget):
    """The roundtable's follow-ups by date, and an editor that saves each field on leaving it."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id: int | None = None
        #: The follow-up the editor shows, as last loaded.
        self._editing: FollowUpRow | None = None
        #: The open "new follow-up" dialog (tests drive it without exec()).
        self.dialog: FollowUpDialog | None = None
        self._refreshing = False

        self.table = FilterTable(
            [
                Column[FollowUpRow](
                    QT_TRANSLATE_NOOP("Columns", "Date"),
                    lambda r: format_date(r.dated),
                    sort_key=lambda r: r.dated,
                ),
                Column[FollowUpRow](
                    QT_TRANSLATE_NOOP("Columns", "Title"),
                    lambda r: r.title,
                    tooltip=lambda r: r.body,
                ),
                Column[FollowUpRow](
                    QT_TRANSLATE_NOOP("Columns", "Stance"),
                    lambda r: r.stance,
                    tooltip=lambda r: r.stance,
                ),
                Column[FollowUpRow](
                    QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation_name
                ),
            ],
            name=self.tr("Follow-ups"),
            placeholder=self.tr("Search follow-ups (Ctrl+F)"),
            stretch_column=1,
            parent=self,
        )
        self.table.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.selection_changed.connect(lambda *_: self._selection_changed())

        self.add_button = QPushButton(self.tr("&Add follow-up…"), self)
        self.add_button.clicked.connect(self.add_follow_up)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)
        # Ctrl+F is the main window's Edit > Find; the page passes it to this tab.

        self.form = FollowUpForm(store, self)
        self.form.left_field.connect(self.save_field)
        self.table.activated.connect(lambda *_: self.form.title_edit.setFocus())
        self.hint = QLabel(self.tr("Changes are saved when you leave a field."), self)
        self.hint.setEnabled(False)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)
        top_layout.addWidget(self.table, 1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(self.form, 1)
        bottom_layout.addWidget(self.hint)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        store.changed.connect(self._on_changed)
        self._selection_changed()

    # -- public --------------------------------------------------------------------
    def set_roundtable(self, roundtable_id: int | None) -> None:
        """Show the follow-ups of this roundtable (``None``: nothing)."""
        self._roundtable_id = roundtable_id
        self.refresh()
        rows = self.table.visible_rows()
        if rows and self.current_follow_up() is None:
            self.select_follow_up(max(rows, key=lambda r: (r.dated, r.id)).id)  # the latest

    def refresh(self) -> None:
        """Reload the list (keeping the selection) and the editor."""
        rows: list[FollowUpRow] = []
        if self._roundtable_id is not None:
            roundtable_id = self._roundtable_id
            rows = self._store.read(minutes_queries.list_follow_ups, roundtable_id)
        # No save or editor reload for the moments the reset leaves nothing selected.
        self._refreshing = True
        try:
            self.table.set_rows(rows)
        finally:
            self._refreshing = False
        self._selection_changed()

    def focus_search(self) -> None:
        self.table.focus_search()

    def current_follow_up(self) -> FollowUpRow | None:
        rows = self.table.selected_rows()
        return rows[0] if rows else None

    def select_follow_up(self, follow_up_id: int) -> bool:
        return self.table.select_where(lambda r: r.id == follow_up_id) > 0

    def add_follow_up(self) -> FollowUpDialog | None:
        """Open the dialog for a new follow-up (non-blocking)."""
        if self._roundtable_id is None:
            return None
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = FollowUpDialog(self._store, self._roundtable_id, self)
        dialog.accepted.connect(
            lambda: self.select_follow_up(dialog.saved_id) if dialog.saved_id else None
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def delete_selected(self) -> None:
        row = self.current_follow_up()
        if row is None:
            return
        text = self.tr("Delete the follow-up of %1? Edit > Undo brings it back.")
        if not messages.confirm(
            self,
            self.tr("Delete follow-up"),
            text.replace("%1", format_date(row.dated)),
            self.tr("Delete"),
        ):
            return
        try:
            self._store.run(minutes_actions.delete_follow_up(row.id))
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Delete follow-up"), exc)

    def save_field(self, name: str) -> bool:
        """Save one field of the follow-up being edited, if it changed; whether it was saved."""
        return self._save(self._editing, name)

    # -- internals -----------------------------------------------------------------
    def _save(self, row: FollowUpRow | None, name: str) -> bool:
        if row is None:
            return False
        value = self.form.values()[name]
        loaded = {
            "dated": row.dated,
            "title": row.title,
            "stance": row.stance,
            "organisation": row.organisation_id,
            "body": row.body,
        }[name]
        if value == loaded:
            return False
        self.form.errors[name].setVisible(False)
        field = "organisation_id" if name == "organisation" else name
        try:
            self._store.run(minutes_actions.edit_follow_up(row.id, **{field: value}))
        except RoundtableError as exc:
            self.form.show_error(exc)
            return False
        return True

    def _selection_changed(self) -> None:
        if self._refreshing:
            return
        row = self.current_follow_up()
        previous = self._editing
        if previous is not None and (row is None or row.id != previous.id):
            # Moving to another row by keyboard leaves no typed text behind unsaved.
            self._editing = None  # the refresh after the save must not save it again
            if self._save(previous, "body"):
                row = self.current_follow_up()
        self._editing = row
        self.form.set_values(row)
        self.form.setEnabled(row is not None)
        self.add_button.setEnabled(self._roundtable_id is not None)
        self.delete_button.setEnabled(row is not None)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self._roundtable_id is not None and kinds & _REFRESH_ON:
            self.refresh()


__all__ = ["FIELDS", "FollowUpDialog", "FollowUpForm", "FollowUpTab"]
