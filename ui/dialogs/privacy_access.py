"""Data-subject access from the desktop app: one person's data as JSON and as a readable report.

:func:`export_subject_access` asks for a folder (the last one is remembered),
reads the report (:func:`roundtable.privacy.queries.subject_access`), lets the
core write both files and then records the export with the action
:func:`roundtable.privacy.actions.record_access_export` (one audit row, nothing
to undo), and shows the two file names with buttons to open the report or show
the folder.
Nothing is opened by itself: the buttons go through :func:`open_url`, which
tests replace, as they replace :func:`choose_folder`.

A folder that cannot be written (no permission, a full disk) gets a message
naming the folder and the reason; the audit row is then not written either.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from roundtable.errors import FileWriteError, RoundtableError, ValidationError
from roundtable.privacy import access, actions, queries
from roundtable_ui import messages
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

log = logging.getLogger("roundtable_ui.privacy_access")

#: Where the folder chosen last is remembered.
FOLDER_SETTING = "privacy/accessFolder"


def choose_folder(parent: QWidget | None, title: str, start: str) -> Path | None:
    """The folder the user picks, or ``None`` (tests replace QFileDialog or this)."""
    return file_dialogs.choose_folder(parent, title, file_dialogs.PERSONAL_DATA, start)


def open_url(url: QUrl) -> bool:
    """Hand a file or folder to the desktop (tests replace this: nothing opens in a test)."""
    return QDesktopServices.openUrl(url)


class AccessExportSummary(QDialog):
    """The two files written, with "Open report" and "Show folder"; opened with ``open()``.

    A dialog of its own rather than a QMessageBox: a message box closes on any
    button, and the user may well want the report *and* the folder.
    """

    def __init__(
        self,
        parent: QWidget | None,
        json_path: Path,
        html_path: Path,
        opener: Callable[[QUrl], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.json_path = json_path
        self.html_path = html_path
        self._opener = opener
        self.setWindowTitle(self.tr("Personal data exported"))
        icon = QLabel(self)
        icon.setPixmap(
            self.style()
            .standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            .pixmap(QSize(32, 32))
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(
            self.tr("Wrote the personal data into %1:").replace("%1", str(json_path.parent))
            + f"\n\n{json_path.name}\n{html_path.name}",
            self,
        )
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setWordWrap(True)
        note = QLabel(
            self.tr(
                "The JSON file is for a machine, the report for the person. Send them "
                "through a safe channel: they hold everything we know about them."
            ),
            self,
        )
        note.setWordWrap(True)
        self.report_button = QPushButton(self.tr("Open report"), self)
        self.folder_button = QPushButton(self.tr("Show folder"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.report_button.clicked.connect(self.open_report)
        self.folder_button.clicked.connect(self.show_folder)
        self.report_button.setAutoDefault(False)
        self.folder_button.setAutoDefault(False)

        text = QVBoxLayout()
        text.addWidget(self.text_label)
        text.addWidget(note)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addSpacing(8)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def _open(self, path: Path) -> bool:
        url = QUrl.fromLocalFile(str(path))
        opened = (self._opener or open_url)(url)
        if not opened:
            messages.show_error(
                self,
                self.tr("Cannot open"),
                self.tr("No program on this computer opened %1.").replace("%1", str(path)),
            )
        return opened

    def open_report(self) -> bool:
        """Open the HTML report in the desktop's browser."""
        return self._open(self.html_path)

    def show_folder(self) -> bool:
        """Show the folder holding both files in the file manager."""
        return self._open(self.html_path.parent)


def _write_error_text(folder: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return (
        QCoreApplication.translate("SubjectAccess", "Could not write into the folder %1: %2.")
        .replace("%1", str(folder))
        .replace("%2", reason)
    )


def _another_folder() -> str:
    return QCoreApplication.translate(
        "SubjectAccess", "The export was not recorded; choose another folder and try again."
    )


def export_subject_access(
    store: Store, person_id: int, parent: QWidget | None
) -> tuple[Path, Path] | None:
    """Ask a folder and write one person's data there as JSON and HTML; the two paths.

    ``None`` when the user cancelled or writing failed (the message says why;
    then no audit row is written). On success a non-modal
    :class:`AccessExportSummary` opens over ``parent``.
    """
    title = QCoreApplication.translate("SubjectAccess", "Export personal data")
    settings = QSettings()
    start = str(settings.value(FOLDER_SETTING, "") or "")
    if start and not Path(start).is_dir():
        start = ""
    folder = choose_folder(
        parent,
        QCoreApplication.translate("SubjectAccess", "Folder for the personal data report"),
        start,
    )
    if folder is None:
        return None
    settings.setValue(FOLDER_SETTING, str(folder))
    try:
        found = store.read(queries.subject_access, person_id)
        paths = access.write_report_files(found.person_id, found.report, folder)
        # Not undoable (a file handed out cannot be taken back), but nothing to undo
        # either: the undo history stays, and the audit log shows the new row.
        store.run(actions.record_access_export(person_id, [path.name for path in paths]))
    except (FileWriteError, OSError) as exc:
        # The core's sentence names the file or folder and the reason (no permission,
        # no space left); nothing was recorded, since the files came first.
        log.warning("subject access export to %s failed: %s", folder, exc)
        text = str(exc) if isinstance(exc, RoundtableError) else _write_error_text(folder, exc)
        messages.show_error(parent, title, f"{text} {_another_folder()}")
        return None
    except ValidationError as exc:
        if exc.field == "folder":  # a file where the folder should be
            messages.show_error(parent, title, f"{exc} {_another_folder()}")
        else:
            messages.show_core_error(parent, title, exc)
        return None
    except RoundtableError as exc:
        messages.show_core_error(parent, title, exc)
        return None
    json_path, html_path = paths
    box = AccessExportSummary(parent, json_path, html_path)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return json_path, html_path


__all__ = [
    "FOLDER_SETTING",
    "AccessExportSummary",
    "choose_folder",
    "export_subject_access",
    "open_url",
]
