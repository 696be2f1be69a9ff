"""Edit > Preferences…: the settings table, the dialog built from it, and saving."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from roundtable_ui import i18n, settings
from roundtable_ui.dialogs.settings_dialog import SettingsDialog
from roundtable_ui.main_window import MainWindow
from roundtable_ui.settings import Setting

#: A table with one setting of every kind, to show the dialog follows the table.
EXAMPLES = (
    settings.LANGUAGE,
    Setting("test/flag", bool, False, "A flag", tip="On or off"),
    Setting("test/count", int, 5, "A count", minimum=1, maximum=10),
    Setting("test/name", str, "Alice", "A name"),
)


def test_the_language_setting_is_declared_once_with_its_choices() -> None:
    assert settings.setting("interface/language") is settings.LANGUAGE
    assert settings.LANGUAGE in settings.SETTINGS
    assert settings.LANGUAGE.choice_values() == ["system", *i18n.LANGUAGES]
    assert settings.value(settings.LANGUAGE) == "system"  # the default
    with pytest.raises(KeyError, match="There is no setting called 'interface/colour'"):
        settings.setting("interface/colour")


def test_values_are_checked_before_anything_is_written() -> None:
    with pytest.raises(ValueError, match="Interface language is one of system, en, nl, not 'fr'"):
        settings.set_value(settings.LANGUAGE, "fr")
    assert QSettings().value(settings.LANGUAGE.key) is None
    flag, count, _name = EXAMPLES[1:]
    assert settings.check(flag, "true") is True
    assert settings.check(count, "7") == 7
    with pytest.raises(ValueError, match="A flag is on or off"):
        settings.check(flag, "maybe")
    with pytest.raises(ValueError, match="A count must be between 1 and 10, not 11"):
        settings.check(count, 11)
    with pytest.raises(ValueError, match="A count is a whole number"):
        settings.check(count, "many")


def test_a_broken_stored_value_falls_back_to_the_default() -> None:
    QSettings().setValue(settings.LANGUAGE.key, "tlh")
    assert settings.value(settings.LANGUAGE) == "system"
    settings.set_value(settings.LANGUAGE, "nl")
    assert settings.value(settings.LANGUAGE) == "nl"


def test_the_dialog_has_one_editor_per_setting_of_the_right_kind(qtbot: QtBot) -> None:
    dialog = SettingsDialog(items=EXAMPLES)
    qtbot.addWidget(dialog)
    kinds = [type(dialog.editors[item.key]) for item in EXAMPLES]
    assert kinds == [QComboBox, QCheckBox, QSpinBox, QLineEdit]
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    assert labels == ["Interface language:", "A flag:", "A count:", "A name:"]
    assert dialog.editors["test/flag"].toolTip() == "On or off"
    combo = dialog.editors["interface/language"]
    assert isinstance(combo, QComboBox)
    system = i18n.LANGUAGES[i18n.system_language()]
    assert [combo.itemText(i) for i in range(combo.count())] == [
        f"As the system ({system})",
        "English",
        "Nederlands",
    ]
    spin = dialog.editors["test/count"]
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 10, 5)


def test_save_writes_what_changed_with_its_type(qtbot: QtBot) -> None:
    dialog = SettingsDialog(items=EXAMPLES)
    qtbot.addWidget(dialog)
    dialog.set_edited_value("test/flag", True)
    dialog.set_edited_value("test/count", 8)
    dialog.accept()
    assert dialog.saved_keys == ["test/flag", "test/count"]
    flag, count, name = EXAMPLES[1:]
    assert (settings.value(flag), settings.value(count), settings.value(name)) == (True, 8, "Alice")
    assert QSettings().value(name.key) is None  # unchanged: not written


def test_choosing_dutch_says_it_shows_after_a_restart_and_is_saved(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restart_note.isVisible()
    dialog.set_edited_value("interface/language", "nl")
    assert dialog.restart_note.isVisible()
    assert dialog.restart_note.text() == "The new language shows when you start Roundtable again."
    dialog.set_edited_value("interface/language", "system")
    assert not dialog.restart_note.isVisible()
    dialog.set_edited_value("interface/language", "nl")
    dialog.accept()
    assert settings.value(settings.LANGUAGE) == "nl"
    assert i18n.current_language() == "en"  # the running app is unchanged
    with pytest.raises(ValueError, match="offers no choice 'fr'"):
        dialog.set_edited_value("interface/language", "fr")


def test_cancel_writes_nothing(qtbot: QtBot) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.set_edited_value("interface/language", "nl")
    dialog.reject()
    assert QSettings().value(settings.LANGUAGE.key) is None


def test_edit_preferences_in_the_main_window(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    action = window.preferences_action
    platform_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
    assert action.shortcuts() == (platform_keys or [QKeySequence("Ctrl+,")])
    assert action in window.menuBar().actions()[1].menu().actions()  # the Edit menu
    action.trigger()
    dialog = window.preferences_dialog
    assert isinstance(dialog, SettingsDialog)
    assert dialog.isVisible()
    dialog.set_edited_value("interface/language", "nl")
    dialog.accept()
    assert settings.value(settings.LANGUAGE) == "nl"
    assert window.statusBar().currentMessage() == (
        "Saved. The new language shows when you start Roundtable again."
    )
    action.trigger()
    assert window.preferences_dialog is not dialog
    window.preferences_dialog.accept()  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "Preferences saved."
