"""The question list of a roundtable as a Qt model that can be reordered by drag and drop.

The rows are :class:`roundtable.meetings.minutes_queries.QuestionRow` in list order. The model
never reorders itself: a drop or a ``moveRows`` call asks the *mover* (set by
the Questions tab) to move the question in the database as one undoable step;
the tab then reloads the rows, so what the user sees is always what is saved.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QObject, QPersistentModelIndex, Qt

from roundtable.meetings.minutes_queries import QuestionRow
from roundtable_ui.models.row_table_model import Column, RowTableModel

#: What a dragged question carries: its id, as JSON (``{"ids": [12]}``).
QUESTION_MIME_TYPE = "application/x-roundtable-question-ids"

#: Moves question ``id`` to position ``new_position`` (0-based); False when it refused.
Mover = Callable[[int, int], bool]

_Index = QModelIndex | QPersistentModelIndex


def first_line(text: str) -> str:
    """The first non-empty line of ``text`` (answers can run to paragraphs)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def target_position(source_row: int, destination_row: int) -> int:
    """Where a row ends up when moved before ``destination_row`` (pre-move numbering).

    Qt's ``moveRows`` names the row to insert *before*; after the moved row is
    taken out, rows below it shift up by one.
    """
    return destination_row if destination_row <= source_row else destination_row - 1


class QuestionTableModel(RowTableModel[QuestionRow]):
    """Questions in list order; drags carry question ids, drops become core moves."""

    def __init__(
        self, columns: Sequence[Column[QuestionRow]], parent: QObject | None = None
    ) -> None:
        super().__init__(columns, parent)
        self._mover: Mover | None = None

    def set_mover(self, mover: Mover | None) -> None:
        """The function that moves a question in the database (None: reordering is off)."""
        self._mover = mover

    # -- drag and drop -------------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            # Dropping between rows (or below the last one) is allowed.
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [QUESTION_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in sorted(indexes, key=lambda i: i.row()):
            if index.isValid():
                question_id = self.row_at(index.row()).id
                if question_id not in ids:
                    ids.append(question_id)
        data = QMimeData()
        data.setData(QUESTION_MIME_TYPE, json.dumps({"ids": ids}).encode("utf-8"))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(QUESTION_MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """A question dropped before ``row`` (or onto ``parent``'s row) moves there."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = _decode_ids(data)
        # Only one question moves at a time (the view selects one row).
        if len(ids) != 1:
            return False
        source_row = self.find_row(lambda r: r.id == ids[0])
        if source_row < 0:
            return False
        if row < 0:
            # Dropped onto a row: take that row's place; onto empty space: the end.
            row = parent.row() if parent.isValid() else self.rowCount()
            if parent.isValid() and row > source_row:
                row += 1  # moving down onto a row puts it after that row
        return self.moveRows(QModelIndex(), source_row, 1, QModelIndex(), row)

    def moveRows(
        self,
        source_parent: _Index,
        source_row: int,
        count: int,
        destination_parent: _Index,
        destination_child: int,
    ) -> bool:
        """Move one question before ``destination_child`` through the mover (Qt's contract)."""
        if source_parent.isValid() or destination_parent.isValid() or count != 1:
            return False
        if not 0 <= source_row < self.rowCount() or not 0 <= destination_child <= self.rowCount():
            return False
        new_position = target_position(source_row, destination_child)
        if new_position == source_row or self._mover is None:
            return False
        return self._mover(self.row_at(source_row).id, new_position)


def _decode_ids(data: QMimeData) -> list[int]:
    try:
        payload: Any = json.loads(bytes(data.data(QUESTION_MIME_TYPE).data()).decode("utf-8"))
        return [int(i) for i in payload["ids"]]
    except (ValueError, KeyError, TypeError):
        return []


__all__ = [
    "QUESTION_MIME_TYPE",
    "Mover",
    "QuestionTableModel",
    "first_line",
    "target_position",
]
