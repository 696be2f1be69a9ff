"""Samples of roundtable.meetings.invitation_actions (see README.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.enums import InvitationStatus, Party, RoundtableStatus
from roundtable.meetings import invitation_actions as a
from roundtable.meetings.invitation_queries import ORGANISATION, PERSON
from roundtable.storage.models import Invitation, Organisation, Person, Roundtable

_I = InvitationStatus


def _scheduled(session: Session) -> int:
    """The demo's roundtable still to come (it has invitations in most states)."""
    return int(
        session.scalars(
            select(Roundtable.id)
            .where(Roundtable.status == RoundtableStatus.SCHEDULED)
            .order_by(Roundtable.id)
        ).first()
    )


def _with(session: Session, status: InvitationStatus, count: int = 1) -> list[int]:
    ids = list(
        session.scalars(
            select(Invitation.id)
            .where(Invitation.status == status)
            .order_by(Invitation.id)
            .limit(count)
        )
    )
    assert len(ids) == count, f"the demo has fewer than {count} {status.value} invitations"
    return [int(i) for i in ids]


def _add_invitees(session: Session) -> Action[list[int]]:
    """Two people not on the scheduled roundtable's list and an organisation alone, sent."""
    roundtable_id = _scheduled(session)
    invited = select(Invitation.person_id).where(
        Invitation.roundtable_id == roundtable_id, Invitation.person_id.is_not(None)
    )
    people = session.scalars(
        select(Person.id).where(Person.id.not_in(invited)).order_by(Person.id).limit(2)
    ).all()
    organisation = session.scalars(select(Organisation.id).order_by(Organisation.id)).first()
    picks = [(PERSON, int(p)) for p in people] + [(ORGANISATION, int(organisation))]
    return a.add_invitees(roundtable_id, picks, sent=True)


def _not_named(session: Session) -> list[int]:
    return [
        int(i)
        for i in session.scalars(
            select(Invitation.id)
            .where(Invitation.consent_to_be_named.is_(False), Invitation.person_id.is_not(None))
            .order_by(Invitation.id)
            .limit(2)
        )
    ]


SAMPLES = {
    "meetings.invitation_actions.add_invitees": _add_invitees,
    # Dated back, before the invitation was put on the list: that first row moves back too.
    "meetings.invitation_actions.mark_sent": lambda s: a.mark_sent(
        _with(s, _I.NOT_SENT), at=datetime(2020, 3, 2, 9, 30)
    ),
    "meetings.invitation_actions.record_response": lambda s: a.record_response(
        _with(s, _I.INVITED, 2), _I.ACCEPTED
    ),
    "meetings.invitation_actions.mark_no_response": lambda s: a.mark_no_response(
        _with(s, _I.INVITED, 2)
    ),
    "meetings.invitation_actions.withdraw": lambda s: a.withdraw(
        _with(s, _I.ACCEPTED), "The seat is needed for a speaker.", by=Party.HOST
    ),
    "meetings.invitation_actions.mark_attendance": lambda s: a.mark_attendance(
        _with(s, _I.NO_SHOW), True
    ),
    "meetings.invitation_actions.set_consent_to_be_named": lambda s: a.set_consent_to_be_named(
        _not_named(s), True
    ),
    "meetings.invitation_actions.remove_invitations": lambda s: a.remove_invitations(
        _with(s, _I.NOT_SENT)
    ),
}

__all__ = ["SAMPLES", "Action"]
