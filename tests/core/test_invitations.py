"""The invitation lifecycle: every transition of the table, history rows, roundtable rules."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from roundtable import actions, i18n
from roundtable.enums import (
    ChangeSource,
    InvitationRole,
    InvitationStatus,
    OrganisationKind,
    Party,
    RoundtableStatus,
)
from roundtable.errors import IllegalTransitionError, NotFoundError, ValidationError
from roundtable.meetings import invitation_actions, invitation_queries, invitations, lifecycle
from roundtable.meetings.invitation_queries import ORGANISATION, PERSON
from roundtable.storage.db import Database
from roundtable.storage.models import (
    AuditEntry,
    Invitation,
    InvitationEvent,
    Organisation,
    Person,
    Roundtable,
)

pytestmark = pytest.mark.usefixtures("clock")

E = TypeVar("E", bound=Exception)
I = InvitationStatus  # noqa: E741 (reads like the status names in the brief)
R = RoundtableStatus

#: The frozen clock of the ``clock`` fixture (checked below), when no ``at`` is given.
TEST_NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
TITLE = "Project Clover roundtable"
NAME = "Jan de Vries"
# Wall time in Europe/Amsterdam; PAST has started by TEST_NOW, FUTURE has not.
PAST_START, PAST_END = datetime(2026, 11, 27, 14, 0), datetime(2026, 11, 27, 16, 0)
FUTURE_START, FUTURE_END = datetime(2026, 12, 10, 14, 0), datetime(2026, 12, 10, 16, 0)

#: The table as the brief states it, written out independently of the module.
EXPECTED_TRANSITIONS: dict[InvitationStatus, set[InvitationStatus]] = {
    I.NOT_SENT: {I.INVITED, I.WITHDRAWN},
    I.INVITED: {
        I.ACCEPTED,
        I.TENTATIVE,
        I.DECLINED,
        I.NO_RESPONSE,
        I.WITHDRAWN,
        I.ATTENDED,
        I.NO_SHOW,
    },
    I.NO_RESPONSE: {
        I.ACCEPTED,
        I.TENTATIVE,
        I.DECLINED,
        I.WITHDRAWN,
        I.ATTENDED,
        I.NO_SHOW,
        I.INVITED,
    },
    I.ACCEPTED: {I.TENTATIVE, I.DECLINED, I.WITHDRAWN, I.ATTENDED, I.NO_SHOW},
    I.TENTATIVE: {I.ACCEPTED, I.DECLINED, I.WITHDRAWN, I.ATTENDED, I.NO_SHOW},
    I.DECLINED: {I.ACCEPTED, I.TENTATIVE, I.INVITED, I.ATTENDED},
    I.WITHDRAWN: {I.INVITED},
    I.ATTENDED: {I.NO_SHOW},
    I.NO_SHOW: {I.ATTENDED},
}
RESPONSES = (I.ACCEPTED, I.TENTATIVE, I.DECLINED)

#: The public function that leads to each status (NOT_SENT is only ever a start).
ACTIONS: dict[InvitationStatus, Callable[[Session, Invitation], object]] = {
    I.INVITED: lambda s, inv: invitations.mark_invited(s, inv),
    I.ACCEPTED: lambda s, inv: invitations.record_response(s, inv, I.ACCEPTED, note="Happy to"),
    I.TENTATIVE: lambda s, inv: invitations.record_response(s, inv, I.TENTATIVE, note="Maybe"),
    I.DECLINED: lambda s, inv: invitations.record_response(s, inv, I.DECLINED, note="No time"),
    I.NO_RESPONSE: lambda s, inv: invitations.mark_no_response(s, inv),
    I.WITHDRAWN: lambda s, inv: invitations.withdraw(s, inv, "Too many guests"),
    I.ATTENDED: lambda s, inv: invitations.mark_attendance(s, inv, True),
    I.NO_SHOW: lambda s, inv: invitations.mark_attendance(s, inv, False),
}
EXPECTED_PARTY = {
    I.INVITED: Party.HOST,
    I.ACCEPTED: Party.INVITEE,
    I.TENTATIVE: Party.INVITEE,
    I.DECLINED: Party.INVITEE,
    I.NO_RESPONSE: Party.COORDINATOR,
    I.WITHDRAWN: Party.HOST,
    I.ATTENDED: Party.COORDINATOR,
    I.NO_SHOW: Party.COORDINATOR,
}
EXPECTED_REASON = {
    I.ACCEPTED: "Happy to",
    I.TENTATIVE: "Maybe",
    I.DECLINED: "No time",
    I.WITHDRAWN: "Too many guests",
}

#: How to reach each status from NOT_SENT through legal steps only.
PATHS: dict[InvitationStatus, list[InvitationStatus]] = {
    I.NOT_SENT: [],
    I.INVITED: [I.INVITED],
    I.ACCEPTED: [I.INVITED, I.ACCEPTED],
    I.TENTATIVE: [I.INVITED, I.TENTATIVE],
    I.DECLINED: [I.INVITED, I.DECLINED],
    I.NO_RESPONSE: [I.INVITED, I.NO_RESPONSE],
    I.WITHDRAWN: [I.WITHDRAWN],
    I.ATTENDED: [I.INVITED, I.ACCEPTED, I.ATTENDED],
    I.NO_SHOW: [I.INVITED, I.ACCEPTED, I.NO_SHOW],
}

#: How each refused step reads in a message.
REFUSED_STEP = {
    I.INVITED: f"mark the invitation of {NAME} to “{TITLE}” as sent",
    I.ACCEPTED: f"record that {NAME} accepted the invitation to “{TITLE}”",
    I.TENTATIVE: f"record that {NAME} tentatively accepted the invitation to “{TITLE}”",
    I.DECLINED: f"record that {NAME} declined the invitation to “{TITLE}”",
    I.NO_RESPONSE: f"mark the invitation of {NAME} to “{TITLE}” as unanswered",
    I.WITHDRAWN: f"withdraw the invitation of {NAME} to “{TITLE}”",
    I.ATTENDED: f"record that {NAME} attended “{TITLE}”",
    I.NO_SHOW: f"record that {NAME} did not attend “{TITLE}”",
}

ALL_PAIRS = [(current, target) for current in I for target in ACTIONS]
LEGAL = [(c, t) for c, t in ALL_PAIRS if t in EXPECTED_TRANSITIONS[c]]
# An answer equal to the current one is a repeat, not a transition (see below).
REPEATED_ANSWERS = [(r, r) for r in RESPONSES]
ILLEGAL = [
    (c, t)
    for c, t in ALL_PAIRS
    if t not in EXPECTED_TRANSITIONS[c] and (c, t) not in REPEATED_ANSWERS
]


def pair_id(value: object) -> str:
    return str(value)


# --- helpers --------------------------------------------------------------------------


def make_roundtable(
    db: Database, start: datetime = PAST_START, end: datetime = PAST_END, **kwargs: object
) -> int:
    """A scheduled roundtable (by default it started two days before the frozen clock)."""
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=TITLE, **kwargs)  # type: ignore[arg-type]
        lifecycle.schedule(s, rt, start, end)
        return rt.id


def make_person(s: Session, name: str = NAME, email: str = "jan@example.org") -> Person:
    organisation = s.scalar(select(Organisation).where(Organisation.name == "Privacy First"))
    if organisation is None:
        organisation = Organisation(name="Privacy First", kind=OrganisationKind.NGO)
    person = Person(name=name, email=email, organisation=organisation)
    s.add(person)
    s.flush()
    return person


def make_invitation(
    db: Database, status: InvitationStatus = I.NOT_SENT, **rt_kwargs: object
) -> int:
    """An invitation of Jan de Vries brought to ``status`` through the lifecycle itself."""
    rt_id = make_roundtable(db, **rt_kwargs)  # type: ignore[arg-type]
    with db.transaction() as s:
        rt = load_roundtable(s, rt_id)
        inv = invitations.add_invitation(s, rt, person=make_person(s))
        for step in PATHS[status]:
            ACTIONS[step](s, inv)
        assert inv.status == status
        return inv.id


def load(s: Session, inv_id: int) -> Invitation:
    inv = s.get(Invitation, inv_id)
    assert inv is not None
    return inv


def load_roundtable(s: Session, rt_id: int) -> Roundtable:
    rt = s.get(Roundtable, rt_id)
    assert rt is not None
    return rt


def snapshot(db: Database, inv_id: int) -> tuple[object, ...]:
    """Everything a refused change could have touched, read in a fresh transaction."""
    with db.transaction() as s:
        inv = load(s, inv_id)
        return (
            inv.status,
            inv.version,
            inv.updated_at,
            inv.consent_to_be_named,
            [(e.from_status, e.to_status, e.at, e.reason) for e in inv.history],
            s.scalar(select(func.count()).select_from(InvitationEvent)),
            s.scalar(select(func.count()).select_from(Invitation)),
        )


def assert_refused(
    db: Database, inv_id: int, call: Callable[[Session, Invitation], object], error: type[E]
) -> E:
    """``call`` raises ``error`` and leaves nothing written, even if its session commits."""
    before = snapshot(db, inv_id)
    with pytest.raises(error) as caught, db.transaction() as s:
        call(s, load(s, inv_id))
    assert snapshot(db, inv_id) == before
    # Everything is checked before anything changes: a session that commits
    # after the error holds nothing new either.
    with db.transaction() as s:
        inv = load(s, inv_id)
        with pytest.raises(error):
            call(s, inv)
        assert not s.dirty and not s.new
    assert snapshot(db, inv_id) == before
    return caught.value


# --- the transition table -------------------------------------------------------------


def test_the_clock_is_frozen_where_these_tests_expect(clock: datetime) -> None:
    assert clock == TEST_NOW


def test_module_table_matches_the_rules() -> None:
    assert {k: set(v) for k, v in invitations.ALLOWED_TRANSITIONS.items()} == EXPECTED_TRANSITIONS
    assert all(isinstance(v, frozenset) for v in invitations.ALLOWED_TRANSITIONS.values())
    assert set(invitations.RESPONSE_STATUSES) == set(RESPONSES)
    for current in I:
        for target in I:
            assert invitations.can_transition(current, target) == (
                target in EXPECTED_TRANSITIONS[current]
            )


def test_every_status_has_a_path_and_an_action() -> None:
    assert set(PATHS) == set(I)
    assert set(ACTIONS) == set(I) - {I.NOT_SENT}
    assert len(LEGAL) + len(ILLEGAL) + len(REPEATED_ANSWERS) == len(I) * len(ACTIONS)


@pytest.mark.parametrize(("current", "target"), LEGAL, ids=pair_id)
def test_legal_transition(
    db: Database, current: InvitationStatus, target: InvitationStatus
) -> None:
    inv_id = make_invitation(db, current)
    with db.transaction() as s:
        inv = load(s, inv_id)
        rows_before = len(inv.history)
        result = ACTIONS[target](s, inv)
        assert result is True or result is inv

    with db.transaction() as s:
        inv = load(s, inv_id)
        assert inv.status == target
        assert len(inv.history) == rows_before + 1
        event = inv.history[-1]
        assert (event.from_status, event.to_status) == (current, target)
        assert event.party == EXPECTED_PARTY[target]
        assert event.source == ChangeSource.MANUAL
        assert event.reason == EXPECTED_REASON.get(target, "")
        assert event.actor == "tester"
        assert event.at == TEST_NOW
        assert inv.updated_at == TEST_NOW


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=pair_id)
def test_illegal_transition_is_refused_and_writes_nothing(
    db: Database, current: InvitationStatus, target: InvitationStatus
) -> None:
    inv_id = make_invitation(db, current)
    error = assert_refused(db, inv_id, ACTIONS[target], IllegalTransitionError)
    assert (error.current, error.requested) == (current.value, target.value)
    message = str(error)
    assert message.startswith(f"Cannot {REFUSED_STEP[target]}: ")
    assert message.endswith(".")


@pytest.mark.parametrize("answer", RESPONSES, ids=pair_id)
def test_repeating_an_answer_changes_nothing(db: Database, answer: InvitationStatus) -> None:
    inv_id = make_invitation(db, answer)
    before = snapshot(db, inv_id)
    with db.transaction() as s:
        assert invitations.record_response(s, load(s, inv_id), answer) is False
    assert snapshot(db, inv_id) == before


# --- messages -------------------------------------------------------------------------


def _clover_invitation_declined_on(db: Database, declined_at: datetime) -> int:
    """The 2023 story: invited in August, declined on ``declined_at`` (naive = Amsterdam)."""
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=TITLE, at=datetime(2023, 8, 20, 10, 0))
        lifecycle.schedule(
            s,
            rt,
            datetime(2023, 9, 7, 14, 0),
            datetime(2023, 9, 7, 16, 0),
            at=datetime(2023, 8, 21),
        )
        inv = invitations.add_invitation(s, rt, person=make_person(s), at=datetime(2023, 8, 22))
        invitations.mark_invited(s, inv, at=datetime(2023, 8, 23))
        invitations.record_response(s, inv, I.DECLINED, at=declined_at)
        return inv.id


@pytest.mark.parametrize(
    ("declined_at", "day"),
    [
        (datetime(2023, 9, 3, 10, 0), "3 Sep 2023"),
        # 22:30 UTC on the 3rd is already the 4th in Amsterdam (CEST, UTC+2).
        (datetime(2023, 9, 3, 22, 30, tzinfo=UTC), "4 Sep 2023"),
    ],
)
def test_refusal_names_invitee_roundtable_and_day_in_its_zone(
    db: Database, declined_at: datetime, day: str
) -> None:
    inv_id = _clover_invitation_declined_on(db, declined_at)
    error = assert_refused(db, inv_id, ACTIONS[I.WITHDRAWN], IllegalTransitionError)
    assert str(error) == (
        f"Cannot withdraw the invitation of Jan de Vries to “Project Clover roundtable”: "
        f"it was declined on {day}."
    )


def test_refusal_before_sending(db: Database) -> None:
    inv_id = make_invitation(db, I.NOT_SENT)
    error = assert_refused(db, inv_id, ACTIONS[I.ACCEPTED], IllegalTransitionError)
    assert str(error) == (
        f"Cannot record that Jan de Vries accepted the invitation to “{TITLE}”: "
        "the invitation has not been sent yet."
    )


# --- adding invitations ---------------------------------------------------------------


def test_add_invitation_writes_the_first_history_row(db: Database) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        person = make_person(s)
        inv = invitations.add_invitation(
            s,
            load_roundtable(s, rt_id),
            person=person,
            role=InvitationRole.SPEAKER,
            consent_to_be_named=True,
            notes="  Delegation lead  ",
        )
        inv_id = inv.id
    with db.transaction() as s:
        inv = load(s, inv_id)
        assert inv.status == I.NOT_SENT
        assert inv.person is not None and inv.person.name == NAME
        # The person's organisation is taken along when none is given.
        assert inv.organisation is not None and inv.organisation.name == "Privacy First"
        assert (inv.role, inv.consent_to_be_named, inv.notes) == (
            InvitationRole.SPEAKER,
            True,
            "Delegation lead",
        )
        assert inv.created_at == inv.updated_at == TEST_NOW
        [event] = inv.history
        assert (event.from_status, event.to_status) == (None, I.NOT_SENT)
        assert (event.party, event.source, event.actor, event.at) == (
            Party.COORDINATOR,
            ChangeSource.MANUAL,
            "tester",
            TEST_NOW,
        )


def test_an_explicit_organisation_wins_over_the_persons(db: Database) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        other = Organisation(name="Bits of Freedom")
        inv = invitations.add_invitation(
            s, load_roundtable(s, rt_id), person=make_person(s), organisation=other
        )
        inv_id = inv.id
    with db.transaction() as s:
        organisation = load(s, inv_id).organisation
        assert organisation is not None and organisation.name == "Bits of Freedom"


def test_an_organisation_can_be_invited_without_a_person(db: Database) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        ncc = Organisation(name="NCC Group", kind=OrganisationKind.COMPANY)
        inv = invitations.add_invitation(s, load_roundtable(s, rt_id), organisation=ncc)
        assert inv.invitee_name == "NCC Group"
        ncc_id = ncc.id
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        invitations.add_invitation(
            s, load_roundtable(s, rt_id), organisation=s.get(Organisation, ncc_id)
        )
    assert caught.value.field == "organisation"
    assert str(caught.value) == f"NCC Group is already invited to “{TITLE}”."


def _count_invitations(db: Database) -> tuple[int, int]:
    with db.transaction() as s:
        return (
            s.scalar(select(func.count()).select_from(Invitation)) or 0,
            s.scalar(select(func.count()).select_from(InvitationEvent)) or 0,
        )


def test_a_person_cannot_be_invited_twice(db: Database) -> None:
    inv_id = make_invitation(db, I.ACCEPTED)
    before = _count_invitations(db)
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        inv = load(s, inv_id)
        invitations.add_invitation(s, inv.roundtable, person=inv.person)
    assert caught.value.field == "person"
    assert str(caught.value) == f"Jan de Vries is already invited to “{TITLE}”."
    assert _count_invitations(db) == before


def test_an_erased_person_cannot_be_invited(db: Database) -> None:
    rt_id = make_roundtable(db)
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        erased = Person(name="Erased person", erased_at=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
        s.add(erased)
        invitations.add_invitation(s, load_roundtable(s, rt_id), person=erased)
    assert caught.value.field == "person"
    assert "erased on 5 Jan 2026" in str(caught.value)
    assert _count_invitations(db) == (0, 0)


def test_someone_must_be_invited(db: Database) -> None:
    rt_id = make_roundtable(db)
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        invitations.add_invitation(s, load_roundtable(s, rt_id))
    assert caught.value.field == "person"
    assert _count_invitations(db) == (0, 0)


@pytest.mark.parametrize(
    ("finish", "phrase"),
    [
        (
            lambda s, rt: lifecycle.cancel(s, rt, "Lack of enthusiasm"),
            "it was cancelled on 29 Nov 2026",
        ),
        (lambda s, rt: lifecycle.mark_held(s, rt), "it was held on 27 Nov 2026"),
    ],
    ids=["cancelled", "held"],
)
def test_no_invitations_to_a_cancelled_or_held_roundtable(
    db: Database, finish: Callable[[Session, Roundtable], object], phrase: str
) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        finish(s, load_roundtable(s, rt_id))
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        invitations.add_invitation(s, load_roundtable(s, rt_id), person=make_person(s))
    assert caught.value.field == "roundtable"
    assert str(caught.value) == f"Cannot invite anyone to “{TITLE}”: {phrase}."
    assert _count_invitations(db) == (0, 0)


@pytest.mark.parametrize("status", [R.DRAFT, R.POSTPONED])
def test_invitations_can_be_prepared_before_the_date_is_final(
    db: Database, status: RoundtableStatus
) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        rt = load_roundtable(s, rt_id)
        if status == R.POSTPONED:
            lifecycle.postpone(s, rt)
        else:
            rt = lifecycle.create_roundtable(s, title="Draft roundtable")
        inv = invitations.add_invitation(s, rt, person=make_person(s))
        invitations.mark_invited(s, inv)
        assert inv.status == I.INVITED


# --- the roundtable's state -----------------------------------------------------------


@pytest.mark.parametrize("target", list(ACTIONS), ids=pair_id)
def test_nothing_changes_once_the_roundtable_is_cancelled(
    db: Database, target: InvitationStatus
) -> None:
    # A starting point from which ``target`` would otherwise be legal.
    current = I.NO_RESPONSE if target == I.INVITED else I.INVITED
    assert target in EXPECTED_TRANSITIONS[current]
    inv_id = make_invitation(db, current)
    with db.transaction() as s:
        lifecycle.cancel(s, load(s, inv_id).roundtable, "Lack of enthusiasm")
    error = assert_refused(db, inv_id, ACTIONS[target], IllegalTransitionError)
    assert (error.current, error.requested) == (current.value, target.value)
    assert str(error) == (
        f"Cannot {REFUSED_STEP[target]}: the roundtable was cancelled on 29 Nov 2026."
    )


def test_even_a_repeated_answer_is_refused_after_cancellation(db: Database) -> None:
    inv_id = make_invitation(db, I.ACCEPTED)
    with db.transaction() as s:
        lifecycle.cancel(s, load(s, inv_id).roundtable, "Lack of enthusiasm")
    error = assert_refused(db, inv_id, ACTIONS[I.ACCEPTED], IllegalTransitionError)
    assert "was cancelled on 29 Nov 2026" in str(error)


@pytest.mark.parametrize("attended", [True, False])
def test_attendance_waits_for_the_start(db: Database, attended: bool) -> None:
    inv_id = make_invitation(db, I.ACCEPTED, start=FUTURE_START, end=FUTURE_END)
    error = assert_refused(
        db,
        inv_id,
        lambda s, inv: invitations.mark_attendance(s, inv, attended),
        IllegalTransitionError,
    )
    assert str(error).endswith(
        f"“{TITLE}”: it has not started yet (it starts on 10 Dec 2026 14:00)."
    )
    # From the moment it starts, attendance can be recorded.
    with db.transaction() as s:
        invitations.mark_attendance(s, load(s, inv_id), attended, at=FUTURE_START)
    with db.transaction() as s:
        inv = load(s, inv_id)
        assert inv.status == (I.ATTENDED if attended else I.NO_SHOW)
        assert inv.history[-1].at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize("status", [R.DRAFT, R.POSTPONED])
def test_no_attendance_for_a_roundtable_that_has_no_date(
    db: Database, status: RoundtableStatus
) -> None:
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=TITLE)
        if status == R.POSTPONED:
            lifecycle.schedule(s, rt, PAST_START, PAST_END)
            lifecycle.postpone(s, rt, "Venue flooded")
        inv = invitations.add_invitation(s, rt, person=make_person(s))
        invitations.mark_invited(s, inv)
        inv_id = inv.id
    error = assert_refused(db, inv_id, ACTIONS[I.ATTENDED], IllegalTransitionError)
    assert "it has not taken place" in str(error)


def test_attendance_on_a_held_roundtable(db: Database) -> None:
    inv_id = make_invitation(db, I.TENTATIVE)
    with db.transaction() as s:
        lifecycle.mark_held(s, load(s, inv_id).roundtable)
    with db.transaction() as s:
        invitations.mark_attendance(s, load(s, inv_id), False)
        invitations.mark_attendance(s, load(s, inv_id), True)
    with db.transaction() as s:
        inv = load(s, inv_id)
        assert [(e.from_status, e.to_status) for e in inv.history[-2:]] == [
            (I.TENTATIVE, I.NO_SHOW),
            (I.NO_SHOW, I.ATTENDED),
        ]


# --- withdrawals ----------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_withdrawal_needs_a_reason(db: Database, reason: str | None) -> None:
    inv_id = make_invitation(db, I.INVITED)
    error = assert_refused(
        db,
        inv_id,
        lambda s, inv: invitations.withdraw(s, inv, reason),  # type: ignore[arg-type]
        ValidationError,
    )
    assert error.field == "reason"


def test_only_host_or_invitee_withdraw(db: Database) -> None:
    inv_id = make_invitation(db, I.INVITED)
    error = assert_refused(
        db,
        inv_id,
        lambda s, inv: invitations.withdraw(s, inv, "Why not", by=Party.COORDINATOR),
        ValidationError,
    )
    assert error.field == "by"


@pytest.mark.parametrize("by", [Party.HOST, Party.INVITEE])
def test_withdrawal_records_who_withdrew(db: Database, by: Party) -> None:
    inv_id = make_invitation(db, I.ACCEPTED)
    with db.transaction() as s:
        invitations.withdraw(s, load(s, inv_id), "  Lack of enthusiasm for the roundtable ", by=by)
    with db.transaction() as s:
        event = load(s, inv_id).history[-1]
        assert (event.from_status, event.to_status) == (I.ACCEPTED, I.WITHDRAWN)
        assert event.party == by
        assert event.reason == "Lack of enthusiasm for the roundtable"


# --- times ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("local", "utc"),
    [
        # Summer (CEST, UTC+2) and winter (CET, UTC+1) in Amsterdam.
        (datetime(2023, 9, 3, 10, 0), datetime(2023, 9, 3, 8, 0, tzinfo=UTC)),
        (datetime(2023, 11, 20, 10, 0), datetime(2023, 11, 20, 9, 0, tzinfo=UTC)),
    ],
    ids=["summer", "winter"],
)
def test_naive_at_is_wall_time_in_the_roundtables_zone(
    db: Database, local: datetime, utc: datetime
) -> None:
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=TITLE, at=datetime(2023, 8, 1))
        lifecycle.schedule(
            s, rt, datetime(2023, 11, 27, 14), datetime(2023, 11, 27, 16), at=datetime(2023, 8, 2)
        )
        inv = invitations.add_invitation(s, rt, person=make_person(s), at=datetime(2023, 8, 3))
        invitations.mark_invited(s, inv, at=datetime(2023, 8, 4), source=ChangeSource.DEMO)
        changed = invitations.record_response(
            s, inv, I.TENTATIVE, at=local, source=ChangeSource.CALENDAR_REPLY, note="Checking diary"
        )
        assert changed is True
        inv_id = inv.id
    with db.transaction() as s:
        inv = load(s, inv_id)
        assert inv.created_at == datetime(2023, 8, 2, 22, 0, tzinfo=UTC)
        # The row was last changed when the answer was typed in, not when it was given.
        assert inv.updated_at == TEST_NOW
        invited, answered = inv.history[-2:]
        assert (invited.source, invited.party) == (ChangeSource.DEMO, Party.HOST)
        assert answered.at == utc
        assert (answered.source, answered.party, answered.reason) == (
            ChangeSource.CALENDAR_REPLY,
            Party.INVITEE,
            "Checking diary",
        )


def test_history_stays_in_order(db: Database) -> None:
    inv_id = make_invitation(db, I.INVITED)
    error = assert_refused(
        db,
        inv_id,
        lambda s, inv: invitations.record_response(
            s, inv, I.ACCEPTED, at=TEST_NOW - timedelta(seconds=1)
        ),
        ValidationError,
    )
    assert error.field == "at"
    assert "before the last recorded change of the invitation of Jan de Vries" in str(error)
    # The same moment as the last row is fine: several steps can be noted at once.
    with db.transaction() as s:
        assert invitations.record_response(s, load(s, inv_id), I.ACCEPTED, at=TEST_NOW)


@pytest.mark.parametrize("status", [I.INVITED, I.NO_RESPONSE, I.WITHDRAWN, "attended"])
def test_record_response_accepts_only_answers(db: Database, status: InvitationStatus) -> None:
    inv_id = make_invitation(db, I.INVITED)
    error = assert_refused(
        db, inv_id, lambda s, inv: invitations.record_response(s, inv, status), ValidationError
    )
    assert error.field == "status"


def test_record_response_accepts_plain_strings(db: Database) -> None:
    inv_id = make_invitation(db, I.INVITED)
    with db.transaction() as s:
        assert invitations.record_response(s, load(s, inv_id), "declined")  # type: ignore[arg-type]
    with db.transaction() as s:
        assert load(s, inv_id).status == I.DECLINED


# --- consent --------------------------------------------------------------------------


def test_consent_is_not_a_status_change_but_is_audited(db: Database) -> None:
    inv_id = make_invitation(db, I.ACCEPTED)
    rows_before = len(snapshot(db, inv_id)[4])  # type: ignore[arg-type]
    with db.transaction() as s:
        invitations.set_consent_to_be_named(s, load(s, inv_id), True)
        invitations.set_consent_to_be_named(s, load(s, inv_id), True)  # no change, no audit row
    with db.transaction() as s:
        inv = load(s, inv_id)
        assert inv.consent_to_be_named is True
        assert inv.status == I.ACCEPTED
        assert len(inv.history) == rows_before
        [audit] = s.scalars(select(AuditEntry)).all()
        assert (audit.action, audit.entity_type, audit.entity_id, audit.actor) == (
            "invitation.consent_to_be_named",
            "invitation",
            inv_id,
            "tester",
        )


def test_an_erased_person_cannot_consent(db: Database) -> None:
    inv_id = make_invitation(db, I.ATTENDED)
    with db.transaction() as s:
        person = load(s, inv_id).person
        assert person is not None
        person.erased_at = TEST_NOW
    error = assert_refused(
        db,
        inv_id,
        lambda s, inv: invitations.set_consent_to_be_named(s, inv, True),
        ValidationError,
    )
    assert error.field == "consent_to_be_named"


# --- the actions (what the app and the command line run) --------------------------------


def _people(db: Database, *names: str) -> list[int]:
    with db.transaction() as s:
        return [
            make_person(s, name, f"{name.replace(' ', '.').lower()}@example.org").id
            for name in names
        ]


def _statuses_of(db: Database, rt_id: int) -> dict[str, InvitationStatus]:
    with db.transaction() as s:
        return {inv.invitee_name: inv.status for inv in load_roundtable(s, rt_id).invitations}


def test_add_invitees_adds_everyone_picked_in_one_action(db: Database) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    jan, eva = _people(db, "Jan de Vries", "Eva Jansen")
    with db.transaction() as s:
        company = Organisation(name="Clover Energy", kind=OrganisationKind.COMPANY)
        s.add(company)
        s.flush()
        company_id = company.id
    action = invitation_actions.add_invitees(
        rt_id,
        [(PERSON, jan), (ORGANISATION, company_id), (PERSON, eva)],
        role=InvitationRole.SPEAKER,
        sent=True,
    )
    assert action.label == "Add 3 invitees"
    assert action.kinds == frozenset({"invitations"})
    done = actions.perform(db, action)
    with db.transaction() as s:
        added = [load(s, i) for i in done.result]
        assert [i.invitee_name for i in added] == ["Jan de Vries", "Clover Energy", "Eva Jansen"]
        assert {(i.status, i.role) for i in added} == {(I.INVITED, InvitationRole.SPEAKER)}
        assert [e.to_status for e in added[0].history] == [I.NOT_SENT, I.INVITED]
        assert added[1].person_id is None
    actions.undo(db, done)
    assert _statuses_of(db, rt_id) == {}
    actions.redo(db, done)
    assert _statuses_of(db, rt_id) == dict.fromkeys(
        ["Jan de Vries", "Clover Energy", "Eva Jansen"], I.INVITED
    )
    assert invitation_actions.add_invitees(rt_id, [(PERSON, jan)]).label == "Add 1 invitee"


def test_add_invitees_is_all_or_nothing(db: Database) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    jan, eva = _people(db, "Jan de Vries", "Eva Jansen")
    actions.perform(db, invitation_actions.add_invitees(rt_id, [(PERSON, jan)]))
    with pytest.raises(ValidationError) as caught:
        actions.perform(
            db,
            invitation_actions.add_invitees(rt_id, [(PERSON, eva), (PERSON, jan), (PERSON, 999)]),
        )
    assert str(caught.value) == (
        f"Nobody was added. Jan de Vries is already invited to “{TITLE}”. "
        "The person no longer exists; someone may have deleted them."
    )
    assert _statuses_of(db, rt_id) == {"Jan de Vries": I.NOT_SENT}
    with pytest.raises(ValueError, match="unknown kinds"):
        invitation_actions.add_invitees(rt_id, [("group", jan)])


def test_a_step_on_a_selection_is_all_or_nothing_with_every_refusal_listed(
    db: Database,
) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    ids = actions.perform(
        db,
        invitation_actions.add_invitees(
            rt_id, [(PERSON, p) for p in _people(db, "Jan de Vries", "Eva Jansen")], sent=True
        ),
    ).result
    before = [snapshot(db, i) for i in ids]
    with pytest.raises(ValidationError) as caught:
        actions.perform(db, invitation_actions.mark_attendance(ids, True))
    message = str(caught.value)
    assert message.startswith("Nothing was changed:\n• Cannot record that Jan de Vries attended")
    assert "\n• Cannot record that Eva Jansen attended" in message
    assert "has not started yet" in message
    assert caught.value.field == "selection"
    assert [snapshot(db, i) for i in ids] == before


def test_the_steps_record_what_the_lifecycle_records(db: Database) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    jan, eva, tomas = actions.perform(
        db,
        invitation_actions.add_invitees(
            rt_id, [(PERSON, p) for p in _people(db, "Jan de Vries", "Eva Jansen", "Tomas Olsen")]
        ),
    ).result
    steps = [
        (invitation_actions.mark_sent([jan, eva, tomas]), "Mark as sent"),
        (invitation_actions.record_response([jan], I.ACCEPTED), "Record acceptance"),
        (invitation_actions.record_response([jan], I.TENTATIVE), "Record tentative acceptance"),
        (invitation_actions.record_response([eva], I.DECLINED), "Record decline"),
        (invitation_actions.mark_no_response([tomas]), "Mark no response"),
        (
            invitation_actions.withdraw([jan], "Seat for a speaker", by=Party.INVITEE),
            "Withdraw invitation",
        ),
    ]
    for step, label in steps:
        assert step.label == label
        actions.perform(db, step)
    assert _statuses_of(db, rt_id) == {
        "Jan de Vries": I.WITHDRAWN,
        "Eva Jansen": I.DECLINED,
        "Tomas Olsen": I.NO_RESPONSE,
    }
    with db.transaction() as s:
        last = load(s, jan).history[-1]
        assert (last.party, last.reason) == (Party.INVITEE, "Seat for a speaker")
    # The same answer again changes nothing.
    again = actions.perform(db, invitation_actions.record_response([eva], I.DECLINED))
    assert not again.changes


def test_attendance_and_its_labels(db: Database) -> None:
    inv_id = make_invitation(db, I.ACCEPTED)
    present = invitation_actions.mark_attendance([inv_id], True)
    assert present.label == "Mark attended"
    actions.perform(db, present)
    absent = invitation_actions.mark_attendance([inv_id], False)
    assert absent.label == "Mark no-show"
    done = actions.perform(db, absent)
    with db.transaction() as s:
        assert load(s, inv_id).status == I.NO_SHOW
    actions.undo(db, done)
    with db.transaction() as s:
        assert load(s, inv_id).status == I.ATTENDED


def test_consent_for_a_selection_is_audited_and_undone(db: Database) -> None:
    inv_id = make_invitation(db, I.ACCEPTED)
    action = invitation_actions.set_consent_to_be_named([inv_id], True)
    assert action.label == "Named in public"
    assert invitation_actions.set_consent_to_be_named([inv_id], False).label == (
        "Not named in public"
    )
    done = actions.perform(db, action)
    assert done.kinds == frozenset({"invitations", "audit"})
    actions.undo(db, done)
    with db.transaction() as s:
        assert load(s, inv_id).consent_to_be_named is False
        # The audit log keeps what happened, and that it was undone.
        assert [a.action for a in s.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
            "invitation.consent_to_be_named",
            "invitation.consent_to_be_named.undo",
        ]


def test_only_unsent_invitations_are_removed(db: Database) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    jan, eva = actions.perform(
        db,
        invitation_actions.add_invitees(
            rt_id, [(PERSON, p) for p in _people(db, "Jan de Vries", "Eva Jansen")]
        ),
    ).result
    actions.perform(db, invitation_actions.mark_sent([eva]))
    with pytest.raises(ValidationError) as caught:
        actions.perform(db, invitation_actions.remove_invitations([jan, eva]))
    assert str(caught.value) == (
        "Nothing was changed:\n• The invitation of Eva Jansen was already sent; "
        "withdraw it instead."
    )
    done = actions.perform(db, invitation_actions.remove_invitations([jan]))
    assert done.action.label == "Remove from the list"
    assert _statuses_of(db, rt_id) == {"Eva Jansen": I.INVITED}
    actions.undo(db, done)
    with db.transaction() as s:
        assert load(s, jan).status == I.NOT_SENT  # back under its own id


def test_a_removed_invitation_is_named_in_the_refusal(db: Database) -> None:
    inv_id = make_invitation(db, I.INVITED)
    with db.transaction() as s:
        s.delete(load(s, inv_id))
    with pytest.raises(ValidationError) as caught:
        actions.perform(db, invitation_actions.mark_no_response([inv_id]))
    assert str(caught.value) == (
        "Nothing was changed:\n• The invitation no longer exists; someone may have removed it."
    )


def test_the_labels_are_dutch_when_the_app_is() -> None:
    i18n.set_language("nl")
    assert invitation_actions.mark_sent([1]).label == "Markeren als verstuurd"
    assert invitation_actions.add_invitees(1, [(PERSON, 1), (PERSON, 2)]).label == (
        "2 genodigden toevoegen"
    )
    assert invitation_actions.add_invitees(1, [(PERSON, 1)]).label == "1 genodigde toevoegen"


# --- the read models of the invitation windows ----------------------------------------


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def test_the_invitation_list_and_history_as_the_windows_read_them(db: Database) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    people = _people(db, *(f"Person {n:02d}" for n in range(12)))
    ids = actions.perform(
        db, invitation_actions.add_invitees(rt_id, [(PERSON, p) for p in people], sent=True)
    ).result
    actions.perform(db, invitation_actions.withdraw(ids[:1], "Seat needed", by=Party.HOST))

    listing = db.read(invitation_queries.invitation_list, rt_id)
    assert (listing.title, listing.timezone, listing.status) == (
        TITLE,
        "Europe/Amsterdam",
        R.SCHEDULED,
    )
    assert [r.id for r in listing.rows] == ids
    assert listing.rows[0].status == I.WITHDRAWN

    history = db.read(invitation_queries.invitation_history, ids[0])
    assert (history.invitee, history.roundtable_title, history.timezone) == (
        "Person 00",
        TITLE,
        "Europe/Amsterdam",
    )
    assert [r.to_status for r in history.rows] == [I.NOT_SENT, I.INVITED, I.WITHDRAWN]
    assert history.rows[-1].reason == "Seat needed"

    with _counting(db) as few:
        db.read(invitation_queries.invitation_list, rt_id)
    assert len(few) <= 3  # the roundtable and one statement for the list, however long

    with db.transaction() as s:
        s.delete(load(s, ids[1]))
    with pytest.raises(NotFoundError):
        db.read(invitation_queries.invitation_history, ids[1])
    with pytest.raises(NotFoundError):
        db.read(invitation_queries.invitation_list, 9999)


def test_the_pickers_choices_mark_who_is_on_the_list(db: Database) -> None:
    rt_id = make_roundtable(db, FUTURE_START, FUTURE_END)
    jan, eva, tomas = _people(db, "Jan de Vries", "Eva Jansen", "Tomas Olsen")
    with db.transaction() as s:
        load_person = s.get(Person, tomas)
        assert load_person is not None
        load_person.erased_at = TEST_NOW
        company = Organisation(name="Clover Energy", kind=OrganisationKind.COMPANY)
        s.add(company)
        s.flush()
        company_id = company.id
    actions.perform(
        db, invitation_actions.add_invitees(rt_id, [(PERSON, jan), (ORGANISATION, company_id)])
    )
    choices = db.read(invitation_queries.invitee_choices, rt_id)
    by_key = {c.key: c for c in choices}
    assert (PERSON, tomas) not in by_key  # erased people cannot be invited
    assert by_key[(PERSON, jan)].already_invited
    assert not by_key[(PERSON, eva)].already_invited
    assert by_key[(PERSON, eva)].organisation_name == "Privacy First"
    assert by_key[(ORGANISATION, company_id)].already_invited
    # Jan's invitation is on behalf of Privacy First, which is not invited on its own.
    privacy_first = next(c for c in choices if c.name == "Privacy First")
    assert privacy_first.kind == ORGANISATION and not privacy_first.already_invited
    with _counting(db) as few:
        db.read(invitation_queries.invitee_choices, rt_id)
    assert len(few) <= 4


def test_every_status_has_one_row_that_everything_reads() -> None:
    """A status is described once: transitions, phrases, PARTSTAT, bar segment, public yes."""
    from roundtable.meetings.queries import response_summary

    assert set(invitations.STATES) == set(InvitationStatus)
    for status, state in invitations.STATES.items():
        assert state.status is status
        assert state.partstat in {"NEEDS-ACTION", "ACCEPTED", "TENTATIVE", "DECLINED"}
        assert state.leads_to <= set(InvitationStatus)
        # A status something leads to has the words for refusing that step.
        if any(status in other.leads_to for other in invitations.STATES.values()):
            assert state.refused_step is not None
    # The response bar counts each status once, from its row.
    one_each = {status.value: 1 for status in InvitationStatus}
    summary = response_summary(one_each)
    assert summary.total == len(InvitationStatus)
    assert summary.accepted == 2 and summary.awaiting == 2  # accepted+attended, invited+no response
