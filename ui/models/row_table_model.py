"""One table model for every list of rows the core hands the UI.

Each list (roundtables, invitations, people, …) is a list of frozen dataclass
rows from :mod:`roundtable.queries`; a page describes its columns once with
:class:`Column` and gets sorting (by value, not text), filtering and tooltips
through the same code. Rows are replaced between ``beginResetModel`` and
``endResetModel``; there is never a query per row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

R = TypeVar("R")

#: The value a proxy sorts by (numbers and dates sort as such, not as text).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The row object itself.
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
#: Text that the filter box searches (defaults to the displayed text).
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """How one column shows a row: header, text, and optionally sort key and looks."""

    #: Untranslated header; translated in the "Columns" context (QT_TRANSLATE_NOOP style).
    header: str
    text: Callable[[R], str]
    sort_key: Callable[[R], Any] | None = None
    align_right: bool = False
    tooltip: Callable[[R], str] | None = None
    foreground: Callable[[R], QColor | None] | None = None
    check: Callable[[R], bool] | None = None


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table over a list of rows described by :class:`Column` specs."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[R] = []
        # The text the filter box searches, per row, built lazily once per load:
        # re-filtering 5,000 rows on every keystroke must not call data() 35,000 times.
        self._search_texts: list[str] | None = None

    # -- data in -------------------------------------------------------------------
    def set_rows(self, rows: Sequence[R]) -> None:
        """Replace every row (one reset, however many rows)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._search_texts = None
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        """Every column's text of ``row``, case-folded, for the word filter."""
        if self._search_texts is None:
            self._search_texts = [
                " ".join(column.text(r) for column in self._columns).casefold() for r in self._rows
            ]
        return self._search_texts[row]

    def find_row(self, predicate: Callable[[R], bool]) -> int:
        """The index of the first row matching ``predicate``, or -1."""
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    # -- Qt ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("Columns", self._columns[section].header)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == SORT_ROLE:
            return _sortable(column.sort_key(row) if column.sort_key else column.text(row))
        if role == SEARCH_ROLE:
            return column.text(row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground is not None:
            return column.foreground(row)
        if role == Qt.ItemDataRole.CheckStateRole and column.check is not None:
            return Qt.CheckState.Checked if column.check(row) else Qt.CheckState.Unchecked
        return None


def _sortable(value: Any) -> Any:
    """Qt compares QVariants; None and mixed types sort last, text case-insensitively."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, bool):
        return int(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class RowFilterProxy(QSortFilterProxyModel):
    """Sorts by :data:`SORT_ROLE`; filters by words in any column and an optional predicate.

    Every word typed must appear in some column (case-insensitive), so
    "tiktok held" finds held TikTok roundtables. The predicate serves filters
    such as a status combo box.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._words: list[str] = []
        self._predicate: Callable[[Any], bool] | None = None

    def set_search_text(self, text: str) -> None:
        words = [w.casefold() for w in text.split()]
        self._change_filter(lambda: setattr(self, "_words", words))

    def set_predicate(self, predicate: Callable[[Any], bool] | None) -> None:
        self._change_filter(lambda: setattr(self, "_predicate", predicate))

    def _change_filter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 brought begin/endFilterChange; older versions re-filter on demand.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        fast = isinstance(model, RowTableModel)
        if self._predicate is not None:
            row = (
                model.row_at(source_row)  # type: ignore[attr-defined]
                if fast
                else model.data(model.index(source_row, 0, source_parent), ROW_ROLE)
            )
            if not self._predicate(row):
                return False
        if not self._words:
            return True
        if fast:
            haystack = model.search_text(source_row)  # type: ignore[attr-defined]
        else:
            haystack = " ".join(
                str(model.data(model.index(source_row, c, source_parent), SEARCH_ROLE) or "")
                for c in range(model.columnCount())
            ).casefold()
        return all(word in haystack for word in self._words)
