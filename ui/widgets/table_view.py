"""The one way the app makes a plain (unfiltered) table view of rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget


def plain_table_view(
    parent: QWidget,
    model: QAbstractItemModel,
    *,
    stretch: int = -1,
    fit_contents: bool = False,
) -> QTableView:
    """A read-only, single-selection table of whole rows over ``model``.

    ``stretch`` names the column that takes the spare width; ``fit_contents``
    sizes the other columns to their contents (for short lists of short values).
    """
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.setTabKeyNavigation(False)  # Tab goes on to the next control, arrows between rows
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(
        QHeaderView.ResizeMode.ResizeToContents
        if fit_contents
        else QHeaderView.ResizeMode.Interactive
    )
    if 0 <= stretch < model.columnCount():
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    keep_columns_readable(view)
    return view


class _ReadableColumns(QObject):
    """Keeps every column of a table at least as wide as its header text.

    A column that takes the spare width (``Stretch``, or the last one with
    ``stretchLastSection``) stretches while the table has room for every
    header; when it has not, those columns take their header's width and the
    table scrolls sideways instead of squeezing them to a few letters.
    """

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._stretch: set[int] = set()
        self._stretch_last = False
        self._pending = False
        self._model: QAbstractItemModel | None = None
        view.viewport().installEventFilter(self)
        self._watch(view.model())

    def _watch(self, model: QAbstractItemModel | None) -> None:
        self._model = model
        if model is None:
            return
        for signal in (model.modelReset, model.headerDataChanged, model.layoutChanged):
            signal.connect(self.schedule)
        model.rowsInserted.connect(self.schedule)
        model.columnsInserted.connect(self.schedule)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    def schedule(self, *_: object) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.apply)  # dropped if the view is gone by then

    def apply(self) -> None:
        """Stretch where every header fits, else give each its width and let the table scroll."""
        self._pending = False
        if self._view.model() is not self._model:  # a model set after the view was made
            self._watch(self._view.model())
        header = self._view.horizontalHeader()
        if header.count() == 0:
            return
        mode = QHeaderView.ResizeMode
        columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
        if not columns:
            return
        self._stretch |= {c for c in columns if header.sectionResizeMode(c) == mode.Stretch}
        self._stretch_last |= header.stretchLastSection()
        last = max(columns, key=header.visualIndex)
        stretching = set(self._stretch) | ({last} if self._stretch_last else set())
        needed = {c: header.sectionSizeHint(c) for c in columns}
        fixed = sum(max(header.sectionSize(c), needed[c]) for c in columns if c not in stretching)
        room = self._view.viewport().width()
        fits = fixed + sum(needed[c] for c in stretching) <= room
        for column in columns:
            if column in stretching:
                continue
            content_sized = header.sectionResizeMode(column) == mode.ResizeToContents
            if not content_sized and header.sectionSize(column) < needed[column]:
                header.resizeSection(column, needed[column])
        for column in self._stretch:
            wanted = mode.Stretch if fits else mode.Interactive
            if header.sectionResizeMode(column) != wanted:
                header.setSectionResizeMode(column, wanted)
            if not fits and header.sectionSize(column) < needed[column]:
                header.resizeSection(column, needed[column])
        if self._stretch_last:
            header.setStretchLastSection(fits)
            if not fits and header.sectionSize(last) < needed[last]:
                header.resizeSection(last, needed[last])


def keep_columns_readable(view: QTableView) -> None:
    """Never squeeze a column of ``view`` below its header text (see :class:`_ReadableColumns`)."""
    if view.findChild(_ReadableColumns) is None:
        _ReadableColumns(view).schedule()
