"""Samples of roundtable.people.actions (see README.md)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.enums import LawfulBasis, OrganisationKind, RoundtableStatus
from roundtable.meetings import follow_ups, invitations, questions
from roundtable.people import actions as p
from roundtable.people import duplicates, persons
from roundtable.storage.models import Invitation, Organisation, Person, Roundtable


def _first(session: Session, model: type) -> int:
    return int(session.scalars(select(model.id).order_by(model.id)).first())


def _roundtable(session: Session) -> Roundtable:
    roundtable = session.get(Roundtable, _first(session, Roundtable))
    assert roundtable is not None
    return roundtable


def _not_invited_person(session: Session) -> int:
    """A person of the demo who was never invited, made the asker of a question: deleting
    them takes their name off it, and undo puts it back."""
    invited = select(Invitation.person_id).where(Invitation.person_id.is_not(None))
    person = session.scalars(
        select(Person).where(Person.id.not_in(invited)).order_by(Person.id)
    ).first()
    assert person is not None
    questions.add_question(
        session, _roundtable(session), "Who keeps the logs?", asked_by_person=person
    )
    session.flush()
    return int(person.id)


def _not_invited_organisation(session: Session) -> int:
    """An organisation no invitation names, with people (who stay, without it), named by
    a follow-up too."""
    invited = select(Invitation.organisation_id).where(Invitation.organisation_id.is_not(None))
    organisation = session.scalars(
        select(Organisation)
        .join(Person, Person.organisation_id == Organisation.id)
        .where(Organisation.id.not_in(invited))
        .group_by(Organisation.id)
        .order_by(func.count().desc(), Organisation.id)
    ).first()
    assert organisation is not None
    follow_ups.add_follow_up(
        session, _roundtable(session), date(2023, 12, 1), "They replied.", organisation=organisation
    )
    session.flush()
    return int(organisation.id)


def _own(session: Session) -> int:
    return int(session.scalars(select(Organisation.id).where(Organisation.is_own)).one())


def _merge(session: Session) -> Action[object]:
    """A second record of an invited person, invited to the same roundtable: the merge
    folds the two invitations into one and moves the history."""
    open_to_invite = Roundtable.status.not_in([RoundtableStatus.HELD, RoundtableStatus.CANCELLED])
    invitation = session.scalars(
        select(Invitation)
        .join(Roundtable, Roundtable.id == Invitation.roundtable_id)
        .where(Invitation.person_id.is_not(None), open_to_invite)
        .order_by(Invitation.id)
    ).first()
    assert invitation is not None and invitation.person is not None
    kept = invitation.person
    twin = persons.create_person(
        session, kept.name, organisation=kept.organisation, phone="+31 6 0000 0000"
    )
    invitations.add_invitation(session, invitation.roundtable, person=twin)
    session.flush()
    assert any(
        {c.first_id, c.second_id} == {kept.id, twin.id}
        for c in duplicates.find_duplicate_candidates(session)
    )
    return p.merge_people(kept.id, twin.id)


SAMPLES = {
    "people.actions.create_person": lambda s: p.create_person(
        "Noor Bakker",
        email="noor@example.org",
        organisation_id=_first(s, Organisation),
        role="Researcher",
        preferred_language="nl",
        lawful_basis=LawfulBasis.CONSENT,
        consent_note="Agreed by e-mail",
    ),
    "people.actions.edit_person": lambda s: p.edit_person(
        _first(s, Person),
        called="First person",
        email="someone.else@example.org",
        organisation_id=None,
        role="Chair",
    ),
    "people.actions.delete_person": lambda s: p.delete_person(
        _not_invited_person(s), called="Not invited"
    ),
    "people.actions.merge_people": _merge,
    # Taking the "ours" mark clears it on the organisation that had it.
    "people.actions.create_organisation": lambda s: p.create_organisation(
        "Kids Online Alliance",
        kind=OrganisationKind.NGO,
        website="https://kids.example",
        is_own=True,
    ),
    "people.actions.edit_organisation": lambda s: p.edit_organisation(
        _own(s), name="Privacy First", kind=OrganisationKind.OTHER, is_own=False
    ),
    "people.actions.delete_organisation": lambda s: p.delete_organisation(
        _not_invited_organisation(s), called="Not invited"
    ),
}

__all__ = ["SAMPLES", "Action"]
