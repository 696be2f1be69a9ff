"""The Statements page: the list, the editor of the selected statement, and its preview.

The preview (:mod:`ui.pages.statement_preview`) renders the statement through
a template as the user types, lists the names the output contains, and exports.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from roundtable.errors import RoundtableError
from roundtable.statements import actions as statement_actions
from roundtable.statements import queries
from roundtable_ui import messages
from roundtable_ui.formatting import format_date, format_datetime, status_label
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column
from roundtable_ui.pages.statement_editor import StatementEditor
from roundtable_ui.pages.statement_preview import StatementPreview
from roundtable_ui.store import Store
from roundtable_ui.widgets.filter_table import FilterTable


def slug_from_title(title: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A short name from a title ("TikTok's charm offensive" → "tiktoks-charm-offensive").

    Accents are dropped, anything else becomes a hyphen, and ``-2``, ``-3`` …
    is added when the short name is ``taken``.
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.lower().replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:80].strip("-") or "statement"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


class StatementsPage(QWidget):
    """All statements above the editor of the selected one, its preview beside them."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store

        self.table = FilterTable(
            [
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Language"), lambda r: r.language),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: status_label(r.status)
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Published"),
                    lambda r: format_date(r.published_on),
                    sort_key=lambda r: r.published_on,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Updated"),
                    lambda r: format_datetime(r.updated_at, "Europe/Amsterdam"),
                    sort_key=lambda r: r.updated_at,
                ),
            ],
            name=self.tr("Statements"),
            placeholder=self.tr("Search statements (Ctrl+F)"),
            stretch_column=0,
            parent=self,
        )
        self.table.selection_changed.connect(self._selection_changed)
        # Enter, F2 or a double-click on a statement: the cursor goes to its title.
        self.table.activated.connect(lambda _row: self.edit_current())
        self.new_button = QPushButton(self.tr("New statement…"), self)
        self.new_button.setToolTip(self.tr("Create a statement (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_statement)
        # Ctrl+N is the main window's Edit > New, which calls new_item() here.
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(
            self.tr("Delete the selected statement with its sections, sources and updates (Del)")
        )
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        delete_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table.view)
        delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_shortcut.activated.connect(self.delete_selected)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table, 1)

        self.editor = StatementEditor(store, self)

        # The rendered statement, updated as the user types (debounced, off the main thread).
        self.preview = QGroupBox(self.tr("Preview"), self)
        self.preview.setObjectName("statementPreview")
        self.preview_widget = StatementPreview(store, self.preview)
        self.preview_widget.set_overrides_provider(self.editor.unsaved_fields)
        self.editor.typing.connect(self.preview_widget.schedule)
        preview_layout = QVBoxLayout(self.preview)
        preview_layout.addWidget(self.preview_widget, 1)

        # The list above the editor, the preview beside both: the editor gets the
        # width its tabs need even in a 1024-pixel-wide window.
        self.list_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.list_splitter.addWidget(left)
        self.list_splitter.addWidget(self.editor)
        self.list_splitter.setStretchFactor(0, 1)
        self.list_splitter.setStretchFactor(1, 3)
        self.list_splitter.setChildrenCollapsible(False)
        self.list_splitter.setSizes([180, 480])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_splitter)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([640, 360])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        store.changed.connect(self._on_changed)
        self.refresh()

    # -- public --------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the list (selection kept) and the editor."""
        self.table.set_rows(self._store.read(queries.list_statements))
        self.table.select_first_if_none()
        self._selection_changed(self.table.selected_rows())

    def focus_search(self) -> None:
        self.table.focus_search()

    def show_statement(self, statement_id: int) -> None:
        """Select a statement (clearing a search that hides it) and edit it."""
        if not self.table.select_where(lambda r: r.id == statement_id):
            self.table.search.clear()
            self.table.select_where(lambda r: r.id == statement_id)
        self.table.view.scrollTo(self.table.view.currentIndex())

    def edit_current(self) -> None:
        """Put the cursor in the selected statement's title, on the Details tab."""
        if self.editor.statement_id is None:
            return
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def new_item(self) -> int | None:
        """Ctrl+N on this page: a new statement."""
        return self.new_statement()

    def new_statement(self) -> int | None:
        """Ask for a title, create a draft with a short name derived from it; return its id."""
        title = messages.ask_text(self, self.tr("New statement"), self.tr("Title:"))
        if title is None or not title.strip():
            return None
        taken = {row.slug for row in self.table.rows()}
        slug = slug_from_title(title, taken)
        try:
            statement_id = self._store.run(statement_actions.create_statement(slug, title))
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot create the statement"), exc)
            return None
        self.show_statement(statement_id)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title_edit.setFocus()
        return statement_id

    def delete_selected(self) -> bool:
        """Delete the selected statement after asking; undo brings it back whole."""
        row = self.table.current_row()
        if row is None:
            return False
        if not messages.confirm(
            self,
            self.tr("Delete statement"),
            self.tr(
                "Delete “%1” with its sections, sources and dated updates? "
                "Edit > Undo (Ctrl+Z) brings it back."
            ).replace("%1", row.title),
            self.tr("Delete"),
        ):
            return False
        try:
            self._store.run(statement_actions.delete_statement(row.id, title=row.title))
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot delete the statement"), exc)
            return False
        return True

    # -- internals -----------------------------------------------------------------
    def _selection_changed(self, rows: list[Any]) -> None:
        self.delete_button.setEnabled(bool(rows))
        current = self.table.current_row()
        row = current if current in rows else (rows[0] if rows else None)
        new_id = row.id if row is not None else None
        if new_id != self.editor.statement_id:
            self.editor.set_statement(new_id)
        self.preview_widget.set_statement(self.editor.statement_id)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        # The editor listens for itself; the list shows titles, statuses and dates.
        if "statements" in kinds:
            self.refresh()
