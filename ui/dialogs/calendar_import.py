"""Importing calendar replies in the desktop app, and the summary of what they changed.

File > Import calendar replies… and dropping .ics / .eml files on the main
window both end in :func:`import_calendar_files`: every file is read by
:func:`roundtable.calendar.incoming.import_files` in ONE undoable step
(:meth:`ui.store.Store.perform`), then :class:`CalendarImportDialog` lists per
file what changed, what was ignored and why, and what failed, with a Copy
button for pasting into a note or an e-mail.

Undo takes back the invitation history rows the import created, newest
first, through :func:`roundtable.meetings.invitations.revert_change`. A host's
invitation imported as a roundtable (or a host's update or cancellation)
is not undone that way: the undo then says so and changes nothing, and the
coordinator edits that roundtable on its page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from roundtable.errors import NotFoundError, RoundtableError, ValidationError
from roundtable.meetings import invitations
from roundtable.storage.models import Invitation
from ui import messages
from ui.i18n import QT_TRANSLATE_NOOP
from ui.models.row_table_model import Column, RowTableModel
from ui.store import Store
from ui.widgets.table_view import plain_table_view

_CONTEXT = "CalendarImport"
#: The files the app reads as calendar replies (compared case-insensitively).
CALENDAR_SUFFIXES = (".ics", ".eml")
#: Outcomes that change roundtables themselves (a host's messages), which undo cannot take back.
_ROUNDTABLE_OUTCOMES = frozenset({"created", "updated", "cancelled"})
#: Every kind of data an import may touch (a host's invitation adds people and organisations).
KINDS = frozenset({"invitations", "roundtables", "people", "organisations"})


_OUTCOME_LABELS = {
    "answer": QT_TRANSLATE_NOOP("CalendarImport", "Answer recorded"),
    "unchanged": QT_TRANSLATE_NOOP("CalendarImport", "Answer already known"),
    "older": QT_TRANSLATE_NOOP("CalendarImport", "Ignored: older version"),
    "ignored": QT_TRANSLATE_NOOP("CalendarImport", "Ignored"),
    "forwarded": QT_TRANSLATE_NOOP("CalendarImport", "To check: forwarded invitation"),
    "counter": QT_TRANSLATE_NOOP("CalendarImport", "To check: new time proposed"),
    "created": QT_TRANSLATE_NOOP("CalendarImport", "Roundtable imported"),
    "updated": QT_TRANSLATE_NOOP("CalendarImport", "Roundtable updated"),
    "up_to_date": QT_TRANSLATE_NOOP("CalendarImport", "Already up to date"),
    "cancelled": QT_TRANSLATE_NOOP("CalendarImport", "Cancelled by the host"),
    "withdrawn": QT_TRANSLATE_NOOP("CalendarImport", "Withdrawn by the host"),
    "failed": QT_TRANSLATE_NOOP("CalendarImport", "Failed"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def outcome_label(outcome: str) -> str:
    """A file's outcome key ("answer", "failed", …) as the user reads it."""
    return _tr(
        _OUTCOME_LABELS.get(
            outcome, outcome or QT_TRANSLATE_NOOP("CalendarImport", "Nothing to do")
        )
    )


# -- choosing files ------------------------------------------------------------------------
def choose_files(parent: QWidget | None) -> list[Path]:
    """The reply files the user picks (empty when cancelled); tests replace this function."""
    names, _filter = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("CalendarImport", "Import calendar replies"),
        "",
        QCoreApplication.translate(
            "CalendarImport", "Calendar replies (*.ics *.eml);;All files (*)"
        ),
    )
    return [Path(name) for name in names]


def is_calendar_file(path: Path) -> bool:
    """Whether ``path`` looks like a reply the app reads (by its suffix)."""
    return path.suffix.lower() in CALENDAR_SUFFIXES


def calendar_files(paths: Iterable[Path]) -> list[Path]:
    """Only the .ics and .eml files of ``paths`` (what a drop onto the window accepts)."""
    return [p for p in paths if is_calendar_file(p)]


# -- the undoable import -------------------------------------------------------------------
@dataclass(frozen=True)
class ImportDone:
    """What one import did: the core's report and what undo needs to take it back."""

    report: Any  # roundtable.calendar.incoming.ImportReport (imported lazily: it loads icalendar)
    #: (invitation id, history row id) of every row the import added, oldest first.
    events: tuple[tuple[int, int], ...]
    #: Files that imported, updated or cancelled a roundtable (undo cannot take those back).
    roundtable_files: tuple[str, ...]


def import_step(paths: Sequence[Path]) -> tuple[Any, Any]:
    """The (do, undo) pair for :meth:`Store.perform` that imports ``paths``."""
    files = [str(p) for p in paths]

    def do(session: Session) -> ImportDone:
        from roundtable.calendar import incoming

        report = incoming.import_files(session, files)
        events = report.new_events
        roundtable_files = tuple(
            f.name for f in report.files if f.outcome in _ROUNDTABLE_OUTCOMES and f.changes
        )
        return ImportDone(report, events, roundtable_files)

    def undo(session: Session, done: ImportDone) -> None:
        if done.roundtable_files:
            raise ValidationError(
                "Cannot undo this import: it brought in or changed a host's roundtable ("
                + ", ".join(done.roundtable_files)
                + "). Change that roundtable on its page instead; nothing was undone.",
                "import",
            )
        for invitation_id, event_id in reversed(done.events):
            invitation = session.get(Invitation, invitation_id)
            if invitation is None:
                raise NotFoundError("Cannot undo the import: an invitation was removed since.")
            invitations.revert_change(session, invitation, event_id)

    return do, undo


def import_calendar_files(
    parent: QWidget, store: Store, paths: Sequence[Path]
) -> CalendarImportDialog | None:
    """Import ``paths`` as one undoable step and open the summary dialog (returned)."""
    paths = list(paths)
    if not paths:
        return None
    title = QCoreApplication.translate("CalendarImport", "Import calendar replies")
    do, undo = import_step(paths)
    try:
        done: ImportDone = store.perform(title, do, undo, KINDS)
    except RoundtableError as exc:
        messages.show_core_error(parent, title, exc)
        return None
    dialog = CalendarImportDialog(done.report, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


# -- the summary dialog --------------------------------------------------------------------
@dataclass(frozen=True)
class FileRow:
    """One file of the report, as the dialog's table shows it."""

    name: str
    outcome: str
    details: str
    failed: bool


def report_rows(report: Any) -> list[FileRow]:
    """The report's files as table rows (in the order the files were given)."""
    return [
        FileRow(
            name=f.name,
            outcome=f.outcome,
            details=" ".join(f.lines()),
            failed=bool(f.failed),
        )
        for f in report.files
    ]


class CalendarImportDialog(QDialog):
    """What an import did, per file; Copy puts the whole report on the clipboard.

    Open it with :meth:`open` (never ``exec()``): tests read :attr:`summary_label`
    and :meth:`rows`, press :attr:`copy_button` and call :meth:`accept`.
    """

    def __init__(self, report: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report = report
        self.setWindowTitle(self.tr("Calendar replies imported"))
        self.resize(860, 380)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.summary_label.setText(str(report.summary))

        red = "#c0392b"
        self.model: RowTableModel[FileRow] = RowTableModel(
            [
                Column[FileRow](
                    QT_TRANSLATE_NOOP("Columns", "File"), lambda r: r.name, tooltip=lambda r: r.name
                ),
                Column[FileRow](
                    QT_TRANSLATE_NOOP("Columns", "Result"),
                    lambda r: outcome_label(r.outcome),
                    foreground=lambda r: QColor(red) if r.failed else None,
                ),
                Column[FileRow](
                    QT_TRANSLATE_NOOP("Columns", "Details"),
                    lambda r: r.details,
                    tooltip=lambda r: r.details,
                ),
            ],
            self,
        )
        self.model.set_rows(report_rows(report))
        self.view = plain_table_view(self, self.model, stretch=2)
        self.view.resizeColumnsToContents()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy"), self)
        self.copy_button.setToolTip(self.tr("Copy the whole report as text"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[FileRow]:
        return self.model.rows()

    def text(self) -> str:
        """The report as plain text: a block per file, then the summary line."""
        return "\n".join(self._report.lines())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
