"""Duplicate people: which pairs are offered, and what a merge keeps, moves and refuses."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable import actions
from roundtable.enums import InvitationStatus, LawfulBasis
from roundtable.errors import NotFoundError, UndoConflictError, ValidationError
from roundtable.meetings import invitations, lifecycle, minutes, questions
from roundtable.people import actions as people_actions
from roundtable.people import duplicates, organisations, persons
from roundtable.people import queries as people_queries
from roundtable.people.duplicates import (
    MATCH_INITIALS,
    MATCH_ORDER,
    MATCH_SAME,
    MATCH_SIMILAR,
    find_duplicate_candidates,
    normalise_name,
)
from roundtable.people.merging import MOVED_KEYS, merge_people, plan_merge
from roundtable.people.persons import person_references
from roundtable.storage.db import Database
from roundtable.storage.models import (
    ActionItem,
    AuditEntry,
    Base,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Person,
    Question,
    Roundtable,
)

pytestmark = pytest.mark.usefixtures("clock")

I = InvitationStatus  # noqa: E741


def at(day: int, hour: int = 10) -> datetime:
    """A moment in November 2026, before the frozen clock (29 Nov 09:00 UTC)."""
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def person(s: Session, name: str) -> Person:
    found = s.scalar(select(Person).where(Person.name == name))
    assert found is not None, name
    return found


def counts(s: Session) -> dict[str, int]:
    def n(model: type[Base]) -> int:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)

    return {
        "people": n(Person),
        "invitations": n(Invitation),
        "history": n(InvitationEvent),
        "questions": n(Question),
        "notes": n(MinuteNote),
        "actions": n(ActionItem),
        "roundtables": n(Roundtable),
        "audit": n(AuditEntry),
    }


# --------------------------------------------------------------------------
# Normalising names
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Jan de Vries", "jan de vries"),
        ("  JAN   de  VRIES ", "jan de vries"),
        ("Vries, Jan de", "jan de vries"),
        ("de Vries, Jan", "jan de vries"),
        ("José Müller-Lüdenscheidt", "jose muller ludenscheidt"),
        ("Zoë O’Brien", "zoe obrien"),
        ("J.P. van der Berg", "j p van der berg"),
        ("Dr. Anna von Humboldt", "anna von humboldt"),
        ("Prof. dr. ir. Karin Smit", "karin smit"),
        ("Ärzte, ", "arzte"),
    ],
)
def test_names_are_compared_without_case_accents_punctuation_or_titles(
    written: str, normalised: str
) -> None:
    assert normalise_name(written) == normalised


# --------------------------------------------------------------------------
# Finding candidates
# --------------------------------------------------------------------------


def _seed_people(db: Database) -> None:
    with db.transaction() as s:
        privacy = organisations.create_organisation(s, "Privacy First")
        bits = organisations.create_organisation(s, "Bits of Freedom")
        add = persons.create_person
        add(s, "Jan de Vries", email="jan@privacyfirst.example", organisation=privacy)
        add(s, "J. de Vries", email="jdevries@home.example", organisation=privacy)
        add(s, "Joris de Vries", email="joris@privacyfirst.example", organisation=privacy)
        add(s, "Marloes van Dijk", organisation=privacy)
        add(s, "Marlous van Dijk", email="marlous@privacyfirst.example", organisation=privacy)
        add(s, "Vries, Anna de", organisation=bits)
        add(s, "Anna de Vries", email="anna@bitsoffreedom.example", organisation=bits)
        add(s, "Vries Anna de", organisation=bits)
        add(s, "José Müller")
        add(s, "Jose Muller", email="jose@example.org")
        # The same name in another organisation, or without one, is another person.
        add(s, "Pieter Jansen", organisation=privacy)
        add(s, "Pieter Jansen", organisation=bits)
        add(s, "Pieter  Jansen")
        # An erased person keeps their row for counts, but is nobody's duplicate.
        erased = add(s, "José Muller")
        erased.erased_at = at(1)


def _pairs(candidates: list[duplicates.DuplicateCandidate]) -> dict[frozenset[str], str]:
    return {frozenset((c.first_name, c.second_name)): c.match for c in candidates}


def test_similar_names_in_the_same_organisation_are_offered_best_first(db: Database) -> None:
    _seed_people(db)
    with db.transaction() as s:
        candidates = find_duplicate_candidates(s)

    assert _pairs(candidates) == {
        frozenset(("Vries, Anna de", "Anna de Vries")): MATCH_SAME,
        frozenset(("José Müller", "Jose Muller")): MATCH_SAME,
        frozenset(("Vries, Anna de", "Vries Anna de")): MATCH_ORDER,
        frozenset(("Anna de Vries", "Vries Anna de")): MATCH_ORDER,
        frozenset(("Jan de Vries", "J. de Vries")): MATCH_INITIALS,
        frozenset(("J. de Vries", "Joris de Vries")): MATCH_INITIALS,
        frozenset(("Marloes van Dijk", "Marlous van Dijk")): MATCH_SIMILAR,
    }
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 1.0
    similar = next(c for c in candidates if c.match == MATCH_SIMILAR)
    assert duplicates.SIMILARITY_THRESHOLD <= similar.score < 1.0

    initials = next(
        c for c in candidates if {c.first_name, c.second_name} == {"Jan de Vries", "J. de Vries"}
    )
    assert initials.organisation == "Privacy First"
    assert initials.first_id < initials.second_id
    assert (initials.first_email, initials.second_email) == (
        "jan@privacyfirst.example",
        "jdevries@home.example",
    )  # different addresses do not rule a pair out
    assert initials.reason == (
        'Same organisation, names "Jan de Vries" and "J. de Vries": initials match the given names'
    )
    without = next(c for c in candidates if c.first_name == "José Müller")
    assert without.organisation == ""
    assert without.organisation_id is None
    assert without.reason.startswith('Both without an organisation, names "José Müller"')


def test_candidates_carry_invitation_counts(db: Database) -> None:
    with db.transaction() as s:
        first = persons.create_person(s, "Noor Bakker", email="noor@example.org")
        second = persons.create_person(s, "Noor Bakker.")
        for title in ("One", "Two"):
            rt = lifecycle.create_roundtable(s, title=title)
            invitations.add_invitation(s, rt, person=second)
        first_id, second_id = first.id, second.id
    with db.transaction() as s:
        (candidate,) = find_duplicate_candidates(s)
    assert (candidate.first_id, candidate.second_id) == (first_id, second_id)
    assert (candidate.first_invitations, candidate.second_invitations) == (0, 2)


def test_a_large_group_is_searched_in_blocks_and_still_finds_pairs(db: Database) -> None:
    """More people without an organisation than are compared pair by pair."""
    given = ["Anna", "Bram", "Carmen", "Daan", "Eva", "Fatima", "Gert", "Hanna", "Ilse"]
    surnames = ["Bakker", "Visser", "Smit", "Mulder", "Bos", "Peters", "Dekker", "Brouwer", "Wit"]
    fillers = [f"{g} {s}" for g in given for s in surnames]  # 81 different names
    assert len(fillers) > duplicates._FULL_COMPARE_LIMIT
    with db.transaction() as s:
        for name in fillers:
            persons.create_person(s, name)
        for name in ("Jan de Vries", "Jan Devries", "Vries Jan de", "J. de Vries"):
            persons.create_person(s, name)
    with db.transaction() as s:
        found = _pairs(find_duplicate_candidates(s))
    assert found[frozenset(("Jan de Vries", "Jan Devries"))] == MATCH_SIMILAR
    assert found[frozenset(("Jan de Vries", "Vries Jan de"))] == MATCH_ORDER
    assert found[frozenset(("Jan de Vries", "J. de Vries"))] == MATCH_INITIALS
    assert all("Jan" in " ".join(pair) or "J." in " ".join(pair) for pair in found)


def test_no_candidates_in_an_empty_or_tidy_database(db: Database) -> None:
    with db.transaction() as s:
        assert find_duplicate_candidates(s) == []
        persons.create_person(s, "Jan de Vries")
        persons.create_person(s, "Joris Bakker")
        assert find_duplicate_candidates(s) == []


# --------------------------------------------------------------------------
# Merging
# --------------------------------------------------------------------------


def _seed_merge(db: Database) -> dict[str, int]:
    """Jan de Vries (kept) and J. de Vries, both invited to "Clover", with a history each.

    J. de Vries is also invited to "Horizon", asked a question, spoke in the
    minutes, owns an action item and organised "Retro".
    """
    with db.transaction() as s:
        privacy = organisations.create_organisation(s, "Privacy First")
        keep = persons.create_person(
            s, "Jan de Vries", organisation=privacy, notes="Met at CPDP.", phone=""
        )
        other = persons.create_person(
            s,
            "J. de Vries",
            email="jdevries@home.example",
            phone="+31 6 1234 5678",
            role="Policy officer",
            notes="Prefers e-mail.",
            lawful_basis=LawfulBasis.CONSENT,
            consent_note="Agreed by e-mail on 2 Nov 2026",
        )
        clover = lifecycle.create_roundtable(s, title="Clover", at=at(1))
        lifecycle.schedule(s, clover, datetime(2026, 12, 10, 14), datetime(2026, 12, 10, 16))
        horizon = lifecycle.create_roundtable(s, title="Horizon", at=at(1))
        retro = lifecycle.create_roundtable(s, title="Retro", organiser=other, at=at(1))

        kept_inv = invitations.add_invitation(s, clover, person=keep, at=at(2), notes="Chair?")
        other_inv = invitations.add_invitation(
            s, clover, person=other, at=at(3), notes="Sent to home address."
        )
        invitations.mark_invited(s, kept_inv, at=at(4))
        invitations.mark_invited(s, other_inv, at=at(5))
        invitations.record_response(s, other_inv, I.DECLINED, at=at(6), note="Travelling")
        invitations.record_response(s, kept_inv, I.ACCEPTED, at=at(7), note="Will come")
        horizon_inv = invitations.add_invitation(s, horizon, person=other, at=at(8))

        questions.add_question(s, clover, "Who reads the logs?", asked_by_person=other)
        item = minutes.add_agenda_item(s, clover, "Retention")
        minutes.add_minute_note(s, item, "Thirty days is enough.", speaker_person=other)
        minutes.add_action_item(s, clover, "Send the paper", owner_person=other)
        return {
            "keep": keep.id,
            "other": other.id,
            "clover": clover.id,
            "horizon": horizon.id,
            "retro": retro.id,
            "kept_inv": kept_inv.id,
            "other_inv": other_inv.id,
            "horizon_inv": horizon_inv.id,
        }


def test_merge_keeps_every_history_row_and_moves_every_reference(db: Database) -> None:
    ids = _seed_merge(db)
    with db.transaction() as s:
        before = counts(s)
        plan_before = plan_merge(s, s.get(Person, ids["keep"]), s.get(Person, ids["other"]))
    with db.transaction() as s:
        plan = merge_people(s, person(s, "Jan de Vries"), person(s, "J. de Vries"))
    assert plan == plan_before  # the plan says what the merge does

    with db.transaction() as s:
        after = counts(s)
        assert after["history"] == before["history"]  # not one history row lost
        assert after["people"] == before["people"] - 1
        assert after["invitations"] == before["invitations"] - 1  # the joined one
        assert after["audit"] == before["audit"] + 1
        assert s.get(Person, ids["other"]) is None
        keep = s.get(Person, ids["keep"])
        assert keep is not None

        # The joined invitation: the kept one, with both histories in time order.
        assert s.get(Invitation, ids["other_inv"]) is None
        clover = s.get(Invitation, ids["kept_inv"])
        assert clover is not None
        assert clover.status == I.ACCEPTED  # the kept status stays
        history = [(e.at, e.from_status, e.to_status, e.reason) for e in clover.history]
        assert history == [
            (at(2), None, I.NOT_SENT, ""),
            (at(3), None, I.NOT_SENT, ""),
            (at(4), I.NOT_SENT, I.INVITED, ""),
            (at(5), I.NOT_SENT, I.INVITED, ""),
            (at(6), I.INVITED, I.DECLINED, "Travelling"),
            (at(7), I.INVITED, I.ACCEPTED, "Will come"),
        ]
        assert clover.notes == "Chair?\n\nSent to home address."

        # Everything else that named the other person now names the kept one.
        horizon = s.get(Invitation, ids["horizon_inv"])
        assert horizon is not None and horizon.person_id == keep.id
        assert len(horizon.history) == 1
        assert sorted(inv.roundtable.title for inv in keep.invitations) == ["Clover", "Horizon"]
        assert s.scalar(select(Question.asked_by_person_id)) == keep.id
        assert s.scalar(select(MinuteNote.speaker_person_id)) == keep.id
        assert s.scalar(select(ActionItem.owner_person_id)) == keep.id
        retro = s.get(Roundtable, ids["retro"])
        assert retro is not None and retro.organiser_id == keep.id

        # Empty fields took the other's values; the notes were joined.
        assert keep.email == "jdevries@home.example"
        assert keep.phone == "+31 6 1234 5678"
        assert keep.role == "Policy officer"
        assert keep.lawful_basis == LawfulBasis.CONSENT
        assert keep.consent_note == "Agreed by e-mail on 2 Nov 2026"
        assert keep.notes == "Met at CPDP.\n\nPrefers e-mail."
        assert keep.organisation is not None and keep.organisation.name == "Privacy First"
        assert keep.name == "Jan de Vries"


def test_the_merge_action_does_what_the_plan_query_says_and_cannot_be_undone(
    db: Database,
) -> None:
    ids = _seed_merge(db)
    plan = db.read(people_queries.merge_plan, ids["keep"], ids["other"])
    action = people_actions.merge_people(ids["keep"], ids["other"])
    assert (action.undoable, action.forgets_history) == (False, True)
    done = actions.perform(db, action)
    assert done.result == plan
    assert {"people", "invitations", "questions", "minutes", "action_items"} <= done.kinds
    with pytest.raises(UndoConflictError, match="cannot be undone"):
        actions.undo(db, done)
    with db.transaction() as s:
        assert s.get(Person, ids["other"]) is None
    # The other person is gone now: neither the plan nor the merge can find the pair.
    gone = "One of the two people was deleted meanwhile."
    with pytest.raises(NotFoundError, match=gone):
        db.read(people_queries.merge_plan, ids["keep"], ids["other"])
    with pytest.raises(NotFoundError, match=gone):
        actions.perform(db, people_actions.merge_people(ids["keep"], ids["other"]))


def test_the_plan_lists_changes_moves_and_joined_invitations_and_writes_nothing(
    db: Database,
) -> None:
    ids = _seed_merge(db)
    with db.transaction() as s:
        before = counts(s)
        keep, other = person(s, "Jan de Vries"), person(s, "J. de Vries")
        version = keep.version
        plan = plan_merge(s, keep, other)
        assert not s.dirty and not s.new and not s.deleted
    with db.transaction() as s:
        assert counts(s) == before
        assert person(s, "Jan de Vries").version == version

    assert (plan.keep_id, plan.other_id) == (ids["keep"], ids["other"])
    assert plan.field_changes == (
        ("E-mail", "", "jdevries@home.example"),
        ("Role", "", "Policy officer"),
        ("Phone", "", "+31 6 1234 5678"),
        ("Lawful basis", "", "consent"),
        ("Consent note", "", "Agreed by e-mail on 2 Nov 2026"),
        ("Notes", "Met at CPDP.", "Met at CPDP.\n\nPrefers e-mail."),
    )
    assert list(plan.moved) == list(MOVED_KEYS)
    assert dict(plan.moved) == {
        "invitations": 1,
        "joined_invitations": 1,
        "invitation_history_rows": 4,  # three of Clover's, one of Horizon's
        "questions": 1,
        "notes": 1,
        "action_items": 1,
        "roundtables_organised": 1,
    }
    assert plan.joined_invitations == ("Clover",)
    (joined,) = plan.joined
    assert (joined.kept_status, joined.other_status, joined.history_rows) == (
        I.ACCEPTED,
        I.DECLINED,
        3,
    )
    # The other's name is not kept (the kept person has their own).
    assert plan.dropped == (("Name", "J. de Vries"),)


def test_the_kept_address_stays_and_the_other_is_reported_dropped(db: Database) -> None:
    with db.transaction() as s:
        keep = persons.create_person(s, "Jan de Vries", email="jan@privacyfirst.example")
        other = persons.create_person(s, "Jan de Vries", email="JAN@home.example", phone="112")
        plan = plan_merge(s, keep, other)
        assert ("E-mail", "JAN@home.example") in plan.dropped
        assert ("Phone", "", "112") in plan.field_changes
        merge_people(s, keep, other)
    with db.transaction() as s:
        (only,) = s.scalars(select(Person)).all()
        assert (only.email, only.phone) == ("jan@privacyfirst.example", "112")


def test_the_earlier_privacy_review_wins(db: Database) -> None:
    with db.transaction() as s:
        keep = persons.create_person(s, "Jan de Vries")
        other = persons.create_person(s, "J. de Vries")
        keep.retention_reviewed_at = at(20)
        other.retention_reviewed_at = at(2)
        s.flush()
        plan = plan_merge(s, keep, other)
        assert ("Privacy review", "2026-11-20", "2026-11-02") in plan.field_changes
        merge_people(s, keep, other)
        assert keep.retention_reviewed_at == at(2)


def test_the_merge_is_audited_without_personal_data(db: Database) -> None:
    ids = _seed_merge(db)
    with db.transaction() as s:
        merge_people(s, person(s, "Jan de Vries"), person(s, "J. de Vries"))
    with db.transaction() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "contacts.merge"))
        assert (entry.actor, entry.at) == ("tester", datetime(2026, 11, 29, 9, 0, tzinfo=UTC))
        assert (entry.entity_type, entry.entity_id) == ("person", ids["keep"])
        detail = json.loads(entry.detail)
        assert detail["kept_person_id"] == ids["keep"]
        assert detail["merged_person_id"] == ids["other"]
        assert detail["moved"]["invitation_history_rows"] == 4
        assert detail["moved"]["joined_invitations"] == 1
        assert "email" in detail["changed_fields"]
        for personal in ("Vries", "jdevries", "home.example", "+31", "CPDP", "Agreed"):
            assert personal not in entry.detail


def test_merging_a_person_with_themselves_is_refused(db: Database) -> None:
    with db.transaction() as s:
        persons.create_person(s, "Jan de Vries")
    with db.transaction() as s:
        before = counts(s)
        jan = person(s, "Jan de Vries")
        with pytest.raises(ValidationError, match="Cannot merge Jan de Vries with themselves"):
            plan_merge(s, jan, jan)
        with pytest.raises(ValidationError, match="themselves"):
            merge_people(s, jan, s.get(Person, jan.id))  # type: ignore[arg-type]
    with db.transaction() as s:
        assert counts(s) == before


@pytest.mark.parametrize("erased", ["keep", "other"])
def test_merging_an_erased_person_is_refused_and_writes_nothing(db: Database, erased: str) -> None:
    ids = _seed_merge(db)
    with db.transaction() as s:
        target = s.get(Person, ids[erased])
        assert target is not None
        target.erased_at = at(20)
    with db.transaction() as s:
        before = counts(s)
        keep, other = s.get(Person, ids["keep"]), s.get(Person, ids["other"])
        assert keep is not None and other is not None
        with pytest.raises(ValidationError) as refused:
            merge_people(s, keep, other)
        assert f"person #{ids[erased]}" in str(refused.value)
        assert "erased on 20 Nov 2026" in str(refused.value)
        assert not s.dirty and not s.new and not s.deleted
    with db.transaction() as s:
        assert counts(s) == before


def test_notes_too_long_to_join_are_refused_before_anything_changes(db: Database) -> None:
    with db.transaction() as s:
        keep = persons.create_person(s, "Jan de Vries", notes="a" * 60_000)
        other = persons.create_person(s, "J. de Vries", notes="b" * 60_000)
        with pytest.raises(ValidationError, match=r"notes of Jan de Vries and J\. de Vries"):
            merge_people(s, keep, other)
        assert not s.dirty and not s.deleted
    with db.transaction() as s:
        assert counts(s)["people"] == 2


def test_every_column_that_names_a_person_is_moved_by_a_merge() -> None:
    """A new reference to person.id must be handled by merge_people, or it would block it."""
    in_schema = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        for key in column.foreign_keys
        if key.target_fullname == "person.id"
    }
    handled = {(column.class_.__tablename__, column.key) for column, _ in person_references()}
    assert handled == in_schema
