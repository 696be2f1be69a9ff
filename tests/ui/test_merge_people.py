"""The merge dialog: likely pairs listed, whom to keep, the plan, a confirmed final merge."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from roundtable.enums import InvitationStatus
from roundtable.meetings import invitations, lifecycle
from roundtable.people import actions as people_actions
from roundtable.people import organisations, persons
from roundtable.storage.models import AuditEntry, Invitation, InvitationEvent, Person
from roundtable_ui import messages
from roundtable_ui.dialogs.merge_people import MergePeopleDialog, open_merge_dialog
from roundtable_ui.store import Store

pytestmark = pytest.mark.usefixtures("clock")


def at(day: int) -> datetime:
    return datetime(2026, 11, day, 10, 0, tzinfo=UTC)


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    return Store(sqlite_db)


@pytest.fixture
def pair(store: Store) -> dict[str, int]:
    """Jan de Vries (one invitation) and J. de Vries (two, one to the same roundtable)."""

    def seed(s: Any) -> dict[str, int]:
        privacy = organisations.create_organisation(s, "Privacy First")
        jan = persons.create_person(s, "Jan de Vries", organisation=privacy, notes="Met at CPDP.")
        j = persons.create_person(
            s, "J. de Vries", email="jdevries@home.example", organisation=privacy, phone="112"
        )
        clover = lifecycle.create_roundtable(s, title="Clover", at=at(1))
        horizon = lifecycle.create_roundtable(s, title="Horizon", at=at(1))
        kept = invitations.add_invitation(s, clover, person=jan, at=at(2))
        other = invitations.add_invitation(s, clover, person=j, at=at(3))
        invitations.mark_invited(s, other, at=at(4))
        invitations.record_response(s, other, InvitationStatus.ACCEPTED, at=at(5))
        invitations.mark_invited(s, kept, at=at(6))
        invitations.add_invitation(s, horizon, person=j, at=at(7))
        return {"jan": jan.id, "j": j.id, "kept_invitation": kept.id}

    return _write(store, seed)


def _write(store: Store, work: Any) -> Any:
    with store.database.transaction() as session:
        return work(session)


def _dialog(qtbot: Any, store: Store) -> MergePeopleDialog:
    dialog = MergePeopleDialog(store)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def _count(store: Store, model: Any) -> int:
    return int(store.read(lambda s: s.scalar(select(func.count()).select_from(model))))


def test_the_pair_is_listed_with_the_busier_person_kept_by_default(
    qtbot: Any, store: Store, pair: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, store)
    (candidate,) = dialog.candidates()
    assert {candidate.first_id, candidate.second_id} == {pair["jan"], pair["j"]}

    model = dialog.model
    texts = [model.index(0, column).data() for column in range(model.columnCount())]
    assert texts == [
        "Jan de Vries",
        "",
        "J. de Vries",
        "jdevries@home.example",
        "Privacy First",
        "Initials match",
    ]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Person", "E-mail", "Possible duplicate", "E-mail", "Organisation", "Reason"]
    tooltip = model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole)
    assert (
        tooltip == "Both of Privacy First, names “Jan de Vries” and “J. de Vries” (Initials match)"
    )
    assert dialog.empty_label.isHidden()
    assert not dialog.view.isHidden()

    # J. de Vries has two invitations, Jan one: J. de Vries is offered as the one to keep.
    assert dialog.selected_candidate() == candidate
    assert dialog.keep_second.isChecked()
    assert dialog.keep_second.text() == "J. de Vries <jdevries@home.example>, 2 invitations"
    assert dialog.keep_first.text() == "Jan de Vries (no e-mail), 1 invitation"
    assert dialog.merge_button.isEnabled()
    plan = dialog.plan
    assert plan is not None and (plan.keep_id, plan.other_id) == (pair["j"], pair["jan"])
    text = dialog.plan_label.text()
    assert "“J. de Vries” is kept; “Jan de Vries” is deleted after the merge." in text
    assert "• Notes: (empty) → Met at CPDP." in text
    assert (
        "1 invitation joined with the kept one and 2 history entries move to the person you keep."
        in text
    )
    assert "• “Clover”: the kept invitation stays Accepted" in text
    assert "Not kept, because the kept person has their own:\n• Name: Jan de Vries" in text

    # Choosing the other one changes the plan.
    dialog.keep_first.setChecked(True)
    plan = dialog.plan
    assert plan is not None and (plan.keep_id, plan.other_id) == (pair["jan"], pair["j"])
    text = dialog.plan_label.text()
    assert "• E-mail: (empty) → jdevries@home.example" in text
    assert "• Phone: (empty) → 112" in text
    assert "1 invitation, 1 invitation joined with the kept one and 4 history entries" in text
    assert "the kept invitation stays Invited" in text


def test_a_confirmed_merge_is_final_and_keeps_every_history_row(
    qtbot: Any, store: Store, pair: dict[str, int]
) -> None:
    # Something undoable before: the merge must forget it.
    store.run(people_actions.create_organisation("Bits of Freedom"))
    assert store.undo_stack.count() == 1
    history_before = _count(store, InvitationEvent)
    dialog = _dialog(qtbot, store)
    dialog.keep_first.setChecked(True)  # keep Jan de Vries

    responder = messages.ScriptedResponder(confirms=[True])
    with messages.use_responder(responder), qtbot.waitSignal(store.changed) as changed:
        assert dialog.merge()
    (question,) = [text for kind, text in responder.asked if kind == "confirm"]
    assert question.startswith("Merge “J. de Vries” into “Jan de Vries”?")
    assert "cannot be undone" in question
    assert "people" in changed.args[0] and "invitations" in changed.args[0]

    assert store.undo_stack.count() == 0
    assert _count(store, InvitationEvent) == history_before
    assert store.read(lambda s: s.get(Person, pair["j"])) is None
    jan = store.read(
        lambda s: (lambda p: (p.email, p.phone, len(p.invitations)))(s.get(Person, pair["jan"]))
    )
    assert jan == ("jdevries@home.example", "112", 2)
    kept_status = store.read(lambda s: s.get(Invitation, pair["kept_invitation"]).status)
    assert kept_status == InvitationStatus.INVITED
    assert (
        store.read(
            lambda s: s.scalar(select(AuditEntry.action).where(AuditEntry.entity_id == pair["jan"]))
        )
        == "contacts.merge"
    )

    # The list was read again: nothing is left to merge.
    assert dialog.candidates() == []
    assert not dialog.empty_label.isHidden()
    assert dialog.view.isHidden()
    assert not dialog.merge_button.isEnabled()
    assert dialog.status_label.text() == "Merged “J. de Vries” into “Jan de Vries”."


def test_no_answer_merges_nothing_and_keeps_the_undo_history(
    qtbot: Any, store: Store, pair: dict[str, int]
) -> None:
    store.run(people_actions.create_organisation("Bits of Freedom"))
    dialog = _dialog(qtbot, store)
    with messages.use_responder(messages.ScriptedResponder(confirms=[False])):
        assert not dialog.merge()
    assert store.undo_stack.count() == 1
    assert _count(store, Person) == 2
    assert len(dialog.candidates()) == 1


def test_a_person_deleted_meanwhile_is_reported_and_nothing_is_merged(
    qtbot: Any, store: Store
) -> None:
    ids = _write(
        store,
        lambda s: [
            persons.create_person(s, "Noor Bakker").id,
            persons.create_person(s, "Noor  Bakker", email="noor@example.org").id,
        ],
    )
    dialog = _dialog(qtbot, store)
    assert dialog.select_pair(ids[1], ids[0])
    assert dialog.keep_first.isChecked()  # a tie: the older record is kept
    # Someone else deletes the second one; this window has not heard yet.
    _write(store, lambda s: persons.delete_person(s, s.get(Person, ids[1])))

    with messages.use_responder(messages.ScriptedResponder(confirms=[True])) as responder:
        assert not dialog.merge()
    assert responder.errors == ["One of the two people was deleted meanwhile."]
    assert _count(store, Person) == 1
    assert dialog.candidates() == []  # read again after the refusal


def test_the_empty_state(qtbot: Any, store: Store) -> None:
    _write(store, lambda s: persons.create_person(s, "Jan de Vries"))
    dialog = _dialog(qtbot, store)
    assert dialog.candidates() == []
    assert not dialog.empty_label.isHidden()
    assert dialog.empty_label.text() == "No likely duplicates found."
    assert dialog.view.isHidden()
    assert not dialog.merge_button.isEnabled()
    assert not dialog.keep_box.isEnabled()
    assert dialog.plan_label.text() == ""
    with messages.use_responder(messages.ScriptedResponder(confirms=[True])) as responder:
        assert not dialog.merge()
    assert responder.asked == []


def test_the_list_follows_changes_made_elsewhere(qtbot: Any, store: Store) -> None:
    dialog = _dialog(qtbot, store)
    assert dialog.candidates() == []
    store.run(people_actions.create_person("Vries, Anna de"))
    assert dialog.candidates() == []
    store.run(people_actions.create_person("Anna de Vries"))
    assert [c.match for c in dialog.candidates()] == ["same"]
    assert dialog.model.index(0, 5).data() == "Same name"
    assert dialog.empty_label.isHidden()


def test_open_merge_dialog_opens_it_over_the_parent(qtbot: Any, store: Store) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    open_merge_dialog(store, parent)
    dialog = parent.findChild(MergePeopleDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Merge duplicate people"
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.destroyed):
        dialog.close()
