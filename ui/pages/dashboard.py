"""The dashboard: what needs the coordinator's attention, as of today.

Upcoming roundtables with how their invitations stand (a response bar with
its numbers in it), invitations unanswered for more than a week, and open
action items by due date, overdue ones first and in red. Each list's heading
says what it holds, whatever the year of its items; an empty list says what
to do next instead. A double-click opens the roundtable it belongs to. A link says how
many people are due for a privacy review and opens the Privacy page.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from roundtable import context
from roundtable.meetings import queries
from roundtable_ui.formatting import count_phrase, format_date, format_datetime, status_label
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.filter_table import FilterTable
from roundtable_ui.widgets.response_bar import (
    COUNTS_ROLE,
    ResponseBarDelegate,
    describe,
    legend_html,
)

if TYPE_CHECKING:  # PySide6's stub types it as returning object; it returns the text.

    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

#: How long an invitation may go unanswered before the dashboard lists it.
STALE_AFTER = timedelta(days=7)


class _UpcomingModel(RowTableModel[Any]):
    """Upcoming roundtables; the Responses column hands its counts to the bar delegate."""

    RESPONSES = 3

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if index.isValid() and index.column() == self.RESPONSES:
            if role == COUNTS_ROLE:
                return self.row_at(index.row()).counts
            if role == Qt.ItemDataRole.DisplayRole:
                return ""
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return describe(self.row_at(index.row()).counts)
        return super().data(index, role)


class DashboardPage(QWidget):
    """Upcoming roundtables, unanswered invitations and open action items."""

    #: A roundtable's id, when the user asks to open it.
    open_roundtable = Signal(int)
    #: The user followed the "due for a privacy review" link.
    open_privacy = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("dashboardSummary")
        self.summary.setWordWrap(True)
        self.privacy_link = QLabel(self)
        self.privacy_link.setObjectName("privacyReviewLink")
        self.privacy_link.setTextFormat(Qt.TextFormat.RichText)
        self.privacy_link.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.privacy_link.setToolTip(self.tr("Open the review list on the Privacy page"))
        self.privacy_link.linkActivated.connect(lambda _href: self.open_privacy.emit())
        self.privacy_link.hide()

        upcoming_columns = [
            Column[Any](QT_TRANSLATE_NOOP("Columns", "Roundtable"), lambda r: r.title),
            Column[Any](
                QT_TRANSLATE_NOOP("Columns", "When"),
                lambda r: format_datetime(r.starts_at, r.timezone) or status_label(r.status),
                sort_key=lambda r: r.starts_at,
            ),
            Column[Any](QT_TRANSLATE_NOOP("Columns", "Host"), lambda r: r.host_name or ""),
            Column[Any](
                QT_TRANSLATE_NOOP("Columns", "Responses"),
                lambda r: describe(r.counts),
                sort_key=lambda r: r.invitation_count,
                tooltip=lambda r: describe(r.counts),
            ),
        ]
        self.upcoming = FilterTable(
            upcoming_columns,
            name=self.tr("Upcoming roundtables"),
            placeholder=self.tr("Search upcoming roundtables"),
            stretch_column=0,
            model=_UpcomingModel(upcoming_columns, self),
            parent=self,
        )
        self.upcoming.view.setItemDelegateForColumn(
            _UpcomingModel.RESPONSES, ResponseBarDelegate(self.upcoming.view)
        )
        self.upcoming.view.setColumnWidth(_UpcomingModel.RESPONSES, 260)
        self.upcoming.activated.connect(lambda row: self.open_roundtable.emit(row.id))

        self.unanswered = FilterTable(
            [
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Invitee"), lambda r: r.name),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Organisation"),
                    lambda r: r.organisation_name or "",
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Roundtable"), lambda r: r.roundtable_title
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Invited"),
                    lambda r: format_date(r.last_change_at),
                    sort_key=lambda r: r.last_change_at,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Waiting"),
                    lambda r: self.tr("%1 days").replace("%1", str(self._days_waiting(r))),
                    sort_key=lambda r: self._days_waiting(r),
                    align_right=True,
                ),
            ],
            name=self.tr("Unanswered invitations"),
            placeholder=self.tr("Search unanswered invitations"),
            parent=self,
        )
        self.unanswered.activated.connect(lambda row: self.open_roundtable.emit(row.roundtable_id))

        self.action_items = FilterTable(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Due"),
                    lambda r: format_date(r.due_on) or self.tr("no date"),
                    sort_key=lambda r: r.due_on or date.max,
                    foreground=self._due_colour,
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Action"), lambda r: r.description),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Owner"), lambda r: r.owner_name or ""),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Roundtable"), lambda r: r.roundtable_title
                ),
            ],
            name=self.tr("Open action items"),
            placeholder=self.tr("Search open action items"),
            stretch_column=1,
            parent=self,
        )
        self.action_items.activated.connect(
            lambda row: self.open_roundtable.emit(row.roundtable_id)
        )

        self.legend = QLabel(legend_html(), self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # What an empty list shows instead: what is (not) there, and what to do next.
        self.upcoming_empty = self._empty_label(
            self.tr(
                "No roundtable is coming up. Plan the next one on the Roundtables page "
                "with New roundtable… (Ctrl+N)."
            )
        )
        self.unanswered_empty = self._empty_label(
            self.tr(
                "Every invitation sent more than a week ago has an answer. Invitations "
                "waiting longer will be listed here."
            )
        )
        self.actions_empty = self._empty_label(
            self.tr(
                "No open action items. Add them in a roundtable's Minutes tab; "
                "the ones not done by their due date are listed here first."
            )
        )
        upcoming_box = self._group(
            self.tr("Upcoming roundtables"), self.upcoming, self.upcoming_empty
        )
        upcoming_layout = upcoming_box.layout()
        if upcoming_layout is not None:
            upcoming_layout.addWidget(self.legend)
        self.unanswered_box = self._group(
            self.tr("No answer for more than a week"), self.unanswered, self.unanswered_empty
        )
        self.actions_box = self._group(
            self.tr("Open action items"), self.action_items, self.actions_empty
        )
        self.upcoming_box = upcoming_box
        grid = QGridLayout()
        grid.addWidget(upcoming_box, 0, 0, 1, 2)
        grid.addWidget(self.unanswered_box, 1, 0)
        grid.addWidget(self.actions_box, 1, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.privacy_link)
        layout.addLayout(grid, 1)

        # Soonest first; longest waiting first; earliest due first.
        self.upcoming.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.unanswered.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.action_items.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        store.changed.connect(self._on_changed)
        self.refresh()

    def _group(self, title: str, widget: QWidget, empty: QLabel) -> QGroupBox:
        box = QGroupBox(title, self)
        inner = QVBoxLayout(box)
        inner.addWidget(widget, 1)
        inner.addWidget(empty, 1)
        return box

    def _empty_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)  # the muted look of an empty state
        label.setAccessibleName(text)
        label.hide()
        return label

    @staticmethod
    def _show_list(table: QWidget, empty: QLabel, rows: object) -> None:
        """The table when it has rows, else the sentence saying what to do next."""
        has_rows = bool(rows)
        table.setVisible(has_rows)
        empty.setVisible(not has_rows)

    def refresh(self) -> None:
        """Read the three lists again."""
        now = context.now()
        board = self._store.read(queries.dashboard, now, stale_after=STALE_AFTER, limit=50)
        upcoming, unanswered, actions = board.upcoming, board.unanswered, board.open_action_items
        self._now = now
        self.upcoming.set_rows(upcoming)
        self.unanswered.set_rows(unanswered)
        self.action_items.set_rows(actions)
        self._show_list(self.upcoming, self.upcoming_empty, upcoming)
        self.legend.setVisible(bool(upcoming))
        self._show_list(self.unanswered, self.unanswered_empty, unanswered)
        self._show_list(self.action_items, self.actions_empty, actions)
        today = now.astimezone().date()
        self.heading.setText(self.tr("Today, %1").replace("%1", format_date(today)))
        overdue = sum(1 for a in actions if a.due_on is not None and a.due_on < now.date())
        if overdue:
            self.actions_box.setTitle(
                count_phrase(
                    "DashboardPage",
                    overdue,
                    QT_TRANSLATE_NOOP("DashboardPage", "Open action items (1 overdue, in red)"),
                    QT_TRANSLATE_NOOP("DashboardPage", "Open action items (%1 overdue, in red)"),
                )
            )
        elif actions:
            self.actions_box.setTitle(self.tr("Open action items (none overdue)"))
        else:
            self.actions_box.setTitle(self.tr("Open action items"))
        parts = [
            count_phrase(
                "DashboardPage",
                len(upcoming),
                QT_TRANSLATE_NOOP("DashboardPage", "1 upcoming roundtable"),
                QT_TRANSLATE_NOOP("DashboardPage", "%1 upcoming roundtables"),
            ),
            count_phrase(
                "DashboardPage",
                len(unanswered),
                QT_TRANSLATE_NOOP("DashboardPage", "1 invitation waiting for an answer"),
                QT_TRANSLATE_NOOP("DashboardPage", "%1 invitations waiting for an answer"),
            ),
            count_phrase(
                "DashboardPage",
                len(actions),
                QT_TRANSLATE_NOOP("DashboardPage", "1 open action item"),
                QT_TRANSLATE_NOOP("DashboardPage", "%1 open action items"),
            ),
        ]
        if overdue:
            parts.append(self.tr("%1 overdue").replace("%1", str(overdue)))
        self.summary.setText(" · ".join(parts))
        self._show_privacy_due(board.due_for_review)

    def _show_privacy_due(self, due: int) -> None:
        """The link to the review list, hidden when nobody is due."""
        self.privacy_due = due
        self.privacy_link.setVisible(due > 0)
        if due:
            text = count_phrase(
                "DashboardPage",
                due,
                QT_TRANSLATE_NOOP("DashboardPage", "1 person is due for a privacy review"),
                QT_TRANSLATE_NOOP("DashboardPage", "%1 people are due for a privacy review"),
            )
            self.privacy_link.setText(f'<a href="privacy">{html.escape(text)}</a>')

    def focus_search(self) -> None:
        self.upcoming.focus_search()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        # "settings": the retention period decides who is due for a privacy review.
        if kinds & {
            "roundtables",
            "invitations",
            "action_items",
            "people",
            "organisations",
            "settings",
        }:
            self.refresh()

    def _days_waiting(self, row: Any) -> int:
        now = getattr(self, "_now", context.now())
        return max((now - row.last_change_at).days, 0)

    def _due_colour(self, row: Any) -> QColor | None:
        now = getattr(self, "_now", context.now())
        if row.due_on is not None and row.due_on < now.date():
            return QColor("#c0392b")
        return None
