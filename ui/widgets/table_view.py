"""The one way the app makes a plain (unfiltered) table view of rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
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
    return view
