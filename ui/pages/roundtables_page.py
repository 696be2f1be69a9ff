"""The Roundtables page: a filterable list beside the selected roundtable's tabs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roundtable import context
from roundtable.enums import RoundtableStatus
from roundtable.errors import RoundtableError
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import queries
from roundtable_ui import messages
from roundtable_ui.dialogs.roundtable_dialog import new_roundtable
from roundtable_ui.formatting import STATUS_COLOURS, format_datetime, format_period, status_label
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column
from roundtable_ui.pages.follow_up_tab import FollowUpTab
from roundtable_ui.pages.invitations_tab import InvitationsTab
from roundtable_ui.pages.minutes_tab import MinutesTab
from roundtable_ui.pages.overview_tab import OverviewTab
from roundtable_ui.pages.questions_tab import QuestionsTab
from roundtable_ui.store import Store
from roundtable_ui.widgets.filter_table import FilterTable

#: Where the page remembers how the user divided list and details.
SPLITTER_KEY = "roundtables/splitter"


def _is_upcoming(row: Any) -> bool:
    if row.status == RoundtableStatus.POSTPONED:
        return True
    return row.status in (RoundtableStatus.DRAFT, RoundtableStatus.SCHEDULED) and (
        row.starts_at is None or row.starts_at >= context.now()
    )


class RoundtablesPage(QWidget):
    """All roundtables (search, status filter, sort) and the selected one in tabs."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._current_id: int | None = None

        self.table = FilterTable(
            [
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Host"), lambda r: r.host_name or ""),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Start"),
                    lambda r: format_datetime(r.starts_at, r.timezone),
                    sort_key=lambda r: r.starts_at,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Status"),
                    lambda r: status_label(r.status),
                    foreground=lambda r: _colour(r.status),
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Invitations"),
                    lambda r: str(r.invitation_count),
                    sort_key=lambda r: r.invitation_count,
                    align_right=True,
                ),
            ],
            name=self.tr("Roundtables"),
            placeholder=self.tr("Search roundtables (Ctrl+F)"),
            choices=[
                (self.tr("All roundtables"), None),
                (self.tr("Upcoming"), _is_upcoming),
                *[
                    (status_label(status), lambda r, wanted=status: r.status == wanted)
                    for status in RoundtableStatus
                ],
            ],
            stretch_column=0,
            parent=self,
        )
        self.table.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        self.table.selection_changed.connect(self._selection_changed)
        # Enter, F2 or a double-click on a roundtable: on to its details, ready to edit.
        self.table.activated.connect(lambda _row: self.edit_current())

        self.new_button = QPushButton(self.tr("New roundtable…"), self)
        self.new_button.setToolTip(self.tr("Create a roundtable (Ctrl+N)"))
        self.new_button.clicked.connect(self.create_roundtable)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete a draft roundtable that was never sent"))
        self.delete_button.clicked.connect(self.delete_selected)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_selected)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.table, 1)

        self.title_label = QLabel(self)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.subtitle_label = QLabel(self)
        # Venue and host can be long; wrapping keeps them from widening the whole page.
        self.subtitle_label.setWordWrap(True)
        self.subtitle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.overview = OverviewTab(store, self)
        self.invitations = InvitationsTab(store, self)
        self.questions = QuestionsTab(store, self)
        self.minutes = MinutesTab(store, self)
        self.follow_up = FollowUpTab(store, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Roundtable details"))
        self.tabs.setDocumentMode(True)
        for tab, title in (
            (self.overview, self.tr("&Overview")),
            (self.invitations, self.tr("&Invitations")),
            (self.questions, self.tr("&Questions")),
            (self.minutes, self.tr("&Minutes")),
            (self.follow_up, self.tr("Follow-&up")),
        ):
            self.tabs.addTab(tab, title)

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(8, 0, 0, 0)
        detail_layout.addWidget(self.title_label)
        detail_layout.addWidget(self.subtitle_label)
        detail_layout.addWidget(self.tabs, 1)

        self.empty_label = QLabel(
            self.tr("Select a roundtable on the left, or create one with New roundtable…"), self
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty_label)
        self.right.addWidget(detail)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self._restore_splitter()
        self.splitter.splitterMoved.connect(self._save_splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        store.changed.connect(self._on_changed)
        self.refresh()

    # -- public --------------------------------------------------------------------
    def refresh(self) -> None:
        self.table.set_rows(self._store.read(queries.list_roundtables))
        self.table.select_first_if_none()
        self._show_header()

    def focus_search(self) -> None:
        """Ctrl+F: the search box of the tab being worked in, else of the roundtable list."""
        tab = self.tabs.currentWidget()
        focus = self.focusWidget()
        in_tab = focus is not None and tab is not None and tab.isAncestorOf(focus)
        search = getattr(tab, "focus_search", None)
        if in_tab and callable(search):
            search()
        else:
            self.table.focus_search()

    def show_roundtable(self, roundtable_id: int) -> None:
        """Select the roundtable (clearing a filter that hides it) and show its tabs."""
        if not self.table.select_where(lambda r: r.id == roundtable_id):
            self.table.search.clear()
            self.table.choice.setCurrentIndex(0)
            self.table.select_where(lambda r: r.id == roundtable_id)
        self.table.view.scrollTo(self.table.view.currentIndex())

    def edit_current(self) -> None:
        """Show the selected roundtable's Overview with the cursor in its title."""
        if self._current_id is None:
            return
        self.tabs.setCurrentWidget(self.overview)
        self.overview.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def create_roundtable(self) -> None:
        roundtable_id = new_roundtable(self._store, self)
        if roundtable_id is not None:
            self.show_roundtable(roundtable_id)
            self.tabs.setCurrentWidget(self.overview)

    def delete_selected(self) -> None:
        rows = self.table.selected_rows()
        if len(rows) != 1:
            return
        row = rows[0]
        question = self.tr("Delete the draft “%1”? This can be undone with Edit > Undo.")
        if not messages.confirm(
            self, self.tr("Delete roundtable"), question.replace("%1", row.title), self.tr("Delete")
        ):
            return
        try:
            self._store.run(meeting_actions.delete_draft(row.id))
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot delete the roundtable"), exc)

    # -- internals -----------------------------------------------------------------
    def _restore_splitter(self) -> None:
        """The user's own division of list and details, else a quarter for the list."""
        state = QSettings().value(SPLITTER_KEY)
        if not (
            isinstance(state, QByteArray)
            and not state.isEmpty()
            and self.splitter.restoreState(state)
        ):
            # Relative weights: the splitter shares out its width in this proportion.
            self.splitter.setSizes([300, 900])

    def _save_splitter(self) -> None:
        QSettings().setValue(SPLITTER_KEY, self.splitter.saveState())

    def _selection_changed(self, rows: list[Any]) -> None:
        current = self.table.current_row()
        row = current if current in rows else (rows[0] if rows else None)
        new_id = row.id if row is not None else None
        self.delete_button.setEnabled(len(rows) == 1 and rows[0].status == RoundtableStatus.DRAFT)
        if new_id == self._current_id:
            self._show_header()
            return
        self._current_id = new_id
        for tab in (self.overview, self.invitations, self.questions, self.minutes, self.follow_up):
            tab.set_roundtable(new_id)
        self._show_header()

    def _show_header(self) -> None:
        row = next((r for r in self.table.rows() if r.id == self._current_id), None)
        self.right.setCurrentIndex(1 if row is not None else 0)
        if row is None:
            return
        self.title_label.setText(row.title)
        where = row.venue or row.online_url
        details = [
            status_label(row.status),
            format_period(row.starts_at, row.ends_at, row.timezone),
            row.host_name or "",
            where or "",
        ]
        self.subtitle_label.setText(" · ".join(d for d in details if d))

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"roundtables", "invitations", "organisations", "people"}:
            self.refresh()


def _colour(status: object) -> Any:
    from PySide6.QtGui import QColor

    return QColor(STATUS_COLOURS.get(str(getattr(status, "value", status)), "#000000"))
