"""Help > About Roundtable: version, licence, and where the data is kept.

Besides the name, version and licence it lists every place Roundtable keeps
something of the user's (the open database, the per-user data folder, the log
file, the templates folder), each with an "Open folder" button, and the Qt and
Python versions; "Copy details" puts all of it on the clipboard for a bug
report.
"""

from __future__ import annotations

import html
import platform
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roundtable import __version__
from roundtable_ui import messages
from roundtable_ui.app import APP_NAME, LOG_FILENAME, app_icon

if TYPE_CHECKING:
    from roundtable.storage.db import Database

LICENCE_ID = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


@dataclass(frozen=True)
class Place:
    """One place the app keeps something: a label, what to show, and the folder to open."""

    label: str
    shown: str
    #: The folder "Open folder" opens; ``None`` for a database on a server.
    folder: Path | None


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the desktop's file manager (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def data_folder() -> Path:
    """The per-user data folder (where the default database lives)."""
    from roundtable.storage.urls import default_database_path

    return default_database_path().parent


def log_file() -> Path:
    """The app's log file in the per-user log folder (see ``ui.app``)."""
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False) / LOG_FILENAME


def templates_folder() -> Path:
    """The user's own templates folder, which overrides the built-in templates."""
    from roundtable.publishing.templates import user_template_dir

    return user_template_dir()


def versions_line() -> str:
    """``Qt 6.8.1 (PySide6 6.8.1), Python 3.11.2, Linux``."""
    return (
        f"Qt {qVersion()} (PySide6 {PySide6.__version__}), "
        f"Python {platform.python_version()}, {platform.system() or sys.platform}"
    )


class AboutDialog(QDialog):
    """Name, version, licence, the places the data is kept, versions; Copy details."""

    def __init__(self, database: Database | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Roundtable"))
        self.places = self._places(database)
        #: The "Open folder" button of each place, in :attr:`places` order.
        self.open_buttons: list[QPushButton] = []

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(72, 72))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(
            f"<h2>{html.escape(APP_NAME)}</h2>"
            + html.escape(self.tr("Version %1").replace("%1", __version__)),
            self,
        )
        description = QLabel(self.tr("Plan, attend and report on stakeholder roundtables."), self)
        description.setWordWrap(True)
        self.licence = QLabel(self)
        self.licence.setObjectName("licence")
        self.licence.setWordWrap(True)
        self.licence.setOpenExternalLinks(True)
        self.licence.setTextFormat(Qt.TextFormat.RichText)
        self.licence.setText(
            self.tr(
                'Free software under the <a href="%1">GNU General Public License, '
                "version 3 or later</a> (%2). You may use, study, share and change it."
            )
            .replace("%1", LICENCE_URL)
            .replace("%2", LICENCE_ID.replace("-", "\u2011"))  # no line break inside the id
        )
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(description)
        heading.addWidget(self.licence)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addSpacing(12)
        top.addLayout(heading, 1)

        where = QGroupBox(self.tr("Where your data is kept"), self)
        grid = QGridLayout(where)
        grid.setColumnStretch(1, 1)
        for row, place in enumerate(self.places):
            name = QLabel(place.label + ":", where)
            value = QLabel(place.shown, where)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(self.tr("Open folder"), where)
            button.setEnabled(place.folder is not None)
            if place.folder is None:
                button.setToolTip(self.tr("The database is on a server, not in a folder here."))
            button.clicked.connect(lambda _checked=False, p=place: self.open_place(p))
            self.open_buttons.append(button)
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(button, row, 2)

        self.versions = QLabel(versions_line(), self)
        self.versions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy details"), self)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(where)
        layout.addWidget(self.versions)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

    def _places(self, database: Database | None) -> list[Place]:
        if database is None:
            db_place = Place(self.tr("Database"), self.tr("No database is open"), None)
        else:
            path = database.path
            db_place = Place(
                self.tr("Database"),
                database.description,
                path.parent if path is not None else None,
            )
        logs = log_file()
        return [
            db_place,
            Place(self.tr("Data folder"), str(data_folder()), data_folder()),
            Place(self.tr("Log file"), str(logs), logs.parent),
            Place(self.tr("Templates folder"), str(templates_folder()), templates_folder()),
        ]

    def open_place(self, place: Place) -> None:
        """Open the folder of ``place``, creating the templates or data folder if it is missing."""
        if place.folder is None:
            return
        try:
            place.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            messages.show_error(
                self,
                self.tr("Cannot open the folder"),
                self.tr("%1 cannot be created: %2")
                .replace("%1", str(place.folder))
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        if not open_folder(place.folder):
            messages.show_error(
                self,
                self.tr("Cannot open the folder"),
                self.tr("No file manager opened %1.").replace("%1", str(place.folder)),
            )

    def details(self) -> str:
        """Everything the dialog shows, as plain text for a bug report."""
        licence = self.tr("Licence")
        lines = [
            f"{APP_NAME} {__version__}",
            f"{licence}: {LICENCE_ID}",
            *(f"{place.label}: {place.shown}" for place in self.places),
            versions_line(),
        ]
        return "\n".join(lines)

    def copy_details(self) -> None:
        """Put :meth:`details` on the clipboard."""
        QGuiApplication.clipboard().setText(self.details())
