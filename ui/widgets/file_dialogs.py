"""Every file dialog of the app, and the notice that says what an export wrote.

A dialog starts in the folder last used for that kind of file (remembered in
``QSettings`` under ``fileDialogs/<kind>``), else in the user's Documents
folder, else the home folder; never in the program's own folder. Each kind
of file (:data:`CALENDAR`, :data:`CONTACTS`, …) has its own memory, so the
contacts export does not start where the calendar files went.

After an export, :func:`announce_written` says what was written and where, in
the main window's status bar and in a small non-modal box with an "Open
folder" button (the folder opens in the desktop's file manager; nothing is
sent anywhere).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QPushButton, QWidget

#: The kinds of file whose last folder is remembered separately.
CALENDAR = "calendar"
CALENDAR_REPLIES = "calendarReplies"
CONTACTS = "contacts"
LETTERS = "letters"
STATEMENTS = "statements"
PERSONAL_DATA = "personalData"
DATABASE = "database"

_GROUP = "fileDialogs"
#: How long the status bar keeps the message (ms).
STATUS_MS = 15_000


def documents_folder() -> Path:
    """The user's Documents folder (their home folder when the desktop names none)."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def start_folder(kind: str, fallback: Path | str | None = None) -> Path:
    """Where a dialog for ``kind`` opens: the last folder used for it, else ``fallback``
    (the open database's folder, say), else Documents."""
    for candidate in (QSettings().value(f"{_GROUP}/{kind}"), fallback):
        if candidate and Path(str(candidate)).is_dir():
            return Path(str(candidate))
    return documents_folder()


def remember(kind: str, path: Path) -> None:
    """Remember ``path``'s folder (or ``path`` itself, when it is a folder) for ``kind``."""
    folder = path if path.is_dir() else path.parent
    settings = QSettings()
    settings.setValue(f"{_GROUP}/{kind}", str(folder))
    settings.sync()


def choose_folder(
    parent: QWidget | None, title: str, kind: str, fallback: Path | str | None = None
) -> Path | None:
    """A folder the user picks, starting in the last one for ``kind``; ``None`` if cancelled."""
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder(kind, fallback)))
    if not folder:
        return None
    remember(kind, Path(folder))
    return Path(folder)


def choose_save_file(
    parent: QWidget | None,
    title: str,
    kind: str,
    suggested: str,
    filters: str,
    fallback: Path | str | None = None,
) -> tuple[Path, str] | None:
    """Where to save (``suggested`` is a file name) and the filter chosen; ``None`` if cancelled."""
    folder = start_folder(kind, fallback)
    start = folder / suggested if suggested else folder
    name, chosen = QFileDialog.getSaveFileName(parent, title, str(start), filters)
    if not name:
        return None
    remember(kind, Path(name))
    return Path(name), chosen


def choose_open_file(
    parent: QWidget | None,
    title: str,
    kind: str,
    filters: str,
    fallback: Path | str | None = None,
) -> Path | None:
    """One existing file the user picks, or ``None``."""
    start = str(start_folder(kind, fallback))
    name, _chosen = QFileDialog.getOpenFileName(parent, title, start, filters)
    if not name:
        return None
    remember(kind, Path(name))
    return Path(name)


def choose_open_files(parent: QWidget | None, title: str, kind: str, filters: str) -> list[Path]:
    """The existing files the user picks (empty when cancelled)."""
    names, _chosen = QFileDialog.getOpenFileNames(parent, title, str(start_folder(kind)), filters)
    if names:
        remember(kind, Path(names[0]))
    return [Path(name) for name in names]


# -- after an export -----------------------------------------------------------------------
def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the desktop's file manager (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class WrittenNotice(QMessageBox):
    """A small non-modal box: what was written where, "Open folder" and "Close"."""

    def __init__(self, parent: QWidget | None, title: str, text: str, folder: Path) -> None:
        super().__init__(QMessageBox.Icon.Information, title, text, parent=parent)
        self.folder = folder
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.open_button: QPushButton = self.addButton(
            QCoreApplication.translate("FileDialogs", "&Open folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
        self.open_button.setAccessibleName(
            QCoreApplication.translate("FileDialogs", "Open the folder the files were written to")
        )
        self.close_button: QPushButton = self.addButton(QMessageBox.StandardButton.Close)
        self.setDefaultButton(self.close_button)
        self.setEscapeButton(self.close_button)
        self.buttonClicked.connect(self._clicked)

    def _clicked(self, button: object) -> None:
        if button is self.open_button:
            open_folder(self.folder)


def announce_written(parent: QWidget | None, title: str, text: str, folder: Path) -> WrittenNotice:
    """Say ``text`` (what was written, where) in the status bar and a non-modal notice box."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
    notice = WrittenNotice(parent, title, text, folder)
    notice.show()
    return notice


def home_short(path: Path) -> str:
    """``path`` as the user reads it: ``~/Documents/roundtable`` under the home folder."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
