"""The actions on people and organisations: what they write, their labels, and their undo.

Undo is the change set's (:mod:`roundtable.storage.changesets`): each test does an
action through :func:`roundtable.actions.perform`, undoes it with
:func:`roundtable.actions.undo` and compares the whole export, ids, versions and
change times included.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from roundtable import actions
from roundtable.enums import LawfulBasis, OrganisationKind
from roundtable.errors import NotFoundError, UndoConflictError, ValidationError
from roundtable.meetings import follow_ups, lifecycle, questions
from roundtable.people import actions as people_actions
from roundtable.people import organisations, persons, queries
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import FollowUp, Organisation, Person, Question

pytestmark = pytest.mark.usefixtures("clock")


def _export(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        document = export_database(session)
    document.pop("audit_log")  # an account of what happened, undone steps included
    return document


@pytest.fixture
def ids(db: Database) -> dict[str, int]:
    """Privacy First (ours) with Jan, TikTok, Eva without an organisation; Eva asked a
    question at a roundtable and TikTok is named by a follow-up."""
    with db.transaction() as session:
        ours = organisations.create_organisation(session, "Privacy First", is_own=True)
        company = organisations.create_organisation(session, "TikTok", kind="company")
        jan = persons.create_person(
            session, "Jan de Vries", email="jan@example.org", organisation=ours
        )
        eva = persons.create_person(session, "Eva Jansen", email="eva@example.org")
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        questions.add_question(session, roundtable, "Who audits?", asked_by_person=eva)
        follow_ups.add_follow_up(
            session, roundtable, date(2026, 12, 1), "No answer yet.", organisation=company
        )
        return {"ours": ours.id, "company": company.id, "jan": jan.id, "eva": eva.id}


def test_create_person_returns_the_id_and_undo_takes_them_away(
    db: Database, ids: dict[str, int]
) -> None:
    before = _export(db)
    action = people_actions.create_person(
        "  Noor Bakker ",
        email="noor@example.org",
        organisation_id=ids["company"],
        lawful_basis=LawfulBasis.CONSENT,
    )
    assert action.label == "New person “Noor Bakker”"
    done = actions.perform(db, action)
    person = db.read(queries.person_form, done.result)
    assert (person.name, person.organisation_id) == ("Noor Bakker", ids["company"])
    assert person.lawful_basis is LawfulBasis.CONSENT
    actions.undo(db, done)
    assert _export(db) == before
    with pytest.raises(NotFoundError, match="no longer exists"):
        db.read(queries.person_form, done.result)


def test_an_organisation_deleted_meanwhile_is_refused_by_the_organisation_field(
    db: Database, ids: dict[str, int]
) -> None:
    with pytest.raises(ValidationError, match="deleted meanwhile") as refused:
        actions.perform(db, people_actions.create_person("Noor Bakker", organisation_id=999))
    assert refused.value.field == "organisation"
    with pytest.raises(ValidationError, match="deleted meanwhile"):
        actions.perform(db, people_actions.edit_person(ids["jan"], organisation_id=999))


def test_edit_person_then_undo_puts_every_field_and_the_version_back(
    db: Database, ids: dict[str, int]
) -> None:
    before = _export(db)
    form = db.read(queries.person_form, ids["jan"])
    action = people_actions.edit_person(
        ids["jan"],
        called="Jan de Vries",
        email="jv@example.org",
        organisation_id=None,
        role="Chair",
    )
    assert action.label == "Edit “Jan de Vries”"
    assert "invitations" in action.kinds  # invitation lists show the name
    done = actions.perform(db, action)
    edited = db.read(queries.person_form, ids["jan"])
    assert (edited.email, edited.organisation_id, edited.role) == ("jv@example.org", None, "Chair")
    actions.undo(db, done)
    assert _export(db) == before
    assert db.read(queries.person_form, ids["jan"]) == form
    actions.redo(db, done)
    assert db.read(queries.person_form, ids["jan"]) == edited


def test_undoing_an_edit_is_refused_when_the_old_address_was_taken_since(
    db: Database, ids: dict[str, int]
) -> None:
    done = actions.perform(db, people_actions.edit_person(ids["jan"], email="new@example.org"))
    actions.perform(db, people_actions.edit_person(ids["eva"], email="JAN@example.org"))
    with pytest.raises(UndoConflictError, match="would clash with a record added or changed"):
        actions.undo(db, done)
    assert db.read(queries.person_form, ids["jan"]).email == "new@example.org"


def test_the_label_names_the_new_name_else_what_the_caller_calls_them() -> None:
    assert people_actions.edit_person(1, called="Jan", name="Jan V.").label == "Edit “Jan V.”"
    assert people_actions.edit_person(1, role="Chair").label == "Edit person"
    assert people_actions.delete_person(1, called="Jan").label == "Delete “Jan”"
    assert people_actions.delete_person(1).label == "Delete person"
    assert people_actions.edit_organisation(1, called="TikTok", kind="media").label == (
        "Edit organisation “TikTok”"
    )
    assert people_actions.create_organisation("Bits of Freedom").label == (
        "New organisation “Bits of Freedom”"
    )
    with pytest.raises(ValueError, match="no field erased_at"):
        people_actions.edit_person(1, erased_at=None)
    with pytest.raises(ValueError, match="no field people"):
        people_actions.edit_organisation(1, people=[])


def test_delete_person_then_undo_brings_them_back_with_their_id_and_question(
    db: Database, ids: dict[str, int]
) -> None:
    before = _export(db)
    done = actions.perform(db, people_actions.delete_person(ids["eva"], called="Eva Jansen"))
    assert {"people", "questions"} <= done.kinds
    with db.transaction() as session:
        assert session.get(Person, ids["eva"]) is None
        assert session.scalars(select(Question.asked_by_person_id)).one() is None
    actions.undo(db, done)
    assert _export(db) == before
    with db.transaction() as session:
        assert session.scalars(select(Question.asked_by_person_id)).one() == ids["eva"]
    actions.redo(db, done)
    with db.transaction() as session:
        assert session.get(Person, ids["eva"]) is None


def test_delete_organisation_then_undo_relinks_its_people_and_follow_up(
    db: Database, ids: dict[str, int]
) -> None:
    before = _export(db)
    company = actions.perform(db, people_actions.delete_organisation(ids["company"]))
    assert {"organisations", "follow_ups"} <= company.kinds
    ours = actions.perform(db, people_actions.delete_organisation(ids["ours"]))
    assert "people" in ours.kinds
    with db.transaction() as session:
        assert session.scalars(select(FollowUp.organisation_id)).one() is None
        assert session.get(Person, ids["jan"]).organisation_id is None  # type: ignore[union-attr]
    actions.undo(db, ours)
    actions.undo(db, company)
    assert _export(db) == before
    assert db.read(queries.person_form, ids["jan"]).organisation_id == ids["ours"]


def test_taking_the_ours_mark_and_undo_gives_it_back(db: Database, ids: dict[str, int]) -> None:
    def ours() -> list[str]:
        return [o.name for o in db.read(queries.list_organisations) if o.is_own]

    before = _export(db)
    created = actions.perform(
        db,
        people_actions.create_organisation("Our New Home", kind=OrganisationKind.NGO, is_own=True),
    )
    assert ours() == ["Our New Home"]
    actions.undo(db, created)
    assert ours() == ["Privacy First"]
    assert _export(db) == before

    edited = actions.perform(
        db, people_actions.edit_organisation(ids["company"], name="ByteDance", is_own=True)
    )
    assert ours() == ["ByteDance"]
    form = db.read(queries.organisation_form, ids["company"])
    assert (form.name, form.kind, form.is_own) == ("ByteDance", OrganisationKind.COMPANY, True)
    actions.undo(db, edited)
    assert ours() == ["Privacy First"]
    assert _export(db) == before


def test_the_forms_hold_plain_values(db: Database, ids: dict[str, int]) -> None:
    person = db.read(queries.person_form, ids["eva"])
    assert person == queries.PersonForm(
        id=ids["eva"],
        name="Eva Jansen",
        email="eva@example.org",
        organisation_id=None,
        role="",
        phone="",
        preferred_language="",
        lawful_basis=LawfulBasis.UNKNOWN,
        consent_note="",
        notes="",
    )
    organisation = db.read(queries.organisation_form, ids["ours"])
    assert organisation == queries.OrganisationForm(
        id=ids["ours"],
        name="Privacy First",
        kind=OrganisationKind.OTHER,
        website="",
        email="",
        notes="",
        is_own=True,
    )
    with db.transaction() as session:
        session.delete(session.get(Organisation, ids["company"]))
    with pytest.raises(NotFoundError, match="organisation no longer exists"):
        db.read(queries.organisation_form, ids["company"])
