"""The roundtable lifecycle: every step from every status, sequence numbers, history, input."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import actions, text
from roundtable.demo import load_demo
from roundtable.enums import RoundtableAction, RoundtableStatus
from roundtable.errors import IllegalTransitionError, NotFoundError, ValidationError
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import invitation_queries, lifecycle, minutes_queries, queries, questions
from roundtable.people import organisations, persons
from roundtable.privacy import retention
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import Organisation, Roundtable, RoundtableEvent, Statement

pytestmark = pytest.mark.usefixtures("clock")

E = TypeVar("E", bound=Exception)

#: The frozen clock of the ``clock`` fixture (checked below), when no ``at`` is given.
TEST_NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

S = RoundtableStatus
A = RoundtableAction
TITLE = "Project Clover roundtable"

# Naive times are wall time in Europe/Amsterdam (the default zone). The clock
# is frozen on 29 Nov 2026, so PAST has started and FUTURE has not.
PAST_START, PAST_END = datetime(2026, 11, 27, 14, 0), datetime(2026, 11, 27, 16, 0)
FUTURE_START, FUTURE_END = datetime(2026, 12, 10, 14, 0), datetime(2026, 12, 10, 16, 0)

#: The rules as the brief states them, written out independently of the module.
EXPECTED_ALLOWED_FROM: dict[RoundtableAction, set[RoundtableStatus]] = {
    A.SCHEDULED: {S.DRAFT, S.POSTPONED},
    A.RESCHEDULED: {S.SCHEDULED},
    A.POSTPONED: {S.SCHEDULED},
    A.CANCELLED: {S.DRAFT, S.SCHEDULED, S.POSTPONED},
    A.HELD: {S.SCHEDULED},
}
EXPECTED_LEADS_TO = {
    A.SCHEDULED: S.SCHEDULED,
    A.RESCHEDULED: S.SCHEDULED,
    A.POSTPONED: S.POSTPONED,
    A.CANCELLED: S.CANCELLED,
    A.HELD: S.HELD,
}
EXPECTED_REASON = {
    A.SCHEDULED: "",
    A.RESCHEDULED: "Room unavailable",
    A.POSTPONED: "Speaker ill",
    A.CANCELLED: "Too few acceptances",
    A.HELD: "",
}

STEPS: dict[RoundtableAction, Callable[[Session, Roundtable], Roundtable]] = {
    A.SCHEDULED: lambda s, rt: lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END),
    A.RESCHEDULED: lambda s, rt: lifecycle.reschedule(
        s, rt, FUTURE_START, FUTURE_END, reason="Room unavailable"
    ),
    A.POSTPONED: lambda s, rt: lifecycle.postpone(s, rt, "Speaker ill"),
    A.CANCELLED: lambda s, rt: lifecycle.cancel(s, rt, "Too few acceptances"),
    A.HELD: lambda s, rt: lifecycle.mark_held(s, rt),
}


def expected_bump(step: RoundtableAction, current: RoundtableStatus) -> int:
    """A draft was never sent, so scheduling it changes no calendar; being held changes none."""
    if step == A.SCHEDULED:
        return 1 if current == S.POSTPONED else 0
    return 0 if step == A.HELD else 1


LEGAL = [(step, status) for step in A if step in STEPS for status in EXPECTED_ALLOWED_FROM[step]]
ILLEGAL = [
    (step, status) for step in STEPS for status in S if status not in EXPECTED_ALLOWED_FROM[step]
]


def make_roundtable(db: Database, status: RoundtableStatus = S.DRAFT, **kwargs: object) -> int:
    """A roundtable brought to ``status`` through the lifecycle itself; returns its id."""
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=kwargs.pop("title", TITLE), **kwargs)  # type: ignore[arg-type]
        if status != S.DRAFT:
            lifecycle.schedule(s, rt, PAST_START, PAST_END)
        if status == S.POSTPONED:
            lifecycle.postpone(s, rt, "Venue flooded")
        elif status == S.CANCELLED:
            lifecycle.cancel(s, rt, "Lack of enthusiasm")
        elif status == S.HELD:
            lifecycle.mark_held(s, rt)
        assert rt.status == status
        return rt.id


def load(s: Session, rt_id: int) -> Roundtable:
    """The roundtable with this id, which the test knows exists."""
    rt = s.get(Roundtable, rt_id)
    assert rt is not None
    return rt


def snapshot(db: Database, rt_id: int) -> tuple[object, ...]:
    """Everything a refused change could have touched, read in a fresh transaction."""
    with db.transaction() as s:
        rt = load(s, rt_id)
        return (
            rt.status,
            rt.sequence,
            rt.version,
            rt.uid,
            rt.title,
            rt.venue,
            rt.online_url,
            rt.starts_at,
            rt.ends_at,
            rt.timezone,
            rt.cancellation_reason,
            rt.updated_at,
            len(rt.history),
            s.scalar(select(func.count()).select_from(RoundtableEvent)),
        )


def assert_refused(
    db: Database, rt_id: int, call: Callable[[Session, Roundtable], object], error: type[E]
) -> E:
    """``call`` raises ``error`` and leaves nothing written, even if its session commits."""
    before = snapshot(db, rt_id)
    with pytest.raises(error) as caught, db.transaction() as s:
        call(s, load(s, rt_id))
    assert snapshot(db, rt_id) == before
    # Validation comes before any change, so even a session that goes on to
    # commit after the error holds nothing new.
    with db.transaction() as s:
        rt = load(s, rt_id)
        with pytest.raises(error):
            call(s, rt)
        assert not s.dirty and not s.new
    assert snapshot(db, rt_id) == before
    return caught.value


# --- the transition table -------------------------------------------------------------


def test_the_clock_is_frozen_where_these_tests_expect(clock: datetime) -> None:
    assert clock == TEST_NOW


def test_module_table_matches_the_rules() -> None:
    assert {k: set(v) for k, v in lifecycle.STEP_ALLOWED_FROM.items()} == EXPECTED_ALLOWED_FROM
    assert lifecycle.STEP_LEADS_TO == EXPECTED_LEADS_TO
    assert set(lifecycle.FINAL_STATUSES) == {S.CANCELLED, S.HELD}
    for final in lifecycle.FINAL_STATUSES:
        assert not any(final in allowed for allowed in lifecycle.STEP_ALLOWED_FROM.values())


@pytest.mark.parametrize(("step", "current"), LEGAL, ids=lambda v: str(v))
def test_legal_step(db: Database, step: RoundtableAction, current: RoundtableStatus) -> None:
    rt_id = make_roundtable(db, current)
    with db.transaction() as s:
        rt = load(s, rt_id)
        sequence_before, rows_before, uid = rt.sequence, len(rt.history), rt.uid
        STEPS[step](s, rt)

    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.status == EXPECTED_LEADS_TO[step]
        assert rt.sequence == sequence_before + expected_bump(step, current)
        assert rt.uid == uid
        assert len(rt.history) == rows_before + 1
        event = rt.history[-1]
        assert event.action == step
        assert (event.from_status, event.to_status) == (current, EXPECTED_LEADS_TO[step])
        assert event.sequence == rt.sequence
        assert event.reason == EXPECTED_REASON[step]
        assert event.actor == "tester"
        assert event.at == TEST_NOW
        assert rt.updated_at == TEST_NOW
        if step == A.CANCELLED:
            assert rt.cancellation_reason == "Too few acceptances"
        if step in (A.SCHEDULED, A.RESCHEDULED):
            assert rt.starts_at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(("step", "current"), ILLEGAL, ids=lambda v: str(v))
def test_illegal_step_is_refused_and_writes_nothing(
    db: Database, step: RoundtableAction, current: RoundtableStatus
) -> None:
    rt_id = make_roundtable(db, current)
    error = assert_refused(db, rt_id, STEPS[step], IllegalTransitionError)
    assert error.current == current.value
    assert error.requested == EXPECTED_LEADS_TO[step].value
    assert f"“{TITLE}”" in str(error)
    assert str(error).startswith("Cannot ")
    assert str(error).endswith(".")


# --- messages -------------------------------------------------------------------------


def _clover_cancelled_at(db: Database, cancelled_at: datetime) -> int:
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=TITLE, at=datetime(2023, 8, 20, 10, 0))
        lifecycle.schedule(
            s,
            rt,
            datetime(2023, 9, 7, 14, 0),
            datetime(2023, 9, 7, 16, 0),
            at=datetime(2023, 8, 21),
        )
        lifecycle.cancel(s, rt, "Lack of enthusiasm for the roundtable", at=cancelled_at)
        return rt.id


@pytest.mark.parametrize(
    ("cancelled_at", "day"),
    [
        (datetime(2023, 9, 5, 10, 0), "5 Sep 2023"),
        # 22:30 UTC is already 00:30 on the 6th in Amsterdam (CEST): the zone decides.
        (datetime(2023, 9, 5, 22, 30, tzinfo=UTC), "6 Sep 2023"),
    ],
)
def test_refusal_names_the_title_and_the_day_in_the_roundtables_zone(
    db: Database, cancelled_at: datetime, day: str
) -> None:
    rt_id = _clover_cancelled_at(db, cancelled_at)
    error = assert_refused(db, rt_id, STEPS[A.RESCHEDULED], IllegalTransitionError)
    assert (
        str(error) == f"Cannot reschedule “Project Clover roundtable”: it was cancelled on {day}."
    )


def test_refusal_hints_at_the_right_step(db: Database) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    error = assert_refused(db, rt_id, STEPS[A.SCHEDULED], IllegalTransitionError)
    assert str(error) == (
        f"Cannot schedule “{TITLE}”: it is scheduled for 27 Nov 2026 14:00–16:00; "
        "reschedule it to move it."
    )
    draft_id = make_roundtable(db, S.DRAFT, title="Second roundtable")
    error = assert_refused(db, draft_id, STEPS[A.RESCHEDULED], IllegalTransitionError)
    assert str(error) == (
        "Cannot reschedule “Second roundtable”: it is still a draft; schedule it to give it a date."
    )


def test_held_refusal_names_the_day_it_was_held(db: Database) -> None:
    rt_id = make_roundtable(db, S.HELD)
    error = assert_refused(db, rt_id, STEPS[A.CANCELLED], IllegalTransitionError)
    assert str(error) == f"Cannot cancel “{TITLE}”: it was held on 27 Nov 2026."


# --- creation and the UID -------------------------------------------------------------


def test_create_starts_as_draft_with_a_created_row(db: Database) -> None:
    with db.transaction() as s:
        host = Organisation(name="TikTok")
        s.add(host)
        rt = lifecycle.create_roundtable(
            s, title="  Project Clover roundtable ", topic="Data security", host=host
        )
        rt_id = rt.id
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert (rt.status, rt.sequence, rt.title, rt.timezone) == (
            S.DRAFT,
            0,
            TITLE,
            "Europe/Amsterdam",
        )
        assert rt.host is not None and rt.host.name == "TikTok"
        assert rt.starts_at is None and rt.ends_at is None
        assert rt.created_at == TEST_NOW
        [event] = rt.history
        assert event.action == A.CREATED
        assert (event.from_status, event.to_status, event.sequence) == (None, S.DRAFT, 0)
        assert event.actor == "tester"
        assert event.at == TEST_NOW


def test_generated_uid_is_a_uuid4_at_roundtable_local(db: Database) -> None:
    first = make_roundtable(db)
    second = make_roundtable(db, title="Another")
    with db.transaction() as s:
        uids = [s.get(Roundtable, i).uid for i in (first, second)]  # type: ignore[union-attr]
    for uid in uids:
        match = re.fullmatch(r"([0-9a-f-]{36})@roundtable\.local", uid)
        assert match is not None
        assert uuid.UUID(match.group(1)).version == 4
    assert uids[0] != uids[1]


def test_given_uid_is_kept_and_never_changes(db: Database) -> None:
    uid = "040000008200E00074C5B7101A82E008@example.com"
    rt_id = make_roundtable(db, uid=uid)
    with db.transaction() as s:
        rt = load(s, rt_id)
        lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END)
        lifecycle.update_details(s, rt, venue="Amsterdam office", title="Clover roundtable")
        lifecycle.reschedule(
            s, rt, FUTURE_START + timedelta(days=7), FUTURE_END + timedelta(days=7)
        )
        lifecycle.postpone(s, rt)
        lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END)
        lifecycle.cancel(s, rt, "Lack of enthusiasm")
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.uid == uid
        assert [e.sequence for e in rt.history] == [0, 0, 1, 2, 3, 4, 5]


def test_duplicate_uid_is_refused(db: Database) -> None:
    make_roundtable(db, uid="same@example.com")
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        lifecycle.create_roundtable(s, title="Other", uid="same@example.com")
    assert caught.value.field == "uid"
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Roundtable)) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"title": ""}, "title"),
        ({"title": "x" * 301}, "title"),
        ({"timezone": "Europe/Amsterdm"}, "timezone"),
        ({"timezone": ""}, "timezone"),
        ({"online_url": "teams meeting"}, "online_url"),
        ({"online_url": "ftp://example.org/x"}, "online_url"),
        ({"starts_at": PAST_START}, "ends_at"),
        ({"ends_at": PAST_END}, "starts_at"),
        ({"starts_at": PAST_END, "ends_at": PAST_START}, "ends_at"),
        ({"starts_at": PAST_START, "ends_at": PAST_START}, "ends_at"),
        ({"uid": "  "}, "uid"),
        ({"uid": "two\nlines"}, "uid"),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(
    db: Database, kwargs: dict[str, object], field: str
) -> None:
    arguments: dict[str, object] = {"title": TITLE, **kwargs}
    with pytest.raises(ValidationError) as caught, db.transaction() as s:
        lifecycle.create_roundtable(s, **arguments)  # type: ignore[arg-type]
    assert caught.value.field == field
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Roundtable)) == 0
        assert s.scalar(select(func.count()).select_from(RoundtableEvent)) == 0


def test_create_with_times_reads_naive_times_in_the_given_zone(db: Database) -> None:
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(
            s,
            title=TITLE,
            starts_at=datetime(2023, 9, 7, 14, 0),
            ends_at=datetime(2023, 9, 7, 16, 0),
            timezone="Europe/London",
        )
        rt_id = rt.id
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.starts_at == datetime(2023, 9, 7, 13, 0, tzinfo=UTC)
        assert rt.history[0].detail == "7 Sep 2023 14:00–16:00 (Europe/London)"


# --- times and zones ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("local_start", "utc_start"),
    [
        # Summer time (CEST, UTC+2) and winter time (CET, UTC+1) in Amsterdam.
        (datetime(2023, 9, 7, 14, 0), datetime(2023, 9, 7, 12, 0, tzinfo=UTC)),
        (datetime(2023, 11, 27, 14, 0), datetime(2023, 11, 27, 13, 0, tzinfo=UTC)),
    ],
    ids=["summer", "winter"],
)
def test_naive_times_are_wall_time_in_the_roundtables_zone(
    db: Database, local_start: datetime, utc_start: datetime
) -> None:
    rt_id = make_roundtable(db, at=datetime(2023, 8, 1))
    with db.transaction() as s:
        rt = load(s, rt_id)
        lifecycle.schedule(
            s, rt, local_start, local_start + timedelta(hours=2), at=datetime(2023, 8, 2)
        )
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.starts_at == utc_start
        assert rt.ends_at == utc_start + timedelta(hours=2)
        assert rt.starts_at.tzinfo == UTC
        local = rt.starts_at.astimezone(ZoneInfo(rt.timezone))
        assert (local.hour, local.minute) == (14, 0)


def test_aware_times_keep_their_instant(db: Database) -> None:
    rt_id = make_roundtable(db)
    london = ZoneInfo("Europe/London")
    with db.transaction() as s:
        rt = load(s, rt_id)
        lifecycle.schedule(
            s,
            rt,
            datetime(2026, 12, 10, 14, 0, tzinfo=london),
            datetime(2026, 12, 10, 15, 0, tzinfo=london),
        )
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.starts_at == datetime(2026, 12, 10, 14, 0, tzinfo=UTC)
        assert rt.timezone == "Europe/Amsterdam"


def test_schedule_with_another_zone_reads_times_there_and_keeps_it(db: Database) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        rt = load(s, rt_id)
        lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END, "America/New_York")
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.timezone == "America/New_York"
        assert rt.starts_at == datetime(2026, 12, 10, 19, 0, tzinfo=UTC)
        assert rt.history[-1].detail == "10 Dec 2026 14:00–16:00 (America/New_York)"


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (
            lambda s, rt: lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END, "Mars/Olympus"),
            "timezone",
        ),
        (lambda s, rt: lifecycle.schedule(s, rt, FUTURE_END, FUTURE_START), "ends_at"),
        (lambda s, rt: lifecycle.schedule(s, rt, FUTURE_START, FUTURE_START), "ends_at"),
        (lambda s, rt: lifecycle.schedule(s, rt, None, FUTURE_END), "starts_at"),  # type: ignore[arg-type]
        (lambda s, rt: lifecycle.schedule(s, rt, FUTURE_START, None), "ends_at"),  # type: ignore[arg-type]
    ],
    ids=[
        "unknown-zone",
        "end-before-start",
        "end-equals-start",
        "no-start",
        "no-end",
    ],
)
def test_schedule_refuses_bad_input_and_writes_nothing(
    db: Database, call: Callable[[Session, Roundtable], object], field: str
) -> None:
    rt_id = make_roundtable(db)
    error = assert_refused(db, rt_id, call, ValidationError)
    assert error.field == field


def test_reschedule_records_old_and_new_times(db: Database) -> None:
    with db.transaction() as s:
        rt = lifecycle.create_roundtable(s, title=TITLE, at=datetime(2023, 8, 20, 10, 0))
        lifecycle.schedule(
            s,
            rt,
            datetime(2023, 9, 7, 14, 0),
            datetime(2023, 9, 7, 16, 0),
            at=datetime(2023, 8, 21),
        )
        lifecycle.reschedule(
            s,
            rt,
            datetime(2023, 9, 21, 14, 0),
            datetime(2023, 9, 21, 16, 0),
            reason="Clash with the committee hearing",
            at=datetime(2023, 9, 1, 9, 0),
        )
        rt_id = rt.id
    with db.transaction() as s:
        rt = load(s, rt_id)
        event = rt.history[-1]
        assert event.action == A.RESCHEDULED
        assert event.detail == "7 Sep 2023 14:00–16:00 → 21 Sep 2023 14:00–16:00 (Europe/Amsterdam)"
        assert event.reason == "Clash with the committee hearing"
        assert event.at == datetime(2023, 9, 1, 7, 0, tzinfo=UTC)
        assert (rt.sequence, event.sequence) == (1, 1)


def test_reschedule_to_the_same_times_is_refused(db: Database) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    error = assert_refused(
        db, rt_id, lambda s, rt: lifecycle.reschedule(s, rt, PAST_START, PAST_END), ValidationError
    )
    assert error.field == "starts_at"
    assert "already scheduled for 27 Nov 2026 14:00–16:00" in str(error)


def test_schedule_after_postponement_shows_the_move_and_bumps(db: Database) -> None:
    rt_id = make_roundtable(db, S.POSTPONED)
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.sequence == 1
        lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END)
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.sequence == 2
        assert [e.action for e in rt.history] == [A.CREATED, A.SCHEDULED, A.POSTPONED, A.SCHEDULED]
        assert rt.history[-1].detail == (
            "27 Nov 2026 14:00–16:00 → 10 Dec 2026 14:00–16:00 (Europe/Amsterdam)"
        )


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_cancel_needs_a_reason(db: Database, reason: str | None) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    error = assert_refused(
        db,
        rt_id,
        lambda s, rt: lifecycle.cancel(s, rt, reason),  # type: ignore[arg-type]
        ValidationError,
    )
    assert error.field == "reason"


def test_cancel_keeps_the_reason_stripped(db: Database) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    with db.transaction() as s:
        lifecycle.cancel(s, load(s, rt_id), "  Lack of enthusiasm  ")
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.cancellation_reason == "Lack of enthusiasm"
        assert rt.history[-1].reason == "Lack of enthusiasm"
        assert rt.history[-1].detail == "was 27 Nov 2026 14:00–16:00"


def test_mark_held_before_the_start_is_refused(db: Database) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        lifecycle.schedule(s, load(s, rt_id), FUTURE_START, FUTURE_END)
    error = assert_refused(db, rt_id, STEPS[A.HELD], IllegalTransitionError)
    assert (error.current, error.requested) == ("scheduled", "held")
    assert str(error) == (
        f"Cannot mark “{TITLE}” as held on 29 Nov 2026 10:00: it only starts on 10 Dec 2026 14:00."
    )


def test_mark_held_from_the_moment_it_starts(db: Database) -> None:
    rt_id = make_roundtable(db)
    with db.transaction() as s:
        rt = load(s, rt_id)
        lifecycle.schedule(s, rt, FUTURE_START, FUTURE_END)
        lifecycle.mark_held(s, rt, at=FUTURE_START)
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.status == S.HELD
        assert rt.sequence == 0
        assert rt.history[-1].at == datetime(2026, 12, 10, 13, 0, tzinfo=UTC)


def test_history_stays_in_order(db: Database) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    error = assert_refused(
        db,
        rt_id,
        lambda s, rt: lifecycle.postpone(s, rt, at=TEST_NOW - timedelta(minutes=1)),
        ValidationError,
    )
    assert error.field == "at"
    assert "before the last recorded change" in str(error)


# --- details --------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "topic", "description"])
@pytest.mark.parametrize("status", [S.DRAFT, S.SCHEDULED, S.POSTPONED, S.CANCELLED, S.HELD])
def test_text_fixes_never_bump_the_sequence(
    db: Database, field: str, status: RoundtableStatus
) -> None:
    rt_id = make_roundtable(db, status)
    before = snapshot(db, rt_id)
    with db.transaction() as s:
        rt = load(s, rt_id)
        lifecycle.update_details(s, rt, **{field: "Project Clover rondtable"})  # type: ignore[arg-type]
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert getattr(rt, field) == "Project Clover rondtable"
        assert rt.sequence == before[1]
        assert rt.status == status
        event = rt.history[-1]
        assert event.action == A.EDITED
        assert (event.from_status, event.to_status, event.sequence) == (status, status, rt.sequence)
        assert event.actor == "tester"


def test_edit_detail_names_what_changed(db: Database) -> None:
    rt_id = make_roundtable(db, title="Projct Clover roundtable")
    with db.transaction() as s:
        host = Organisation(name="TikTok")
        s.add(host)
        lifecycle.update_details(s, load(s, rt_id), title=TITLE, host=host)
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.history[-1].detail == (
            "title: “Projct Clover roundtable” → “Project Clover roundtable”; host: none → TikTok"
        )


@pytest.mark.parametrize(
    ("status", "bump"),
    [(S.DRAFT, 0), (S.SCHEDULED, 1), (S.POSTPONED, 1), (S.CANCELLED, 0), (S.HELD, 0)],
)
@pytest.mark.parametrize(
    "change", [{"venue": "TikTok office, Amsterdam"}, {"online_url": "https://meet.example.org/x"}]
)
def test_a_new_place_bumps_only_once_invitees_can_have_it(
    db: Database, status: RoundtableStatus, bump: int, change: dict[str, str]
) -> None:
    rt_id = make_roundtable(db, status)
    with db.transaction() as s:
        rt = load(s, rt_id)
        sequence_before = rt.sequence
        lifecycle.update_details(s, rt, **change)  # type: ignore[arg-type]
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.sequence == sequence_before + bump
        assert rt.history[-1].sequence == rt.sequence
        [(name, value)] = change.items()
        assert getattr(rt, name) == value


def test_an_edit_that_changes_nothing_writes_nothing(db: Database) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED, venue="Amsterdam")
    before = snapshot(db, rt_id)
    with db.transaction() as s:
        lifecycle.update_details(s, load(s, rt_id), title=f" {TITLE} ", venue="Amsterdam")
    assert snapshot(db, rt_id) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "  "}, "title"),
        ({"online_url": "meet.example.org"}, "online_url"),
        ({"online_url": "https://example.org/" + "x" * 1000}, "online_url"),
    ],
)
def test_bad_details_are_refused(db: Database, change: dict[str, str], field: str) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    error = assert_refused(
        db,
        rt_id,
        lambda s, rt: lifecycle.update_details(s, rt, venue="Somewhere new", **change),  # type: ignore[arg-type]
        ValidationError,
    )
    assert error.field == field


def test_unknown_detail_is_a_programming_error(db: Database) -> None:
    rt_id = make_roundtable(db)
    assert_refused(
        db, rt_id, lambda s, rt: lifecycle.update_details(s, rt, status="held"), TypeError
    )
    assert_refused(db, rt_id, lambda s, rt: lifecycle.update_details(s, rt, sequence=9), TypeError)


def test_formatting_helpers() -> None:
    zone = ZoneInfo("Europe/Amsterdam")
    start = datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert text.format_day(start, zone) == "7 Sep 2023"
    assert text.format_moment(start, zone) == "7 Sep 2023 14:00"
    assert text.format_period(start, start + timedelta(hours=2), zone) == "7 Sep 2023 14:00–16:00"
    assert text.format_period(start, start + timedelta(days=1), zone) == (
        "7 Sep 2023 14:00 – 8 Sep 2023 14:00"
    )


# --- the actions (roundtable.meetings.actions) ----------------------------------------


def test_create_action_makes_a_draft_or_schedules_it_at_once(db: Database) -> None:
    with db.transaction() as s:
        host_id = organisations.create_organisation(s, "TikTok").id
    action = meeting_actions.create_roundtable(
        title=f"  {TITLE} ",
        host_id=host_id,
        starts_at=FUTURE_START,
        ends_at=FUTURE_END,
        schedule=True,
    )
    assert action.label == f"New roundtable “{TITLE}”"
    assert action.kinds == {"roundtables", "organisations"}  # a new host may come with it
    rt_id = actions.perform(db, action).result
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert (rt.title, rt.status, rt.host_organisation_id) == (TITLE, S.SCHEDULED, host_id)
        assert [e.action for e in rt.history] == [A.CREATED, A.SCHEDULED]
        assert rt.sequence == 0

    draft_id = actions.perform(db, meeting_actions.create_roundtable(title="Idea")).result
    with db.transaction() as s:
        assert load(s, draft_id).status == S.DRAFT


def test_a_host_or_organiser_deleted_meanwhile_is_refused_by_its_field(db: Database) -> None:
    with db.transaction() as s:
        gone_org = organisations.create_organisation(s, "Gone Inc").id
        gone_person = persons.create_person(s, "Gone Person").id
    with db.transaction() as s:
        organisations.delete_organisation(s, s.get(Organisation, gone_org))
        persons.delete_person(s, persons.get_person(s, gone_person))
    with pytest.raises(ValidationError, match="host organisation no longer exists") as caught:
        actions.perform(db, meeting_actions.create_roundtable(title=TITLE, host_id=gone_org))
    assert caught.value.field == "host"
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Roundtable)) == 0

    rt_id = make_roundtable(db)
    before = snapshot(db, rt_id)
    with pytest.raises(ValidationError, match="organiser no longer exists") as caught:
        actions.perform(db, meeting_actions.edit_details(rt_id, organiser_id=gone_person))
    assert caught.value.field == "organiser"
    assert snapshot(db, rt_id) == before


def test_edit_action_sets_host_and_organiser_by_id_and_names_the_change(db: Database) -> None:
    rt_id = make_roundtable(db, S.SCHEDULED)
    with db.transaction() as s:
        host_id = organisations.create_organisation(s, "TikTok").id
        organiser_id = persons.create_person(s, "Jan de Vries").id
    action = meeting_actions.edit_details(rt_id, host_id=host_id, organiser_id=organiser_id)
    assert action.label == "Edit details"
    actions.perform(db, action)
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert (rt.host_organisation_id, rt.organiser_id) == (host_id, organiser_id)
        assert rt.history[-1].detail == "host: none → TikTok; organiser: none → Jan de Vries"
    labels = {
        name: meeting_actions.edit_details(rt_id, **{name: value}).label
        for name, value in (
            ("title", "x"),
            ("online_url", "https://x.example"),
            ("is_public", True),
        )
    }
    assert labels == {
        "title": "Change title",
        "online_url": "Change online link",
        "is_public": "Change public listing",
    }
    with pytest.raises(ValueError, match="no detail status"):
        meeting_actions.edit_details(rt_id, status="held")
    with pytest.raises(ValueError, match="at least one"):
        meeting_actions.edit_details(rt_id)


def test_lifecycle_actions_refuse_a_roundtable_that_is_gone(db: Database) -> None:
    for action in (
        meeting_actions.schedule(999, FUTURE_START, FUTURE_END),
        meeting_actions.postpone(999),
        meeting_actions.cancel(999, "Gone"),
        meeting_actions.mark_held(999),
        meeting_actions.delete_draft(999),
    ):
        with pytest.raises(NotFoundError, match="The roundtable no longer exists"):
            actions.perform(db, action)


def test_lifecycle_actions_run_the_lifecycle(db: Database) -> None:
    rt_id = make_roundtable(db)
    for action in (
        meeting_actions.schedule(rt_id, FUTURE_START, FUTURE_END, "Europe/London"),
        meeting_actions.reschedule(
            rt_id, FUTURE_START + timedelta(days=7), FUTURE_END + timedelta(days=7), reason="Room"
        ),
        meeting_actions.postpone(rt_id, "Speaker ill"),
        meeting_actions.cancel(rt_id, "Too few acceptances"),
    ):
        actions.perform(db, action)
    with db.transaction() as s:
        rt = load(s, rt_id)
        assert rt.timezone == "Europe/London"
        assert [(e.action, e.reason) for e in rt.history] == [
            (A.CREATED, ""),
            (A.SCHEDULED, ""),
            (A.RESCHEDULED, "Room"),
            (A.POSTPONED, "Speaker ill"),
            (A.CANCELLED, "Too few acceptances"),
        ]
        assert rt.sequence == 3
    started = make_roundtable(db, S.SCHEDULED)  # PAST_START: it has started
    actions.perform(db, meeting_actions.mark_held(started))
    with db.transaction() as s:
        assert load(s, started).status == S.HELD


def test_deleting_a_draft_keeps_statements_and_refuses_one_with_contents(db: Database) -> None:
    rt_id = make_roundtable(db, uid="idea@test")
    with db.transaction() as s:
        statement = records.create_statement(s, "idea", "On the idea")
        records.link_roundtable(s, statement, load(s, rt_id))
        statement_id = statement.id
    action = meeting_actions.delete_draft(rt_id)
    assert action.kinds == {"roundtables", "statements"}
    actions.perform(db, action)
    with db.transaction() as s:
        assert s.get(Roundtable, rt_id) is None
        kept = s.get(Statement, statement_id)
        assert kept is not None and kept.roundtables == []

    full = make_roundtable(db)
    with db.transaction() as s:
        questions.add_question(s, load(s, full), "Where is the data?")
    with pytest.raises(ValidationError, match="remove those first, then delete the draft"):
        actions.perform(db, meeting_actions.delete_draft(full))
    scheduled = make_roundtable(db, S.SCHEDULED)
    with pytest.raises(ValidationError, match="only a draft can be deleted"):
        actions.perform(db, meeting_actions.delete_draft(scheduled))
    with db.transaction() as s:
        assert s.get(Roundtable, full) is not None and s.get(Roundtable, scheduled) is not None


# --- the read models of the Overview tab and the dashboard ----------------------------


def test_roundtable_details_hold_plain_values_and_the_history(db: Database) -> None:
    rt_id = make_roundtable(db, S.POSTPONED, venue="Amsterdam", topic="Data")
    with db.transaction() as s:
        details = queries.roundtable_details(s, rt_id)
        assert queries.roundtable_details(s, rt_id + 1) is None
    assert details is not None
    assert (details.id, details.title, details.topic, details.venue) == (
        rt_id,
        TITLE,
        "Data",
        "Amsterdam",
    )
    assert (details.status, details.sequence, details.host_id) == (S.POSTPONED, 1, None)
    assert details.starts_at == datetime(2026, 11, 27, 13, 0, tzinfo=UTC)
    assert [(row.action, row.reason) for row in details.history] == [
        (A.CREATED, ""),
        (A.SCHEDULED, ""),
        (A.POSTPONED, "Venue flooded"),
    ]
    with pytest.raises(AttributeError):
        details.title = "x"  # type: ignore[misc]


def test_the_dashboard_holds_its_three_lists_and_the_review_count(db: Database) -> None:
    with db.transaction() as s:
        load_demo(s)
    with db.transaction() as s:
        board = queries.dashboard(s, TEST_NOW, stale_after=timedelta(days=7), limit=50)
        assert list(board.upcoming) == queries.upcoming_roundtables(s, TEST_NOW, limit=50)
        assert list(board.unanswered) == invitation_queries.unanswered_invitations(s, TEST_NOW)
        assert list(board.open_action_items) == minutes_queries.open_action_items(s)
        assert board.due_for_review == retention.count_due_for_review(s, TEST_NOW.date())
    assert board.upcoming and board.unanswered and board.open_action_items
    assert board.due_for_review > 0


def test_every_roundtable_status_and_step_is_one_row() -> None:
    """A status or a step is described once; the older names read from the two tables."""
    assert set(lifecycle.STATES) == set(S)
    assert set(lifecycle.STEPS) == set(lifecycle.STEP_ALLOWED_FROM) == set(lifecycle.STEP_LEADS_TO)
    for status, state in lifecycle.STATES.items():
        assert state.status is status
        assert state.event_status in {"TENTATIVE", "CONFIRMED", "CANCELLED"}
    for action, step in lifecycle.STEPS.items():
        assert step.action is action
        assert set(step.hints) <= set(S) - step.allowed_from  # a hint where it is refused


def test_a_new_host_is_added_with_the_roundtable_and_refused_by_the_host_field(
    db: Database,
) -> None:
    done = actions.perform(
        db, meeting_actions.create_roundtable(title="Age checks", new_host=" Observatory ")
    )
    with db.transaction() as s:
        assert load(s, done.result).host.name == "Observatory"
    actions.undo(db, done)  # one step: the roundtable and the organisation go
    with db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Roundtable)) == 0
        assert organisations.find_organisation_by_name(s, "Observatory") is None
    with pytest.raises(ValidationError) as refused:
        actions.perform(db, meeting_actions.create_roundtable(title="Long", new_host="x" * 500))
    assert refused.value.field == "host"


def test_host_new_organisation_adds_it_as_host_in_one_step(db: Database) -> None:
    with db.transaction() as s:
        rt_id = lifecycle.create_roundtable(s, title=TITLE).id
    done = actions.perform(db, meeting_actions.host_new_organisation(rt_id, "Observatory"))
    assert done.action.label == "Host: new organisation “Observatory”"
    with db.transaction() as s:
        assert load(s, rt_id).host.name == "Observatory"
    actions.undo(db, done)
    with db.transaction() as s:
        assert load(s, rt_id).host is None
        assert organisations.find_organisation_by_name(s, "Observatory") is None
