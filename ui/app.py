"""Starting the desktop app: QApplication set-up, first paint, database, crash dialog.

Order matters for how fast the app feels: the window is shown first (only Qt
is imported by then), and the database layer (SQLAlchemy, maybe Alembic) is
imported and opened after the window has painted.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roundtable import __version__
from roundtable.errors import DatabaseError
from roundtable_ui.main_window import MainWindow

if TYPE_CHECKING:
    from roundtable.storage.db import Database

log = logging.getLogger("roundtable_ui.app")

APP_NAME = "Roundtable"
#: One application id, shared by the .desktop file, the AppStream metainfo and Qt.
APP_ID = "org.roundtable.Roundtable"
ORGANISATION_DOMAIN = "roundtable.org"
LOG_FILENAME = "roundtable.log"
#: ``1``: quit as soon as the window has opened its database and painted (exit code 0),
#: or with exit code 1 if the database cannot be opened. For installer smoke tests.
QUIT_AFTER_START_ENV = "ROUNDTABLE_QUIT_AFTER_START"

# Dialogs without a parent must be referenced somewhere or Python collects them.
_open_dialogs: list[QDialog] = []
# Every uncaught error reported in this process ("Type: message"), for the smoke test.
_reported_errors: list[str] = []


def run(db_spec: str | None) -> int:
    """Run the desktop app on the database ``db_spec`` (``None``: the usual one); exit code."""
    log_file = _configure_logging()
    app = create_application()
    install_excepthook(log_file)
    quit_after_start = os.environ.get(QUIT_AFTER_START_ENV, "").strip() == "1"
    window = start(db_spec, interactive=not quit_after_start)
    if window is None:
        return 1
    if quit_after_start:
        quitter = _QuitWhenPainted(window)
        window.update()
    code = app.exec()
    if quit_after_start and quitter.errors:
        code = 1  # an error reached the crash dialog: the smoke test must not pass
    if QGuiApplication.platformName() == "offscreen":
        # Qt's offscreen clipboard, still holding rich text we copied, crashes the
        # process on exit; a headless session has no one to paste it anyway.
        QGuiApplication.clipboard().clear()
    return code


def create_application() -> QApplication:
    """The QApplication with Roundtable's names and icon (reused if one exists)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setOrganizationDomain(ORGANISATION_DOMAIN)
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    from roundtable_ui import i18n

    i18n.install_translators(app)  # before any widget is built: widgets translate once
    return app


def app_icon() -> QIcon:
    """Roundtable's icon, from the shipped SVG."""
    return resource_icon("roundtable.svg")


def resource_icon(name: str) -> QIcon:
    """An icon from the SVG ``name`` in resources/icons (the app's, a sidebar page's)."""
    from roundtable.resources_access import resource_files

    icon_file = resource_files() / "icons" / name
    if isinstance(icon_file, Path):
        return QIcon(str(icon_file))  # scales the SVG to every size asked for
    pixmap = QPixmap()  # resources inside a zip: render once from the bytes
    pixmap.loadFromData(icon_file.read_bytes(), "SVG")
    return QIcon(pixmap)


def start(db_spec: str | None, *, interactive: bool = True) -> MainWindow | None:
    """Show the main window, then open the database into it.

    The first time an empty database is opened the demo scenario is loaded, so
    a new user sees what the app is for. Returns ``None`` (after telling the
    user why: in a message box, or when not ``interactive`` on stderr) when the
    database cannot be opened.
    """
    window = MainWindow()
    window.show()
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Opening the database…")
    )
    QCoreApplication.processEvents()  # paint now, before the slow imports below

    from roundtable.storage.db import open_database

    try:
        database = open_database(db_spec)
    except DatabaseError as exc:
        window.close()
        title = QCoreApplication.translate("app", "Cannot open the database")
        if interactive:
            show_critical(None, title, str(exc))
        else:
            print(f"{title}: {exc}", file=sys.stderr)
        return None
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(database.close)
    demo_loaded = load_demo_on_first_run(database)
    window.set_database(database)
    if demo_loaded:
        message = QCoreApplication.translate(
            "MainWindow",
            "Welcome! This is a demo scenario to explore; your own data goes here too.",
        )
    elif database.backup_path is not None:
        message = QCoreApplication.translate(
            "MainWindow", "Upgraded the database; the old one is kept at %1."
        )
        message = message.replace("%1", str(database.backup_path))
    else:
        message = ""
    window.statusBar().showMessage(message)
    return window


def load_demo_on_first_run(database: Database) -> bool:
    """Load the demo scenario if the database holds nothing at all; whether it did."""
    from roundtable import demo

    loaded = demo.load_demo_on_first_run(database)
    if loaded:
        log.info("first run: loaded the demo scenario into %s", database.description)
    return loaded


class _QuitWhenPainted(QObject):
    """Ends the event loop once ``window`` has painted (``ROUNDTABLE_QUIT_AFTER_START``).

    Exit code 0, or 1 when an uncaught error was reported meanwhile (the app
    would have shown the crash dialog); a window that never paints within
    :attr:`TIMEOUT_MS` ends with exit code 1 too.
    """

    TIMEOUT_MS = 60_000

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.errors = 0
        window.installEventFilter(self)
        QTimer.singleShot(self.TIMEOUT_MS, self._timed_out)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._quit)
        return False

    def _quit(self) -> None:
        self.errors = len(_reported_errors)
        log.info("started and painted; quitting as %s asks", QUIT_AFTER_START_ENV)
        QCoreApplication.exit(0)

    def _timed_out(self) -> None:
        print("The window did not paint within a minute.", file=sys.stderr)
        QCoreApplication.exit(1)


# --- messages ----------------------------------------------------------------


def show_critical(parent: QWidget | None, title: str, text: str) -> None:
    """A modal error message. Tests replace this function so nothing blocks."""
    QMessageBox.critical(parent, title, text)


# --- uncaught errors -------------------------------------------------------------


class ErrorDialog(QDialog):
    """Shows an unexpected error with its details and a button to copy them."""

    def __init__(self, details: str, log_file: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        self.details = details
        intro = self.tr(
            "Roundtable ran into an error it did not expect. You can keep working; "
            "if something looks wrong, restart the app. Please send the details "
            "below with a bug report."
        )
        if log_file is not None:
            intro += " " + self.tr("They are also in the log file %1.").replace("%1", str(log_file))
        label = QLabel(intro, self)
        label.setWordWrap(True)
        text = QPlainTextEdit(details, self)
        text.setAccessibleName(self.tr("Details of the error"))
        text.setReadOnly(True)
        text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(640, 400)

    def copy_details(self) -> None:
        """Put the details on the clipboard."""
        QGuiApplication.clipboard().setText(self.details)


def report_uncaught(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    log_file: Path | None = None,
) -> ErrorDialog | None:
    """Log an uncaught error and show it in an :class:`ErrorDialog`; the app keeps running."""
    if issubclass(exc_type, KeyboardInterrupt):
        QCoreApplication.quit()
        return None
    log.critical("uncaught error", exc_info=(exc_type, exc, tb))
    _reported_errors.append(f"{exc_type.__name__}: {exc}")
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return None
    details = (
        f"Roundtable {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n\n"
        + "".join(traceback.format_exception(exc_type, exc, tb))
    )
    dialog = ErrorDialog(details, log_file, QApplication.activeWindow())
    _open_dialogs.append(dialog)
    dialog.finished.connect(lambda _result: _open_dialogs.remove(dialog))
    dialog.open()  # window-modal but not blocking: the event loop goes on
    return dialog


def install_excepthook(log_file: Path | None = None) -> None:
    """Route uncaught errors to :func:`report_uncaught` instead of ending the app."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        try:
            report_uncaught(exc_type, exc, tb, log_file)
        except Exception:  # the dialog itself failed: fall back to the plain report
            sys.__excepthook__(exc_type, exc, tb)

    sys.excepthook = hook


def _configure_logging() -> Path | None:
    """Log to a rotating file in the per-user log folder; return its path (None if impossible)."""
    from platformdirs import user_log_path

    root = logging.getLogger()
    if not root.handlers:
        # Adding the file handler below would silence Python's last-resort
        # handler, so warnings still reach a terminal, when there is one.
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        root.addHandler(console)
    for name in ("roundtable", "roundtable_ui"):  # our INFO lines; libraries stay at WARNING
        ours = logging.getLogger(name)
        if ours.level == logging.NOTSET:
            ours.setLevel(logging.INFO)
    try:
        folder = user_log_path(APP_NAME, appauthor=False)
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / LOG_FILENAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:
        log.warning("cannot write a log file: %s", exc)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return folder / LOG_FILENAME
