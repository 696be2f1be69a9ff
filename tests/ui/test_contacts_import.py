"""Importing contacts in the app: the preview, the column mapping, one undoable import.

The dialog reads and plans on a worker thread; the tests wait for its
``planned`` signal (or ``unreadable`` for a broken file), look at what the
preview shows, press Import, and read the database back. Undo and redo go
through the store's undo stack, as Ctrl+Z does in the window.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable.contacts import reading
from roundtable.contacts.layouts import FIELD_LABELS, Field
from roundtable.contacts.planning import RowAction
from roundtable.errors import ContactsError
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import AuditEntry, Organisation, Person
from roundtable_ui.dialogs import contacts_import
from roundtable_ui.dialogs.contacts_import import (
    FIELD_LABELS_FOR_TRANSLATION,
    ContactsImportDialog,
    import_contacts,
)
from roundtable_ui.messages import ScriptedResponder, use_responder
from roundtable_ui.store import Store

DATA = Path(__file__).resolve().parent.parent / "data" / "contacts"
WAIT_MS = 20_000


def _seed(session: Any) -> None:
    """Jan de Vries (no role yet) and Pieter van Dam (as google.csv has him)."""
    privacy_first = organisations.create_organisation(session, "Privacy First")
    tiktok = organisations.create_organisation(session, "TikTok")
    persons.create_person(
        session,
        "Jan de Vries",
        email="jan.devries@privacyfirst.example",
        organisation=privacy_first,
    )
    persons.create_person(
        session,
        "Pieter van Dam",
        email="p.vandam@tiktok.example",
        organisation=tiktok,
        role="Public policy manager",
    )


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        _seed(session)
    store = Store(sqlite_db)
    yield store
    store.undo_stack.clear()


@pytest.fixture(autouse=True)
def _close_left_over_dialogs() -> Iterator[None]:
    """Dialogs opened by import_contacts (not known to qtbot) never outlive their test."""
    yield
    for dialog in _open_import_dialogs():
        dialog.reject()


def _open(qtbot: QtBot, store: Store, path: Path) -> ContactsImportDialog:
    """The dialog on ``path``, shown, once its first plan arrived."""
    dialog = ContactsImportDialog(store, path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.planned, timeout=WAIT_MS):
        dialog.open()
    return dialog


def _people(store: Store) -> dict[str, tuple[str, str, str]]:
    """Everyone as name -> (e-mail, organisation, role)."""

    def read(session: Any) -> dict[str, tuple[str, str, str]]:
        return {
            p.name: (p.email or "", p.organisation.name if p.organisation else "", p.role)
            for p in session.scalars(select(Person))
        }

    return store.read(read)


def _organisations(store: Store) -> set[str]:
    return store.read(lambda s: set(s.scalars(select(Organisation.name))))


def _actions(dialog: ContactsImportDialog) -> dict[int, RowAction]:
    return {row.line: RowAction(row.action) for row in dialog.rows()}


def test_google_csv_preview_shows_layout_counts_and_changes(qtbot: QtBot, store: Store) -> None:
    dialog = _open(qtbot, store, DATA / "google.csv")
    assert not dialog.busy
    assert dialog.windowTitle() == "Import contacts — google.csv"
    info = dialog.file_label.text()
    assert "google.csv" in info
    assert "Layout: Google Contacts" in info
    assert "Encoding: UTF-8" in info
    assert "Separator: comma" in info
    assert _actions(dialog) == {
        2: RowAction.UPDATE,
        4: RowAction.ADD,
        6: RowAction.SKIP,
        7: RowAction.ADD,
    }
    assert dialog.summary_label.text() == (
        "2 to add, 1 to update, 1 skipped as a duplicate; 1 new organisation"
    )
    # The mapping strip: one combo per column, set to the guess, the values as a tooltip.
    strip = dialog.mapping_strip
    assert strip.isVisible()
    assert len(strip.combos) == len(dialog.source.headers)  # type: ignore[union-attr]
    assert strip.combos[0].currentText() == "Name"
    assert strip.combos[4].currentText() == "(not imported)"
    assert "Jan de Vries" in strip.combos[0].toolTip()
    # The update says what changes; the action reads as a word, not a colour only.
    model = dialog.model
    update_row = model.find_row(lambda r: r.line == 2)
    assert model.index(update_row, 1).data() == "Update"
    assert model.index(update_row, 5).data() == (
        "Role: (empty) → Policy officer; Phone: (empty) → +31 20 555 0101"
    )
    assert "Update" in model.index(update_row, 1).data(Qt.ItemDataRole.AccessibleTextRole)
    skip_row = model.find_row(lambda r: r.line == 6)
    assert model.index(skip_row, 5).data() == "already in the database"
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.isDefault()
    # Nothing was written by the preview.
    assert set(_people(store)) == {"Jan de Vries", "Pieter van Dam"}


def test_rejected_rows_say_why_and_the_filter_combo_filters(qtbot: QtBot, store: Store) -> None:
    dialog = _open(qtbot, store, DATA / "invalid-rows.csv")
    assert "Layout: Other — check the columns" in dialog.file_label.text()
    assert dialog.summary_label.text() == (
        "4 to add, 2 skipped as duplicates, 3 rejected; 1 new organisation"
    )
    combo = dialog.table.choice
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["All", "To add", "To update", "Skipped", "Rejected"]
    combo.setCurrentIndex(labels.index("Rejected"))
    rejected = dialog.visible_rows()
    assert [r.line for r in sorted(rejected, key=lambda r: r.line)] == [3, 4, 5]
    reasons = {r.line: r.reason for r in rejected}
    assert reasons[4] == "no name"
    assert "not a valid e-mail address" in reasons[3]
    combo.setCurrentIndex(labels.index("Skipped"))
    assert {r.line for r in dialog.visible_rows()} == {6, 8}
    combo.setCurrentIndex(labels.index("To update"))
    assert dialog.visible_rows() == []
    combo.setCurrentIndex(0)
    # The search box (Ctrl+F) narrows further.
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is dialog.table.search
    qtbot.keyClicks(dialog.table.search, "willem")
    assert {r.line for r in dialog.visible_rows()} == {7, 8, 9}
    # Sortable: by line, descending.
    dialog.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [r.line for r in dialog.visible_rows()] == [9, 8, 7]


def test_changing_a_column_mapping_plans_again(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text(
        "Wie,Adres,Club\n"
        "Femke Jansen,femke@example.org,Bits of Freedom\n"
        "Karel Smit,karel@example.org,Privacy First\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, store, path)
    assert dialog.plan is not None
    assert dialog.plan.mapping == (Field.IGNORE, Field.IGNORE, Field.IGNORE)
    assert set(_actions(dialog).values()) == {RowAction.REJECT}
    assert "No column is mapped to a name" in dialog.warnings_label.text()
    assert not dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.planned, timeout=WAIT_MS):
        dialog.mapping_strip.set_field(0, Field.NAME)
    assert dialog.plan.mapping == (Field.NAME, Field.IGNORE, Field.IGNORE)
    assert set(_actions(dialog).values()) == {RowAction.ADD}
    assert dialog.warnings_label.isHidden()
    assert [r.email for r in dialog.rows()] == ["", ""]
    assert dialog.import_button.isEnabled()

    with qtbot.waitSignal(dialog.planned, timeout=WAIT_MS):
        dialog.mapping_strip.set_field(1, Field.EMAIL)
    with qtbot.waitSignal(dialog.planned, timeout=WAIT_MS):
        dialog.mapping_strip.set_field(2, Field.ORGANISATION)
    assert {r.name: (r.email, r.organisation) for r in dialog.rows()} == {
        "Femke Jansen": ("femke@example.org", "Bits of Freedom"),
        "Karel Smit": ("karel@example.org", "Privacy First"),
    }
    assert dialog.summary_label.text() == "2 to add; 1 new organisation"

    dialog.import_now()
    people = _people(store)
    assert people["Femke Jansen"] == ("femke@example.org", "Bits of Freedom", "")
    assert people["Karel Smit"] == ("karel@example.org", "Privacy First", "")


def test_import_writes_the_plan_and_undo_redo_take_it_back_and_bring_it_back(
    qtbot: QtBot, db: Database
) -> None:
    with db.transaction() as session:
        _seed(session)
    store = Store(db)
    before_people, before_orgs = _people(store), _organisations(store)
    dialog = _open(qtbot, store, DATA / "google.csv")
    changed: list[frozenset[str]] = []
    store.changed.connect(changed.append)

    with (
        use_responder(ScriptedResponder()) as responder,
        qtbot.waitSignal(dialog.imported, timeout=WAIT_MS) as imported,
    ):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert responder.errors == []
    result = imported.args[0]
    assert len(result.added) == 2 and len(result.updated) == 1
    assert not dialog.isVisible()
    assert dialog.result_summary == (
        "Imported google.csv: 2 people added, 1 updated, 1 organisation added."
    )
    # The audit log hears of it too (the Privacy page shows the import).
    assert changed == [frozenset({"people", "organisations", "audit"})]

    after = _people(store)
    assert set(after) == {"Jan de Vries", "Pieter van Dam", "Sophie Laurent", "Lotte Bakker"}
    assert after["Jan de Vries"] == (
        "jan.devries@privacyfirst.example",
        "Privacy First",
        "Policy officer",
    )
    assert after["Sophie Laurent"] == (
        "s.laurent@edri.example",
        "European Digital Rights",
        "Senior policy advisor",
    )
    assert after["Lotte Bakker"] == ("", "Privacy First", "")  # the existing organisation
    assert after["Pieter van Dam"] == before_people["Pieter van Dam"]  # skipped: untouched
    assert _organisations(store) == before_orgs | {"European Digital Rights"}
    audit = store.read(
        lambda s: [
            json.loads(e.detail)
            for e in s.scalars(select(AuditEntry))
            if e.action == "contacts.import"
        ]
    )
    assert audit and audit[-1]["added"] == 2

    assert store.undo_stack.count() == 1
    assert store.undo_stack.undoText() == "Import 3 contacts from google.csv"
    store.undo_stack.undo()
    assert _people(store) == before_people
    assert _organisations(store) == before_orgs

    store.undo_stack.redo()
    assert _people(store) == after
    assert _organisations(store) == before_orgs | {"European Digital Rights"}
    store.undo_stack.undo()
    assert _people(store) == before_people
    store.undo_stack.clear()


def test_vcard_file_shows_no_mapping_strip_and_its_warnings(qtbot: QtBot, store: Store) -> None:
    dialog = _open(qtbot, store, DATA / "vcard3.vcf")
    info = dialog.file_label.text()
    assert "Layout: vCard" in info
    assert "Separator" not in info
    assert dialog.mapping_strip.isHidden()
    assert dialog.mapping_title.isHidden()
    assert "1 photo was skipped." in dialog.warnings_label.text()
    assert dialog.summary_label.text() == "4 to add; 4 new organisations"
    names = {r.name for r in dialog.rows()}
    assert "Dr. Jürgen Müller" in names
    dialog4 = _open(qtbot, store, DATA / "vcard4.vcf")
    assert {r.name for r in dialog4.rows()} == {"Amélie Durand", "Kofi Mensah"}


@pytest.mark.parametrize("name", ["broken.vcf", "garbage.csv", "picture.png"])
def test_a_file_that_cannot_be_read_shows_its_message_and_writes_nothing(
    qtbot: QtBot, store: Store, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    shutil.copy(DATA / name, path)
    before = _people(store)
    with use_responder(ScriptedResponder()) as responder:
        dialog = ContactsImportDialog(store, path)
        qtbot.addWidget(dialog)
        with qtbot.waitSignal(dialog.unreadable, timeout=WAIT_MS) as failed:
            dialog.open()
    message = failed.args[0]
    assert message.startswith(name)
    with pytest.raises(ContactsError) as expected:
        reading.read_contacts_file(path)
    assert responder.errors == [str(expected.value)]
    assert not dialog.isVisible()
    assert _people(store) == before
    assert store.undo_stack.count() == 0


def test_a_failed_write_shows_the_error_writes_nothing_and_plans_again(
    qtbot: QtBot, store: Store
) -> None:
    dialog = _open(qtbot, store, DATA / "google.csv")
    # Someone at another desk adds Sophie's address after the preview was made.
    with store.database.transaction() as session:
        persons.create_person(session, "S. Laurent", email="S.Laurent@edri.example")
    before = _people(store)
    before_orgs = _organisations(store)
    with (
        use_responder(ScriptedResponder()) as responder,
        qtbot.waitSignal(dialog.planned, timeout=WAIT_MS),
    ):
        assert dialog.import_now() is None
    assert len(responder.errors) == 1
    assert "Nothing was imported" in responder.errors[0]
    assert "s.laurent@edri.example" in responder.errors[0]
    # All or nothing: Jan was not updated, Lotte not added, no organisation created.
    assert _people(store) == before
    assert _organisations(store) == before_orgs
    assert store.undo_stack.count() == 0
    assert dialog.isVisible()
    # The new preview knows about the other person now.
    assert _actions(dialog)[4] == RowAction.UPDATE


def test_enter_imports_and_escape_cancels(qtbot: QtBot, store: Store) -> None:
    dialog = _open(qtbot, store, DATA / "google.csv")
    dialog.table.view.setFocus()
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        qtbot.keyClick(dialog.table.view, Qt.Key.Key_Return)
    assert "Lotte Bakker" in _people(store)

    other = _open(qtbot, store, DATA / "invalid-rows.csv")
    before = _people(store)
    with qtbot.waitSignal(other.rejected, timeout=WAIT_MS):
        qtbot.keyClick(other, Qt.Key.Key_Escape)
    assert _people(store) == before
    assert store.undo_stack.count() == 1


def test_nothing_to_write_keeps_import_disabled(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "same.csv"
    path.write_text(
        "Name,Email,Organisation,Role\n"
        "Pieter van Dam,p.vandam@tiktok.example,TikTok,Public policy manager\n",
        encoding="utf-8",
    )
    dialog = _open(qtbot, store, path)
    assert _actions(dialog) == {2: RowAction.SKIP}
    assert not dialog.import_button.isEnabled()
    assert dialog.summary_label.text() == ("1 skipped as a duplicate. Nothing would be written.")
    assert dialog.import_now() is None
    assert store.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("name", "named"),
    [
        ("Lotte Bakker", "a person"),  # of Privacy First, which was there before
        # Of European Digital Rights, which the import added: the invitation is on its behalf.
        ("Sophie Laurent", "an organisation"),
    ],
)
def test_undo_refuses_when_an_imported_person_was_invited_since(
    qtbot: QtBot, store: Store, name: str, named: str
) -> None:
    dialog = _open(qtbot, store, DATA / "google.csv")
    dialog.import_now()
    after, after_orgs = _people(store), _organisations(store)
    with store.database.transaction() as session:
        person = session.scalars(select(Person).where(Person.name == name)).one()
        roundtable = lifecycle.create_roundtable(session, title="Follow-up")
        invitations.add_invitation(session, roundtable, person=person)
    failures: list[object] = []
    store.failed.connect(failures.append)
    store.undo_stack.undo()
    assert [str(f) for f in failures] == [
        f"Cannot undo “Import 3 contacts from google.csv”: an invitation added since "
        f"refers to {named}."
    ]
    # Nothing undone, not even Jan's update; the step is dropped from the history.
    assert _people(store) == after
    assert _organisations(store) == after_orgs
    assert store.undo_stack.count() == 0


def test_import_contacts_asks_for_a_file_and_opens_the_preview(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contacts_import, "choose_file", lambda _parent: None)
    assert import_contacts(store, None) is None
    monkeypatch.setattr(contacts_import, "choose_file", lambda _parent: DATA / "outlook.csv")
    dialog = import_contacts(store, None)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert "Layout: Outlook" in dialog.file_label.text()
    assert dialog.summary_label.text() == "3 to add; 2 new organisations"  # TikTok exists
    dialog.reject()


def _open_import_dialogs() -> list[ContactsImportDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, ContactsImportDialog) and w.isVisible()
    ]


def test_several_files_open_one_preview_after_another(qtbot: QtBot, store: Store) -> None:
    # Dialogs opened by import_contacts delete themselves on close: not given to qtbot.
    first = import_contacts(store, None, [DATA / "google.csv", DATA / "invalid-rows.csv"])
    assert first is not None
    assert _open_import_dialogs() == [first]
    qtbot.waitUntil(lambda: not first.busy, timeout=WAIT_MS)
    first.import_now()
    (second,) = _open_import_dialogs()
    assert second.path.name == "invalid-rows.csv"
    qtbot.waitUntil(lambda: not second.busy, timeout=WAIT_MS)
    # Planned after the first import: Lotte Bakker's organisation spelling exists now.
    assert _actions(second)[2] == RowAction.ADD
    assert "Bits of Freedom" in second.plan.new_organisations  # type: ignore[union-attr]
    second.reject()
    assert _open_import_dialogs() == []


def test_a_big_file_is_read_and_planned_off_the_main_thread(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    lines = ["Name,Email,Organisation,Role"]
    lines += [f"Person {i},person{i}@example.org,Org {i % 50},Role {i % 7}" for i in range(6000)]
    path.write_text("\n".join(lines), encoding="utf-8")
    dialog = ContactsImportDialog(store, path)
    qtbot.addWidget(dialog)
    ticks: list[bool] = []
    timer = QTimer(dialog)
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(dialog.busy))
    timer.start()
    with qtbot.waitSignal(dialog.planned, timeout=WAIT_MS):
        dialog.open()
        assert dialog.busy
        assert dialog.busy_bar.isVisible()
        assert dialog.busy_label.text() == "Reading big.csv…"
        assert not dialog.import_button.isEnabled()
    timer.stop()
    # A timer tick seen while busy means the event loop ran while the worker read.
    busy_ticks = ticks.count(True)
    assert busy_ticks > 0, "the window handled no events while the file was read"
    assert dialog.busy_bar.isHidden()
    assert len(dialog.rows()) == 6000
    assert dialog.summary_label.text() == "6000 to add; 50 new organisations"


def test_field_labels_are_marked_for_translation() -> None:
    assert tuple(FIELD_LABELS.values()) == FIELD_LABELS_FOR_TRANSLATION


def test_render_the_dialog(qtbot: QtBot, store: Store) -> None:
    """A picture of the preview, to look at (and to catch a dialog that cannot paint)."""
    dialog = _open(qtbot, store, DATA / "semicolon-cp1252.csv")
    assert "Encoding: Windows-1252" in dialog.file_label.text()
    assert "Separator: semicolon" in dialog.file_label.text()
    QApplication.processEvents()  # let the strip lay out its scroll bar before the picture
    image = dialog.grab()
    assert not image.isNull()
    assert image.save("/tmp/contacts_import_dialog.png")
    google = _open(qtbot, store, DATA / "google.csv")
    QApplication.processEvents()
    assert google.grab().save("/tmp/contacts_import_google.png")
