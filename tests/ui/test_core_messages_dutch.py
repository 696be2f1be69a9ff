"""In the Dutch desktop app the core's refusals, shown through the UI, are Dutch too."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from roundtable import demo
from roundtable import i18n as core_i18n
from roundtable_ui import i18n
from roundtable_ui.dialogs.person_dialog import PersonDialog
from roundtable_ui.store import Store


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


def test_installing_the_dutch_interface_switches_the_core_and_removing_it_back(
    qapp: Any,
) -> None:
    assert core_i18n.language() == "en"
    i18n.install_translators(qapp, "nl", pseudo=False)
    assert core_i18n.language() == "nl"
    i18n.install_translators(qapp, "en", pseudo=False)
    assert core_i18n.language() == "en"
    i18n.install_translators(qapp, "nl", pseudo=False)
    i18n.remove_translators(qapp)
    assert core_i18n.language() == "en"


def test_the_person_dialog_shows_the_core_refusals_in_dutch(
    qtbot: Any, qapp: Any, store: Store
) -> None:
    i18n.install_translators(qapp, "nl", pseudo=False)
    dialog = PersonDialog(store, None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    qtbot.keyClicks(dialog.email_edit, "noor@bakker")
    assert dialog.error_text("email") == "'noor@bakker' is geen geldig e-mailadres."
    assert not dialog.ok_button.isEnabled()

    dialog.email_edit.clear()
    qtbot.keyClicks(dialog.email_edit, "MARLOES.vandijk@privacyfirst.example")
    dialog.accept()  # the core refuses the address another person has
    assert dialog.isVisible()
    assert dialog.error_text("email") == (
        "Het e-mailadres MARLOES.vandijk@privacyfirst.example wordt al gebruikt door "
        "Marloes van Dijk."
    )


def test_the_english_interface_keeps_the_english_messages(qtbot: Any, store: Store) -> None:
    dialog = PersonDialog(store, None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    qtbot.keyClicks(dialog.email_edit, "noor@bakker")
    assert dialog.error_text("email") == "'noor@bakker' is not a valid e-mail address."


def test_the_undo_label_of_a_saved_person_is_dutch(qtbot: Any, qapp: Any, store: Store) -> None:
    i18n.install_translators(qapp, "nl", pseudo=False)
    dialog = PersonDialog(store, None)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # OK is the default button
    assert not dialog.isVisible()
    assert store.undo_stack.undoText() == "Nieuwe persoon “Noor Bakker”"


def test_the_erase_dialog_names_fields_and_places_in_dutch(
    qtbot: Any, qapp: Any, store: Store
) -> None:
    from roundtable.people import persons
    from roundtable_ui.dialogs.privacy_erase import ErasePersonDialog

    joris = store.read(lambda s: persons.get_person(s, "joris.hendriks@privacyfirst.example").id)
    i18n.install_translators(qapp, "nl", pseudo=False)
    dialog = ErasePersonDialog(store, joris)
    qtbot.addWidget(dialog)
    fields = [row[0] for row in dialog.fields.rows()]
    assert fields[:2] == ["Naam", "E-mailadres"]
    places = [dialog.texts.index(i, 0).data() for i in range(dialog.texts.rowCount())]
    assert places and all(
        place.startswith("Uitnodiging van Marloes van Dijk voor “") and place.endswith(", notities")
        for place in places
    )
