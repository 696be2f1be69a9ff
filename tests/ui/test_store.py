"""The store: writes are saved at once, undo and redo go through the core, failures surface."""

from __future__ import annotations

import pytest

from roundtable import context
from roundtable.errors import ValidationError
from roundtable.people import actions as people_actions
from roundtable.people import organisations, persons
from roundtable.people import queries as people_queries
from roundtable.privacy import actions as privacy_actions
from roundtable.privacy import retention
from roundtable_ui.store import Store


def _names(store: Store) -> list[str]:
    return [row.name for row in store.read(people_queries.list_organisations)]


def test_run_saves_at_once_and_undo_redo_follow(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    with qtbot.waitSignal(store.changed) as blocker:
        org_id = store.run(people_actions.create_organisation("Bits of Freedom"))
    assert blocker.args == [frozenset({"organisations"})]
    assert _names(store) == ["Bits of Freedom"]
    assert store.undo_stack.undoText() == "New organisation “Bits of Freedom”"

    store.undo_stack.undo()
    assert _names(store) == []
    store.undo_stack.redo()
    assert _names(store) == ["Bits of Freedom"]
    assert isinstance(org_id, int)


def test_a_refused_change_is_not_pushed(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    with pytest.raises(ValidationError) as caught:
        store.run(people_actions.create_organisation("   "))
    assert caught.value.field == "name"
    assert store.undo_stack.count() == 0
    assert _names(store) == []


def test_a_failed_undo_is_reported_and_dropped(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    org_id = store.run(people_actions.create_organisation("Amnesty"))
    # Someone else renames it meanwhile: undoing the creation would lose their change.
    with context.acting_as("alice"), sqlite_db.transaction() as session:
        organisations.update_organisation(
            session, organisations.get_organisation(session, org_id), name="Amnesty NL"
        )
    with qtbot.waitSignal(store.failed) as blocker:
        store.undo_stack.undo()
    assert "changed since by alice" in str(blocker.args[0])
    assert store.undo_stack.count() == 0  # the obsolete command was removed
    assert _names(store) == ["Amnesty NL"]


# --- Store.run: the core's actions ------------------------------------------------------


def _person(store: Store, name: str) -> int:
    with store.database.transaction() as session:
        return int(persons.create_person(session, name).id)


def test_run_saves_at_once_and_undo_redo_rewind_the_change_set(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    with qtbot.waitSignal(store.changed) as blocker:
        assert store.run(privacy_actions.set_retention(36)) is None
    assert blocker.args == [frozenset({"settings", "people", "audit"})]
    assert store.read(retention.retention_months) == 36
    assert store.undo_stack.undoText() == "Retention period 36 months"
    with qtbot.waitSignal(store.changed):
        store.undo_stack.undo()
    assert store.read(retention.retention_months) == 24
    store.undo_stack.redo()
    assert store.read(retention.retention_months) == 36


def test_run_pushes_nothing_for_a_refused_action(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    with pytest.raises(ValidationError) as caught:
        store.run(privacy_actions.set_retention(500))
    assert caught.value.field == "months"
    assert store.undo_stack.count() == 0


def test_an_action_that_only_records_keeps_the_history(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    anna = _person(store, "Anna de Wit")
    store.run(privacy_actions.set_retention(36))
    with qtbot.waitSignal(store.changed) as blocker:
        store.run(privacy_actions.record_access_export(anna, ["a.json", "a.html"]))
    assert blocker.args == [frozenset({"audit"})]
    assert store.undo_stack.count() == 1  # not pushed, and nothing forgotten
    assert store.undo_stack.undoText() == "Retention period 36 months"


def test_an_erasure_forgets_the_undo_history(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    """Older steps could bring the old details back, and may no longer apply."""
    store = Store(sqlite_db)
    anna = _person(store, "Anna de Wit")
    store.run(privacy_actions.keep([anna], name="Anna de Wit"))
    assert store.undo_stack.count() == 1
    with qtbot.waitSignal(store.changed) as blocker:
        (plan,) = store.run(privacy_actions.erase([anna]))
    assert {"people", "invitations", "statements"} <= blocker.args[0]
    assert plan.label == f"Erased person #{anna}"
    assert store.undo_stack.count() == 0
