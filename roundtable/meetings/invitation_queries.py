"""Read models for the invitation windows: a roundtable's list, one history, the picker's choices.

Like :mod:`roundtable.meetings.queries`, every function returns frozen
dataclasses of plain values, built in a constant number of statements however
many rows there are, so the desktop app reads them through ``Store.read`` and
keeps no session.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from roundtable.editing import get_or_fail
from roundtable.enums import RoundtableStatus
from roundtable.meetings import queries
from roundtable.people import queries as people_queries
from roundtable.storage.models import Invitation, Roundtable

#: The kinds of invitee :func:`invitee_choices` offers and
#: :func:`roundtable.meetings.invitation_actions.add_invitees` takes.
PERSON = "person"
ORGANISATION = "organisation"


@dataclass(frozen=True)
class InvitationList:
    """A roundtable's invitations, with what the tab shows about the roundtable itself."""

    roundtable_id: int
    title: str
    #: The roundtable's IANA zone: times are shown as wall time there.
    timezone: str
    status: RoundtableStatus
    rows: tuple[queries.InvitationRow, ...]


def invitation_list(session: Session, roundtable_id: int) -> InvitationList:
    """The roundtable's title, zone, status and invitations, in the order they were added.

    Two statements, however long the list. Raises
    :class:`~roundtable.errors.NotFoundError` when the roundtable is gone.
    """
    roundtable = get_or_fail(session, Roundtable, roundtable_id)
    rows = queries.list_invitations(session, roundtable_id)
    return InvitationList(
        roundtable_id, roundtable.title, roundtable.timezone, roundtable.status, tuple(rows)
    )


@dataclass(frozen=True)
class InvitationHistory:
    """One invitation's history, with whose invitation it is and the roundtable's zone."""

    invitation_id: int
    invitee: str
    roundtable_title: str
    timezone: str
    rows: tuple[queries.HistoryRow, ...]


def invitation_history(session: Session, invitation_id: int) -> InvitationHistory:
    """Whose invitation to which roundtable, and its changes of status, oldest first.

    A few statements, however long the history. Raises
    :class:`~roundtable.errors.NotFoundError` when the invitation is gone (removed,
    or its adding undone).
    """
    invitation = get_or_fail(session, Invitation, invitation_id)
    roundtable = invitation.roundtable
    rows = queries.invitation_history(session, invitation_id)
    return InvitationHistory(
        invitation_id, invitation.invitee_name, roundtable.title, roundtable.timezone, tuple(rows)
    )


@dataclass(frozen=True)
class InviteeChoice:
    """Someone who can be invited: a person (with organisation) or an organisation alone."""

    kind: str  # PERSON or ORGANISATION
    id: int
    name: str
    email: str
    organisation_name: str
    already_invited: bool

    @property
    def key(self) -> tuple[str, int]:
        """Unique across people and organisations (their ids overlap); what add_invitees takes."""
        return (self.kind, self.id)


def invitee_choices(session: Session, roundtable_id: int) -> list[InviteeChoice]:
    """Every person (not erased) and organisation, marked when already on the list.

    People first, then organisations, each by name. Three list statements,
    however many people there are.
    """
    invited = queries.list_invitations(session, roundtable_id)
    invited_people = {r.person_id for r in invited if r.person_id is not None}
    # An organisation counts as invited only through an organisation-only invitation.
    invited_orgs = {r.organisation_id for r in invited if r.person_id is None}
    people = [
        InviteeChoice(PERSON, p.id, p.name, p.email, p.organisation_name, p.id in invited_people)
        for p in people_queries.list_people(session)
        if not p.erased
    ]
    organisations = [
        InviteeChoice(ORGANISATION, o.id, o.name, o.email, "", o.id in invited_orgs)
        for o in people_queries.list_organisations(session)
    ]
    return people + organisations
