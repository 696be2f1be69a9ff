"""The actions on questions and minutes, and the queries of their tabs.

Every action here is run as the app and the command line run it, through
:func:`roundtable.actions.perform`; undo and redo are the generic ones of
:mod:`roundtable.actions`. Each test checks what the database holds.
(``tests/core/test_every_action.py`` proves do → undo → redo for each action
on the demo data; these tests check what the lists look like in between.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, select

from roundtable import actions, i18n
from roundtable.enums import NoteKind, QuestionStatus
from roundtable.errors import NotFoundError, UndoConflictError, ValidationError
from roundtable.meetings import lifecycle, minutes, minutes_queries, questions
from roundtable.meetings import minutes_actions as m
from roundtable.meetings.minutes_queries import PartyChoice, party_choices, roundtable_minutes
from roundtable.people import organisations, persons
from roundtable.privacy import erasure
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import ActionItem, MinuteNote, Person

pytestmark = pytest.mark.usefixtures("clock")


def _export(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        document = export_database(session)
    document.pop("audit_log")
    return document


@pytest.fixture
def ids(db: Database) -> dict[str, Any]:
    """One roundtable with three questions, three agenda items, notes and action items."""
    with db.transaction() as session:
        ngo = organisations.create_organisation(session, "Privacy First", kind="ngo", is_own=True)
        company = organisations.create_organisation(session, "TikTok", kind="company")
        jan = persons.create_person(
            session, "Jan de Vries", email="jan@example.org", organisation=ngo
        )
        eva = persons.create_person(session, "Eva Jansen", email="eva@example.org")
        roundtable = lifecycle.create_roundtable(session, title="Project Clover", host=company)
        asked = [
            questions.add_question(session, roundtable, text, asked_by_person=jan)
            for text in ("Where is the data?", "Who audits?", "Which law applies?")
        ]
        agenda = [
            minutes.add_agenda_item(session, roundtable, title)
            for title in ("Welcome", "Data flows", "Next steps")
        ]
        notes = [
            minutes.add_minute_note(session, agenda[1], "Data stays in Europe."),
            minutes.add_minute_note(
                session, agenda[1], "Audit by a third party.", kind=NoteKind.DECISION
            ),
            minutes.add_minute_note(session, agenda[1], "Off the record.", speaker_person=eva),
        ]
        under = minutes.add_action_item(
            session, roundtable, "Send the audit report", agenda_item=agenda[1]
        )
        loose = minutes.add_action_item(
            session, roundtable, "Book a room", owner_organisation=company
        )
        return {
            "roundtable": roundtable.id,
            "questions": [q.id for q in asked],
            "agenda": [i.id for i in agenda],
            "notes": [n.id for n in notes],
            "under": under.id,
            "loose": loose.id,
            "jan": jan.id,
            "eva": eva.id,
            "ngo": ngo.id,
            "company": company.id,
        }


def _questions(db: Database, roundtable_id: int) -> list[minutes_queries.QuestionRow]:
    return db.read(minutes_queries.list_questions, roundtable_id)


def _agenda(db: Database, roundtable_id: int) -> list[minutes_queries.AgendaItemRow]:
    return db.read(minutes_queries.minutes, roundtable_id)


# ======================================================================================
# Moves keep the positions 0..n-1
# ======================================================================================


def test_moving_a_question_renumbers_the_list_and_undo_puts_it_back(
    db: Database, ids: dict[str, Any]
) -> None:
    first, second, third = ids["questions"]
    done = actions.perform(db, m.move_question(first, 2))
    assert done.action.label == "Move question"
    rows = _questions(db, ids["roundtable"])
    assert [(q.id, q.position) for q in rows] == [(second, 0), (third, 1), (first, 2)]
    actions.undo(db, done)
    rows = _questions(db, ids["roundtable"])
    assert [(q.id, q.position) for q in rows] == [(first, 0), (second, 1), (third, 2)]
    # A position past the end is clamped to the last place.
    actions.perform(db, m.move_question(first, 99))
    assert [q.position for q in _questions(db, ids["roundtable"])] == [0, 1, 2]
    assert _questions(db, ids["roundtable"])[-1].id == first


def test_moving_agenda_items_and_notes_renumbers_them(db: Database, ids: dict[str, Any]) -> None:
    welcome, data, steps = ids["agenda"]
    actions.perform(db, m.move_agenda_item(steps, 0))
    agenda = _agenda(db, ids["roundtable"])
    assert [(i.id, i.position) for i in agenda] == [(steps, 0), (welcome, 1), (data, 2)]

    a, b, c = ids["notes"]
    done = actions.perform(db, m.move_note(c, 0))
    notes = next(i for i in _agenda(db, ids["roundtable"]) if i.id == data).notes
    assert [(n.id, n.position) for n in notes] == [(c, 0), (a, 1), (b, 2)]
    actions.undo(db, done)
    notes = next(i for i in _agenda(db, ids["roundtable"]) if i.id == data).notes
    assert [(n.id, n.position) for n in notes] == [(a, 0), (b, 1), (c, 2)]


def test_deleting_a_question_renumbers_and_undo_brings_it_back_in_its_place(
    db: Database, ids: dict[str, Any]
) -> None:
    first, second, third = ids["questions"]
    before = _export(db)
    done = actions.perform(db, m.delete_question(second))
    assert [(q.id, q.position) for q in _questions(db, ids["roundtable"])] == [
        (first, 0),
        (third, 1),
    ]
    actions.undo(db, done)
    assert _export(db) == before
    assert [q.id for q in _questions(db, ids["roundtable"])] == [first, second, third]


# ======================================================================================
# An agenda item goes with its notes; its action items stay
# ======================================================================================


def test_deleting_an_agenda_item_takes_its_notes_and_undo_brings_everything_back(
    db: Database, ids: dict[str, Any]
) -> None:
    welcome, data, steps = ids["agenda"]
    before = _export(db)
    done = actions.perform(db, m.delete_agenda_item(data))
    assert done.kinds >= {"minutes", "action_items"}

    agenda = _agenda(db, ids["roundtable"])
    assert [(i.id, i.position) for i in agenda] == [(welcome, 0), (steps, 1)]
    with db.transaction() as session:
        assert session.scalars(select(MinuteNote.id)).all() == []
        under = session.get(ActionItem, ids["under"])
        assert under is not None and under.agenda_item_id is None  # kept, under no item

    actions.undo(db, done)
    assert _export(db) == before
    agenda = _agenda(db, ids["roundtable"])
    assert [i.id for i in agenda] == [welcome, data, steps]
    assert [n.id for n in agenda[1].notes] == ids["notes"]
    with db.transaction() as session:
        assert session.get(ActionItem, ids["under"]).agenda_item_id == data

    actions.redo(db, done)
    assert [i.id for i in _agenda(db, ids["roundtable"])] == [welcome, steps]


# ======================================================================================
# Who asked, spoke or owns: plain ids
# ======================================================================================


def test_naming_a_delegation_as_asker_replaces_the_person(
    db: Database, ids: dict[str, Any]
) -> None:
    question = ids["questions"][0]
    actions.perform(db, m.edit_question(question, asked_by_organisation_id=ids["ngo"]))
    row = _questions(db, ids["roundtable"])[0]
    assert (row.asked_by_person_id, row.asked_by_organisation_id) == (None, ids["ngo"])
    assert row.asked_by_name == "Privacy First"

    before = _export(db)
    with pytest.raises(ValidationError) as refused:
        actions.perform(
            db,
            m.edit_question(
                question, asked_by_person_id=ids["jan"], asked_by_organisation_id=ids["ngo"]
            ),
        )
    assert refused.value.field == "asked_by"
    assert _export(db) == before


def test_a_note_and_an_action_item_name_their_people_by_id(
    db: Database, ids: dict[str, Any]
) -> None:
    data = ids["agenda"][1]
    note_id = actions.perform(
        db,
        m.add_note(
            data,
            text="We will publish.",
            kind=NoteKind.DECISION,
            speaker_organisation_id=ids["company"],
            not_for_attribution=True,
        ),
    ).result
    note = next(i for i in _agenda(db, ids["roundtable"]) if i.id == data).notes[-1]
    assert (note.id, note.position, note.kind) == (note_id, 3, NoteKind.DECISION)
    assert (note.speaker_name, note.not_for_attribution) == ("TikTok", True)

    action_id = actions.perform(
        db,
        m.add_action_item(
            ids["roundtable"],
            description="Send the minutes",
            owner_person_id=ids["eva"],
            due_on=date(2026, 12, 15),
            agenda_item_id=data,
        ),
    ).result
    actions.perform(db, m.edit_action_item(action_id, due_on=None, agenda_item_id=None))
    row = next(
        a
        for a in db.read(minutes_queries.list_action_items, ids["roundtable"])
        if a.id == action_id
    )
    assert (row.owner_name, row.due_on, row.agenda_item_id) == ("Eva Jansen", None, None)


def test_ticking_an_action_item_off_and_undoing_it(db: Database, ids: dict[str, Any]) -> None:
    done = actions.perform(db, m.set_action_item_done(ids["loose"], True))
    assert done.action.label == "Mark action item done"
    with db.transaction() as session:
        item = session.get(ActionItem, ids["loose"])
        assert item.done and item.done_at is not None
    actions.undo(db, done)
    with db.transaction() as session:
        item = session.get(ActionItem, ids["loose"])
        assert not item.done and item.done_at is None
    assert m.set_action_item_done(ids["loose"], False).label == "Mark action item open"


# ======================================================================================
# Refusals
# ======================================================================================


def test_a_record_deleted_elsewhere_is_refused_plainly(db: Database, ids: dict[str, Any]) -> None:
    data = ids["agenda"][1]
    actions.perform(db, m.delete_agenda_item(data))
    before = _export(db)
    with pytest.raises(NotFoundError, match="The agenda item no longer exists"):
        actions.perform(db, m.add_note(data, text="Too late"))
    with pytest.raises(NotFoundError, match="The note no longer exists"):
        actions.perform(db, m.edit_note(ids["notes"][0], text="Too late"))
    assert _export(db) == before
    with db.transaction() as session:
        persons.delete_person(session, session.get(Person, ids["eva"]))
    before = _export(db)
    with pytest.raises(NotFoundError, match="The person no longer exists"):
        actions.perform(db, m.edit_question(ids["questions"][0], asked_by_person_id=ids["eva"]))
    assert _export(db) == before


def test_an_empty_question_is_refused_at_its_field(db: Database, ids: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.perform(db, m.add_question(ids["roundtable"], text="   "))
    assert refused.value.field == "text"
    assert len(_questions(db, ids["roundtable"])) == 3


def test_an_action_item_under_another_roundtables_agenda_item_is_refused(
    db: Database, ids: dict[str, Any]
) -> None:
    with db.transaction() as session:
        other = lifecycle.create_roundtable(session, title="Another one")
        elsewhere = minutes.add_agenda_item(session, other, "Elsewhere").id
    with pytest.raises(ValidationError) as refused:
        actions.perform(db, m.edit_action_item(ids["under"], agenda_item_id=elsewhere))
    assert refused.value.field == "agenda_item"
    assert str(refused.value) == "The agenda item “Elsewhere” belongs to another roundtable."
    i18n.set_language("nl")
    with pytest.raises(ValidationError, match="hoort bij een ander rondetafelgesprek"):
        actions.perform(
            db,
            m.add_action_item(ids["roundtable"], description="x", agenda_item_id=elsewhere),
        )


def test_undoing_a_note_deletion_is_refused_once_its_speaker_is_gone(
    db: Database, ids: dict[str, Any]
) -> None:
    spoken = ids["notes"][2]  # said by Eva
    done = actions.perform(db, m.delete_note(spoken))
    with db.transaction() as session:
        persons.delete_person(session, session.get(Person, ids["eva"]))
    before = _export(db)
    with pytest.raises(UndoConflictError, match="Cannot undo “Delete note”"):
        actions.undo(db, done)
    assert _export(db) == before


def test_an_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="a question has no field position"):
        m.edit_question(1, position=2)
    with pytest.raises(ValueError, match="a note has no field speaker"):
        m.edit_note(1, speaker="Eva")
    with pytest.raises(ValueError, match="an action item has no field done"):
        m.edit_action_item(1, done=True)
    with pytest.raises(ValueError, match="nothing to change"):
        m.edit_question(1)


# ======================================================================================
# Labels (what Edit > Undo shows)
# ======================================================================================


def test_labels_name_the_change() -> None:
    assert m.edit_question(1, answer="Yes").label == "Edit answer"
    assert m.edit_question(1, status=QuestionStatus.ANSWERED).label == "Mark question as answered"
    assert m.edit_question(1, status="withdrawn").label == "Mark question as withdrawn"
    assert m.edit_question(1, text="Why?", status="asked").label == "Edit question"
    assert m.add_note(1, text="x", kind=NoteKind.DECISION).label == "Add decision"
    assert m.add_note(1, text="x").label == "Add note"
    i18n.set_language("nl")
    assert m.edit_question(1, status="answered").label == "Vraag markeren als beantwoord"
    assert m.delete_agenda_item(1).label == "Agendapunt verwijderen"


# ======================================================================================
# Queries
# ======================================================================================


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.strip().upper() != "BEGIN":  # SQLite's, emitted with the first query
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_party_choices_are_people_by_name_then_organisations(
    db: Database, ids: dict[str, Any]
) -> None:
    with db.transaction() as session:
        erased = persons.create_person(session, "Aaron Erased", email="aaron@example.org")
        erasure.erase_person(session, erased)
    choices = db.read(party_choices)
    assert choices == [
        PartyChoice(person_id=ids["eva"], organisation_id=None, name="Eva Jansen"),
        PartyChoice(
            person_id=ids["jan"],
            organisation_id=None,
            name="Jan de Vries",
            organisation_name="Privacy First",
        ),
        PartyChoice(person_id=None, organisation_id=ids["ngo"], name="Privacy First"),
        PartyChoice(person_id=None, organisation_id=ids["company"], name="TikTok"),
    ]
    assert [c.name for c in db.read(party_choices, organisations=False)] == [
        "Eva Jansen",
        "Jan de Vries",
    ]


def test_the_queries_cost_the_same_few_statements_however_much_there_is(
    db: Database, ids: dict[str, Any]
) -> None:
    def cost(query: Any, *args: Any) -> int:
        with db.transaction() as session, _counting(db) as statements:
            query(session, *args)
        return len(statements)

    small = (cost(party_choices), cost(roundtable_minutes, ids["roundtable"]))
    with db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, ids["roundtable"])
        item = minutes.add_agenda_item(session, roundtable, "More")
        for n in range(20):
            person = persons.create_person(session, f"Person {n}", email=f"p{n}@example.org")
            organisations.create_organisation(session, f"Organisation {n}")
            minutes.add_minute_note(session, item, f"Note {n}", speaker_person=person)
            minutes.add_action_item(session, roundtable, f"Action {n}", owner_person=person)
    assert (cost(party_choices), cost(roundtable_minutes, ids["roundtable"])) == small
    assert small == (2, 3)

    read = db.read(roundtable_minutes, ids["roundtable"])
    assert [i.title for i in read.agenda] == ["Welcome", "Data flows", "Next steps", "More"]
    assert len(read.agenda[3].notes) == 20
    assert len(read.action_items) == 22
