"""Importing calendar replies in the desktop app, and the summary of what they changed.

File > Import calendar replies… and dropping .ics / .eml files on the main
window both end in :func:`import_calendar_files`: every file is read by the
core's action :func:`roundtable.calendar.actions.import_files` in ONE undoable
step (:meth:`ui.store.Store.run`), then :class:`CalendarImportDialog` lists per
file what changed, what was ignored and why, and what failed, with a Copy
button for pasting into a note or an e-mail.

Undo takes the whole import back: the answers recorded, and a host's
roundtable it imported, updated or cancelled, with the people and
organisations it brought in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roundtable.errors import RoundtableError
from roundtable_ui import messages
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs
from roundtable_ui.widgets.table_view import plain_table_view

if TYPE_CHECKING:  # the import loads icalendar; the app loads it when a file comes in
    from roundtable.calendar.incoming import ImportReport

_CONTEXT = "CalendarImport"
#: The files the app reads as calendar replies (compared case-insensitively).
CALENDAR_SUFFIXES = (".ics", ".eml")


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
    return file_dialogs.choose_open_files(
        parent,
        QCoreApplication.translate("CalendarImport", "Import calendar replies"),
        file_dialogs.CALENDAR_REPLIES,
        QCoreApplication.translate(
            "CalendarImport", "Calendar replies (*.ics *.eml);;All files (*)"
        ),
    )


def is_calendar_file(path: Path) -> bool:
    """Whether ``path`` looks like a reply the app reads (by its suffix)."""
    return path.suffix.lower() in CALENDAR_SUFFIXES


def calendar_files(paths: Iterable[Path]) -> list[Path]:
    """Only the .ics and .eml files of ``paths`` (what a drop onto the window accepts)."""
    return [p for p in paths if is_calendar_file(p)]


# -- the undoable import -------------------------------------------------------------------
def import_calendar_files(
    parent: QWidget, store: Store, paths: Sequence[Path]
) -> CalendarImportDialog | None:
    """Import ``paths`` as one undoable step and open the summary dialog (returned)."""
    from roundtable.calendar import actions as calendar_actions

    paths = list(paths)
    if not paths:
        return None
    title = QCoreApplication.translate("CalendarImport", "Import calendar replies")
    try:
        report = store.run(calendar_actions.import_files(paths))
    except RoundtableError as exc:
        messages.show_core_error(parent, title, exc)
        return None
    dialog = CalendarImportDialog(report, parent)
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


def report_rows(report: ImportReport) -> list[FileRow]:
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

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
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
        self.view.setAccessibleName(self.tr("Replies in the files"))
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
