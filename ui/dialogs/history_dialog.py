"""An invitation's history: every change of status, who made it, for whom, and why.

Rows are in the order things happened; a step recorded later than it happened
(dated back) shows both: "Tue 5 Sep 2023 16:45 (recorded 4 Dec 2026)".
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roundtable.enums import ChangeSource, Party
from roundtable.errors import NotFoundError
from roundtable.meetings import invitation_queries
from roundtable.meetings import invitation_queries as meetings_invitation_queries
from roundtable_ui.formatting import format_date, format_datetime, in_zone, status_label
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowFilterProxy, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.table_view import keep_columns_readable

_CONTEXT = "HistoryDialog"


_PARTY_LABELS = {
    Party.HOST: QT_TRANSLATE_NOOP("HistoryDialog", "Host"),
    Party.INVITEE: QT_TRANSLATE_NOOP("HistoryDialog", "Invitee"),
    Party.COORDINATOR: QT_TRANSLATE_NOOP("HistoryDialog", "Coordinator"),
}
_SOURCE_LABELS = {
    ChangeSource.MANUAL: QT_TRANSLATE_NOOP("HistoryDialog", "Typed in"),
    ChangeSource.CALENDAR_REPLY: QT_TRANSLATE_NOOP("HistoryDialog", "Calendar reply"),
    ChangeSource.IMPORT: QT_TRANSLATE_NOOP("HistoryDialog", "Import"),
    ChangeSource.DEMO: QT_TRANSLATE_NOOP("HistoryDialog", "Demo data"),
}


def party_label(party: Party) -> str:
    """Who took a step, as the user reads it ("Host", "Invitee", "Coordinator")."""
    return QCoreApplication.translate(_CONTEXT, _PARTY_LABELS.get(party, str(party)))


def source_label(source: ChangeSource) -> str:
    """Where a change came from, as the user reads it."""
    return QCoreApplication.translate(_CONTEXT, _SOURCE_LABELS.get(source, str(source)))


def when_text(at: datetime, recorded_at: datetime | None, zone: str) -> str:
    """When a step happened, in ``zone``, and when it was recorded where that differs.

    "Tue 5 Sep 2023 16:45 (recorded 4 Dec 2026)"; recorded the same day, the time:
    "Fri 4 Dec 2026 09:00 (recorded 11:30)".
    """
    text = format_datetime(at, zone)
    if recorded_at is None or recorded_at == at:
        return text
    happened, recorded = in_zone(at, zone), in_zone(recorded_at, zone)
    if happened.date() == recorded.date():
        shown = f"{recorded.hour:02d}:{recorded.minute:02d}"
    else:
        shown = format_date(recorded.date())
    return (
        QCoreApplication.translate("HistoryDialog", "%1 (recorded %2)")
        .replace("%1", text)
        .replace("%2", shown)
    )


def when_tooltip(at: datetime, recorded_at: datetime | None, zone: str) -> str:
    """Both times in full, for a tooltip ("" when it was recorded as it happened)."""
    if recorded_at is None or recorded_at == at:
        return ""
    return (
        QCoreApplication.translate("HistoryDialog", "Happened: %1\nRecorded: %2 (%3)")
        .replace("%1", format_datetime(at, zone))
        .replace("%2", format_datetime(recorded_at, zone))
        .replace("%3", zone)
    )


def _transition(row: meetings_invitation_queries.HistoryRow) -> str:
    if row.from_status is None:
        return status_label(row.to_status)
    return f"{status_label(row.from_status)} → {status_label(row.to_status)}"


def history_columns(zone: str) -> list[Column[meetings_invitation_queries.HistoryRow]]:
    """The dialog's columns; times are wall time in the roundtable's zone ``zone``."""
    return [
        Column[meetings_invitation_queries.HistoryRow](
            QT_TRANSLATE_NOOP("Columns", "When"),
            lambda r: when_text(r.at, r.recorded_at, zone),
            sort_key=lambda r: (r.at, r.id),
            tooltip=lambda r: when_tooltip(r.at, r.recorded_at, zone),
        ),
        Column[meetings_invitation_queries.HistoryRow](
            QT_TRANSLATE_NOOP("Columns", "Who"), lambda r: r.actor or ""
        ),
        Column[meetings_invitation_queries.HistoryRow](
            QT_TRANSLATE_NOOP("Columns", "Party"), lambda r: party_label(r.party)
        ),
        Column[meetings_invitation_queries.HistoryRow](
            QT_TRANSLATE_NOOP("Columns", "From → to"), _transition
        ),
        Column[meetings_invitation_queries.HistoryRow](
            QT_TRANSLATE_NOOP("Columns", "Reason"), lambda r: r.reason, tooltip=lambda r: r.reason
        ),
        Column[meetings_invitation_queries.HistoryRow](
            QT_TRANSLATE_NOOP("Columns", "Source"), lambda r: source_label(r.source)
        ),
    ]


class HistoryDialog(QDialog):
    """The history of one invitation in the order it happened; refreshes when invitations change.

    Open it with :meth:`open` (not ``exec()``), so tests can read :attr:`model`.
    """

    def __init__(self, store: Store, invitation_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._invitation_id = invitation_id
        self.setWindowTitle(self.tr("Invitation history"))
        self.resize(820, 360)

        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)

        self.model: RowTableModel[meetings_invitation_queries.HistoryRow] = RowTableModel([], self)
        self.proxy = RowFilterProxy(self)
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("History"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

        store.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        """Read the history again (after an edit, undo or redo)."""
        try:
            history = self._store.read(invitation_queries.invitation_history, self._invitation_id)
        except NotFoundError:
            # Undone or removed meanwhile: say so rather than show a stale list.
            self.heading.setText(self.tr("This invitation no longer exists."))
            self.model.set_rows([])
            return
        if self.proxy.sourceModel() is None:
            self.model = RowTableModel(history_columns(history.timezone), self)
            self.proxy.setSourceModel(self.model)
            self.view.setModel(self.proxy)
            header = self.view.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
            keep_columns_readable(self.view)
        self.heading.setText(
            self.tr("The invitation of %1 to “%2”, times in %3")
            .replace("%1", history.invitee)
            .replace("%2", history.roundtable_title)
            .replace("%3", history.timezone)
        )
        self.model.set_rows(list(history.rows))

    def rows(self) -> list[meetings_invitation_queries.HistoryRow]:
        """The history rows shown, oldest first."""
        return self.model.rows()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"invitations", "people", "organisations", "roundtables"}:
            self.refresh()
