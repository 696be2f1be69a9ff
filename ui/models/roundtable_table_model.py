"""``RoundtableTableModel``: the roundtables as rows of a table (Qt model over one query).

The rows are plain values read in ONE query (the host joined in, invitations
counted by a grouped subquery), so showing a hundred roundtables costs one
round trip and no lazy loads happen while Qt paints.

SQLAlchemy and the ORM are imported inside :func:`load_roundtable_rows`: the
main window imports this module before the database is open, and the window
should paint before those heavy imports are paid for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a module-level string for lupdate; it is translated where it is shown.

    (Qt's own is typed as returning ``object``; lupdate goes by the name.)
    """
    return text


_CONTEXT = "RoundtableTableModel"

#: Sorting by this role compares values (dates, numbers), not their display text.
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1

START_FORMAT = "ddd d MMM yyyy HH:mm"

_STATUS_LABELS = {
    "draft": QT_TRANSLATE_NOOP(_CONTEXT, "Draft"),
    "scheduled": QT_TRANSLATE_NOOP(_CONTEXT, "Scheduled"),
    "postponed": QT_TRANSLATE_NOOP(_CONTEXT, "Postponed"),
    "cancelled": QT_TRANSLATE_NOOP(_CONTEXT, "Cancelled"),
    "held": QT_TRANSLATE_NOOP(_CONTEXT, "Held"),
}


@dataclass(frozen=True, slots=True)
class RoundtableRow:
    """What the table shows of one roundtable, detached from any session."""

    id: int
    title: str
    host: str
    starts_at: datetime | None
    timezone: str
    status: str
    invitations: int


def load_roundtable_rows(session: Session) -> list[RoundtableRow]:
    """All roundtables with host name and number of invitations, in one query."""
    from sqlalchemy import func, select

    from roundtable.models import Invitation, Organisation, Roundtable

    invitation_counts = (
        select(Invitation.roundtable_id, func.count(Invitation.id).label("invitations"))
        .group_by(Invitation.roundtable_id)
        .subquery()
    )
    statement = (
        select(
            Roundtable.id,
            Roundtable.title,
            Organisation.name,
            Roundtable.starts_at,
            Roundtable.timezone,
            Roundtable.status,
            func.coalesce(invitation_counts.c.invitations, 0),
        )
        .outerjoin(Organisation, Organisation.id == Roundtable.host_organisation_id)
        .outerjoin(invitation_counts, invitation_counts.c.roundtable_id == Roundtable.id)
        # Unscheduled ones last; ties (and drafts) in the order they were made.
        .order_by(Roundtable.starts_at.is_(None), Roundtable.starts_at, Roundtable.id)
    )
    return [
        RoundtableRow(
            id=id_,
            title=title,
            host=host or "",
            starts_at=starts_at,
            timezone=zone,
            status=str(status),
            invitations=int(count),
        )
        for id_, title, host, starts_at, zone, status, count in session.execute(statement)
    ]


def format_start(starts_at: datetime | None, zone: str, locale: QLocale | None = None) -> str:
    """``Thu 7 Sep 2023 14:00``: the start as wall time in the roundtable's own zone."""
    if starts_at is None:
        return ""
    try:
        local = starts_at.astimezone(ZoneInfo(zone))
    except (ZoneInfoNotFoundError, ValueError):
        local = starts_at  # an unknown zone name: UTC is still a true time
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return (locale or QLocale()).toString(moment, START_FORMAT)


class RoundtableTableModel(QAbstractTableModel):
    """The roundtables, one per row: title, host, start, status, invitations."""

    TITLE, HOST, START, STATUS, INVITATIONS = range(5)
    HEADERS: ClassVar[tuple[str, ...]] = (
        QT_TRANSLATE_NOOP(_CONTEXT, "Title"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Host"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Start"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Status"),
        QT_TRANSLATE_NOOP(_CONTEXT, "Invitations"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RoundtableRow] = []

    # --- loading ---

    def load(self, session: Session) -> None:
        """Replace the rows with the roundtables now in the database."""
        self.set_rows(load_roundtable_rows(session))

    def set_rows(self, rows: list[RoundtableRow]) -> None:
        """Replace all rows (views keep their sorting and filtering)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RoundtableRow:
        """The roundtable shown in ``row`` (of this model, not of a proxy)."""
        return self._rows[row]

    # --- QAbstractTableModel ---

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CONTEXT, self.HEADERS[section])
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.INVITATIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.START and row.starts_at:
            return row.timezone
        return None

    def _display(self, row: RoundtableRow, column: int) -> str:
        if column == self.TITLE:
            return row.title
        if column == self.HOST:
            return row.host
        if column == self.START:
            if row.starts_at is None:
                return QCoreApplication.translate(_CONTEXT, "Not scheduled")
            return format_start(row.starts_at, row.timezone)
        if column == self.STATUS:
            label = _STATUS_LABELS.get(row.status)
            return QCoreApplication.translate(_CONTEXT, label) if label else row.status
        return QLocale().toString(row.invitations)

    def _sort_key(self, row: RoundtableRow, column: int) -> Any:
        if column == self.START:
            # Unscheduled roundtables sort after every scheduled one.
            return row.starts_at.timestamp() if row.starts_at else float("inf")
        if column == self.INVITATIONS:
            return row.invitations
        return self._display(row, column).casefold()
