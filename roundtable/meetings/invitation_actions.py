"""The actions on invitations: add invitees, every step of the lifecycle, consent, removal.

Each factory names invitations by id and returns an :class:`~roundtable.actions.Action`
that the app runs through its store and the command line through
:func:`roundtable.actions.perform`; undo and redo come from the change set.

Every step works on a whole selection as one action, all or nothing: when the
core refuses the step for one invitation, the action refuses with every
refusal listed and nothing is written, so a coordinator never has to work out
which half of a selection went through.

Every step takes ``at``: when it happened (a naive time is wall time in the
roundtable's zone; ``None``: now). The history keeps apart when it was recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.enums import InvitationRole, InvitationStatus, Party
from roundtable.errors import RoundtableError, ValidationError
from roundtable.i18n import _, ngettext
from roundtable.meetings import invitations
from roundtable.meetings.invitation_queries import ORGANISATION, PERSON
from roundtable.storage.models import Invitation, Organisation, Person, Roundtable

_I = InvitationStatus

#: The label of each answer, for the Edit menu ("Undo Record decline").
_RESPONSE_LABELS: Mapping[InvitationStatus, Callable[[], str]] = {
    _I.ACCEPTED: lambda: _("Record acceptance"),
    _I.TENTATIVE: lambda: _("Record tentative acceptance"),
    _I.DECLINED: lambda: _("Record decline"),
}


def _each(
    session: Session, invitation_ids: Sequence[int], step: Callable[[Invitation], object]
) -> None:
    """``step`` on every invitation, all or nothing: the refusals are listed together."""
    problems: list[str] = []
    for invitation_id in invitation_ids:
        try:
            step(get_or_fail(session, Invitation, invitation_id))
        except RoundtableError as exc:
            problems.append(str(exc))
    if problems:
        # Raising rolls the transaction back: the invitations that could take the step
        # are not changed either.
        raise ValidationError(
            _("Nothing was changed:") + "\n• " + "\n• ".join(problems), "selection"
        )


@action("invitations")
def add_invitees(
    roundtable_id: int,
    invitees: Sequence[tuple[str, int]],
    *,
    role: InvitationRole = InvitationRole.PARTICIPANT,
    sent: bool = False,
    at: datetime | None = None,
) -> Action[list[int]]:
    """Put people and organisations on the list (``sent``: and mark them as sent); their ids.

    ``at`` dates the adding (and the sending); ``None``: now.

    ``invitees`` are ``(kind, id)`` pairs, kind :data:`PERSON` or
    :data:`ORGANISATION` (see :class:`~roundtable.meetings.invitation_queries.InviteeChoice`).
    All or nothing: when one cannot be invited, nobody is added and every
    reason is given.
    """
    picks = list(invitees)
    unknown = {kind for kind, _record_id in picks} - {PERSON, ORGANISATION}
    if unknown:
        raise ValueError(f"unknown kinds of invitee: {sorted(unknown)}")

    def run(session: Session) -> list[int]:
        roundtable = get_or_fail(session, Roundtable, roundtable_id)
        added: list[int] = []
        problems: list[str] = []
        for kind, record_id in picks:
            try:
                person = get_or_fail(session, Person, record_id) if kind == PERSON else None
                organisation = (
                    get_or_fail(session, Organisation, record_id) if kind == ORGANISATION else None
                )
                invitation = invitations.add_invitation(
                    session,
                    roundtable,
                    person=person,
                    organisation=organisation,
                    role=role,
                    at=at,
                )
                if sent:
                    invitations.mark_invited(session, invitation, at=at)
            except RoundtableError as exc:
                problems.append(str(exc))
                continue
            added.append(int(invitation.id))
        if problems:
            # Raising rolls the whole transaction back: nobody is added.
            raise ValidationError(_("Nobody was added.") + " " + " ".join(problems), "invitees")
        return added

    count = len(picks)
    return Action(ngettext("Add {n} invitee", "Add {n} invitees", count).format(n=count), run)


@action("invitations")
def mark_sent(invitation_ids: Sequence[int], *, at: datetime | None = None) -> Action[None]:
    """Record that the host sent these invitations (also re-invites), at ``at`` (``None``: now)."""
    ids = list(invitation_ids)

    def run(session: Session) -> None:
        _each(session, ids, lambda invitation: invitations.mark_invited(session, invitation, at=at))

    return Action(_("Mark as sent"), run)


@action("invitations")
def record_response(
    invitation_ids: Sequence[int], status: InvitationStatus, *, at: datetime | None = None
) -> Action[None]:
    """Record the same answer (accepted, tentative, declined) for every invitation given.

    An invitation that already has that answer is left as it is. ``at``: when
    they answered (``None``: now).
    """
    ids = list(invitation_ids)
    answer = InvitationStatus(status)

    def run(session: Session) -> None:
        _each(
            session,
            ids,
            lambda invitation: invitations.record_response(session, invitation, answer, at=at),
        )

    label = _RESPONSE_LABELS.get(answer)
    return Action(label() if label is not None else _("Record response"), run)


@action("invitations")
def mark_no_response(invitation_ids: Sequence[int], *, at: datetime | None = None) -> Action[None]:
    """Note that these sent invitations were never answered (as of ``at``; ``None``: now)."""
    ids = list(invitation_ids)

    def run(session: Session) -> None:
        _each(
            session,
            ids,
            lambda invitation: invitations.mark_no_response(session, invitation, at=at),
        )

    return Action(_("Mark no response"), run)


@action("invitations")
def withdraw(
    invitation_ids: Sequence[int], reason: str, *, by: Party, at: datetime | None = None
) -> Action[None]:
    """Withdraw these invitations with the reason, by the host (taken back) or the invitee.

    ``at``: when it was withdrawn (``None``: now).
    """
    ids = list(invitation_ids)
    party = Party(by)

    def run(session: Session) -> None:
        _each(
            session,
            ids,
            lambda invitation: invitations.withdraw(session, invitation, reason, by=party, at=at),
        )

    return Action(_("Withdraw invitation"), run)


@action("invitations")
def mark_attendance(
    invitation_ids: Sequence[int], attended: bool, *, at: datetime | None = None
) -> Action[None]:
    """Record that these invitees were there (``attended``) or did not turn up.

    ``at``: when it was noted (``None``: now); the roundtable must have started by then.
    """
    ids = list(invitation_ids)

    def run(session: Session) -> None:
        _each(
            session,
            ids,
            lambda invitation: invitations.mark_attendance(session, invitation, attended, at=at),
        )

    return Action(_("Mark attended") if attended else _("Mark no-show"), run)


@action("invitations")
def set_consent_to_be_named(invitation_ids: Sequence[int], consent: bool) -> Action[None]:
    """Record whether these invitees agreed to be named in public output (audited)."""
    ids = list(invitation_ids)

    def run(session: Session) -> None:
        _each(
            session,
            ids,
            lambda invitation: invitations.set_consent_to_be_named(session, invitation, consent),
        )

    return Action(_("Named in public") if consent else _("Not named in public"), run)


@action("invitations")
def remove_invitations(invitation_ids: Sequence[int]) -> Action[None]:
    """Take invitations that were never sent off the list (a sent one is withdrawn instead)."""
    ids = list(invitation_ids)

    def run(session: Session) -> None:
        _each(session, ids, lambda invitation: invitations.remove_invitation(session, invitation))

    return Action(_("Remove from the list"), run)
