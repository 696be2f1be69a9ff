"""Exporting contacts, and the contacts and privacy entries of the People page.

The save question is answered by replacing
:func:`ui.dialogs.contacts_export.choose_export_file`; the written files are
read back through the core's own import. The privacy and duplicates dialogs
belong to other modules: the page's entries are checked to call them, with
stand-ins put in their place.
"""

from __future__ import annotations

import errno
import json
import sys
import types
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable import files
from roundtable.contacts import reading
from roundtable.people import organisations, persons
from roundtable.privacy import audit_log
from roundtable.storage.db import Database
from roundtable.storage.models import AuditEntry, Person
from roundtable_ui.dialogs import contacts_export
from roundtable_ui.dialogs.contacts_export import CSV, VCARD, export_contacts, format_for
from roundtable_ui.dialogs.contacts_import import ContactsImportDialog
from roundtable_ui.main_window import MainWindow
from roundtable_ui.messages import ScriptedResponder, use_responder
from roundtable_ui.pages.people_page import PeoplePage
from roundtable_ui.pages.privacy_page import PrivacyPage
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

DATA = Path(__file__).resolve().parent.parent / "data" / "contacts"
WAIT_MS = 20_000


@pytest.fixture
def store(sqlite_db: Database) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        privacy_first = organisations.create_organisation(session, "Privacy First")
        persons.create_person(
            session,
            "Jan de Vries",
            email="jan@privacyfirst.example",
            organisation=privacy_first,
            role='=HYPERLINK("http://evil.example")',
        )
        persons.create_person(session, "Anna de Wit", email="anna@privacyfirst.example")
        persons.create_person(session, "Kofi Mensah", email="kofi@example.org", phone="+31 6 1")
        gone = persons.create_person(session, "Erased Person", email="gone@example.org")
        gone.erased_at = datetime(2026, 11, 1, tzinfo=UTC)
    store = Store(sqlite_db)
    yield store
    store.undo_stack.clear()


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    window = QMainWindow()
    qtbot.addWidget(window)
    return window


def _answer(monkeypatch: pytest.MonkeyPatch, path: Path | None, fmt: str = CSV) -> list[str]:
    """Answer the save question with ``path`` as ``fmt``; returns the names suggested."""
    suggested: list[str] = []

    def choose(_parent: Any, name: str) -> tuple[Path, str] | None:
        suggested.append(name)
        return None if path is None else (path, fmt)

    monkeypatch.setattr(contacts_export, "choose_export_file", choose)
    return suggested


def _ids(store: Store, *names: str) -> list[int]:
    return store.read(
        lambda s: [s.scalars(select(Person.id).where(Person.name == n)).one() for n in names]
    )


def _exports(store: Store) -> list[dict[str, Any]]:
    return store.read(
        lambda s: [
            json.loads(e.detail)
            for e in s.scalars(select(AuditEntry))
            if e.action == "contacts.export"
        ]
    )


def test_export_everyone_as_csv_writes_a_safe_file_and_says_so(
    window: QMainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "people.csv"
    suggested = _answer(monkeypatch, target, CSV)
    with use_responder(ScriptedResponder()) as responder:
        assert export_contacts(store, window, None) == target
    assert responder.errors == []
    assert suggested == ["people"]
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text  # neutralised: a spreadsheet shows it, never runs it
    assert "Erased Person" not in text and "gone@example.org" not in text
    source = reading.read_contacts_file(target)
    names = {row.cells[0] for row in source.rows}
    assert names == {"Jan de Vries", "Anna de Wit", "Kofi Mensah"}
    assert window.statusBar().currentMessage() == f"Exported 3 people to {target}."
    assert _exports(store) == [{"format": "csv", "count": 3, "file": "people.csv"}]
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind


def test_export_the_selected_people_as_vcard_from_the_people_page(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = PeoplePage(store)
    qtbot.addWidget(page)
    page.show()
    target = tmp_path / "chosen.vcf"
    _answer(monkeypatch, target, VCARD)
    # One selected person: Export still writes everyone.
    page.people.select_where(lambda r: r.name == "Anna de Wit")
    assert page.people_to_export() is None
    assert page.people.select_where(lambda r: r.name in {"Anna de Wit", "Kofi Mensah"}) == 2
    assert sorted(page.people_to_export() or []) == sorted(
        _ids(store, "Anna de Wit", "Kofi Mensah")
    )
    assert "2 selected" in page.export_action.toolTip()
    with use_responder(ScriptedResponder()) as responder:
        page.export_action.trigger()
    assert responder.errors == []
    text = target.read_text(encoding="utf-8")
    assert text.count("BEGIN:VCARD") == 2
    assert "VERSION:3.0" in text
    assert "FN:Anna de Wit" in text and "FN:Kofi Mensah" in text
    assert "Jan de Vries" not in text
    source = reading.read_contacts_file(target)
    assert source.kind == "vcard" and len(source.rows) == 2
    # The page is not in a main window: the summary comes in a small box.
    boxes = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not page]
    assert any("Exported 2 people to" in getattr(w, "text", lambda: "")() for w in boxes)
    for box in boxes:
        box.close()
    assert _exports(store) == [{"format": "vcard", "count": 2, "file": "chosen.vcf"}]


def test_a_full_disk_keeps_the_old_file_and_records_nothing(
    window: QMainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "people.csv"
    target.write_text("the export of last week", encoding="utf-8")
    _answer(monkeypatch, target, CSV)

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with use_responder(ScriptedResponder()) as responder:
        assert export_contacts(store, window, None) is None
    (message,) = responder.errors
    assert message.startswith(
        f"Could not write “people.csv” in {tmp_path}: No space left on device."
    )
    assert "a file already there was left as it was" in message
    assert target.read_text(encoding="utf-8") == "the export of last week"
    assert not list(tmp_path.glob(".*.part"))
    assert _exports(store) == []
    assert window.statusBar().currentMessage() == ""


def test_a_folder_that_does_not_exist_is_named_in_the_message(
    window: QMainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gone" / "people.vcf"
    _answer(monkeypatch, target, VCARD)
    with use_responder(ScriptedResponder()) as responder:
        assert export_contacts(store, window, None) is None
    (message,) = responder.errors
    assert "“people.vcf”" in message and str(tmp_path / "gone") in message
    assert _exports(store) == []


def test_nobody_to_export_writes_no_file(
    window: QMainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "erased.csv"
    _answer(monkeypatch, target, CSV)
    with use_responder(ScriptedResponder()) as responder:
        assert export_contacts(store, window, _ids(store, "Erased Person")) is None
    assert responder.errors == [
        "There is nobody to export (erased people are always left out). No file was written."
    ]
    assert not target.exists()
    # Cancelling the save question does nothing at all.
    _answer(monkeypatch, None)
    with use_responder(ScriptedResponder()) as responder:
        assert export_contacts(store, window, None) is None
    assert responder.errors == []
    assert _exports(store) == []


def test_the_format_follows_the_suffix_typed_else_the_filter() -> None:
    assert contacts_export.export_filters() == {
        "CSV for spreadsheets (*.csv)": CSV,
        "vCard (*.vcf *.vcard)": VCARD,
    }
    assert format_for(Path("a.csv"), "vCard (*.vcf *.vcard)") == CSV
    assert format_for(Path("a.VCF"), "CSV for spreadsheets (*.csv)") == VCARD
    assert format_for(Path("a.vcard"), "") == VCARD
    assert format_for(Path("people"), "vCard (*.vcf *.vcard)") == VCARD
    assert format_for(Path("people"), "CSV for spreadsheets (*.csv)") == CSV
    assert format_for(Path("people.txt"), "") == CSV  # the first format


def test_the_save_question_offers_the_core_formats_and_adds_the_suffix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    offered: list[str] = []

    def answer(_parent: Any, _title: str, _name: str, filters: str) -> tuple[str, str]:
        offered.extend(filters.split(";;"))
        return str(tmp_path / "people"), offered[1]

    monkeypatch.setattr(file_dialogs.QFileDialog, "getSaveFileName", answer)
    assert contacts_export.choose_export_file(None, "people") == (
        tmp_path / "people.vcf",
        VCARD,
    )
    assert offered == ["CSV for spreadsheets (*.csv)", "vCard (*.vcf *.vcard)"]


def test_an_export_from_the_window_shows_in_the_privacy_pages_audit_log(
    qtbot: QtBot,
    store: Store,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The export's audit row is announced: the Privacy page's audit log shows it at once."""
    main = MainWindow()
    qtbot.addWidget(main)
    main.set_database(sqlite_db)
    main.show()
    main.show_page("privacy")
    privacy = main.page("privacy")
    assert isinstance(privacy, PrivacyPage)
    privacy.show_audit_log()

    def exports_shown() -> list[str]:
        return [r.summary for r in privacy.audit.table.rows() if r.action == "contacts.export"]

    assert exports_shown() == []
    main.show_page("people")
    people = main.page("people")
    assert isinstance(people, PeoplePage)
    assert main.store is not None
    announced: list[frozenset[str]] = []
    main.store.changed.connect(announced.append)
    target = tmp_path / "everyone.vcf"
    _answer(monkeypatch, target, VCARD)
    with use_responder(ScriptedResponder()) as responder:
        qtbot.mouseClick(people.export_button, Qt.MouseButton.LeftButton)
    assert responder.errors == []
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3
    assert announced == [frozenset({"audit"})]
    assert main.store.undo_stack.count() == 0  # nothing to undo: the file is out there
    main.show_page("privacy")
    assert len(exports_shown()) == 1
    assert "everyone.vcf" in exports_shown()[0]
    assert [r.action for r in store.read(audit_log.list_audit_entries)][:1] == ["contacts.export"]


# -- the People page's entries ---------------------------------------------------------------
@pytest.fixture
def page(qtbot: QtBot, store: Store) -> PeoplePage:
    page = PeoplePage(store)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    return page


def _stand_in(monkeypatch: pytest.MonkeyPatch, module: str, function: str) -> list[tuple[Any, ...]]:
    """Put a module with a recording ``function`` in place of ``ui.dialogs.<module>``."""
    calls: list[tuple[Any, ...]] = []
    fake = types.ModuleType(f"roundtable_ui.dialogs.{module}")
    setattr(fake, function, lambda *args: calls.append(args) or "opened")
    monkeypatch.setitem(sys.modules, f"roundtable_ui.dialogs.{module}", fake)
    return calls


def test_the_page_offers_import_export_duplicates_and_privacy(
    page: PeoplePage, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    merge = _stand_in(monkeypatch, "merge_people", "open_merge_dialog")
    access = _stand_in(monkeypatch, "privacy_access", "export_subject_access")
    erase = _stand_in(monkeypatch, "privacy_erase", "erase_person_interactively")

    texts = [a.text() for a in page.context_menu().actions() if not a.isSeparator()]
    assert texts == [
        "Edit…",
        "E&xport contacts…",
        "&Subject access report…",
        "&Erase personal data…",
        "Find &duplicates…",
        "&Import contacts…",
    ]
    more = page.more_button.menu()
    assert more is not None
    assert page.duplicates_action in more.actions()
    assert page.import_button.text() == "Import contacts…"
    assert page.export_button.text() == "Export contacts…"

    # Nothing selected: the privacy entries wait for one person.
    assert not page.access_action.isEnabled() and not page.erase_action.isEnabled()
    page.duplicates_action.trigger()
    assert merge == [(store, page)]

    (kofi,) = _ids(store, "Kofi Mensah")
    page.people.select_where(lambda r: r.name == "Kofi Mensah")
    assert page.access_action.isEnabled() and page.erase_action.isEnabled()
    page.access_action.trigger()
    page.erase_action.trigger()
    assert access == [(store, kofi, page)]
    assert erase == [(store, kofi, page)]

    # An erased person has nothing left to report or erase.
    page.people.select_where(lambda r: r.name == "Erased Person")
    assert not page.access_action.isEnabled() and not page.erase_action.isEnabled()
    assert "was erased" in page.access_action.toolTip()
    assert page.subject_access_report() is None and page.erase_personal_data() is None
    assert len(access) == 1 and len(erase) == 1
    # Two people: also disabled (one person at a time).
    page.people.select_where(lambda r: r.name in {"Kofi Mensah", "Anna de Wit"})
    assert not page.erase_action.isEnabled()


def _drag(mime: QMimeData) -> QDragEnterEvent:
    return QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_dropping_a_contacts_file_on_the_page_opens_the_preview(
    qtbot: QtBot, page: PeoplePage, store: Store, tmp_path: Path
) -> None:
    reply = tmp_path / "reply.ics"
    reply.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    only_reply, with_contacts = _mime(reply), _mime(reply, DATA / "vcard4.vcf")
    refused = _drag(only_reply)
    page.dragEnterEvent(refused)
    assert not refused.isAccepted()  # left for the main window (calendar replies)
    offered = _drag(with_contacts)
    page.dragEnterEvent(offered)
    assert offered.isAccepted()

    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        with_contacts,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(drop)
    assert drop.isAccepted()
    dialog = page.import_dialog
    assert isinstance(dialog, ContactsImportDialog)
    assert dialog.path == DATA / "vcard4.vcf"
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert {r.name for r in dialog.rows()} == {"Amélie Durand", "Kofi Mensah"}
    # Kofi is in the database already, with another address: a new person.
    with qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        dialog.import_button.click()
    names = {r.name for r in page.people.rows()}
    assert {"Amélie Durand", "Kofi Mensah"} <= names  # the page refreshed itself
    assert store.undo_stack.undoText() == "Import 2 contacts from vcard4.vcf"
