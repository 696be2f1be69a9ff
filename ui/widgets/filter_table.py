"""A table with a search box and an optional choice filter: every list in the app uses it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roundtable_ui.models.row_table_model import ROW_ROLE, Column, RowFilterProxy, RowTableModel
from roundtable_ui.widgets.table_view import keep_columns_readable

R = TypeVar("R")


class FilterTable(QWidget, Generic[R]):
    """Search box (+ optional filter combo) above a sortable, multi-select table of rows.

    ``name`` says what the table lists ("People"): screen readers call the table by it and
    the search box "Search People". ``choices`` is a list of (label, predicate or None) for
    the combo box, the first one selected. Emits :attr:`activated` with the row on
    double-click, Enter or F2, and :attr:`selection_changed` with the selected rows.
    """

    activated = Signal(object)
    selection_changed = Signal(list)

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        name: str,
        placeholder: str,
        choices: Sequence[tuple[str, Callable[[R], bool] | None]] = (),
        stretch_column: int = 0,
        model: RowTableModel[R] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        #: A subclass may be passed in to add roles (for a delegate, say).
        self.model: RowTableModel[R] = model or RowTableModel(columns, self)
        self.proxy = RowFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(placeholder)
        self.search.setAccessibleName(self.tr("Search %1").replace("%1", name))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_search_text)

        self.choice = QComboBox(self)
        self._choices = list(choices)
        for label, _predicate in self._choices:
            self.choice.addItem(label)
        self.choice.setVisible(bool(self._choices))
        self.choice.setAccessibleName(self.tr("Filter %1").replace("%1", name))
        self.choice.currentIndexChanged.connect(self._choice_changed)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(name)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Spare width goes to the last column; no column is ever squeezed to nothing.
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(40)
        keep_columns_readable(self.view)
        self._stretch_column = stretch_column
        self._sized = False
        # Qt's default indicator is descending; lists read A to Z until the user clicks.
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(self._activate)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit(self.selected_rows())
        )
        # Enter (either key) or F2 opens the current row, as a double-click does.
        self.open_shortcuts: list[QShortcut] = []
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda: self._activate(self.view.currentIndex()))
            self.open_shortcuts.append(shortcut)
        # Tab leaves the table for the next control (arrows move between rows).
        self.view.setTabKeyNavigation(False)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 1)
        top.addWidget(self.choice)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    # -- rows ----------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R], keep: Callable[[R], Any] | None = None) -> None:
        """Replace the rows, keeping the selection of rows with the same ``keep`` key (id)."""
        key = keep or (lambda row: getattr(row, "id", None))
        selected = {key(r) for r in self.selected_rows()}
        current = self.current_row()
        current_key = key(current) if current is not None else None
        self.model.set_rows(rows)
        if rows and not self._sized:
            self._size_columns()
        if selected:
            self.select_where(lambda r: key(r) in selected, current=lambda r: key(r) == current_key)
        self._update_count()

    def rows(self) -> list[R]:
        return self.model.rows()

    def visible_rows(self) -> list[R]:
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def selected_rows(self) -> list[R]:
        indexes = self.view.selectionModel().selectedRows()
        return [index.data(ROW_ROLE) for index in sorted(indexes, key=lambda i: i.row())]

    def current_row(self) -> R | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_where(
        self, predicate: Callable[[R], bool], current: Callable[[R], bool] | None = None
    ) -> int:
        """Select the visible rows matching ``predicate``; return how many."""
        selection = self.view.selectionModel()
        selection.clearSelection()
        count = 0
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for i in range(self.proxy.rowCount()):
            index = self.proxy.index(i, 0)
            row = index.data(ROW_ROLE)
            if predicate(row):
                selection.select(index, flags)
                if count == 0 or (current is not None and current(row)):
                    selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                count += 1
        return count

    def select_first_if_none(self) -> None:
        """Select the top row when nothing is selected (a master list beside its detail)."""
        if not self.view.selectionModel().hasSelection() and self.proxy.rowCount():
            self.view.selectRow(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- internals -----------------------------------------------------------------
    def _size_columns(self) -> None:
        """Fit the columns to their contents once, on the first rows; the user's widths stay.

        The main column (``stretch_column``) may grow wider than the others.
        """
        self._sized = True
        for column in range(self.model.columnCount()):
            self.view.resizeColumnToContents(column)
            width = self.view.columnWidth(column)
            widest = 420 if column == self._stretch_column else 260
            self.view.setColumnWidth(column, min(max(width + 12, 60), widest))

    def _choice_changed(self, position: int) -> None:
        predicate = self._choices[position][1] if 0 <= position < len(self._choices) else None
        self.proxy.set_predicate(predicate)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated.emit(index.data(ROW_ROLE))

    def _update_count(self, *_: object) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = self.tr("1 row") if total == 1 else self.tr("%1 rows").replace("%1", str(total))
        else:
            text = self.tr("%1 of %2 shown").replace("%1", str(shown)).replace("%2", str(total))
        self.count_label.setText(text)
