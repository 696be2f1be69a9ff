"""The interface language: chosen from the environment, the setting or the system; Dutch shows Dutch.

Also the start-up smoke test switch ``ROUNDTABLE_QUIT_AFTER_START`` (ui/app.py),
run as a real process in Dutch: the installers' smoke test relies on it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu
from pytestqt.qtbot import QtBot

from roundtable_ui import i18n, settings
from roundtable_ui.dialogs.settings_dialog import SettingsDialog
from roundtable_ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translators(qapp, "nl", pseudo=False) == "nl"
    yield
    i18n.remove_translators(qapp)


def _menus(window: MainWindow) -> dict[str, list[str]]:
    return {
        action.text(): [a.text() for a in action.menu().actions() if not a.isSeparator()]
        for action in window.menuBar().actions()
        if isinstance(action.menu(), QMenu)
    }


def _sidebar(window: MainWindow) -> list[str]:
    return [window.sidebar.item(i).text() for i in range(window.sidebar.count())]


def _buttons(box: QDialogButtonBox) -> set[str]:
    return {button.text() for button in box.buttons()}


# --- choosing the language ----------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("nl_NL", "nl"), ("nl_BE", "nl"), ("en_GB", "en"), ("de_DE", "en"), ("C", "en")],
)
def test_system_locale_picks_a_language_the_interface_speaks(locale: str, expected: str) -> None:
    assert i18n.resolve_language(i18n.SYSTEM, QLocale(locale)) == expected


def test_an_explicit_choice_wins_over_the_system_and_unknown_ones_are_refused() -> None:
    assert i18n.resolve_language("nl", QLocale("en_US")) == "nl"
    assert i18n.resolve_language("en", QLocale("nl_NL")) == "en"
    with pytest.raises(
        ValueError, match="Unknown interface language 'fr'; choose one of system, en, nl"
    ):
        i18n.resolve_language("fr")


def test_the_setting_chooses_and_the_environment_overrides_it(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV)
    settings.set_value(settings.LANGUAGE, "nl")
    assert i18n.chosen_language() == "nl"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "en")
    assert i18n.chosen_language() == "en"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "klingon")  # ignored, with a warning in the log
    assert i18n.chosen_language() == "nl"


def test_system_locale_nl_starts_the_app_in_dutch(tmp_path: Path) -> None:
    """A real start with LANG=nl_NL and no setting: the Dutch .qm and Qt's own are loaded."""
    script = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from PySide6.QtWidgets import QDialogButtonBox\n"
        "from roundtable_ui import app, i18n\n"
        "application = app.create_application()\n"
        "box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)\n"
        "print(i18n.current_language())\n"
        "print(QCoreApplication.translate('MainWindow', '&File'))\n"
        "print(box.buttons()[0].text())\n"
    )
    result = _run_python(script, tmp_path, LANG="nl_NL.UTF-8")
    assert result.stdout.split("\n")[:3] == ["nl", "&Bestand", "Annuleren"]


# --- the Dutch and the English interface -----------------------------------------------


def test_dutch_main_window_menus_sidebar_and_dialog_buttons(qtbot: QtBot, dutch: None) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    menus = _menus(window)
    assert list(menus) == ["&Bestand", "Be&werken", "Beel&d", "&Help"]
    assert menus["&Bestand"] == [
        "&Nieuwe database…",
        "Database &openen…",
        "Agenda-antwoorden &importeren…",
        "&Contacten importeren…",
        "Contacten e&xporteren…",
        "&Afsluiten",
    ]
    assert "&Voorkeuren…" in menus["Be&werken"]
    assert menus["&Help"] == ["&Over Roundtable"]
    assert _sidebar(window) == [
        "Dashboard",
        "Rondetafelgesprekken",
        "Personen & organisaties",
        "Standpunten",
        "Privacy",
    ]
    # The same page title in the View menu keeps its && (a menu shows it as one &).
    assert "Personen && organisaties" in menus["Beel&d"]
    assert window.placeholder.text() == "De database wordt geopend…"
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Voorkeuren"
    assert _buttons(dialog.buttons) == {"Opslaan", "Annuleren"}


def test_dutch_accelerators_are_unique_within_each_menu(qtbot: QtBot, dutch: None) -> None:
    window = MainWindow()
    qtbot.addWidget(window)

    def letter(text: str) -> str:
        plain = text.replace("&&", "")
        return plain[plain.index("&") + 1].lower() if "&" in plain else ""

    bar = [letter(title) for title in _menus(window)]
    assert len(set(bar)) == len(bar) == 4
    for title, items in _menus(window).items():
        letters = [letter(text) for text in items if letter(text)]
        assert len(set(letters)) == len(letters), f"{title}: {items}"


def test_english_main_window(qtbot: QtBot, qapp: QApplication) -> None:
    i18n.install_translators(qapp, "en", pseudo=False)
    window = MainWindow()
    qtbot.addWidget(window)
    assert list(_menus(window)) == ["&File", "&Edit", "&View", "&Help"]
    assert _sidebar(window) == [
        "Dashboard",
        "Roundtables",
        "People & Organisations",
        "Statements",
        "Privacy",
    ]
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert _buttons(dialog.buttons) == {"Save", "Cancel"}


def test_switching_back_to_english_removes_every_dutch_translator(qapp: QApplication) -> None:
    i18n.install_translators(qapp, "nl", pseudo=False)
    assert QCoreApplication.translate("MainWindow", "&Quit") == "&Afsluiten"
    assert QLocale().name().startswith("nl_")  # dates and numbers follow the language
    i18n.install_translators(qapp, "en", pseudo=False)
    assert i18n.current_language() == "en"
    assert QCoreApplication.translate("MainWindow", "&Quit") == "&Quit"
    assert QLocale() == QLocale.system()


def test_a_missing_translation_file_leaves_the_interface_in_english(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "CATALOGUE", "no-such-catalogue")
    i18n.install_translators(qapp, "nl", pseudo=False)
    assert QCoreApplication.translate("MainWindow", "&Quit") == "&Quit"
    assert "no compiled translation" in caplog.text


def test_pseudo_translation_wraps_every_string_but_keeps_shortcuts(
    qtbot: QtBot, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(i18n.PSEUDO_ENV, "1")
    assert i18n.pseudo_translation_wanted()
    i18n.install_translators(qapp, "en")
    window = MainWindow()
    qtbot.addWidget(window)
    assert next(iter(_menus(window))) == "[~~ &File ~~]"
    assert _sidebar(window)[0] == "[~~ Dashboard ~~]"
    assert window.new_db_action.shortcut() == QKeySequence("Ctrl+Shift+N")
    assert not window.preferences_action.shortcut().isEmpty()
    # Strings from the column table (QT_TRANSLATE_NOOP) are wrapped where they are shown.
    assert QCoreApplication.translate("Columns", "Name") == "[~~ Name ~~]"


def test_pseudo_translation_on_top_of_dutch_wins(qapp: QApplication) -> None:
    i18n.install_translators(qapp, "nl", pseudo=True)
    assert QCoreApplication.translate("MainWindow", "&File") == "[~~ &File ~~]"


# --- start-up smoke test (ROUNDTABLE_QUIT_AFTER_START) --------------------------------


def _run_python(script: str, home: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ROUNDTABLE_", "LC_", "LANG"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(REPO),
        **extra,
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


_START = "import sys\nfrom roundtable.cli import main\nsys.exit(main(['--db', sys.argv[-1]]))\n"


def test_quit_after_start_opens_the_database_paints_and_exits_0(tmp_path: Path) -> None:
    database = tmp_path / "smoke.sqlite3"
    result = _run_python(
        _START.replace("sys.argv[-1]", repr(str(database))),
        tmp_path,
        ROUNDTABLE_QUIT_AFTER_START="1",
        ROUNDTABLE_LANGUAGE="nl",
    )
    assert result.returncode == 0, result.stderr
    assert database.exists()  # opened, migrated and given the demo scenario
    log = (tmp_path / "state" / "Roundtable" / "log" / "roundtable.log").read_text()
    assert "interface language: nl" in log
    assert "started and painted" in log


def test_quit_after_start_exits_1_when_the_database_cannot_be_opened(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("shopping list\n", encoding="utf-8")
    result = _run_python(
        _START.replace("sys.argv[-1]", repr(str(not_a_database))),
        tmp_path,
        ROUNDTABLE_QUIT_AFTER_START="1",
        ROUNDTABLE_LANGUAGE="nl",
    )
    assert result.returncode == 1
    # No message box to block a headless run: the reason goes to stderr, in Dutch.
    assert "Kan de database niet openen" in result.stderr
    assert "notes.sqlite3" in result.stderr
    assert not_a_database.read_text(encoding="utf-8") == "shopping list\n"
