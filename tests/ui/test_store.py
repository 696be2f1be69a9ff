"""The store: writes are saved at once, undo and redo go through the core, failures surface."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from roundtable.errors import ValidationError
from roundtable.people import organisations, persons
from roundtable.privacy import actions as privacy_actions
from roundtable.privacy import retention
from roundtable.storage.models import Organisation
from ui.store import Store


def _names(store: Store) -> list[str]:
    return store.read(
        lambda s: list(s.scalars(select(Organisation.name).order_by(Organisation.id)))
    )


def test_perform_saves_at_once_and_undo_redo_follow(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    with qtbot.waitSignal(store.changed) as blocker:
        org_id = store.perform(
            "Add organisation",
            lambda s: organisations.create_organisation(s, "Bits of Freedom").id,
            lambda s, oid: s.delete(s.get(Organisation, oid)),
            {"organisations"},
        )
    assert blocker.args == [frozenset({"organisations"})]
    assert _names(store) == ["Bits of Freedom"]
    assert store.undo_stack.undoText() == "Add organisation"

    store.undo_stack.undo()
    assert _names(store) == []
    store.undo_stack.redo()
    assert _names(store) == ["Bits of Freedom"]
    assert isinstance(org_id, int)


def test_a_refused_change_is_not_pushed(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)
    try:
        store.perform(
            "Add organisation",
            lambda s: organisations.create_organisation(s, "   ").id,
            lambda s, oid: None,
            {"organisations"},
        )
    except ValidationError as exc:
        assert exc.field == "name"
    else:  # pragma: no cover - the test fails below
        raise AssertionError("an empty name was accepted")
    assert store.undo_stack.count() == 0
    assert _names(store) == []


def test_a_failed_undo_is_reported_and_dropped(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    store = Store(sqlite_db)

    def refuse(session, value):  # type: ignore[no-untyped-def]
        raise ValidationError("Cannot undo: the record has changed since.")

    store.perform(
        "Add organisation",
        lambda s: organisations.create_organisation(s, "Amnesty").id,
        refuse,
        {"organisations"},
    )
    with qtbot.waitSignal(store.failed) as blocker:
        store.undo_stack.undo()
    assert "changed since" in str(blocker.args[0])
    assert store.undo_stack.count() == 0  # the obsolete command was removed
    assert _names(store) == ["Amnesty"]


def test_perform_final_clears_the_undo_history(qtbot, sqlite_db) -> None:  # type: ignore[no-untyped-def]
    """An erasure or a merge cannot be undone, and older commands could bring data back."""
    store = Store(sqlite_db)
    store.perform(
        "Add organisation",
        lambda s: organisations.create_organisation(s, "Bits of Freedom").id,
        lambda s, oid: s.delete(s.get(Organisation, oid)),
        {"organisations"},
    )
    assert store.undo_stack.count() == 1
    with qtbot.waitSignal(store.changed) as blocker:
        value = store.perform_final(
            lambda s: organisations.create_organisation(s, "Privacy First").id, {"organisations"}
        )
    assert isinstance(value, int)
    assert blocker.args == [frozenset({"organisations"})]
    assert store.undo_stack.count() == 0
    assert _names(store) == ["Bits of Freedom", "Privacy First"]


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
