"""The invitation lifecycle: the only code that changes ``Invitation.status``.

:data:`STATES` holds every invitation status in one row: what may follow it, how
a refusal and the current standing are worded, its iCalendar PARTSTAT, where the
app's response bar counts it and whether public output counts a yes. Every
function below goes through one gate that consults it,
checks the roundtable's own state, validates the time of the change, and only
then changes the invitation and appends an
:class:`~roundtable.storage.models.InvitationEvent` in the caller's session (never
committing). A refused change therefore leaves nothing behind.

The history records two "who"s: ``actor`` is the user who typed the change in,
``party`` is who took the step in the real world (the host sent or withdrew
the invitation, the invitee answered or pulled out, the coordinator noted an
unanswered invitation or who turned up). That is what lets a statement say
"invited on …, withdrawn by the host on … because …".

``at`` is when the step happened (default :func:`roundtable.context.now`); a
naive ``at`` is wall time in the roundtable's zone, and an ``at`` before the
invitation's last step is refused so the history reads in order. Coordinators
mostly record after the fact, so every history row also keeps ``recorded_at``,
when it was typed in, which is never dated back. Putting someone on the list is
not a step: a step dated before it moves that first row back to the step's time
(they were on the list by then at the latest), so an invitation added today can
still be recorded as sent in 2023.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from roundtable import context
from roundtable.editing import limit_of
from roundtable.enums import ChangeSource, InvitationRole, InvitationStatus, Party, RoundtableStatus
from roundtable.errors import IllegalTransitionError, ValidationError
from roundtable.i18n import _
from roundtable.meetings.lifecycle import describe_status, resolve_event_time
from roundtable.storage.audit import record_audit
from roundtable.storage.models import Invitation, InvitationEvent, Organisation, Person, Roundtable
from roundtable.text import format_day, format_moment, zone_of
from roundtable.validation import (
    optional_text,
    require_text,
)


def remove_invitation(session: Session, invitation: Invitation) -> None:
    """Take someone off the list before the invitation went out (status NOT_SENT).

    A sent invitation is part of the record ("invited on …"): it is withdrawn,
    never removed.
    """
    if invitation.status != InvitationStatus.NOT_SENT:
        raise ValidationError(
            _("The invitation of {name} was already sent; withdraw it instead.").format(
                name=invitation.invitee_name
            ),
            "status",
        )
    roundtable = invitation.roundtable
    session.delete(invitation)
    session.flush()
    session.expire(roundtable, ["invitations"])


_I = InvitationStatus


@dataclass(frozen=True)
class InvitationState:
    """Everything about one invitation status, in one row of :data:`STATES`."""

    status: InvitationStatus
    #: The status in a sentence, after a name: "Anna de Wit (accepted)".
    word: Callable[[], str]
    #: Which statuses may follow this one.
    leads_to: frozenset[InvitationStatus]
    #: Where the invitation stands, as "…: {phrase}."; ``{since}`` is " on 3 Sep 2023" or "".
    standing: Callable[[], str]
    #: The refused step *to* this status, "Cannot … {name} … {title}" without a full
    #: stop (``None``: nothing leads here).
    refused_step: Callable[[], str] | None
    #: What the invitee answered, as calendars know it (PARTSTAT in RFC 5545).
    partstat: str
    #: The segment of the app's response bar it counts in; ``None``: counted beside the
    #: bar (not yet sent, a no-show: neither is an answer).
    segment: str | None
    #: Whether public output counts the invitee as having said yes.
    said_yes: bool = False
    #: An answer the invitee gives (:func:`record_response`).
    is_answer: bool = False


# Nothing leads back to NOT_SENT: an invitation that went out stays sent;
# re-inviting (after a decline, a withdrawal or no answer) goes to INVITED again.
# Attendance can be corrected either way. A no-show had (almost always)
# accepted: absence is recorded by us, not answered by them, so calendars keep
# ACCEPTED. Functions, so each message is translated when shown.
_ANSWERS = frozenset({_I.ACCEPTED, _I.TENTATIVE, _I.DECLINED})
_PRESENCE = frozenset({_I.ATTENDED, _I.NO_SHOW})

#: Every invitation status, one row each: the one place a status is described.
STATES: Mapping[InvitationStatus, InvitationState] = {
    state.status: state
    for state in (
        InvitationState(
            _I.NOT_SENT,
            word=lambda: _("not sent"),
            leads_to=frozenset({_I.INVITED, _I.WITHDRAWN}),
            standing=lambda: _("the invitation has not been sent yet"),
            refused_step=None,
            partstat="NEEDS-ACTION",
            segment=None,
        ),
        InvitationState(
            _I.INVITED,
            word=lambda: _("invited"),
            leads_to=_ANSWERS | _PRESENCE | {_I.NO_RESPONSE, _I.WITHDRAWN},
            standing=lambda: _("it was sent{since} and has not been answered yet"),
            refused_step=lambda: _("Cannot mark the invitation of {name} to {title} as sent"),
            partstat="NEEDS-ACTION",
            segment="awaiting",
        ),
        InvitationState(
            _I.NO_RESPONSE,
            word=lambda: _("no response"),
            leads_to=_ANSWERS | _PRESENCE | {_I.WITHDRAWN, _I.INVITED},
            standing=lambda: _("it was marked as unanswered{since}"),
            refused_step=lambda: _("Cannot mark the invitation of {name} to {title} as unanswered"),
            partstat="NEEDS-ACTION",
            segment="awaiting",
        ),
        InvitationState(
            _I.ACCEPTED,
            word=lambda: _("accepted"),
            leads_to=_PRESENCE | {_I.TENTATIVE, _I.DECLINED, _I.WITHDRAWN},
            standing=lambda: _("it was accepted{since}"),
            refused_step=lambda: _("Cannot record that {name} accepted the invitation to {title}"),
            partstat="ACCEPTED",
            segment="accepted",
            said_yes=True,
            is_answer=True,
        ),
        InvitationState(
            _I.TENTATIVE,
            word=lambda: _("tentative"),
            leads_to=_PRESENCE | {_I.ACCEPTED, _I.DECLINED, _I.WITHDRAWN},
            standing=lambda: _("it was accepted tentatively{since}"),
            refused_step=lambda: _(
                "Cannot record that {name} tentatively accepted the invitation to {title}"
            ),
            partstat="TENTATIVE",
            segment="tentative",
            is_answer=True,
        ),
        InvitationState(
            _I.DECLINED,
            word=lambda: _("declined"),
            leads_to=frozenset({_I.ACCEPTED, _I.TENTATIVE, _I.INVITED, _I.ATTENDED}),
            standing=lambda: _("it was declined{since}"),
            refused_step=lambda: _("Cannot record that {name} declined the invitation to {title}"),
            partstat="DECLINED",
            segment="declined",
            is_answer=True,
        ),
        InvitationState(
            _I.WITHDRAWN,
            word=lambda: _("withdrawn"),
            leads_to=frozenset({_I.INVITED}),
            standing=lambda: _("it was withdrawn{since}"),
            refused_step=lambda: _("Cannot withdraw the invitation of {name} to {title}"),
            partstat="NEEDS-ACTION",
            segment="withdrawn",
        ),
        InvitationState(
            _I.ATTENDED,
            word=lambda: _("attended"),
            leads_to=frozenset({_I.NO_SHOW}),
            standing=lambda: _("they are already recorded as present"),
            refused_step=lambda: _("Cannot record that {name} attended {title}"),
            partstat="ACCEPTED",
            segment="accepted",  # they came
            said_yes=True,
        ),
        InvitationState(
            _I.NO_SHOW,
            word=lambda: _("no show"),
            leads_to=frozenset({_I.ATTENDED}),
            standing=lambda: _("they are already recorded as absent"),
            refused_step=lambda: _("Cannot record that {name} did not attend {title}"),
            partstat="ACCEPTED",
            segment=None,
            said_yes=True,
        ),
    )
}

#: Which status may follow which (from :data:`STATES`).
ALLOWED_TRANSITIONS: Mapping[InvitationStatus, frozenset[InvitationStatus]] = {
    status: state.leads_to for status, state in STATES.items()
}

#: The answers an invitee can give (:func:`record_response`).
RESPONSE_STATUSES: frozenset[InvitationStatus] = frozenset(
    status for status, state in STATES.items() if state.is_answer
)


#: Who can withdraw an invitation: the host takes it back, or the invitee pulls out.
WITHDRAWING_PARTIES: frozenset[Party] = frozenset({Party.HOST, Party.INVITEE})


def can_transition(current: InvitationStatus, target: InvitationStatus) -> bool:
    """Whether :data:`ALLOWED_TRANSITIONS` lets ``target`` follow ``current`` (for the UI)."""
    return target in ALLOWED_TRANSITIONS[current]


def _quoted(roundtable: Roundtable) -> str:
    return f"“{roundtable.title}”"


def _refused_step(invitation: Invitation, target: InvitationStatus) -> str:
    """The refused step without a full stop: Cannot withdraw the invitation of Jan to “X”."""
    phrase = STATES[target].refused_step
    assert phrase is not None, f"nothing leads to {target}"
    return phrase().format(name=invitation.invitee_name, title=_quoted(invitation.roundtable))


def _state_since(invitation: Invitation) -> datetime | None:
    """When the invitation entered its current status, from its history."""
    for event in reversed(invitation.history):
        if event.to_status == invitation.status:
            return event.at
    return None


def _refuse_transition(invitation: Invitation, target: InvitationStatus) -> IllegalTransitionError:
    since = _state_since(invitation)
    since_text = (
        _(" on {day}").format(day=format_day(since, zone_of(invitation.roundtable)))
        if since
        else ""
    )
    state = STATES[invitation.status].standing().format(since=since_text)
    return IllegalTransitionError(
        _("{step}: {reason}.").format(step=_refused_step(invitation, target), reason=state),
        invitation.status.value,
        target.value,
    )


def _refuse_for_roundtable(
    invitation: Invitation, target: InvitationStatus, why: str
) -> IllegalTransitionError:
    return IllegalTransitionError(
        _("{step}: {reason}.").format(step=_refused_step(invitation, target), reason=why),
        invitation.status.value,
        target.value,
    )


def _check_not_cancelled(invitation: Invitation, target: InvitationStatus) -> None:
    roundtable = invitation.roundtable
    if roundtable.status == RoundtableStatus.CANCELLED:
        raise _refuse_for_roundtable(
            invitation, target, describe_status(roundtable, _("the roundtable"))
        )


def _resolve_at(invitation: Invitation, at: datetime | None) -> datetime:
    """When the step happened, in UTC; refused before the invitation's last step."""
    steps = [event for event in invitation.history if event.from_status is not None]
    previous = steps[-1].at if steps else None
    what = _("the invitation of {name}").format(name=invitation.invitee_name)
    return resolve_event_time(at, zone_of(invitation.roundtable), previous, what)


def _change(
    session: Session,
    invitation: Invitation,
    target: InvitationStatus,
    when: datetime,
    *,
    party: Party,
    source: ChangeSource = ChangeSource.MANUAL,
    reason: str = "",
) -> Invitation:
    """Apply an already-validated change and write its history row.

    A step dated before the row that put the invitation on the list moves that
    row back to the step's time, so the history still reads in order.
    """
    recorded = context.now()
    for earlier in invitation.history:
        if earlier.from_status is None and earlier.at > when:
            earlier.at = when
    event = InvitationEvent(
        at=when,
        recorded_at=recorded,
        actor=context.actor(),
        party=party,
        source=source,
        from_status=invitation.status,
        to_status=target,
        reason=reason,
    )
    invitation.status = target
    invitation.updated_at = recorded
    invitation.history.append(event)
    session.flush()
    return invitation


def _check_transition(invitation: Invitation, target: InvitationStatus) -> None:
    if not can_transition(invitation.status, target):
        raise _refuse_transition(invitation, target)


def add_invitation(
    session: Session,
    roundtable: Roundtable,
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
    role: InvitationRole = InvitationRole.PARTICIPANT,
    consent_to_be_named: bool = False,
    notes: str = "",
    at: datetime | None = None,
    source: ChangeSource = ChangeSource.MANUAL,
) -> Invitation:
    """Put a person (with their organisation) or an organisation on the invitation list.

    The invitation starts as NOT_SENT with a first history row. Refused for a
    cancelled or already held roundtable, for an erased person, and for
    someone already on this roundtable's list. When only ``person`` is given,
    the invitation is on behalf of the person's organisation.
    """
    title = _quoted(roundtable)
    if person is None and organisation is None:
        raise ValidationError(_("Choose a person or an organisation to invite."), "person")
    if roundtable.status in (RoundtableStatus.CANCELLED, RoundtableStatus.HELD):
        raise ValidationError(
            _("Cannot invite anyone to {title}: {reason}.").format(
                title=title, reason=describe_status(roundtable)
            ),
            "roundtable",
        )
    if person is not None and person.erased_at is not None:
        raise ValidationError(
            _("Cannot invite this person: their details were erased on {day}.").format(
                day=format_day(person.erased_at, zone_of(roundtable))
            ),
            "person",
        )
    if organisation is None and person is not None:
        organisation = person.organisation
    for existing in roundtable.invitations:
        if person is not None and existing.person is person:
            raise ValidationError(
                _("{name} is already invited to {title}.").format(name=person.name, title=title),
                "person",
            )
        if (
            person is None
            and existing.person is None
            and organisation is not None
            and existing.organisation is organisation
        ):
            raise ValidationError(
                _("{name} is already invited to {title}.").format(
                    name=organisation.name, title=title
                ),
                "organisation",
            )
    if not isinstance(role, InvitationRole):
        role = InvitationRole(role)  # a bad value raises ValueError: a programming error
    clean_notes = optional_text(notes, "notes", _("The notes"))
    # Nothing precedes the first row, but a naive time is still read in the roundtable's zone.
    when = resolve_event_time(at, zone_of(roundtable), None, _("the invitation"))

    invitation = Invitation(
        roundtable=roundtable,
        person=person,
        organisation=organisation,
        role=role,
        status=_I.NOT_SENT,
        consent_to_be_named=bool(consent_to_be_named),
        notes=clean_notes,
        created_at=when,
        updated_at=when,
    )
    session.add(invitation)
    invitation.history.append(
        InvitationEvent(
            at=when,
            recorded_at=context.now(),
            actor=context.actor(),
            party=Party.COORDINATOR,
            source=source,
            from_status=None,
            to_status=_I.NOT_SENT,
            reason="",
        )
    )
    session.flush()
    return invitation


def mark_invited(
    session: Session,
    invitation: Invitation,
    *,
    at: datetime | None = None,
    source: ChangeSource = ChangeSource.MANUAL,
) -> Invitation:
    """Record that the host sent the invitation: -> INVITED.

    Also re-invites after a decline, a withdrawal or no answer. Refused once
    the roundtable is cancelled.
    """
    _check_not_cancelled(invitation, _I.INVITED)
    _check_transition(invitation, _I.INVITED)
    when = _resolve_at(invitation, at)
    return _change(session, invitation, _I.INVITED, when, party=Party.HOST, source=source)


def record_response(
    session: Session,
    invitation: Invitation,
    status: InvitationStatus,
    *,
    at: datetime | None = None,
    source: ChangeSource = ChangeSource.MANUAL,
    note: str = "",
) -> bool:
    """Record the invitee's answer (ACCEPTED, TENTATIVE or DECLINED), e.g. from a calendar reply.

    Returns ``False`` and writes nothing when the invitation already has that
    answer (replies arrive more than once), ``True`` when it changed.
    """
    if status not in RESPONSE_STATUSES:
        raise ValidationError(
            _("{status} is not an answer; use accepted, tentative or declined.").format(
                status=str(status)
            ),
            "status",
        )
    target = InvitationStatus(status)
    _check_not_cancelled(invitation, target)
    if invitation.status == target:
        return False
    _check_transition(invitation, target)
    clean_note = optional_text(note, "note", _("The note"), limit_of(InvitationEvent.reason))
    when = _resolve_at(invitation, at)
    _change(
        session, invitation, target, when, party=Party.INVITEE, source=source, reason=clean_note
    )
    return True


def mark_no_response(
    session: Session,
    invitation: Invitation,
    *,
    at: datetime | None = None,
    source: ChangeSource = ChangeSource.MANUAL,
) -> Invitation:
    """Note that a sent invitation was never answered: INVITED -> NO_RESPONSE."""
    _check_not_cancelled(invitation, _I.NO_RESPONSE)
    _check_transition(invitation, _I.NO_RESPONSE)
    when = _resolve_at(invitation, at)
    return _change(
        session, invitation, _I.NO_RESPONSE, when, party=Party.COORDINATOR, source=source
    )


def withdraw(
    session: Session,
    invitation: Invitation,
    reason: str,
    *,
    by: Party = Party.HOST,
    at: datetime | None = None,
    source: ChangeSource = ChangeSource.MANUAL,
) -> Invitation:
    """Withdraw the invitation, with the reason: by the HOST (taken back) or the INVITEE (pulled out).

    ``by`` is recorded as the history row's party, so a statement can say who withdrew.
    """
    _check_not_cancelled(invitation, _I.WITHDRAWN)
    _check_transition(invitation, _I.WITHDRAWN)
    if by not in WITHDRAWING_PARTIES:
        raise ValidationError(
            _("An invitation is withdrawn either by the host or by the invitee."), "by"
        )
    clean_reason = require_text(
        reason, "reason", _("A reason for the withdrawal"), limit_of(InvitationEvent.reason)
    )
    when = _resolve_at(invitation, at)
    return _change(
        session,
        invitation,
        _I.WITHDRAWN,
        when,
        party=Party(by),
        reason=clean_reason,
        source=source,
    )


def mark_attendance(
    session: Session,
    invitation: Invitation,
    attended: bool,
    *,
    at: datetime | None = None,
    source: ChangeSource = ChangeSource.MANUAL,
) -> Invitation:
    """Record whether the invitee was there: -> ATTENDED or NO_SHOW.

    Only once the roundtable took place: it is HELD, or SCHEDULED and started
    at ``at``. A mistaken record can be turned the other way.
    """
    target = _I.ATTENDED if attended else _I.NO_SHOW
    _check_not_cancelled(invitation, target)
    _check_transition(invitation, target)
    when = _resolve_at(invitation, at)
    roundtable = invitation.roundtable
    started = (
        roundtable.status == RoundtableStatus.SCHEDULED
        and roundtable.starts_at is not None
        and roundtable.starts_at <= when
    )
    if roundtable.status != RoundtableStatus.HELD and not started:
        zone = zone_of(roundtable)
        if roundtable.status == RoundtableStatus.SCHEDULED and roundtable.starts_at is not None:
            why = _("it has not started yet (it starts on {moment})").format(
                moment=format_moment(roundtable.starts_at, zone)
            )
        else:
            why = _("it has not taken place ({reason})").format(reason=describe_status(roundtable))
        raise _refuse_for_roundtable(invitation, target, why)
    return _change(session, invitation, target, when, party=Party.COORDINATOR, source=source)


def set_consent_to_be_named(session: Session, invitation: Invitation, consent: bool) -> Invitation:
    """Record whether the invitee agreed to be named in public output.

    Not a status change, so no history row; the change is written to the
    audit log because privacy reviews ask who changed consent and when. An
    erased person cannot give consent.
    """
    consent = bool(consent)
    if invitation.consent_to_be_named == consent:
        return invitation
    person = invitation.person
    if consent and person is not None and person.erased_at is not None:
        raise ValidationError(
            _("This person's details were erased; they cannot be named in public output."),
            "consent_to_be_named",
        )
    invitation.consent_to_be_named = consent
    session.flush()
    record_audit(
        session,
        "invitation.consent_to_be_named",
        entity_type="invitation",
        entity_id=invitation.id,
        detail={"consent_to_be_named": consent},
    )
    session.flush()
    return invitation
