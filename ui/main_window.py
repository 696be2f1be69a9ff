"""The main window: the roundtables in a filterable, sortable table.

The window is built and shown before the database is open (the database
layer is slow to import), then :meth:`MainWindow.set_database` fills it.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roundtable import __version__
from ui.models.roundtable_table_model import SORT_ROLE, RoundtableTableModel

if TYPE_CHECKING:
    from roundtable.db import Database


class MainWindow(QMainWindow):
    """Roundtable's main window (the full set of pages comes later)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database: Database | None = None
        self.setWindowTitle(self.tr("Roundtable"))
        self.resize(960, 600)

        self.model = RoundtableTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)  # match the filter text in any column
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter roundtables (Ctrl+F)"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter_changed)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RoundtableTableModel.START, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per roundtable; long titles are elided
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RoundtableTableModel.TITLE, QHeaderView.ResizeMode.Stretch)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table)
        self.setCentralWidget(central)

        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)

        self._build_menus()
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.focus_filter)
        self._update_count()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(self.tr("Ctrl+Q")))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Roundtable"), self)
        about_action.setMenuRole(QAction.MenuRole.AboutRole)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    # --- public ---

    def set_database(self, database: Database) -> None:
        """Show the contents of ``database`` (already open and migrated)."""
        self.database = database
        self.setWindowTitle(self.tr("Roundtable — %1").replace("%1", database.description))
        self.refresh()

    def refresh(self) -> None:
        """Read the roundtables again."""
        if self.database is None:
            return
        with self.database.session() as session:
            self.model.load(session)

    def focus_filter(self) -> None:
        """Put the cursor in the filter box with its text selected (Ctrl+F)."""
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def show_about(self) -> None:
        """Help > About: version, licence and where the data is."""
        location = self.database.description if self.database else self.tr("not open")
        text = (
            self.tr("<h3>Roundtable %1</h3>").replace("%1", __version__)
            + self.tr(
                "<p>Plan stakeholder roundtables, follow invitations and answers, "
                "keep minutes and publish statements.</p>"
            )
            + self.tr("<p>Licence: GNU General Public License, version 3 or later.</p>")
            + self.tr("<p>Database: %1</p>").replace("%1", html.escape(location))
        )
        QMessageBox.about(self, self.tr("About Roundtable"), text)

    # --- private ---

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown != total:
            message = self.tr("%1 of %2 roundtables").replace("%1", str(shown))
            message = message.replace("%2", str(total))
        elif total == 1:
            message = self.tr("1 roundtable")
        else:
            message = self.tr("%1 roundtables").replace("%1", str(total))
        self.count_label.setText(message)
