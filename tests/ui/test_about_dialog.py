"""Help > About: version, licence, where the data is kept (with Open folder), versions, Copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from roundtable import __version__
from roundtable.storage.db import Database
from roundtable_ui import i18n, messages
from roundtable_ui.dialogs import about_dialog
from roundtable_ui.dialogs.about_dialog import AboutDialog
from roundtable_ui.main_window import MainWindow
from roundtable_ui.messages import ScriptedResponder


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The folders "Open folder" asked the desktop to show (none is really opened)."""
    folders: list[Path] = []

    def fake_open(folder: Path) -> bool:
        folders.append(folder)
        return True

    monkeypatch.setattr(about_dialog, "open_folder", fake_open)
    return folders


@pytest.fixture
def responder() -> Iterator[ScriptedResponder]:
    with messages.use_responder(ScriptedResponder()) as scripted:
        yield scripted


def _texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_shows_version_licence_database_folders_and_versions(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    dialog = AboutDialog(sqlite_db)
    qtbot.addWidget(dialog)
    text = _texts(dialog)
    assert dialog.windowTitle() == "About Roundtable"
    assert f"Version {__version__}" in text
    assert "Plan, attend and report on stakeholder roundtables." in text
    assert "GNU General Public License, version 3 or later" in dialog.licence.text()
    assert 'href="https://www.gnu.org/licenses/gpl-3.0.html"' in dialog.licence.text()
    assert dialog.licence.openExternalLinks()
    assert sqlite_db.path is not None
    places = {place.label: place for place in dialog.places}
    assert list(places) == ["Database", "Data folder", "Log file", "Templates folder"]
    assert places["Database"].shown == sqlite_db.description
    assert places["Database"].folder == sqlite_db.path.parent
    assert places["Log file"].shown.endswith("roundtable.log")
    assert places["Templates folder"].folder is not None
    assert places["Templates folder"].folder.name == "templates"
    for place in dialog.places:
        assert place.shown in text
    assert f"Qt {qVersion()}" in dialog.versions.text()
    assert "Python 3." in dialog.versions.text()
    assert all(button.isEnabled() for button in dialog.open_buttons)


def test_open_folder_shows_each_place_and_creates_the_templates_folder(
    qtbot: QtBot, sqlite_db: Database, opened: list[Path]
) -> None:
    dialog = AboutDialog(sqlite_db)
    qtbot.addWidget(dialog)
    templates = dialog.places[3].folder
    assert templates is not None and not templates.exists()
    for button in dialog.open_buttons:
        button.click()
    assert opened == [place.folder for place in dialog.places]
    assert templates.is_dir()  # ready for the user's own templates


def test_a_folder_that_will_not_open_is_reported(
    qtbot: QtBot,
    sqlite_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    responder: ScriptedResponder,
) -> None:
    monkeypatch.setattr(about_dialog, "open_folder", lambda folder: False)
    dialog = AboutDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.open_buttons[0].click()
    assert sqlite_db.path is not None
    assert responder.errors == [f"No file manager opened {sqlite_db.path.parent}."]


def test_a_server_database_or_none_has_no_folder_to_open(qtbot: QtBot, opened: list[Path]) -> None:
    server: Any = SimpleNamespace(
        description="postgresql+psycopg://alice@db.example.org/roundtable", path=None
    )
    dialog = AboutDialog(server)
    qtbot.addWidget(dialog)
    assert dialog.places[0].shown == server.description
    assert not dialog.open_buttons[0].isEnabled()
    assert "server" in dialog.open_buttons[0].toolTip()
    dialog.open_place(dialog.places[0])
    assert opened == []

    nothing = AboutDialog(None)
    qtbot.addWidget(nothing)
    assert nothing.places[0].shown == "No database is open"
    assert not nothing.open_buttons[0].isEnabled()


def test_copy_details_puts_everything_on_the_clipboard(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = AboutDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details()
    assert copied.startswith(f"Roundtable {__version__}\nLicence: GPL-3.0-or-later\n")
    assert f"Database: {sqlite_db.description}" in copied
    assert f"Qt {qVersion()}" in copied


def test_help_about_opens_the_dialog_on_the_open_database(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(sqlite_db)
    window.about_action.trigger()
    assert isinstance(window.about_dialog, AboutDialog)
    assert window.about_dialog.isVisible()
    assert window.about_dialog.places[0].shown == sqlite_db.description
    window.about_dialog.close()


def test_the_dutch_about_dialog(qtbot: QtBot, qapp: QApplication, sqlite_db: Database) -> None:
    i18n.install_translators(qapp, "nl", pseudo=False)
    dialog = AboutDialog(sqlite_db)
    qtbot.addWidget(dialog)
    text = _texts(dialog)
    assert dialog.windowTitle() == "Over Roundtable"
    assert f"Versie {__version__}" in text
    assert "versie 3 of later" in dialog.licence.text()
    assert [place.label for place in dialog.places] == [
        "Database",
        "Gegevensmap",
        "Logbestand",
        "Sjablonenmap",
    ]
    assert dialog.open_buttons[0].text() == "Map openen"
    assert dialog.details().split("\n")[1] == "Licentie: GPL-3.0-or-later"
