"""Person and organisation dialogs: live e-mail check, core errors by the field, undo/redo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from roundtable import demo
from roundtable.enums import LawfulBasis, OrganisationKind
from roundtable.storage.models import Organisation, Person
from roundtable_ui.dialogs.organisation_dialog import OrganisationDialog
from roundtable_ui.dialogs.person_dialog import PersonDialog
from roundtable_ui.store import Store


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


def _person(store: Store, name: str) -> dict[str, Any] | None:
    def query(session: Any) -> dict[str, Any] | None:
        person = session.scalars(select(Person).where(Person.name == name)).first()
        if person is None:
            return None
        return {
            "id": person.id,
            "email": person.email,
            "organisation": person.organisation.name if person.organisation else None,
            "role": person.role,
            "preferred_language": person.preferred_language,
            "lawful_basis": person.lawful_basis,
            "consent_note": person.consent_note,
        }

    return store.read(query)


def _dialog(qtbot: Any, store: Store, person_id: int | None = None) -> PersonDialog:
    dialog = PersonDialog(store, person_id)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_required_name_is_marked_and_ok_waits_for_it(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    labels = [
        dialog.form.itemAt(row, dialog.form.ItemRole.LabelRole).widget().text()
        for row in range(dialog.form.rowCount())
    ]
    assert labels[0] == "&Name *"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    assert dialog.ok_button.isEnabled()


def test_invalid_email_is_refused_as_typed_then_saved_when_fixed(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    qtbot.keyClicks(dialog.email_edit, "noor@bakker")
    assert "is not a valid e-mail address" in dialog.error_text("email")
    assert dialog.errors["email"].styleSheet() == "color: #c0392b;"
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # OK is disabled: nothing happens
    assert dialog.isVisible()
    assert _person(store, "Noor Bakker") is None
    assert store.undo_stack.count() == 0

    qtbot.keyClicks(dialog.email_edit, ".example")
    assert dialog.error_text("email") == ""
    assert dialog.ok_button.isEnabled()
    # Organisation by typing part of its name and settling on it; language and basis.
    dialog.organisation_combo.setEditText("Privacy First Foundation")
    dialog.language_combo.setCurrentText("nl")
    dialog.basis_combo.setCurrentIndex(dialog.basis_combo.findData(LawfulBasis.CONSENT))
    dialog.consent_edit.setPlainText("Agreed by e-mail on 2 Nov 2023")
    qtbot.keyClicks(dialog.role_edit, "Researcher")
    dialog.accept()
    assert not dialog.isVisible()
    saved = _person(store, "Noor Bakker")
    assert saved is not None
    assert saved["email"] == "noor@bakker.example"
    assert saved["organisation"] == "Privacy First Foundation"
    assert saved["preferred_language"] == "nl"
    assert saved["lawful_basis"] == LawfulBasis.CONSENT
    assert saved["consent_note"] == "Agreed by e-mail on 2 Nov 2023"
    assert dialog.saved_id == saved["id"]

    store.undo_stack.undo()
    assert _person(store, "Noor Bakker") is None
    store.undo_stack.redo()
    assert _person(store, "Noor Bakker") is not None


def test_duplicate_email_shows_the_core_message_by_the_field(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Someone Else")
    qtbot.keyClicks(dialog.email_edit, "MARLOES.vandijk@privacyfirst.example")
    assert dialog.ok_button.isEnabled()  # the syntax is fine
    dialog.accept()
    assert dialog.isVisible()
    assert "already used by Marloes van Dijk" in dialog.error_text("email")
    assert dialog.error_text() == ""
    assert _person(store, "Someone Else") is None
    assert store.undo_stack.count() == 0


def test_unknown_organisation_text_is_refused_by_its_field(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    dialog.organisation_combo.setEditText("Nonexistent Foundation")
    dialog.accept()
    assert dialog.isVisible()
    assert "New organisation…" in dialog.error_text("organisation")
    assert _person(store, "Noor Bakker") is None


def test_edit_then_undo_and_redo(qtbot: Any, store: Store) -> None:
    before = _person(store, "Joris Hendriks")
    assert before is not None
    dialog = _dialog(qtbot, store, before["id"])
    assert dialog.email_edit.text() == before["email"]
    assert dialog.organisation_combo.currentText() == "Privacy First Foundation"
    dialog.role_edit.clear()
    qtbot.keyClicks(dialog.role_edit, "Head of policy")
    dialog.email_edit.clear()
    qtbot.keyClicks(dialog.email_edit, "joris@privacyfirst.example")
    dialog.accept()
    after = _person(store, "Joris Hendriks")
    assert after is not None
    assert (after["role"], after["email"]) == ("Head of policy", "joris@privacyfirst.example")
    assert store.undo_stack.undoText() == "Edit “Joris Hendriks”"

    store.undo_stack.undo()
    undone = _person(store, "Joris Hendriks")
    assert undone == before
    store.undo_stack.redo()
    assert _person(store, "Joris Hendriks") == after


def test_new_organisation_from_the_person_dialog(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    new_index = dialog.organisation_combo.findText("New organisation…")
    dialog.organisation_combo.activated.emit(new_index)
    org_dialog = dialog.organisation_dialog
    assert org_dialog is not None
    assert dialog.organisation_combo.currentText() == "(no organisation)"
    qtbot.keyClicks(org_dialog.name_edit, "Kids Online Alliance")
    org_dialog.kind_combo.setCurrentIndex(org_dialog.kind_combo.findData(OrganisationKind.NGO))
    org_dialog.accept()
    assert dialog.organisation_combo.currentText() == "Kids Online Alliance"
    dialog.accept()
    saved = _person(store, "Noor Bakker")
    assert saved is not None and saved["organisation"] == "Kids Online Alliance"
    # Two steps: the organisation, then the person.
    assert store.undo_stack.count() == 2


def test_organisation_dialog_create_edit_and_our_mark(qtbot: Any, store: Store) -> None:
    def own() -> list[str]:
        return store.read(
            lambda s: list(s.scalars(select(Organisation.name).where(Organisation.is_own)))
        )

    assert own() == ["Privacy First Foundation"]
    dialog = OrganisationDialog(store)
    qtbot.addWidget(dialog)
    dialog.open()
    label = dialog.form.itemAt(0, dialog.form.ItemRole.LabelRole)
    assert label is not None and label.widget().text() == "&Name *"
    qtbot.keyClicks(dialog.name_edit, "privacy first foundation")
    qtbot.keyClicks(dialog.email_edit, "info at example")
    assert not dialog.ok_button.isEnabled()
    dialog.email_edit.clear()
    assert dialog.ok_button.isEnabled()
    dialog.accept()  # the core refuses the name in another letter case
    assert "already an organisation called" in dialog.error_text("name")
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Our New Home")
    qtbot.keyClicks(dialog.website_edit, "ftp://example.org")
    dialog.accept()
    assert "https://" in dialog.error_text("website")
    dialog.website_edit.setText("https://ournewhome.example")
    dialog.own_check.setChecked(True)
    dialog.accept()
    assert not dialog.isVisible()
    assert own() == ["Our New Home"]
    store.undo_stack.undo()
    assert own() == ["Privacy First Foundation"]
    store.undo_stack.redo()
    assert own() == ["Our New Home"]

    organisation_id = dialog.saved_id
    assert organisation_id is not None
    edit = OrganisationDialog(store, organisation_id)
    qtbot.addWidget(edit)
    assert edit.website_edit.text() == "https://ournewhome.example"
    edit.own_check.setChecked(False)
    edit.kind_combo.setCurrentIndex(edit.kind_combo.findData(OrganisationKind.MEDIA))
    edit.accept()
    kind = store.read(lambda s: s.get(Organisation, organisation_id).kind)
    assert kind == OrganisationKind.MEDIA
    assert own() == []
    store.undo_stack.undo()
    assert own() == ["Our New Home"]


def test_a_bad_email_message_goes_once_it_is_fixed_with_keys(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    qtbot.keyClicks(dialog.email_edit, "noor@@bakker.example")
    assert "is not a valid e-mail address" in dialog.error_text("email")
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Home)
    for _ in range(5):
        qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Right)
    qtbot.keyClick(dialog.email_edit, Qt.Key.Key_Backspace)  # one "@" too many
    assert dialog.email_edit.text() == "noor@bakker.example"
    assert dialog.error_text("email") == ""
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # OK
    assert _person(store, "Noor Bakker")["email"] == "noor@bakker.example"  # type: ignore[index]


def test_a_core_message_goes_when_its_field_is_edited(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    qtbot.keyClicks(dialog.name_edit, "Noor Bakker")
    language = dialog.language_combo.lineEdit()
    assert language is not None
    qtbot.keyClicks(language, "english please")
    dialog.accept()
    assert "is not a language code" in dialog.error_text("preferred_language")
    assert _person(store, "Noor Bakker") is None
    language.selectAll()
    qtbot.keyClicks(language, "en")
    assert dialog.error_text("preferred_language") == ""  # gone as soon as it is fixed
    # A refused organisation's message goes when another is typed or chosen, too.
    dialog.organisation_combo.lineEdit().selectAll()
    qtbot.keyClicks(dialog.organisation_combo.lineEdit(), "Nonexistent Foundation")
    dialog.accept()
    assert "New organisation…" in dialog.error_text("organisation")
    dialog.organisation_combo.lineEdit().selectAll()
    qtbot.keyClick(dialog.organisation_combo.lineEdit(), Qt.Key.Key_Delete)
    assert dialog.error_text("organisation") == ""
    dialog.accept()
    assert _person(store, "Noor Bakker")["preferred_language"] == "en"  # type: ignore[index]


def test_the_organisation_dialog_clears_a_refused_website_when_edited(
    qtbot: Any, store: Store
) -> None:
    dialog = OrganisationDialog(store)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.keyClicks(dialog.name_edit, "Open Data Collective")
    qtbot.keyClicks(dialog.website_edit, "opendata.example")
    dialog.accept()
    assert "https://" in dialog.error_text("website")
    qtbot.keyClick(dialog.website_edit, Qt.Key.Key_Home)
    qtbot.keyClicks(dialog.website_edit, "https://")
    assert dialog.error_text("website") == ""
    dialog.accept()
    assert not dialog.isVisible()
