"""Creating, editing and finding records: validation before any change, uniqueness,
positions and lookups."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.enums import LawfulBasis, NoteKind, OrganisationKind, QuestionStatus
from roundtable.errors import NotFoundError, ValidationError
from roundtable.meetings import follow_ups, lifecycle, minutes
from roundtable.meetings import questions as meetings_questions
from roundtable.people import organisations, persons
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Reference,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
)


def _roundtable(session: Session, uid: str = "rt1@test", title: str = "T") -> Roundtable:
    roundtable = Roundtable(uid=uid, title=title)
    session.add(roundtable)
    session.flush()
    return roundtable


def _count(db: Database, model: type) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# ======================================================================================
# Organisations
# ======================================================================================


def test_create_organisation_stores_clean_values(db: Database) -> None:
    with db.transaction() as session:
        created = organisations.create_organisation(
            session,
            "  Privacy First  ",
            kind="NGO",
            website=" https://www.privacyfirst.nl ",
            email=" Info@PrivacyFirst.nl ",
            notes=" Dutch privacy NGO ",
            is_own=True,
        )
        assert created.id is not None
        org_id = created.id
    with db.transaction() as session:
        org = session.get(Organisation, org_id)
        assert org is not None
        assert org.name == "Privacy First"
        assert org.kind is OrganisationKind.NGO
        assert org.website == "https://www.privacyfirst.nl"
        assert org.email == "Info@PrivacyFirst.nl"
        assert org.notes == "Dutch privacy NGO"
        assert org.is_own is True


def test_create_organisation_defaults(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "TikTok")
        assert org.kind is OrganisationKind.OTHER
        assert org.website == ""
        assert org.email is None
        assert org.notes == ""
        assert org.is_own is False


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"kind": "charity"}, "kind"),
        ({"website": "www.example.org"}, "website"),
        ({"website": "https://example.org/" + "p" * 500}, "website"),
        ({"email": "info-at-example.org"}, "email"),
        ({"notes": "n" * 100_001}, "notes"),
    ],
)
def test_create_organisation_refuses_bad_values(
    db: Database, kwargs: dict[str, str], field: str
) -> None:
    values = {"name": "NCC Group", **kwargs}
    name = values.pop("name")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        organisations.create_organisation(session, name, **values)  # type: ignore[arg-type]
    assert excinfo.value.field == field
    assert _count(db, Organisation) == 0


def test_organisation_kind_error_lists_the_choices(db: Database) -> None:
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        organisations.create_organisation(session, "X", kind="charity")
    assert "'charity' is not a kind of organisation" in str(excinfo.value)
    assert "ngo, company, government, parliament, academic, media, other" in str(excinfo.value)


def test_organisation_names_are_unique_in_any_case(db: Database) -> None:
    with db.transaction() as session:
        organisations.create_organisation(session, "TikTok", kind=OrganisationKind.COMPANY)
    # The first create in this transaction succeeds, the second fails: nothing is kept.
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        organisations.create_organisation(session, "NCC Group")
        organisations.create_organisation(session, "  tiktok ")
    assert excinfo.value.field == "name"
    assert str(excinfo.value) == "There is already an organisation called 'TikTok'."
    with db.transaction() as session:
        assert session.scalars(select(Organisation.name)).all() == ["TikTok"]


def test_only_one_organisation_is_own(db: Database) -> None:
    with db.transaction() as session:
        first = organisations.create_organisation(session, "Privacy First", is_own=True)
        second = organisations.create_organisation(session, "Bits of Freedom", is_own=True)
        assert first.is_own is False
        assert second.is_own is True
        organisations.update_organisation(session, first, is_own=True)
        assert (first.is_own, second.is_own) == (True, False)
        first_id = first.id
    with db.transaction() as session:
        own = session.scalars(select(Organisation).where(Organisation.is_own.is_(True))).all()
        assert [o.id for o in own] == [first_id]
        org = session.get(Organisation, first_id)
        assert org is not None
        organisations.update_organisation(session, org, is_own=False)
    with db.transaction() as session:
        assert (
            session.scalars(select(Organisation).where(Organisation.is_own.is_(True))).all() == []
        )


def test_creating_a_non_own_organisation_keeps_the_own_one(db: Database) -> None:
    with db.transaction() as session:
        own = organisations.create_organisation(session, "Privacy First", is_own=True)
        organisations.create_organisation(session, "TikTok")
        assert own.is_own is True


def test_update_organisation_changes_the_given_fields(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "Tiktok", kind="company")
        org_id = org.id
        version = org.version
    with db.transaction() as session:
        org = organisations.get_organisation(session, org_id)
        result = organisations.update_organisation(
            session, org, name="TikTok", website="https://www.tiktok.com", email=""
        )
        assert result is org
    with db.transaction() as session:
        org = organisations.get_organisation(session, org_id)
        assert org.name == "TikTok"  # a change of case of its own name is allowed
        assert org.website == "https://www.tiktok.com"
        assert org.email is None
        assert org.kind is OrganisationKind.COMPANY  # untouched
        assert org.version == version + 1


def test_update_organisation_refuses_another_organisations_name(db: Database) -> None:
    with db.transaction() as session:
        organisations.create_organisation(session, "TikTok")
        org_id = organisations.create_organisation(session, "NCC Group").id
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        org = organisations.get_organisation(session, org_id)
        try:
            organisations.update_organisation(session, org, notes="changed", name="TIKTOK")
        finally:
            # Validation happens before any change, even in memory.
            assert org.name == "NCC Group"
            assert org.notes == ""
    assert excinfo.value.field == "name"
    with db.transaction() as session:
        assert organisations.get_organisation(session, org_id).name == "NCC Group"


def test_update_organisation_with_one_bad_value_changes_nothing(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "NCC Group", website="https://ncc.example")
        with pytest.raises(ValidationError) as excinfo:
            organisations.update_organisation(session, org, name="NCC", website="not a url")
        assert excinfo.value.field == "website"
        assert (org.name, org.website) == ("NCC Group", "https://ncc.example")


def test_update_organisation_unknown_field_is_a_programming_error(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "NCC Group")
        with pytest.raises(ValueError, match="colour"):
            organisations.update_organisation(session, org, colour="red")
        with pytest.raises(ValueError, match="id"):
            organisations.update_organisation(session, org, id=99)


def test_find_and_get_organisation(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "Tweede Kamer", kind="parliament")
        org_id = org.id
    with db.transaction() as session:
        assert organisations.find_organisation_by_name(session, " tweede KAMER ") is not None
        assert organisations.find_organisation_by_name(session, "Eerste Kamer") is None
        assert organisations.find_organisation_by_name(session, "") is None
        assert organisations.find_organisation_by_name(session, None) is None
        assert organisations.get_organisation(session, org_id).id == org_id
        assert organisations.get_organisation(session, str(org_id)).id == org_id
        assert organisations.get_organisation(session, "TWEEDE kamer").id == org_id
        with pytest.raises(NotFoundError) as excinfo:
            organisations.get_organisation(session, "Senate")
        assert str(excinfo.value) == "No organisation with id or name 'Senate'."
        with pytest.raises(NotFoundError):
            organisations.get_organisation(session, 999)


def test_find_organisation_prefers_the_exact_spelling(db: Database) -> None:
    # Rows that predate the case-insensitive check (written with the ORM directly).
    with db.transaction() as session:
        session.add_all([Organisation(name="tiktok"), Organisation(name="TikTok")])
    with db.transaction() as session:
        found = organisations.find_organisation_by_name(session, "TikTok")
        assert found is not None and found.name == "TikTok"


def test_get_organisation_by_digit_name_when_no_such_id(db: Database) -> None:
    with db.transaction() as session:
        org_id = organisations.create_organisation(session, "1984").id
    assert org_id != 1984
    with db.transaction() as session:
        assert organisations.get_organisation(session, "1984").id == org_id


# ======================================================================================
# People
# ======================================================================================


def test_create_person_stores_clean_values(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "Privacy First")
        person = persons.create_person(
            session,
            " Jan de Vries ",
            email="  Jan.de.Vries@Example.ORG ",
            organisation=org,
            role=" Board member ",
            phone=" +31 20 123 4567 ",
            preferred_language="nl",
            notes="Met at the hearing",
            lawful_basis="legitimate_interest",
            consent_note="Agreed by phone",
        )
        person_id = person.id
    with db.transaction() as session:
        person = persons.get_person(session, person_id)
        assert person.name == "Jan de Vries"
        assert person.email == "Jan.de.Vries@Example.ORG"  # stripped, case as typed
        assert person.organisation is not None and person.organisation.name == "Privacy First"
        assert person.role == "Board member"
        assert person.phone == "+31 20 123 4567"
        assert person.preferred_language == "nl"
        assert person.notes == "Met at the hearing"
        assert person.lawful_basis is LawfulBasis.LEGITIMATE_INTEREST
        assert person.consent_note == "Agreed by phone"
        assert person.erased_at is None


def test_people_without_email_do_not_collide(db: Database) -> None:
    with db.transaction() as session:
        persons.create_person(session, "A")
        persons.create_person(session, "B", email="   ")
    with db.transaction() as session:
        assert session.scalars(select(Person.email)).all() == [None, None]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "n" * 201}, "name"),
        ({"email": "jan@example"}, "email"),
        ({"role": "r" * 201}, "role"),
        ({"phone": "1" * 65}, "phone"),
        ({"preferred_language": "Dutch"}, "preferred_language"),
        ({"preferred_language": "en-abcdefgh-abcdefgh"}, "preferred_language"),
        ({"lawful_basis": "because"}, "lawful_basis"),
    ],
)
def test_create_person_refuses_bad_values(db: Database, kwargs: dict[str, str], field: str) -> None:
    values = {"name": "Jan", **kwargs}
    name = values.pop("name")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        persons.create_person(session, name, **values)  # type: ignore[arg-type]
    assert excinfo.value.field == field
    assert _count(db, Person) == 0


def test_email_is_unique_in_any_case_and_the_error_names_the_holder(db: Database) -> None:
    with db.transaction() as session:
        persons.create_person(session, "Jan de Vries", email="jan@example.org")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        persons.create_person(session, "Someone Else", email="other@example.org")
        persons.create_person(session, "Jan Duplicate", email=" JAN@Example.org ")
    assert excinfo.value.field == "email"
    assert str(excinfo.value) == (
        "The e-mail address JAN@Example.org is already used by Jan de Vries."
    )
    with db.transaction() as session:
        assert session.scalars(select(Person.name)).all() == ["Jan de Vries"]


def test_database_index_backs_the_email_check(db: Database) -> None:
    # Writing around records.py still cannot create a second address in another case.
    with db.transaction() as session:
        persons.create_person(session, "Jan", email="jan@example.org")
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(Person(name="Jan 2", email="JAN@EXAMPLE.ORG"))
        session.flush()


def test_update_person_changes_fields(db: Database) -> None:
    with db.transaction() as session:
        org = organisations.create_organisation(session, "TikTok")
        person = persons.create_person(session, "Anna", email="anna@tiktok.example")
        person_id = person.id
        persons.update_person(
            session,
            person,
            email="Anna@TikTok.example",  # own address in another case: allowed
            organisation=org,
            role="Public policy",
            lawful_basis=LawfulBasis.CONSENT,
            preferred_language="en-GB",
        )
    with db.transaction() as session:
        person = persons.get_person(session, person_id)
        assert person.email == "Anna@TikTok.example"
        assert person.organisation is not None and person.organisation.name == "TikTok"
        assert person.role == "Public policy"
        assert person.lawful_basis is LawfulBasis.CONSENT
        assert person.preferred_language == "en-GB"
        assert person.name == "Anna"
        persons.update_person(session, person, organisation=None, email=None)
    with db.transaction() as session:
        person = persons.get_person(session, person_id)
        assert person.organisation is None
        assert person.email is None


def test_update_person_refuses_someone_elses_email_and_changes_nothing(db: Database) -> None:
    with db.transaction() as session:
        persons.create_person(session, "Jan de Vries", email="jan@example.org")
        anna_id = persons.create_person(session, "Anna", email="anna@example.org").id
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        anna = persons.get_person(session, anna_id)
        try:
            persons.update_person(session, anna, name="Anna B.", email="Jan@Example.org")
        finally:
            assert (anna.name, anna.email) == ("Anna", "anna@example.org")
    assert excinfo.value.field == "email"
    assert "Jan de Vries" in str(excinfo.value)
    with db.transaction() as session:
        anna = persons.get_person(session, anna_id)
        assert (anna.name, anna.email) == ("Anna", "anna@example.org")


def test_update_person_unknown_field_is_a_programming_error(db: Database) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Anna")
        with pytest.raises(ValueError, match="erased_at"):
            persons.update_person(session, person, erased_at=datetime(2024, 1, 5, tzinfo=UTC))


def test_erased_person_cannot_be_edited(db: Database) -> None:
    with db.transaction() as session:
        person = persons.create_person(session, "Erased person")
        person.erased_at = datetime(2024, 1, 5, 10, 0, tzinfo=UTC)
        person_id = person.id
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        person = persons.get_person(session, person_id)
        persons.update_person(session, person, name="Jan de Vries")
    assert "was erased" in str(excinfo.value)
    assert str(excinfo.value) == (
        f"Person #{person_id} was erased on 5 Jan 2024 and can no longer be edited."
    )
    with db.transaction() as session:
        assert persons.get_person(session, person_id).name == "Erased person"
        # A misspelt field is still reported as the programming error it is.
        with pytest.raises(ValueError, match="nmae"):
            persons.update_person(session, persons.get_person(session, person_id), nmae="x")


def test_find_and_get_person(db: Database) -> None:
    with db.transaction() as session:
        person_id = persons.create_person(session, "Jan", email="Jan@Example.org").id
    with db.transaction() as session:
        for ref in ("jan@example.org", " JAN@EXAMPLE.ORG ", "mailto:jan@example.org"):
            found = persons.find_person_by_email(session, ref)
            assert found is not None and found.id == person_id
        assert persons.find_person_by_email(session, "piet@example.org") is None
        assert persons.find_person_by_email(session, "") is None
        assert persons.find_person_by_email(session, None) is None
        assert persons.get_person(session, person_id).id == person_id
        assert persons.get_person(session, f" {person_id} ").id == person_id
        assert persons.get_person(session, "JAN@example.ORG").id == person_id
        with pytest.raises(NotFoundError) as excinfo:
            persons.get_person(session, "piet@example.org")
        assert str(excinfo.value) == "No person with id or e-mail address 'piet@example.org'."
        with pytest.raises(NotFoundError) as excinfo:
            persons.get_person(session, 4242)
        assert str(excinfo.value) == "No person with id or e-mail address '4242'."


# ======================================================================================
# Questions
# ======================================================================================


def _texts(session: Session, roundtable: Roundtable) -> list[tuple[int, str]]:
    return [
        (q.position, q.text)
        for q in session.scalars(
            select(Question)
            .where(Question.roundtable_id == roundtable.id)
            .order_by(Question.position, Question.id)
        )
    ]


def test_add_question_appends_per_roundtable(db: Database) -> None:
    with db.transaction() as session:
        first = _roundtable(session, "a@test")
        second = _roundtable(session, "b@test")
        q1 = meetings_questions.add_question(session, first, "Why not comply with the GDPR?")
        q2 = meetings_questions.add_question(
            session, first, "Will the EDPS supervise Project Clover?"
        )
        other = meetings_questions.add_question(session, second, "Another roundtable's question")
        q3 = meetings_questions.add_question(session, first, "Will the revenue model change?")
        assert [q1.position, q2.position, q3.position] == [0, 1, 2]
        assert other.position == 0
        first_id = first.id
    with db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, first_id)
        assert [q.text for q in roundtable.questions] == [
            "Why not comply with the GDPR?",
            "Will the EDPS supervise Project Clover?",
            "Will the revenue model change?",
        ]


def test_add_question_asked_by_person_organisation_or_neither(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        org = organisations.create_organisation(session, "Privacy First")
        person = persons.create_person(session, "Jan", organisation=org)
        by_org = meetings_questions.add_question(
            session, roundtable, "Q1", asked_by_organisation=org
        )
        by_person = meetings_questions.add_question(
            session,
            roundtable,
            "Q2",
            asked_by_person=person,
            status="submitted",
            answer=" Not yet ",
        )
        anonymous = meetings_questions.add_question(session, roundtable, "Q3")
        assert (by_org.asked_by_organisation, by_org.asked_by_person) == (org, None)
        assert (by_person.asked_by_person, by_person.asked_by_organisation) == (person, None)
        assert by_person.status is QuestionStatus.SUBMITTED
        assert by_person.answer == "Not yet"
        assert anonymous.asked_by_person is None and anonymous.asked_by_organisation is None
        assert anonymous.status is QuestionStatus.DRAFT
        with pytest.raises(ValidationError) as excinfo:
            meetings_questions.add_question(
                session, roundtable, "Q4", asked_by_person=person, asked_by_organisation=org
            )
        assert excinfo.value.field == "asked_by"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "  "}, "text"),
        ({"status": "pending"}, "status"),
        ({"answer": "a" * 100_001}, "answer"),
    ],
)
def test_add_question_refuses_bad_values(db: Database, kwargs: dict[str, str], field: str) -> None:
    with db.transaction() as session:
        _roundtable(session)
    values = {"text": "A question", **kwargs}
    text = values.pop("text")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, "rt1@test")
        meetings_questions.add_question(session, roundtable, "A valid one first")
        meetings_questions.add_question(session, roundtable, text, **values)  # type: ignore[arg-type]
    assert excinfo.value.field == field
    assert _count(db, Question) == 0


def test_add_question_at_a_position_inserts_and_renumbers(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        for text in ("b", "c"):
            meetings_questions.add_question(session, roundtable, text)
        meetings_questions.add_question(session, roundtable, "a", position=0)
        meetings_questions.add_question(session, roundtable, "b2", position=2)
        meetings_questions.add_question(session, roundtable, "z", position=99)
        assert _texts(session, roundtable) == [(0, "a"), (1, "b"), (2, "b2"), (3, "c"), (4, "z")]
        # The relationship shows the new order within the same session.
        assert [q.text for q in roundtable.questions] == ["a", "b", "b2", "c", "z"]


def test_move_question_renumbers_with_clamping(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        qs = [meetings_questions.add_question(session, roundtable, t) for t in "abcd"]
        assert [q.text for q in roundtable.questions] == list("abcd")  # loaded before moving
        meetings_questions.move_question(session, qs[3], 0)
        assert _texts(session, roundtable) == [(0, "d"), (1, "a"), (2, "b"), (3, "c")]
        assert [q.text for q in roundtable.questions] == list("dabc")
        meetings_questions.move_question(session, qs[3], 99)
        assert _texts(session, roundtable) == [(0, "a"), (1, "b"), (2, "c"), (3, "d")]
        meetings_questions.move_question(session, qs[2], -5)
        assert _texts(session, roundtable) == [(0, "c"), (1, "a"), (2, "b"), (3, "d")]
        meetings_questions.move_question(session, qs[0], 2)
        assert _texts(session, roundtable) == [(0, "c"), (1, "b"), (2, "a"), (3, "d")]
        # -1 means "before the first", not Python's "before the last".
        meetings_questions.move_question(session, qs[3], -1)
        assert _texts(session, roundtable) == [(0, "d"), (1, "c"), (2, "b"), (3, "a")]
        roundtable_id = roundtable.id
    with db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, roundtable_id)
        assert [(q.position, q.text) for q in roundtable.questions] == [
            (0, "d"),
            (1, "c"),
            (2, "b"),
            (3, "a"),
        ]


def test_move_question_closes_gaps_and_leaves_other_roundtables_alone(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, "a@test")
        other = _roundtable(session, "b@test")
        session.add_all(
            [
                Question(roundtable=roundtable, text="x", position=5),
                Question(roundtable=roundtable, text="y", position=10),
                Question(roundtable=roundtable, text="z", position=20),
                Question(roundtable=other, text="o", position=7),
            ]
        )
        session.flush()
        z = session.scalars(select(Question).where(Question.text == "z")).one()
        meetings_questions.move_question(session, z, 1)
        assert _texts(session, roundtable) == [(0, "x"), (1, "z"), (2, "y")]
        assert _texts(session, other) == [(7, "o")]


def test_move_question_to_its_own_place_changes_nothing(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        qs = [meetings_questions.add_question(session, roundtable, t) for t in "ab"]
        versions = [q.version for q in qs]
        meetings_questions.move_question(session, qs[1], 1)
        assert [q.version for q in qs] == versions


def test_update_question(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        org = organisations.create_organisation(session, "Privacy First")
        person = persons.create_person(session, "Jan")
        question = meetings_questions.add_question(
            session, roundtable, "Draft", asked_by_organisation=org
        )
        meetings_questions.update_question(
            session, question, text="Final wording", status=QuestionStatus.ANSWERED, answer="Yes"
        )
        assert (question.text, question.status, question.answer) == (
            "Final wording",
            QuestionStatus.ANSWERED,
            "Yes",
        )
        assert question.asked_by_organisation is org  # untouched
        # Naming a person replaces the organisation as the asker, and back again.
        meetings_questions.update_question(session, question, asked_by_person=person)
        assert (question.asked_by_person, question.asked_by_organisation) == (person, None)
        meetings_questions.update_question(session, question, asked_by_organisation=org)
        assert (question.asked_by_person, question.asked_by_organisation) == (None, org)
        meetings_questions.update_question(session, question, asked_by_organisation=None)
        assert (question.asked_by_person, question.asked_by_organisation) == (None, None)
        with pytest.raises(ValidationError) as excinfo:
            meetings_questions.update_question(
                session, question, asked_by_person=person, asked_by_organisation=org
            )
        assert excinfo.value.field == "asked_by"
        with pytest.raises(ValidationError) as excinfo:
            meetings_questions.update_question(session, question, text="changed", status="maybe")
        assert excinfo.value.field == "status"
        assert question.text == "Final wording"
        with pytest.raises(ValueError, match="position"):
            meetings_questions.update_question(session, question, position=3)


# ======================================================================================
# Minutes: agenda items, notes, action items, follow-ups
# ======================================================================================


def test_agenda_items_append_and_insert(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, "a@test")
        other = _roundtable(session, "b@test")
        update = minutes.add_agenda_item(session, roundtable, "  Update on Project Clover ")
        revenue = minutes.add_agenda_item(session, roundtable, "Revenue model")
        welcome = minutes.add_agenda_item(session, roundtable, "Welcome", position=0)
        elsewhere = minutes.add_agenda_item(session, other, "Elsewhere")
        assert update.title == "Update on Project Clover"
        assert [(i.position, i.title) for i in roundtable.agenda_items] == [
            (0, "Welcome"),
            (1, "Update on Project Clover"),
            (2, "Revenue model"),
        ]
        assert (welcome.position, revenue.position, elsewhere.position) == (0, 2, 0)
        with pytest.raises(ValidationError) as excinfo:
            minutes.add_agenda_item(session, roundtable, "")
        assert excinfo.value.field == "title"


def test_minute_notes(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        org = organisations.create_organisation(session, "TikTok")
        person = persons.create_person(session, "Speaker", organisation=org)
        item = minutes.add_agenda_item(session, roundtable, "Data storage")
        other_item = minutes.add_agenda_item(session, roundtable, "Other")
        note = minutes.add_minute_note(
            session,
            item,
            " Data of EU users now sits in Ireland and Norway. ",
            speaker_person=person,
            speaker_organisation=org,
        )
        decision = minutes.add_minute_note(
            session, item, "Meet again next year", kind="decision", not_for_attribution=True
        )
        first_elsewhere = minutes.add_minute_note(session, other_item, "x")
        assert note.text == "Data of EU users now sits in Ireland and Norway."
        assert (note.kind, note.not_for_attribution) == (NoteKind.NOTE, False)
        assert (note.speaker_person, note.speaker_organisation) == (person, org)
        assert (decision.kind, decision.not_for_attribution) == (NoteKind.DECISION, True)
        assert (note.position, decision.position, first_elsewhere.position) == (0, 1, 0)
        item_id = item.id
        for kwargs, field in (({"text": " "}, "text"), ({"kind": "rumour"}, "kind")):
            values = {"text": "ok", **kwargs}
            with pytest.raises(ValidationError) as excinfo:
                minutes.add_minute_note(session, item, values.pop("text"), **values)  # type: ignore[arg-type]
            assert excinfo.value.field == field
    with db.transaction() as session:
        item_again = session.get(AgendaItem, item_id)
        assert item_again is not None
        assert [n.text for n in item_again.notes] == [
            "Data of EU users now sits in Ireland and Norway.",
            "Meet again next year",
        ]
        assert _count_in(session, MinuteNote) == 3


def _count_in(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_action_items(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, "a@test")
        other = _roundtable(session, "b@test")
        org = organisations.create_organisation(session, "Privacy First")
        item = minutes.add_agenda_item(session, roundtable, "Follow-up")
        foreign_item = minutes.add_agenda_item(session, other, "Not ours")
        action = minutes.add_action_item(
            session,
            roundtable,
            " Publish the questions ",
            owner_organisation=org,
            due_on=date(2023, 9, 8),
            agenda_item=item,
        )
        assert action.description == "Publish the questions"
        assert (action.owner_organisation, action.owner_person) == (org, None)
        assert action.due_on == date(2023, 9, 8)
        assert action.agenda_item is item
        assert (action.done, action.done_at) == (False, None)
        assert roundtable.action_items == [action]
        cases: list[tuple[dict[str, object], str]] = [
            ({"description": ""}, "description"),
            ({"due_on": datetime(2023, 9, 8, 12, 0, tzinfo=UTC)}, "due_on"),
            ({"due_on": "2023-09-08"}, "due_on"),
            ({"agenda_item": foreign_item}, "agenda_item"),
        ]
        for kwargs, field in cases:
            values: dict[str, object] = {"description": "Do it", **kwargs}
            with pytest.raises(ValidationError) as excinfo:
                minutes.add_action_item(session, roundtable, **values)  # type: ignore[arg-type]
            assert excinfo.value.field == field
        assert _count_in(session, ActionItem) == 1


def test_set_action_done(db: Database, clock: datetime) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        action = minutes.add_action_item(session, roundtable, "Send the minutes")
        assert minutes.set_action_done(session, action, True) is action
        assert (action.done, action.done_at) == (True, clock)
        # Marking it done again keeps the original time.
        with context.frozen_clock(clock + timedelta(days=1)):
            minutes.set_action_done(session, action, True)
        assert action.done_at == clock
        minutes.set_action_done(session, action, False)
        assert (action.done, action.done_at) == (False, None)
        amsterdam_time = datetime(2023, 12, 3, 10, 0, tzinfo=timezone(timedelta(hours=1)))
        minutes.set_action_done(session, action, True, at=amsterdam_time)
        action_id = action.id
        with pytest.raises(ValueError, match="timezone-aware"):
            minutes.set_action_done(session, action, True, at=datetime(2023, 12, 3, 10, 0))
    with db.transaction() as session:
        stored = session.get(ActionItem, action_id)
        assert stored is not None
        assert stored.done is True
        assert stored.done_at == datetime(2023, 12, 3, 9, 0, tzinfo=UTC)


def test_follow_ups(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session)
        org = organisations.create_organisation(session, "Privacy First")
        later = follow_ups.add_follow_up(
            session,
            roundtable,
            date(2023, 12, 3),
            " We took part and raised the revenue model. ",
            title="Update 3 December 2023",
            stance="Critical but open to dialogue",
            organisation=org,
        )
        earlier = follow_ups.add_follow_up(session, roundtable, date(2023, 9, 5), "Cancelled.")
        assert later.body == "We took part and raised the revenue model."
        assert (later.title, later.stance, later.organisation) == (
            "Update 3 December 2023",
            "Critical but open to dialogue",
            org,
        )
        roundtable_id = roundtable.id
        cases: list[tuple[object, str, str]] = [
            (None, "body", "dated"),
            (datetime(2023, 12, 3, tzinfo=UTC), "body", "dated"),
            (date(2023, 12, 3), "  ", "body"),
        ]
        for dated, body, field in cases:
            with pytest.raises(ValidationError) as excinfo:
                follow_ups.add_follow_up(session, roundtable, dated, body)  # type: ignore[arg-type]
            assert excinfo.value.field == field
        assert earlier.id is not None
    with db.transaction() as session:
        roundtable = lifecycle.get_roundtable(session, roundtable_id)
        assert [f.dated for f in roundtable.follow_ups] == [date(2023, 9, 5), date(2023, 12, 3)]
        assert _count_in(session, FollowUp) == 2


# ======================================================================================
# Statements
# ======================================================================================


def test_create_statement(db: Database) -> None:
    with db.transaction() as session:
        statement = records.create_statement(
            session,
            " tiktok-roundtables-2023 ",
            " TikTok's charm offensive ",
            language="en",
            summary="Our questions, and what happened.",
            translation_note="Machine translation, reviewed by the board",
        )
        statement_id = statement.id
    with db.transaction() as session:
        stored = records.get_statement(session, statement_id)
        assert stored.slug == "tiktok-roundtables-2023"
        assert stored.title == "TikTok's charm offensive"
        assert stored.language == "en"
        assert stored.summary == "Our questions, and what happened."
        assert stored.translation_note == "Machine translation, reviewed by the board"
        assert stored.template_name == "statement"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"slug": ""}, "slug"),
        ({"slug": "TikTok"}, "slug"),
        ({"slug": "tiktok 2023"}, "slug"),
        ({"slug": "tiktok_2023"}, "slug"),
        ({"slug": "-tiktok"}, "slug"),
        ({"slug": "tiktok-"}, "slug"),
        ({"slug": "tik--tok"}, "slug"),
        ({"slug": "a/b"}, "slug"),
        ({"title": ""}, "title"),
        ({"language": ""}, "language"),
        ({"language": "English"}, "language"),
        ({"template_name": " "}, "template_name"),
    ],
)
def test_create_statement_refuses_bad_values(
    db: Database, kwargs: dict[str, str], field: str
) -> None:
    values = {"slug": "ok-slug", "title": "Title", **kwargs}
    slug, title = values.pop("slug"), values.pop("title")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        records.create_statement(session, slug, title, **values)
    assert excinfo.value.field == field
    assert _count(db, Statement) == 0


def test_statement_slug_is_unique(db: Database) -> None:
    with db.transaction() as session:
        records.create_statement(session, "clover", "First")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        records.create_statement(session, "clover", "Second")
    assert excinfo.value.field == "slug"
    assert str(excinfo.value) == "There is already a statement called 'clover'."
    assert _count(db, Statement) == 1


def test_statement_sections(db: Database) -> None:
    with db.transaction() as session:
        statement = records.create_statement(session, "s", "S")
        other = records.create_statement(session, "t", "T")
        context = records.add_statement_section(session, statement, "context", "Context", "...")
        questions = records.add_statement_section(
            session, statement, "questions", "Our questions", ""
        )
        intro = records.add_statement_section(
            session, statement, "introduction", "", "Privacy First is often invited.", position=0
        )
        elsewhere = records.add_statement_section(session, other, "", "Only a heading", "")
        assert [(s.position, s.key) for s in statement.sections] == [
            (0, "introduction"),
            (1, "context"),
            (2, "questions"),
        ]
        assert (intro.position, context.position, questions.position) == (0, 1, 2)
        assert (elsewhere.position, elsewhere.key) == (0, "")
        cases: list[tuple[tuple[str, str, str], str]] = [
            (("Context", "h", "b"), "key"),
            (("1st", "h", "b"), "key"),
            (("with space", "h", "b"), "key"),
            (("empty", "", "  "), "body"),
            (("long", "h" * 301, ""), "heading"),
        ]
        for args, field in cases:
            with pytest.raises(ValidationError) as excinfo:
                records.add_statement_section(session, statement, *args)
            assert excinfo.value.field == field
        assert _count_in(session, StatementSection) == 4


def test_references(db: Database) -> None:
    with db.transaction() as session:
        statement = records.create_statement(session, "s", "S")
        other = records.create_statement(session, "t", "T")
        fd = records.add_reference(
            session,
            statement,
            "fd-2023-09-05",
            "TikTok wants to win back trust",
            url="https://fd.nl/example",
            publisher="Het Financieele Dagblad",
            published_on=date(2023, 9, 5),
            note="Paywalled",
        )
        policy = records.add_reference(session, statement, "privacy-policy", "Privacy policy")
        same_key_elsewhere = records.add_reference(session, other, "fd-2023-09-05", "Same key")
        assert (fd.position, policy.position, same_key_elsewhere.position) == (0, 1, 0)
        assert (fd.url, fd.publisher, fd.published_on, fd.note) == (
            "https://fd.nl/example",
            "Het Financieele Dagblad",
            date(2023, 9, 5),
            "Paywalled",
        )
        statement_id = statement.id
        cases: list[tuple[str, str, dict[str, object], str]] = [
            ("fd-2023-09-05", "Duplicate", {}, "key"),
            ("", "No key", {}, "key"),
            ("two words", "Space", {}, "key"),
            ("new", "", {}, "title"),
            ("new", "Bad URL", {"url": "fd.nl"}, "url"),
            ("new", "Bad date", {"published_on": datetime(2023, 9, 5, tzinfo=UTC)}, "published_on"),
        ]
        for key, title, kwargs, field in cases:
            with pytest.raises(ValidationError) as excinfo:
                records.add_reference(session, statement, key, title, **kwargs)  # type: ignore[arg-type]
            assert excinfo.value.field == field
    with db.transaction() as session:
        stored = records.get_statement(session, statement_id)
        assert [r.key for r in stored.references] == ["fd-2023-09-05", "privacy-policy"]
        assert _count_in(session, Reference) == 3


def test_duplicate_reference_key_writes_nothing(db: Database) -> None:
    with db.transaction() as session:
        records.add_reference(session, records.create_statement(session, "s", "S"), "k", "One")
    with pytest.raises(ValidationError) as excinfo, db.transaction() as session:
        statement = records.get_statement(session, "s")
        records.add_reference(session, statement, "k2", "Two")
        records.add_reference(session, statement, "k", "Three")
    assert str(excinfo.value) == "The statement already has a reference with the key 'k'."
    assert _count(db, Reference) == 1


def test_statement_updates_and_links(db: Database) -> None:
    with db.transaction() as session:
        statement = records.create_statement(session, "s", "S")
        first = _roundtable(session, "a@test")
        second = _roundtable(session, "b@test")
        update = records.add_statement_update(
            session, statement, date(2023, 12, 3), " We took part. ", title="Update"
        )
        assert (update.body, update.title, update.dated) == (
            "We took part.",
            "Update",
            date(2023, 12, 3),
        )
        records.add_statement_update(session, statement, date(2023, 11, 1), "Earlier")
        for dated, body, field in (
            ("2023-12-03", "x", "dated"),
            (date(2023, 12, 3), "", "body"),
        ):
            with pytest.raises(ValidationError) as excinfo:
                records.add_statement_update(session, statement, dated, body)  # type: ignore[arg-type]
            assert excinfo.value.field == field
        records.link_roundtable(session, statement, second)
        records.link_roundtable(session, statement, first)
        records.link_roundtable(session, statement, first)  # twice changes nothing
        statement_id = statement.id
    with db.transaction() as session:
        stored = records.get_statement(session, statement_id)
        assert [u.body for u in stored.updates] == ["Earlier", "We took part."]
        assert [r.uid for r in stored.roundtables] == ["a@test", "b@test"]
        assert _count_in(session, StatementUpdate) == 2


def test_get_statement(db: Database) -> None:
    with db.transaction() as session:
        statement_id = records.create_statement(session, "clover", "C").id
    with db.transaction() as session:
        assert records.get_statement(session, statement_id).slug == "clover"
        assert records.get_statement(session, str(statement_id)).slug == "clover"
        assert records.get_statement(session, " Clover ").id == statement_id
        with pytest.raises(NotFoundError) as excinfo:
            records.get_statement(session, "nope")
        assert str(excinfo.value) == "No statement with id or slug 'nope'."


# ======================================================================================
# Roundtable lookup
# ======================================================================================


def test_get_roundtable_by_id_digit_string_or_uid(db: Database) -> None:
    with db.transaction() as session:
        roundtable = _roundtable(session, "x@test")
        numeric_uid = _roundtable(session, "12345")
        roundtable_id, numeric_id = roundtable.id, numeric_uid.id
    with db.transaction() as session:
        assert lifecycle.get_roundtable(session, roundtable_id).uid == "x@test"
        assert lifecycle.get_roundtable(session, f"{roundtable_id}").uid == "x@test"
        assert lifecycle.get_roundtable(session, " x@test ").id == roundtable_id
        # A digit string that is not an id is still tried as a UID.
        assert lifecycle.get_roundtable(session, "12345").id == numeric_id
        with pytest.raises(NotFoundError) as excinfo:
            lifecycle.get_roundtable(session, "x")
        assert str(excinfo.value) == "No roundtable with id or UID 'x'."
        with pytest.raises(NotFoundError) as excinfo:
            lifecycle.get_roundtable(session, 777)
        assert str(excinfo.value) == "No roundtable with id or UID '777'."
        with pytest.raises(NotFoundError):
            lifecycle.get_roundtable(session, "")
        with pytest.raises(TypeError):
            lifecycle.get_roundtable(session, True)
