"""The plain views templates receive: the naming rule, counts, the invitation story,
our delegation's questions and ``[[cite:key]]`` markers in prose."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest
from sqlalchemy.orm import Session

from roundtable.enums import InvitationStatus, NoteKind, Party
from roundtable.meetings import invitations, lifecycle, minutes, questions
from roundtable.people import organisations, persons
from roundtable.publishing.views import (
    Segment,
    StatementView,
    invitation_view,
    parse_prose,
    statement_view,
)
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import Statement


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def build_world(session: Session) -> Statement:
    """A small world: our NGO, a host, a held roundtable with four kinds of invitee,
    minutes with an unattributable note, and a statement with cited references."""
    own = organisations.create_organisation(session, "Our NGO", is_own=True)
    host = organisations.create_organisation(session, "HostCo")
    other = organisations.create_organisation(session, "Consenting Org")
    quiet = organisations.create_organisation(session, "Quiet Org")
    alice = persons.create_person(
        session, "Alice Ours", email="alice@ours.example", organisation=own
    )
    bob = persons.create_person(
        session, "Bob <script>alert(1)</script>", email="bob@c.example", organisation=other
    )
    carol = persons.create_person(
        session, "Carol Secret", email="carol@q.example", organisation=quiet
    )
    dave = persons.create_person(session, "Dave Nobody", email="dave@n.example")
    rt = lifecycle.create_roundtable(
        session, title="Project talk", host=host, at=_at("2023-08-14T09:00")
    )
    lifecycle.schedule(
        session,
        rt,
        datetime(2023, 9, 7, 14, 0),
        datetime(2023, 9, 7, 16, 0),
        at=_at("2023-08-14T09:05"),
    )
    ours = invitations.add_invitation(session, rt, person=alice, at=_at("2023-08-14T09:10"))
    invitations.mark_invited(session, ours, at=_at("2023-08-15T07:20"))
    invitations.record_response(
        session, ours, InvitationStatus.ACCEPTED, at=_at("2023-08-17T13:10"), note="Three of us."
    )
    invitations.withdraw(
        session, ours, "Too little interest.", by=Party.HOST, at=_at("2023-09-05T14:45")
    )
    for person, consent in ((bob, True), (carol, False), (dave, False)):
        invitation = invitations.add_invitation(
            session, rt, person=person, consent_to_be_named=consent, at=_at("2023-08-14T09:10")
        )
        invitations.mark_invited(session, invitation, at=_at("2023-08-15T07:20"))
        invitations.record_response(
            session, invitation, InvitationStatus.ACCEPTED, at=_at("2023-08-20T10:00")
        )
    # An invitation never sent counts for nothing.
    invitations.add_invitation(
        session, rt, organisation=organisations.create_organisation(session, "Unsent")
    )
    lifecycle.mark_held(session, rt, at=_at("2023-09-07T15:00"))
    for invitation in rt.invitations:
        if invitation.status == InvitationStatus.ACCEPTED:
            invitations.mark_attendance(session, invitation, True, at=_at("2023-09-07T16:00"))

    questions.add_question(session, rt, "Will you comply?", asked_by_organisation=own)
    questions.add_question(session, rt, "Who watches?", asked_by_person=alice)
    questions.add_question(session, rt, "Carol's question", asked_by_person=carol)
    item = minutes.add_agenda_item(session, rt, "Data")
    minutes.add_minute_note(session, item, "Carol said the quiet part.", speaker_person=carol)
    minutes.add_minute_note(
        session, item, "Bob off the record.", speaker_person=bob, not_for_attribution=True
    )
    minutes.add_minute_note(session, item, "Bob on the record.", speaker_person=bob)
    minutes.add_minute_note(
        session,
        item,
        "Monitor reports quarterly.",
        kind=NoteKind.DECISION,
        speaker_organisation=host,
    )

    statement = records.create_statement(session, "talk", "About the talk")
    records.add_statement_section(
        session,
        statement,
        "context",
        "Context",
        "First claim.[[cite:b]] Second claim.[[cite: a ]]\n\nAgain b.[[cite:b]]",
    )
    records.add_reference(session, statement, "a", "Source A", url="https://a.example")
    records.add_reference(session, statement, "b", "Source B")
    records.add_reference(session, statement, "c", "Source C, never cited")
    records.add_statement_update(session, statement, date(2023, 12, 3), "Later.", title="Two")
    records.add_statement_update(session, statement, date(2023, 11, 1), "Earlier.", title="One")
    records.link_roundtable(session, statement, rt)
    return statement


@pytest.fixture
def view(db: Database) -> StatementView:
    with db.transaction() as session:
        return statement_view(session, build_world(session))


def test_parse_prose_splits_paragraphs_and_citation_markers() -> None:
    prose = parse_prose("One[[cite:x]] two.\n\n  \n[[ cite : y ]]Three\nstill three")
    assert prose.paragraphs == (
        (Segment(text="One"), Segment(cite="x"), Segment(text=" two.")),
        (Segment(cite="y"), Segment(text="Three\nstill three")),
    )
    assert prose.cites == ("x", "y")
    assert prose.text == "One two.\n\n  \nThree\nstill three"


def test_statement_view_is_plain_frozen_data(view: StatementView) -> None:
    assert dataclasses.is_dataclass(view)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.title = "x"  # type: ignore[misc]
    assert view.sections_by_key["context"].cites == ("b", "a", "b")
    assert [r.key for r in view.references] == ["a", "b", "c"]
    assert [u.title for u in view.updates] == ["One", "Two"]  # date order


def test_naming_rule_names_only_consenting_invitees_and_counts_the_rest(
    view: StatementView,
) -> None:
    (rt,) = view.roundtables
    assert rt.host == "HostCo"
    named = {(i.person, i.organisation) for i in rt.named_invitees}
    # Bob consented; Alice did not but our organisation is always named (as the organisation).
    assert named == {("Bob <script>alert(1)</script>", "Consenting Org"), ("", "Our NGO")}
    everything = repr(view)
    assert "Carol Secret" not in everything
    assert "Quiet Org" not in everything
    assert "Dave Nobody" not in everything
    assert "Alice Ours" not in repr(rt.named_invitees)
    assert rt.invited_count == 4  # the unsent invitation does not count
    assert rt.unnamed_count == 2
    assert rt.came_count == 3
    assert rt.withdrawn_count == 1
    assert rt.accepted_count == 3


def test_not_for_attribution_notes_never_carry_a_speaker(view: StatementView) -> None:
    (item,) = view.roundtables[0].agenda
    speakers = {note.text: note.speaker for note in item.notes}
    assert speakers == {
        "Carol said the quiet part.": "",  # no consent, organisation not nameable
        "Bob off the record.": "",
        "Bob on the record.": "Bob <script>alert(1)</script>",
        "Monitor reports quarterly.": "HostCo",
    }
    assert [d.text for d in item.decisions] == ["Monitor reports quarterly."]
    assert view.roundtables[0].decisions == item.decisions


def test_our_questions_are_the_delegations(view: StatementView) -> None:
    assert [(q.text, q.asked_by) for q in view.questions] == [
        ("Will you comply?", "Our NGO"),
        ("Who watches?", "Our NGO"),  # Alice gave no consent: her organisation is named
    ]
    carols = view.roundtables[0].questions[2]
    assert (carols.asked_by, carols.by_us) == ("", False)


def test_invitation_story_follows_the_history_in_local_dates(view: StatementView) -> None:
    story = view.roundtables[0].our_story
    assert [(s.date, s.status, s.party, s.reason) for s in story] == [
        (date(2023, 8, 15), "invited", story[0].party, ""),
        (date(2023, 8, 17), "accepted", "invitee", "Three of us."),
        (date(2023, 9, 5), "withdrawn", "host", "Too little interest."),
    ]
    ours = view.roundtables[0].our_invitation
    assert ours is not None
    assert (ours.withdrawn_by, ours.withdrawal_reason) == ("host", "Too little interest.")


def test_invitation_view_for_a_letter_names_the_addressee(db: Database) -> None:
    with db.transaction() as session:
        statement = build_world(session)
        carol = next(
            i for i in statement.roundtables[0].invitations if i.invitee_name == "Carol Secret"
        )
        letter = invitation_view(carol)
    assert (letter.name, letter.email, letter.organisation) == (
        "Carol Secret",
        "carol@q.example",
        "Quiet Org",
    )
    assert letter.status == "attended"
    assert [s.status for s in letter.story] == ["invited", "accepted", "attended"]
