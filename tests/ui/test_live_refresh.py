"""Views follow other people's changes, and a save that lost a race offers to reload.

A second :class:`Database` on the same file plays the second coordinator.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, select
from sqlalchemy.exc import OperationalError

from roundtable import context
from roundtable.errors import ConcurrentEditError, ValidationError
from roundtable.meetings import lifecycle
from roundtable.privacy import actions as privacy_actions
from roundtable.privacy import retention
from roundtable.storage.changes import ChangeStamp, read_change_marker
from roundtable.storage.db import Database, open_database
from roundtable.storage.models import Base, ChangeMarker, Roundtable
from roundtable_ui import messages
from roundtable_ui.dialogs.conflict import ask_to_reload
from roundtable_ui.live import DEFAULT_INTERVAL_MS, ChangeWatcher
from roundtable_ui.main_window import MainWindow
from roundtable_ui.pages.roundtables_page import RoundtablesPage
from roundtable_ui.widgets.filter_table import FilterTable


@pytest.fixture
def second_user(db_path: Path, sqlite_db: Database) -> Iterator[Database]:
    """Another desktop with the same database open."""
    other = open_database(db_path)
    yield other
    other.close()


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database, clock: datetime) -> MainWindow:
    with sqlite_db.transaction() as session:
        lifecycle.create_roundtable(session, title="Project Clover roundtable")
        lifecycle.create_roundtable(session, title="Hearing on data transfers")
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(sqlite_db)
    window.show_page("roundtables")  # pages are built when first shown
    assert window.watcher is not None
    window.watcher.set_interval(50)
    return window


def roundtable_list(window: MainWindow) -> FilterTable[Any]:
    page = window.page("roundtables")
    assert isinstance(page, RoundtablesPage)
    return page.table


def titles(window: MainWindow) -> list[str]:
    """The titles the roundtables page shows (after its search filter)."""
    return sorted(row.title for row in roundtable_list(window).visible_rows())


def selected_titles(window: MainWindow) -> list[str]:
    return [row.title for row in roundtable_list(window).selected_rows()]


def test_the_window_watches_its_database(window: MainWindow) -> None:
    watcher = window.watcher
    assert watcher is not None and watcher.is_active
    assert window.database is not None
    assert ChangeWatcher(window.database).interval == DEFAULT_INTERVAL_MS == 2000
    assert watcher.last_stamp is not None and watcher.last_stamp.counter == 1


def test_a_roundtable_added_by_someone_else_appears(
    qtbot: QtBot, window: MainWindow, second_user: Database, clock: datetime
) -> None:
    table = roundtable_list(window)
    qtbot.keyClicks(table.search, "clover")
    table.select_where(lambda row: row.title == "Project Clover roundtable")
    assert selected_titles(window) == ["Project Clover roundtable"]
    assert window.watcher is not None

    with qtbot.waitSignal(window.watcher.changed, timeout=5000) as blocker:
        context.set_actor("bob")
        with second_user.transaction() as session:
            lifecycle.create_roundtable(session, title="Clover follow-up meeting")
        context.set_actor(None)  # back to this window's own user

    stamp = blocker.args[0]
    assert isinstance(stamp, ChangeStamp)
    assert (stamp.changed_by, stamp.changed_at) == ("bob", clock)
    assert len(table.rows()) == 3
    # The filter and the selection survive the refresh.
    assert table.search.text() == "clover"
    assert titles(window) == ["Clover follow-up meeting", "Project Clover roundtable"]
    assert selected_titles(window) == ["Project Clover roundtable"]
    assert window.statusBar().currentMessage() == (
        f"Updated: changes by bob at {clock.astimezone():%H:%M}"
    )


def test_own_changes_refresh_without_naming_anyone(
    qtbot: QtBot, window: MainWindow, second_user: Database
) -> None:
    assert window.watcher is not None
    # The same user, on another desktop.
    with qtbot.waitSignal(window.watcher.changed, timeout=5000), second_user.transaction() as s:
        lifecycle.create_roundtable(s, title="Planned by me elsewhere")
    assert "Planned by me elsewhere" in titles(window)
    assert window.statusBar().currentMessage() == ""


def test_this_windows_own_saves_do_not_reload_it(qtbot: QtBot, window: MainWindow) -> None:
    assert window.watcher is not None and window.store is not None
    window.watcher.poll()
    with (
        qtbot.assertNotEmitted(window.watcher.changed, wait=300),
        qtbot.waitSignal(window.store.changed) as shown,  # the pages follow the store's signal
    ):
        window.store.run(privacy_actions.set_retention(36))
        window.watcher.poll()
    assert "settings" in shown.args[0]
    assert window.store.read(retention.retention_months) == 36


def test_reads_elsewhere_do_not_refresh(
    qtbot: QtBot, window: MainWindow, second_user: Database
) -> None:
    assert window.watcher is not None
    with second_user.transaction() as session:
        session.scalars(select(Roundtable)).all()
    with qtbot.assertNotEmitted(window.watcher.changed, wait=300):
        pass
    assert window.watcher.last_stamp is not None and window.watcher.last_stamp.counter == 1


def test_a_database_that_cannot_be_read_is_reported_once(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'not-yet.sqlite3'}")
    try:
        # Not migrated: open_database would make the marker's table.
        watcher = ChangeWatcher(Database(engine.url, engine), interval_ms=50)
        failures: list[str] = []
        watcher.failed.connect(failures.append)
        with caplog.at_level(logging.WARNING, logger="roundtable_ui.live"):
            watcher.start()  # no change_marker table: every read fails
            assert watcher.poll() is None
            assert watcher.poll() is None
            qtbot.wait(200)  # a few timer polls more
        watcher.stop()
        assert watcher.is_failing
        assert watcher.current_interval > 50  # backs off while the database is away
        assert len(failures) == 1
        assert failures[0].startswith("Cannot check for changes by others: ")
        assert "no such table" in failures[0]
        assert len([r for r in caplog.records if r.name == "roundtable_ui.live"]) == 1

        # The database comes back: polling recovers, and the window is told to
        # refresh since it may have missed changes meanwhile.
        Base.metadata.create_all(engine, tables=[ChangeMarker.__table__])  # type: ignore[list-item]
        with engine.begin() as connection:
            connection.execute(ChangeMarker.__table__.insert().values(id=1, counter=7))
        with qtbot.waitSignals([watcher.recovered, watcher.changed], timeout=1000):
            stamp = watcher.poll()
        assert stamp == read_change_marker(engine) and stamp.counter == 7
        assert not watcher.is_failing
        assert watcher.current_interval == watcher.interval == 50
    finally:
        engine.dispose()


def test_the_window_shows_a_polling_failure_in_the_status_bar(window: MainWindow) -> None:
    assert window.watcher is not None
    window.watcher.failed.emit("Cannot check for changes by others: server closed")
    assert window.statusBar().currentMessage() == (
        "Cannot check for changes by others: server closed"
    )
    window.watcher.recovered.emit()
    assert window.statusBar().currentMessage() == ""


def test_a_refresh_that_loses_the_database_is_shown_not_raised(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server went away between the marker's read and the pages' reads."""
    assert window.watcher is not None and window.store is not None
    stamp = ChangeStamp(counter=5, changed_at=None, changed_by="bob")

    def lost(*_args: Any) -> None:
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    monkeypatch.setattr(window.store, "notify_outside_change", lost)
    window.watcher.changed.emit(stamp)
    assert window.statusBar().currentMessage().startswith("Cannot show the latest changes: ")
    assert "server closed the connection" in window.statusBar().currentMessage()

    def bug(*_args: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(window.store, "notify_outside_change", bug)
    with pytest.raises(RuntimeError, match="a bug"):
        window._changed_elsewhere(stamp)


# --- the conflict dialog --------------------------------------------------------------


def _lose_a_race(sqlite_db: Database, second_user: Database) -> ConcurrentEditError:
    """This user edits a roundtable that bob renamed after it was read; the error."""
    with sqlite_db.transaction() as session:
        mine = session.scalars(
            select(Roundtable).where(Roundtable.title == "Project Clover roundtable")
        ).one()
    context.set_actor("bob")
    with second_user.transaction() as session:
        theirs = session.get(Roundtable, mine.id)
        assert theirs is not None
        lifecycle.update_details(session, theirs, title="Project Clover (renamed by bob)")
    context.set_actor(None)
    with pytest.raises(ConcurrentEditError) as caught, sqlite_db.transaction() as session:
        session.add(mine)
        lifecycle.update_details(session, mine, venue="The Hague")
    return caught.value


def test_a_conflict_offers_to_reload_and_reloads(
    window: MainWindow, sqlite_db: Database, second_user: Database
) -> None:
    assert window.watcher is not None
    window.watcher.stop()  # only the dialog may bring the rename in
    error = _lose_a_race(sqlite_db, second_user)
    assert "Project Clover roundtable" in titles(window)

    answers = messages.ScriptedResponder(confirms=[True])
    with messages.use_responder(answers):
        assert window.handle_core_error(error) is True

    assert answers.asked == [("confirm", answers.asked[0][1])]
    shown = answers.asked[0][1]
    assert shown.startswith(
        "“Project Clover (renamed by bob)” was changed by bob at 29 Nov 2026 10:00 "
        "while you were editing it."
    )
    assert "Reload to see the saved version" in shown
    assert "Project Clover (renamed by bob)" in titles(window)
    assert "Project Clover roundtable" not in titles(window)
    assert window.statusBar().currentMessage() == "Reloaded: you now see the saved version."
    with sqlite_db.transaction() as session:  # bob's change stands, this user's is not saved
        venues = session.scalars(select(Roundtable.venue)).all()
    assert "The Hague" not in venues


def test_keeping_my_view_does_not_reload(
    window: MainWindow, sqlite_db: Database, second_user: Database
) -> None:
    assert window.watcher is not None
    window.watcher.stop()
    error = _lose_a_race(sqlite_db, second_user)
    with messages.use_responder(messages.ScriptedResponder(confirms=[False])) as answers:
        assert window.handle_core_error(error) is False
    assert len(answers.asked) == 1
    assert "Project Clover roundtable" in titles(window)


def test_ask_to_reload_passes_the_answer_on() -> None:
    error = ConcurrentEditError(
        "Tech Platform was changed by alice at 29 Nov 2026 09:00 while you were editing it. "
        "Your change was not saved; reload to see theirs.",
        entity_label="Tech Platform",
        changed_by="alice",
    )
    with messages.use_responder(messages.ScriptedResponder(confirms=[True, False])) as answers:
        assert ask_to_reload(None, error) is True
        assert ask_to_reload(None, error) is False
    assert all(text.startswith("Tech Platform was changed by alice") for _, text in answers.asked)


def test_other_core_errors_are_shown_as_they_are(window: MainWindow) -> None:
    with messages.use_responder(messages.ScriptedResponder()) as answers:
        assert window.handle_core_error(ValidationError("A title is required.")) is False
    assert answers.errors == ["A title is required."]
    with pytest.raises(RuntimeError, match="a bug"):
        window.handle_core_error(RuntimeError("a bug"))
