"""Calendar in the desktop app: export invitations, notices and cancellations; import replies.

Exports run in a worker thread; the tests answer the folder question by
replacing :func:`ui.dialogs.calendar_export.choose_folder`, the format question
with a scripted responder, and then read every written file back with
icalendar or the ``email`` package. Replies are built here with icalendar as
a client would send them, dropped on the main window, and undone with Ctrl+Z.
"""

from __future__ import annotations

import email
import email.policy
import errno
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from roundtable import files
from roundtable.enums import ChangeSource, InvitationStatus, Party
from roundtable.errors import FileWriteError
from roundtable.meetings import invitations, lifecycle
from roundtable.people import organisations, persons
from roundtable.storage.db import Database
from roundtable.storage.models import Invitation, Roundtable
from roundtable_ui.dialogs import calendar_export, calendar_import
from roundtable_ui.dialogs.calendar_export import EML, ICS, CalendarExporter, format_label
from roundtable_ui.main_window import MainWindow
from roundtable_ui.messages import ScriptedResponder, use_responder
from roundtable_ui.pages.invitations_tab import InvitationsTab
from roundtable_ui.pages.overview_tab import OverviewTab
from roundtable_ui.store import Store

_I = InvitationStatus
#: How long a test waits for an export to finish (the worker is fast; CI may not be).
WAIT_MS = 30_000


@dataclass
class Setup:
    database: Database
    roundtable_id: int
    #: invitee name -> e-mail address ("" for the two without one)
    emails: dict[str, str]


def _build(session: Any) -> tuple[int, dict[str, str]]:
    """42 invitees of a scheduled roundtable (two without an address), all sent."""
    ngo = organisations.create_organisation(session, "Civic Alliance", is_own=True)
    organiser = persons.create_person(
        session, "Rosa Organiser", email="rosa@civic.example", organisation=ngo
    )
    roundtable = lifecycle.create_roundtable(
        session, title="Platform accountability", organiser=organiser, venue="Amsterdam"
    )
    lifecycle.schedule(
        session, roundtable, datetime(2027, 6, 14, 14, 0), datetime(2027, 6, 14, 16, 0)
    )
    emails: dict[str, str] = {}
    for i in range(42):
        # A name with characters no file system likes, to prove the names are made safe.
        name = f"Person {i:02d}" if i != 7 else "Jan/de: Vries?"
        address = "" if i in (3, 4) else f"person{i:02d}@example.org"
        person = persons.create_person(session, name, email=address or None, organisation=ngo)
        invitation = invitations.add_invitation(session, roundtable, person=person)
        invitations.mark_invited(session, invitation)
        emails[name] = address
    session.flush()
    return int(roundtable.id), emails


@pytest.fixture
def setup(sqlite_db: Database, clock: datetime) -> Iterator[Setup]:
    with sqlite_db.transaction() as session:
        roundtable_id, emails = _build(session)
    yield Setup(sqlite_db, roundtable_id, emails)
    # No worker may outlive the database it reads.
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


@pytest.fixture
def store(setup: Setup) -> Iterator[Store]:
    store = Store(setup.database)
    yield store
    store.undo_stack.clear()


@pytest.fixture
def tab(qtbot: QtBot, store: Store, setup: Setup) -> InvitationsTab:
    tab = InvitationsTab(store)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    tab.set_roundtable(setup.roundtable_id)
    return tab


def _folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """Answer the folder question with ``folder``; returns the titles asked."""
    asked: list[str] = []

    def choose(_parent: Any, title: str) -> Path:
        asked.append(title)
        return folder

    monkeypatch.setattr(calendar_export, "choose_folder", choose)
    return asked


def _choose(qtbot: QtBot, tab: InvitationsTab, action: QAction) -> None:
    """Open the tab's Calendar menu and pick ``action`` with the keyboard."""
    menu = tab.calendar_menu
    assert action in menu.actions() and action.isEnabled()
    menu.popup(tab.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible)
    menu.setActiveAction(action)
    qtbot.keyPress(menu, Qt.Key.Key_Return)  # the menu closes before a release
    assert not menu.isVisible()


def _finish(qtbot: QtBot, exporter: CalendarExporter | None) -> calendar_export.ExportResult:
    assert exporter is not None
    qtbot.waitUntil(lambda: exporter.result is not None, timeout=WAIT_MS)
    assert exporter.result is not None
    return exporter.result


def _events(data: bytes) -> tuple[str, list[icalendar.Event]]:
    cal = icalendar.Calendar.from_ical(data)
    return str(cal.get("METHOD", "")), list(cal.walk("VEVENT"))


def _attendees(event: icalendar.Event) -> list[str]:
    value = event.get("ATTENDEE", [])
    values = value if isinstance(value, list) else [value]
    return [str(v).lower().removeprefix("mailto:") for v in values]


def _statuses(database: Database, roundtable_id: int) -> dict[str, InvitationStatus]:
    with database.transaction() as session:
        roundtable = session.get(Roundtable, roundtable_id)
        assert roundtable is not None
        return {inv.invitee_name: inv.status for inv in roundtable.invitations}


# -- export ----------------------------------------------------------------------------------
def test_export_everyone_writes_one_ics_per_invitee_naming_only_them(
    qtbot: QtBot,
    tab: InvitationsTab,
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    asked = _folder(monkeypatch, out)
    before = _statuses(setup.database, setup.roundtable_id)
    assert tab.table.selected_rows() == []
    assert tab.export_action.isEnabled()
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])) as responder:
        _choose(qtbot, tab, tab.export_action)
        result = _finish(qtbot, tab.exporter)
    assert asked and responder.errors == []
    assert result.ok

    files = sorted(out.iterdir())
    assert len(files) == 40
    assert [p.suffix for p in files] == [".ics"] * 40
    # Named by the invitee; the unsafe characters of "Jan/de: Vries?" are gone.
    assert (out / "Person 00.ics").exists()
    assert (out / "Jan de Vries.ics").exists()
    by_address = {address: name for name, address in setup.emails.items() if address}
    seen = set()
    with setup.database.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        uid, sequence = roundtable.uid, roundtable.sequence
    for path in files:
        method, events = _events(path.read_bytes())
        assert method == "REQUEST"
        assert len(events) == 1
        event = events[0]
        assert str(event["UID"]) == uid
        assert int(event.get("SEQUENCE", 0)) == sequence
        attendees = _attendees(event)
        assert len(attendees) == 1, f"{path.name} names {attendees}"
        name = by_address[attendees[0]]
        assert calendar_export.safe_stem(name) + ".ics" == path.name
        seen.add(attendees[0])
    assert len(seen) == 40
    assert not list(out.glob(".*.part"))

    # The summary says how many, where, and who was left out.
    box = tab.exporter.summary_box if tab.exporter else None
    assert box is not None
    assert box.text().startswith(f"40 files written to {out}.")
    assert "2 invitees have no e-mail address and were left out: Person 03, Person 04." in (
        box.text()
    )
    # An export changes nothing in the database and adds nothing to undo.
    assert _statuses(setup.database, setup.roundtable_id) == before
    assert tab._store.undo_stack.count() == 0


def test_export_selection_as_eml_drafts(
    qtbot: QtBot,
    tab: InvitationsTab,
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _folder(monkeypatch, tmp_path)
    wanted = {"Person 10", "Person 11", "Person 12"}
    ids = [r.id for r in tab.rows() if r.name in wanted]
    assert tab.select_ids(ids) == 3
    answers = ["Only the 3 selected invitations", format_label(EML)]
    with use_responder(ScriptedResponder(choices=answers)) as responder:
        _choose(qtbot, tab, tab.export_action)
        result = _finish(qtbot, tab.exporter)
    assert responder.errors == []
    assert responder.asked == [
        ("choice", "Which invitations should be exported?"),
        ("choice", "Export the 3 selected invitations as:"),
    ]
    assert sorted(p.name for p in result.written) == [f"{n}.eml" for n in sorted(wanted)]
    assert sorted(p.name for p in tmp_path.glob("*.eml")) == [f"{n}.eml" for n in sorted(wanted)]
    for name in wanted:
        message = email.message_from_bytes(
            (tmp_path / f"{name}.eml").read_bytes(), policy=email.policy.default
        )
        address = setup.emails[name]
        assert address in str(message["To"])
        assert message["X-Unsent"] == "1"
        parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
        assert len(parts) == 1
        part = parts[0]
        assert part.get_param("method").upper() == "REQUEST"
        method, events = _events(part.get_content().encode("utf-8"))
        assert method == "REQUEST"
        assert _attendees(events[0]) == [address]


def test_a_folder_that_cannot_be_written_shows_a_message(
    qtbot: QtBot,
    tab: InvitationsTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Tests may run as root, who may write anywhere: a file where the folder should be
    # is refused to everyone.
    not_a_folder = tmp_path / "report.pdf"
    not_a_folder.write_bytes(b"%PDF")
    _folder(monkeypatch, not_a_folder)
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])) as responder:
        _choose(qtbot, tab, tab.export_action)
        result = _finish(qtbot, tab.exporter)
    assert result.written == [] and result.error
    assert len(responder.errors) == 1
    message = responder.errors[0]
    assert f"Cannot write into the folder {not_a_folder}" in message
    assert "No file was written." in message
    assert "Nothing else was changed." in message
    assert not_a_folder.read_bytes() == b"%PDF"


def test_a_full_disk_stops_the_export_and_lists_what_was_written(
    qtbot: QtBot,
    tab: InvitationsTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    _folder(monkeypatch, out)
    # An earlier export of the fourth file must survive the failure intact.
    (out / "Person 05.ics").write_bytes(b"earlier export")
    real_write = calendar_export.write_file
    calls: list[Path] = []

    def write_until_full(path: Path, data: bytes) -> bool:
        calls.append(path)
        if len(calls) == 4:
            # What a full disk does: the temporary file is begun, then writing fails.
            (path.parent / f".{path.name}.part").write_bytes(data[:10])
            (path.parent / f".{path.name}.part").unlink()
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(calendar_export, "write_file", write_until_full)
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])) as responder:
        _choose(qtbot, tab, tab.export_action)
        result = _finish(qtbot, tab.exporter)
    assert [p.name for p in result.written] == ["Person 00.ics", "Person 01.ics", "Person 02.ics"]
    message = responder.errors[0]
    assert f"Could not write “Person 05.ics” in {out}: No space left on device." in message
    assert "3 files were written before the problem" in message
    assert "• Person 02.ics" in message
    assert (out / "Person 05.ics").read_bytes() == b"earlier export"
    assert sorted(p.name for p in out.iterdir()) == [
        "Person 00.ics",
        "Person 01.ics",
        "Person 02.ics",
        "Person 05.ics",
    ]


def test_write_file_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "Jan.ics"
    target.write_bytes(b"old")
    assert calendar_export.write_file(target, b"new") is True
    assert target.read_bytes() == b"new"

    def no_space(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(FileWriteError, match="No space"):
        calendar_export.write_file(target, b"newer")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["Jan.ics"]


def test_safe_file_names() -> None:
    namer = calendar_export.FileNamer(".ics")
    assert namer.name("Jan de Vries") == "Jan de Vries.ics"
    assert namer.name("jan de vries") == "jan de vries (2).ics"
    assert namer.name('A/B\\C:D*E?F"G<H>I|J') == "A B C D E F G H I J.ics"
    assert namer.name("  ..hidden.. ") == "hidden.ics"
    assert namer.name("CON") == "_CON.ics"
    assert namer.name("") == "invitee.ics"
    assert namer.name("Łukasz Żółć 王小明") == "Łukasz Żółć 王小明.ics"
    assert len(namer.name("x" * 300)) == calendar_export.MAX_STEM + len(".ics")


def test_withdrawal_notice_for_a_withdrawn_invitee(
    qtbot: QtBot,
    tab: InvitationsTab,
    store: Store,
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with setup.database.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        invitation = next(i for i in roundtable.invitations if i.invitee_name == "Person 20")
        invitations.withdraw(session, invitation, "Seat needed for a speaker", by=Party.HOST)
        withdrawn_id = invitation.id
    store.notify_outside_change()
    tab.select_ids([withdrawn_id])
    assert tab.export_withdrawal_action.isEnabled()
    _folder(monkeypatch, tmp_path)
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])) as responder:
        _choose(qtbot, tab, tab.export_withdrawal_action)
        result = _finish(qtbot, tab.exporter)
    assert responder.errors == []
    assert [p.name for p in result.written] == ["Person 20.ics"]
    method, events = _events((tmp_path / "Person 20.ics").read_bytes())
    assert method == "CANCEL"
    assert _attendees(events[0]) == ["person20@example.org"]
    assert "STATUS" not in events[0]  # the roundtable itself goes ahead

    # Exporting invitations for everyone now leaves the withdrawn invitee out, and says so.
    tab.table.view.clearSelection()
    other = tmp_path / "all"
    other.mkdir()
    _folder(monkeypatch, other)
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])):
        _choose(qtbot, tab, tab.export_action)
        result = _finish(qtbot, tab.exporter)
    assert len(result.written) == 39
    assert not (other / "Person 20.ics").exists()
    assert "1 withdrawn invitee left out" in result.summary()


def test_overview_exports_the_cancellation_and_the_whole_list(
    qtbot: QtBot,
    store: Store,
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    overview = OverviewTab(store)
    qtbot.addWidget(overview)
    overview.show()
    overview.set_roundtable(setup.roundtable_id)
    assert overview.export_whole_list_action.isEnabled()
    assert not overview.export_cancellation_action.isEnabled()

    whole = tmp_path / "whole"
    whole.mkdir()
    _folder(monkeypatch, whole)
    with use_responder(ScriptedResponder()) as responder:
        overview.export_whole_list_action.trigger()
        result = _finish(qtbot, overview.exporter)
    assert responder.errors == []
    assert [p.name for p in result.written] == ["Platform accountability.ics"]
    method, events = _events(result.written[0].read_bytes())
    assert method == "REQUEST"
    assert len(_attendees(events[0])) == 40

    with use_responder(ScriptedResponder(texts=["The minister fell ill"], confirms=[True])):
        assert overview.cancel()
    assert overview.export_cancellation_action.isEnabled()
    assert not overview.export_whole_list_action.isEnabled()

    one = tmp_path / "one"
    one.mkdir()
    _folder(monkeypatch, one)
    label = calendar_export.CANCEL_LABELS[calendar_export.CANCEL_WHOLE]
    with use_responder(ScriptedResponder(choices=[label])) as responder:
        overview.export_cancellation_action.trigger()
        result = _finish(qtbot, overview.exporter)
    assert responder.errors == []
    assert [p.name for p in result.written] == ["Platform accountability (cancelled).ics"]
    method, events = _events(result.written[0].read_bytes())
    assert method == "CANCEL"
    assert str(events[0]["STATUS"]) == "CANCELLED"
    assert len(_attendees(events[0])) == 40

    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _folder(monkeypatch, drafts)
    label = calendar_export.CANCEL_LABELS[calendar_export.CANCEL_DRAFTS]
    with use_responder(ScriptedResponder(choices=[label])) as responder:
        overview.export_cancellation_action.trigger()
        result = _finish(qtbot, overview.exporter)
    assert responder.errors == []
    assert len(result.written) == 40
    message = email.message_from_bytes(
        (drafts / "Person 00.eml").read_bytes(), policy=email.policy.default
    )
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method").upper() == "CANCEL"


# -- import ----------------------------------------------------------------------------------
def _reply(setup: Setup, address: str, partstat: str, name: str = "reply.ics") -> Path:
    """A METHOD:REPLY as a calendar client writes it, for the invitee at ``address``."""
    with setup.database.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        uid, sequence = roundtable.uid, roundtable.sequence
        start = roundtable.starts_at
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN")
    cal.add("version", "2.0")
    cal.add("method", "REPLY")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", datetime(2026, 11, 29, 10, 0, tzinfo=UTC))
    event.add("dtstart", start)
    event.add("summary", "Platform accountability")
    event.add("organizer", icalendar.vCalAddress("mailto:rosa@civic.example"))
    attendee = icalendar.vCalAddress(f"mailto:{address.upper()}")
    attendee.params["PARTSTAT"] = icalendar.vText(partstat)
    attendee.params["CN"] = icalendar.vText("Someone")
    event.add("attendee", attendee, encode=False)
    cal.add_component(event)
    path = setup.database.path.parent / name if setup.database.path else Path(name)
    path.write_bytes(cal.to_ical())
    return path


@pytest.fixture
def window(qtbot: QtBot, setup: Setup) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(setup.database)
    window.show()
    qtbot.waitExposed(window)
    return window


def _mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _drag_enter(mime: QMimeData) -> QDragEnterEvent:
    return QDragEnterEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )


def _status_of(database: Database, name: str) -> tuple[InvitationStatus, list[ChangeSource]]:
    with database.transaction() as session:
        from sqlalchemy import select

        from roundtable.storage.models import Person

        invitation = session.scalars(
            select(Invitation).join(Person).where(Person.name == name)
        ).one()
        return invitation.status, [event.source for event in invitation.history]


def test_drop_a_reply_on_the_window_accepts_and_ctrl_z_undoes(
    qtbot: QtBot, window: MainWindow, setup: Setup, tmp_path: Path
) -> None:
    reply = _reply(setup, "person05@example.org", "ACCEPTED", "Accepted_ Platform.ics")
    other = tmp_path / "notes.txt"
    other.write_text("not a reply")

    # The events do not own their data: keep it alive while they are in use.
    only_text, with_reply = _mime(other), _mime(reply, other)
    refused = _drag_enter(only_text)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    offered = _drag_enter(with_reply)
    window.dragEnterEvent(offered)
    assert offered.isAccepted()

    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        with_reply,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with use_responder(ScriptedResponder()) as responder:
        window.dropEvent(drop)
    assert responder.errors == []
    assert drop.isAccepted()

    status, sources = _status_of(setup.database, "Person 05")
    assert status == _I.ACCEPTED
    assert sources[-1] == ChangeSource.CALENDAR_REPLY
    dialog = window.import_dialog
    assert isinstance(dialog, calendar_import.CalendarImportDialog)
    assert dialog.isVisible()
    assert dialog.summary_label.text() == "1 answer recorded"
    rows = dialog.rows()
    assert [(r.name, r.outcome, r.failed) for r in rows] == [
        ("Accepted_ Platform.ics", "answer", False)
    ]  # the .txt file was not offered to the import at all
    assert "Person 05 accepted" in rows[0].details
    assert dialog.model.data(dialog.model.index(0, 1)) == "Answer recorded"
    dialog.copy_button.click()
    assert "Accepted_ Platform.ics:" in QGuiApplication.clipboard().text()
    dialog.accept()

    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.undo_action.text() == "&Undo Import calendar replies"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    status, sources = _status_of(setup.database, "Person 05")
    assert status == _I.INVITED
    assert ChangeSource.CALENDAR_REPLY not in sources

    window.store.undo_stack.redo()  # Edit > Redo (its keys are issue #13)
    assert _status_of(setup.database, "Person 05")[0] == _I.ACCEPTED


def test_file_menu_import_with_ctrl_i(
    qtbot: QtBot,
    window: MainWindow,
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    declined = _reply(setup, "person06@example.org", "DECLINED", "declined.ics")
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"this is not a calendar")
    stranger = _reply(setup, "stranger@elsewhere.example", "ACCEPTED", "forwarded.ics")
    monkeypatch.setattr(
        calendar_import, "choose_files", lambda _parent: [declined, broken, stranger]
    )
    assert window.import_replies_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.import_replies_action in window.menuBar().actions()[0].menu().actions()
    with use_responder(ScriptedResponder()) as responder:
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert responder.errors == []
    dialog = window.import_dialog
    assert isinstance(dialog, calendar_import.CalendarImportDialog)
    outcomes = {r.name: (r.outcome, r.failed) for r in dialog.rows()}
    assert outcomes == {
        "declined.ics": ("answer", False),
        "broken.ics": ("failed", True),
        "forwarded.ics": ("forwarded", False),
    }
    assert _status_of(setup.database, "Person 06")[0] == _I.DECLINED
    # Nobody was added for the forwarded invitation.
    with setup.database.transaction() as session:
        roundtable = session.get(Roundtable, setup.roundtable_id)
        assert roundtable is not None
        assert len(roundtable.invitations) == 42
    window.undo_action.trigger()
    assert _status_of(setup.database, "Person 06")[0] == _I.INVITED


def test_a_long_export_shows_progress_and_can_be_stopped(
    qtbot: QtBot,
    tab: InvitationsTab,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _folder(monkeypatch, tmp_path)
    real_write = calendar_export.write_file
    release = threading.Event()

    def slow_write(path: Path, data: bytes) -> bool:
        release.wait(5)  # the first file waits until the test has pressed Stop
        return real_write(path, data)

    monkeypatch.setattr(calendar_export, "write_file", slow_write)
    with use_responder(ScriptedResponder(choices=[format_label(ICS)])) as responder:
        _choose(qtbot, tab, tab.export_action)
        exporter = tab.exporter
        assert exporter is not None and exporter.running
        progress = exporter.progress
        assert progress is not None  # 40 files: a progress dialog with a Stop button
        assert progress.maximum() == 40
        qtbot.waitUntil(progress.isVisible, timeout=WAIT_MS)
        stop = next(b for b in progress.findChildren(QPushButton) if b.text() == "Stop")
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
        release.set()
        result = _finish(qtbot, exporter)
    assert responder.errors == []
    assert result.cancelled and not result.error
    assert 1 <= len(result.written) < 40
    assert exporter.progress is None
    assert exporter.summary_box is not None
    assert exporter.summary_box.text().startswith("Stopped on request.")
    assert sorted(p.name for p in tmp_path.glob("*.ics")) == sorted(p.name for p in result.written)


def test_ctrl_z_takes_back_a_host_invitation_import_with_the_replies(
    qtbot: QtBot, window: MainWindow, setup: Setup, tmp_path: Path
) -> None:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    event = icalendar.Event()
    event.add("uid", "040000008200E00074C5B7101A82E008-host-hearing")
    event.add("sequence", 0)
    event.add("dtstamp", datetime(2026, 11, 29, 8, 0, tzinfo=UTC))
    event.add("dtstart", datetime(2027, 2, 3, 13, 0, tzinfo=UTC))
    event.add("dtend", datetime(2027, 2, 3, 15, 0, tzinfo=UTC))
    event.add("summary", "Hearing on platform data")
    organiser = icalendar.vCalAddress("mailto:clerk@parliament.example")
    organiser.params["CN"] = icalendar.vText("Committee Clerk")
    event.add("organizer", organiser, encode=False)
    us = icalendar.vCalAddress("mailto:rosa@civic.example")
    us.params["PARTSTAT"] = icalendar.vText("NEEDS-ACTION")
    event.add("attendee", us, encode=False)
    cal.add_component(event)
    invite = tmp_path / "hearing.ics"
    invite.write_bytes(cal.to_ical())
    reply = _reply(setup, "person08@example.org", "TENTATIVE", "tentative.ics")

    with use_responder(ScriptedResponder()) as responder:
        window.import_calendar_files([invite, reply])
        assert responder.errors == []
        dialog = window.import_dialog
        assert isinstance(dialog, calendar_import.CalendarImportDialog)
        assert {r.name: r.outcome for r in dialog.rows()} == {
            "hearing.ics": "created",
            "tentative.ics": "answer",
        }
        # The summary says what the import did, the host's roundtable included.
        assert dialog.summary_label.text() == "1 answer recorded, 1 roundtable imported"
        hearing = next(r for r in dialog.rows() if r.name == "hearing.ics")
        assert "Imported “Hearing on platform data”" in hearing.details
        dialog.accept()
        assert _status_of(setup.database, "Person 08")[0] == _I.TENTATIVE
        assert "Hearing on platform data" in _titles(setup.database)
        assert _brought_in(setup.database) == (1, 1)  # the clerk and parliament.example
        assert window.undo_action.text() == "&Undo Import calendar replies"

        # One import, one step: Ctrl+Z takes back the reply and the host's roundtable,
        # with the organiser and the host organisation it brought in.
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert responder.errors == []
    assert _status_of(setup.database, "Person 08")[0] == _I.INVITED
    assert "Hearing on platform data" not in _titles(setup.database)
    assert _brought_in(setup.database) == (0, 0)

    window.store.undo_stack.redo()  # Edit > Redo (its keys are issue #13)
    assert _status_of(setup.database, "Person 08")[0] == _I.TENTATIVE
    assert "Hearing on platform data" in _titles(setup.database)
    assert _brought_in(setup.database) == (1, 1)


def _brought_in(database: Database) -> tuple[int, int]:
    """How many people and organisations the host's invitation brought in."""
    with database.transaction() as session:
        from sqlalchemy import func, select

        from roundtable.storage.models import Organisation, Person

        people = session.scalar(
            select(func.count())
            .select_from(Person)
            .where(Person.email == "clerk@parliament.example")
        )
        organisations = session.scalar(
            select(func.count())
            .select_from(Organisation)
            .where(Organisation.name == "parliament.example")
        )
        return int(people or 0), int(organisations or 0)


def _titles(database: Database) -> set[str]:
    with database.transaction() as session:
        from sqlalchemy import select

        return set(session.scalars(select(Roundtable.title)))


def test_the_import_summary_speaks_dutch_in_the_dutch_app(
    request: pytest.FixtureRequest,
    qtbot: QtBot,
    qapp: Any,
    window: MainWindow,
    setup: Setup,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from roundtable_ui import i18n

    i18n.install_translators(qapp, "nl", pseudo=False)
    # The next test must find the app English again, whatever happens here.
    request.addfinalizer(lambda: i18n.remove_translators(qapp))
    tentative = _reply(setup, "person09@example.org", "TENTATIVE", "onder-voorbehoud.ics")
    broken = tmp_path / "kapot.ics"
    broken.write_bytes(b"this is not a calendar")
    monkeypatch.setattr(calendar_import, "choose_files", lambda _parent: [tentative, broken])
    with use_responder(ScriptedResponder()) as responder:
        qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert responder.errors == []
    dialog = window.import_dialog
    assert isinstance(dialog, calendar_import.CalendarImportDialog)
    assert dialog.summary_label.text() == (
        "1 antwoord vastgelegd, 1 bestand kon niet worden gebruikt"
    )
    rows = {r.name: r for r in dialog.rows()}
    assert rows["onder-voorbehoud.ics"].details == (
        "Person 09 heeft zich onder voorbehoud aangemeld voor “Platform accountability”."
    )
    assert rows["kapot.ics"].details.startswith("kapot.ics is geen iCalendar-bestand")
    assert dialog.model.data(dialog.model.index(1, 1)) == "Mislukt"
    dialog.accept()
    assert _status_of(setup.database, "Person 09")[0] == _I.TENTATIVE
