"""The demo scenario: a small privacy NGO and TikTok's roundtables of autumn 2023.

One module of about 690 lines on purpose: it tells one story in order (the invitation,
the questions, the withdrawal, the second roundtable, the minutes, the statement),
through the same core functions the app uses, and is read top to bottom.

The story follows a piece Privacy First Foundation published in 2023, retold
in our own words; all people and the other invitees are invented. The foundation is
invited to TikTok's roundtable on Project Clover of 7 September 2023, prepares
six questions, and is disinvited two days before; TikTok answers questions of
the Standing Committee on Digital Affairs on 6 September in the Thorbecke Room;
TikTok holds a second roundtable on 27 November 2023 with about forty
invitees, many of whom never answer; the NGO publishes a statement and, on
3 December 2023, an update.

The data lives in ``resources/demo/scenario.json`` (organisations, people, the
three roundtables with their invitations, questions and minutes, and the
statement) and ``resources/demo/invitees.csv`` (the forty-odd invitees of the
November roundtable). Everything is written through the core API with the
dates on which it happened, so histories read "invited on …, withdrawn on 5 Sep
2023 because …" exactly as the app would have recorded them at the time.

:func:`load_demo` is idempotent: when the demo's roundtables are already in the
database it writes nothing. Into a database that holds other data it adds the
demo, reusing organisations and people it finds by name and e-mail address.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.enums import (
    ChangeSource,
    InvitationRole,
    InvitationStatus,
    LawfulBasis,
    NoteKind,
    OrganisationKind,
    Party,
    QuestionStatus,
)
from roundtable.meetings import follow_ups, invitations, lifecycle, minutes, questions
from roundtable.people import organisations as people_organisations
from roundtable.people import persons
from roundtable.resources_access import read_resource_text
from roundtable.statements import records
from roundtable.storage.models import (
    AgendaItem,
    Invitation,
    Organisation,
    Person,
    Roundtable,
    Statement,
)

if TYPE_CHECKING:
    from roundtable.storage.db import Database
from roundtable.errors import DemoDataError

SCENARIO_FILE = "scenario.json"

#: The iCalendar UIDs of the demo's three roundtables; their presence marks the demo as loaded.
DEMO_ROUNDTABLE_UIDS: tuple[str, ...] = (
    "project-clover-2023-09-07@demo.roundtable.local",
    "tiktok-hearing-2023-09-06@demo.roundtable.local",
    "tiktok-roundtable-2023-11-27@demo.roundtable.local",
    "clover-one-year-on@demo.roundtable.local",
)

# Steps recorded after the roundtable is marked held: attendance can only be
# known once the meeting has taken place.
_AFTER_HELD = frozenset({"attend", "no_show"})
_RESPONSES = {
    "accept": InvitationStatus.ACCEPTED,
    "tentative": InvitationStatus.TENTATIVE,
    "decline": InvitationStatus.DECLINED,
}
_STEPS = frozenset({"invite", "no_response", "withdraw", *_RESPONSES, *_AFTER_HELD})
# The final outcome in invitees.csv, and the response that led to it.
_OUTCOME_RESPONSE = {
    "attended": "accept",
    "no_show": "accept",
    "tentative": "tentative",
    "declined": "decline",
}
_OUTCOME_AFTER = {"attended": "attend", "no_show": "no_show"}
_OUTCOMES = frozenset({*_OUTCOME_RESPONSE, "no_response"})


@dataclass(frozen=True)
class DemoResult:
    """What :func:`load_demo` found or created: the demo's size in the database."""

    created: bool
    roundtables: int
    people: int
    organisations: int
    invitations: int


@dataclass(frozen=True)
class _Scenario:
    """The parsed demo files: the JSON document and the invitee rows."""

    data: Mapping[str, Any]
    invitees: Sequence[Mapping[str, str]]
    zone: ZoneInfo

    def organisation_names(self) -> set[str]:
        names = {org["name"] for org in self.data["organisations"]}
        names.update(row["organisation"] for row in self.invitees if row["organisation"])
        return names

    def person_emails(self) -> set[str]:
        emails = {person["email"].lower() for person in self.data["people"]}
        emails.update(row["email"].lower() for row in self.invitees)
        return emails


def load_demo(session: Session) -> DemoResult:
    """Add the demo scenario to the database, unless it is there already.

    Returns ``created=False`` and writes nothing when any of the demo's
    roundtables (found by UID) exists. Organisations and people already in the
    database (same name, same e-mail address) are reused, not duplicated. Never
    commits: the caller's transaction makes the whole demo appear at once or
    not at all.
    """
    scenario = _read_scenario()
    existing = session.scalars(
        select(Roundtable.id).where(Roundtable.uid.in_(DEMO_ROUNDTABLE_UIDS))
    ).first()
    if existing is not None:
        return _measure(session, scenario, created=False)
    _Builder(session, scenario).build()
    session.flush()
    return _measure(session, scenario, created=True)


# --- reading the files ------------------------------------------------------------------


def _read_scenario() -> _Scenario:
    """Parse and check both demo files before anything is written."""
    data = json.loads(read_resource_text("demo", SCENARIO_FILE))
    invitee_file = data["invitees"]["file"]
    rows = list(csv.DictReader(io.StringIO(read_resource_text("demo", invitee_file))))
    zone = ZoneInfo(data["timezone"])
    scenario = _Scenario(data=data, invitees=rows, zone=zone)
    _check(scenario)
    return scenario


def _check(scenario: _Scenario) -> None:
    """Refuse inconsistent demo files early, naming what is wrong."""
    upcoming = scenario.data.get("upcoming")
    uids = tuple(rt["uid"] for rt in scenario.data["roundtables"])
    if upcoming is not None:
        uids += (upcoming["uid"],)
    if uids != DEMO_ROUNDTABLE_UIDS:
        raise DemoDataError(f"the scenario's roundtable UIDs {uids} differ from the code's")
    orgs = scenario.organisation_names()
    emails = scenario.person_emails()
    for row in scenario.invitees:
        if row["outcome"] not in _OUTCOMES:
            raise DemoDataError(f"{row['email']}: unknown outcome {row['outcome']!r}")
    if upcoming is not None:
        for inv in upcoming["invitations"]:
            if inv["person"].lower() not in emails:
                raise DemoDataError(f"{upcoming['uid']}: unknown person {inv['person']!r}")
            if inv.get("answer") and inv["answer"] not in _RESPONSES:
                raise DemoDataError(f"{upcoming['uid']}: unknown answer {inv['answer']!r}")
    for rt in [*scenario.data["roundtables"], *([upcoming] if upcoming else [])]:
        for name in _org_refs(rt):
            if name not in orgs:
                raise DemoDataError(f"{rt['uid']}: unknown organisation {name!r}")
        for email in _person_refs(rt):
            if email.lower() not in emails:
                raise DemoDataError(f"{rt['uid']}: unknown person {email!r}")
        for inv in rt.get("invitations", []):
            for step in inv.get("steps", []):
                if step["do"] not in _STEPS:
                    raise DemoDataError(f"{rt['uid']}: unknown step {step['do']!r}")
    wanted = {scenario.data["invitees"]["roundtable"], *scenario.data["statement"]["roundtables"]}
    missing = wanted - {rt["uid"] for rt in scenario.data["roundtables"]}
    if missing:
        raise DemoDataError(f"unknown roundtables referred to: {sorted(missing)}")


def _org_refs(rt: Mapping[str, Any]) -> Iterable[str]:
    yield rt["host"]
    for item in [*rt.get("questions", []), *_notes(rt), *_actions(rt), *rt.get("follow_ups", [])]:
        for field in ("asked_by_organisation", "speaker_organisation", "owner_organisation"):
            if item.get(field):
                yield item[field]
        if item.get("organisation"):
            yield item["organisation"]


def _person_refs(rt: Mapping[str, Any]) -> Iterable[str]:
    if rt.get("organiser"):
        yield rt["organiser"]
    for inv in rt.get("invitations", []):
        yield inv["person"]
    for item in [*rt.get("questions", []), *_notes(rt), *_actions(rt)]:
        for field in ("asked_by_person", "speaker_person", "owner_person"):
            if item.get(field):
                yield item[field]


def _notes(rt: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [note for item in rt.get("agenda", []) for note in item.get("notes", [])]


def _actions(rt: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    nested = [action for item in rt.get("agenda", []) for action in item.get("actions", [])]
    return [*nested, *rt.get("actions", [])]


def _prose(value: str | Sequence[str]) -> str:
    """Text from the scenario: a string, or a list of paragraphs joined by blank lines."""
    return value if isinstance(value, str) else "\n\n".join(value)


# --- counting ---------------------------------------------------------------------------


def _measure(session: Session, scenario: _Scenario, *, created: bool) -> DemoResult:
    """Count the demo's roundtables, people, organisations and invitations in the database."""
    roundtables = session.scalars(
        select(Roundtable).where(Roundtable.uid.in_(DEMO_ROUNDTABLE_UIDS))
    ).all()
    people = sum(
        1 for email in scenario.person_emails() if persons.find_person_by_email(session, email)
    )
    organisations = sum(
        1
        for name in scenario.organisation_names()
        if people_organisations.find_organisation_by_name(session, name)
    )
    return DemoResult(
        created=created,
        roundtables=len(roundtables),
        people=people,
        organisations=organisations,
        invitations=sum(len(rt.invitations) for rt in roundtables),
    )


# --- building ---------------------------------------------------------------------------


class _Builder:
    """Writes the scenario through the core API, in the order things happened."""

    def __init__(self, session: Session, scenario: _Scenario) -> None:
        self.session = session
        self.scenario = scenario
        self.data = scenario.data
        self.organisations: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.roundtables: dict[str, Roundtable] = {}

    # lookups ---------------------------------------------------------------------

    def at(self, text: str) -> datetime:
        """A scenario wall time ("2023-09-05T16:45") as an aware datetime in the demo's zone."""
        return datetime.fromisoformat(text).replace(tzinfo=self.scenario.zone)

    def org(self, name: str | None) -> Organisation | None:
        return self.organisations[name] if name else None

    def person(self, email: str | None) -> Person | None:
        return self.people[email.lower()] if email else None

    # the whole story ---------------------------------------------------------------

    def build(self) -> None:
        for spec in self.data["organisations"]:
            self._organisation(
                spec["name"],
                kind=OrganisationKind(spec["kind"]),
                website=spec.get("website", ""),
                email=spec.get("email"),
                notes=spec.get("notes", ""),
                is_own=spec.get("is_own", False),
            )
        for spec in self.data["people"]:
            self._person(
                spec["name"],
                spec["email"],
                organisation=self.org(spec.get("organisation")),
                role=spec.get("role", ""),
                preferred_language=spec.get("preferred_language", ""),
                lawful_basis=LawfulBasis(spec.get("lawful_basis", "unknown")),
                consent_note=spec.get("consent_note", ""),
            )
        self._invitee_people()

        invitee_uid = self.data["invitees"]["roundtable"]
        for spec in self.data["roundtables"]:
            extra = self._invitee_specs() if spec["uid"] == invitee_uid else []
            self._roundtable(spec, extra)
        if "upcoming" in self.data:
            self._upcoming(self.data["upcoming"])
        self._statement(self.data["statement"])

    def _organisation(self, name: str, **fields: Any) -> Organisation:
        organisation = people_organisations.find_organisation_by_name(self.session, name)
        if organisation is None:
            organisation = people_organisations.create_organisation(self.session, name, **fields)
        self.organisations[name] = organisation
        return organisation

    def _person(self, name: str, email: str, **fields: Any) -> Person:
        person = persons.find_person_by_email(self.session, email)
        if person is None:
            person = persons.create_person(self.session, name, email=email, **fields)
        self.people[email.lower()] = person
        return person

    def _invitee_people(self) -> None:
        meta = self.data["invitees"]
        for row in self.scenario.invitees:
            organisation = None
            if row["organisation"]:
                organisation = self.organisations.get(row["organisation"]) or self._organisation(
                    row["organisation"],
                    kind=OrganisationKind(row["organisation_kind"] or "other"),
                    website=row["organisation_website"],
                )
            self._person(
                row["name"],
                row["email"],
                organisation=organisation,
                role=row["role"],
                lawful_basis=LawfulBasis(meta["lawful_basis"]),
                consent_note=meta["consent_note"],
            )

    def _invitee_specs(self) -> list[dict[str, Any]]:
        """The CSV rows as invitation specs with the steps that lead to each outcome."""
        meta = self.data["invitees"]
        specs: list[dict[str, Any]] = []
        for row in self.scenario.invitees:
            outcome = row["outcome"]
            steps: list[dict[str, Any]] = [{"do": "invite", "at": meta["invited_at"]}]
            if outcome == "no_response":
                steps.append({"do": "no_response", "at": meta["no_response_marked_at"]})
            else:
                steps.append(
                    {
                        "do": _OUTCOME_RESPONSE[outcome],
                        "at": row["responded_at"],
                        "note": row["note"],
                    }
                )
            if outcome in _OUTCOME_AFTER:
                steps.append({"do": _OUTCOME_AFTER[outcome]})
            specs.append(
                {
                    "person": row["email"],
                    "consent_to_be_named": row["consent_to_be_named"] == "yes",
                    "notes": row["note"] if outcome == "no_response" else "",
                    "added_at": meta["invited_at"],
                    "steps": steps,
                }
            )
        return specs

    # one roundtable ---------------------------------------------------------------

    def _roundtable(self, spec: Mapping[str, Any], extra_invitations: list[dict[str, Any]]) -> None:
        rt = lifecycle.create_roundtable(
            self.session,
            title=spec["title"],
            topic=spec.get("topic", ""),
            host=self.org(spec.get("host")),
            organiser=self.person(spec.get("organiser")),
            venue=spec.get("venue", ""),
            online_url=spec.get("online_url", ""),
            timezone=self.data["timezone"],
            description=spec.get("description", ""),
            is_public=spec.get("is_public", False),
            uid=spec["uid"],
            at=self.at(spec["created_at"]),
        )
        self.roundtables[spec["uid"]] = rt
        lifecycle.schedule(
            self.session,
            rt,
            self.at(spec["starts_at"]),
            self.at(spec["ends_at"]),
            at=self.at(spec["scheduled_at"]),
        )

        pending: list[tuple[Invitation, Mapping[str, Any]]] = []
        for inv_spec in [*spec.get("invitations", []), *extra_invitations]:
            invitation = invitations.add_invitation(
                self.session,
                rt,
                person=self.person(inv_spec["person"]),
                role=InvitationRole(inv_spec.get("role", "participant")),
                consent_to_be_named=inv_spec.get("consent_to_be_named", False),
                notes=inv_spec.get("notes", ""),
                at=self.at(inv_spec["added_at"]),
                source=ChangeSource.DEMO,
            )
            for step in inv_spec["steps"]:
                if step["do"] in _AFTER_HELD:
                    pending.append((invitation, step))
                else:
                    self._step(invitation, step)

        lifecycle.mark_held(self.session, rt, at=self.at(spec["held_at"]))
        attendance_at = self.at(spec["attendance_recorded_at"])
        for invitation, step in pending:
            attended = step["do"] == "attend"
            invitations.mark_attendance(
                self.session, invitation, attended, at=attendance_at, source=ChangeSource.DEMO
            )

        for q in spec.get("questions", []):
            questions.add_question(
                self.session,
                rt,
                q["text"],
                asked_by_person=self.person(q.get("asked_by_person")),
                asked_by_organisation=self.org(q.get("asked_by_organisation")),
                status=QuestionStatus(q["status"]),
                answer=q.get("answer", ""),
            )
        for item in spec.get("agenda", []):
            agenda_item = minutes.add_agenda_item(self.session, rt, item["title"])
            for note in item.get("notes", []):
                minutes.add_minute_note(
                    self.session,
                    agenda_item,
                    note["text"],
                    kind=NoteKind(note.get("kind", "note")),
                    speaker_person=self.person(note.get("speaker_person")),
                    speaker_organisation=self.org(note.get("speaker_organisation")),
                    not_for_attribution=note.get("not_for_attribution", False),
                )
            for action in item.get("actions", []):
                self._action(rt, action, agenda_item)
        for action in spec.get("actions", []):
            self._action(rt, action, None)
        for follow_up in spec.get("follow_ups", []):
            follow_ups.add_follow_up(
                self.session,
                rt,
                date.fromisoformat(follow_up["dated"]),
                _prose(follow_up["body"]),
                title=follow_up.get("title", ""),
                stance=follow_up.get("stance", ""),
                organisation=self.org(follow_up.get("organisation")),
            )

    def _step(self, invitation: Invitation, step: Mapping[str, Any]) -> None:
        """One recorded change of an invitation's status, dated when it happened."""
        kind = step["do"]
        when = self.at(step["at"])
        if kind == "invite":
            invitations.mark_invited(self.session, invitation, at=when, source=ChangeSource.DEMO)
        elif kind in _RESPONSES:
            invitations.record_response(
                self.session,
                invitation,
                _RESPONSES[kind],
                at=when,
                source=ChangeSource.DEMO,
                note=step.get("note", ""),
            )
        elif kind == "no_response":
            invitations.mark_no_response(
                self.session, invitation, at=when, source=ChangeSource.DEMO
            )
        elif kind == "withdraw":
            invitations.withdraw(
                self.session,
                invitation,
                step["reason"],
                by=Party(step["by"]),
                at=when,
                source=ChangeSource.DEMO,
            )
        else:  # _check() admits no other step; reaching this is a bug
            raise DemoDataError(f"unknown step {kind!r}")

    def _action(
        self, rt: Roundtable, spec: Mapping[str, Any], agenda_item: AgendaItem | None
    ) -> None:
        action = minutes.add_action_item(
            self.session,
            rt,
            spec["description"],
            owner_person=self.person(spec.get("owner_person")),
            owner_organisation=self.org(spec.get("owner_organisation")),
            due_on=date.fromisoformat(spec["due_on"]) if spec.get("due_on") else None,
            agenda_item=agenda_item,
        )
        if spec.get("done_at"):
            minutes.set_action_done(self.session, action, True, at=self.at(spec["done_at"]))

    # the roundtable still to come ------------------------------------------------

    def _upcoming(self, spec: Mapping[str, Any]) -> None:
        """Our own roundtable, dated from today: coming up, with answers still awaited."""
        zone = self.scenario.zone
        today = context.now().astimezone(zone).date()

        def day(offset: int, hhmm: str = "10:00") -> datetime:
            hour, minute = (int(part) for part in hhmm.split(":"))
            moment = datetime.combine(today + timedelta(days=offset), time(hour, minute))
            return moment.replace(tzinfo=zone)

        rt = lifecycle.create_roundtable(
            self.session,
            title=spec["title"],
            topic=spec.get("topic", ""),
            host=self.org(spec.get("host")),
            organiser=self.person(spec.get("organiser")),
            venue=spec.get("venue", ""),
            online_url=spec.get("online_url", ""),
            timezone=self.data["timezone"],
            description=spec.get("description", ""),
            is_public=spec.get("is_public", False),
            uid=spec["uid"],
            at=day(-spec["created_days_ago"]),
        )
        self.roundtables[spec["uid"]] = rt
        starts = spec["starts_in_days"]
        lifecycle.schedule(
            self.session,
            rt,
            day(starts, spec["start_time"]),
            day(starts, spec["end_time"]),
            at=day(-spec["scheduled_days_ago"]),
        )
        invited = -spec["invited_days_ago"]
        for inv_spec in spec["invitations"]:
            invitation = invitations.add_invitation(
                self.session,
                rt,
                person=self.person(inv_spec["person"]),
                role=InvitationRole(inv_spec.get("role", "participant")),
                consent_to_be_named=inv_spec.get("consent_to_be_named", False),
                notes=inv_spec.get("note", "") if inv_spec.get("not_sent") else "",
                at=day(invited, "09:00"),
                source=ChangeSource.DEMO,
            )
            if inv_spec.get("not_sent"):
                continue
            invitations.mark_invited(
                self.session, invitation, at=day(invited, "09:30"), source=ChangeSource.DEMO
            )
            if inv_spec.get("answer"):
                invitations.record_response(
                    self.session,
                    invitation,
                    _RESPONSES[inv_spec["answer"]],
                    at=day(-inv_spec["answered_days_ago"], "12:00"),
                    source=ChangeSource.DEMO,
                    note=inv_spec.get("note", ""),
                )
        for q in spec.get("questions", []):
            questions.add_question(
                self.session,
                rt,
                q["text"],
                asked_by_organisation=self.org(q.get("asked_by_organisation")),
                status=QuestionStatus(q["status"]),
            )
        for action in spec.get("actions", []):
            minutes.add_action_item(
                self.session,
                rt,
                action["description"],
                owner_person=self.person(action.get("owner_person")),
                due_on=today + timedelta(days=action["due_in_days"]),
            )

    # the statement ----------------------------------------------------------------

    def _statement(self, spec: Mapping[str, Any]) -> None:
        statement = records.create_statement(
            self.session,
            self._free_slug(spec["slug"]),
            spec["title"],
            language=spec.get("language", "en"),
            summary=_prose(spec.get("summary", "")),
            translation_note=spec.get("translation_note", ""),
            template_name=spec.get("template_name", "statement"),
        )
        for section in spec["sections"]:
            records.add_statement_section(
                self.session, statement, section["key"], section["heading"], _prose(section["body"])
            )
        for ref in spec["references"]:
            records.add_reference(
                self.session,
                statement,
                ref["key"],
                ref["title"],
                url=ref.get("url", ""),
                publisher=ref.get("publisher", ""),
                published_on=date.fromisoformat(ref["published_on"])
                if ref.get("published_on")
                else None,
                note=ref.get("note", ""),
            )
        for update in spec["updates"]:
            records.add_statement_update(
                self.session,
                statement,
                date.fromisoformat(update["dated"]),
                _prose(update["body"]),
                title=update.get("title", ""),
            )
        for uid in spec["roundtables"]:
            records.link_roundtable(self.session, statement, self.roundtables[uid])

    def _free_slug(self, slug: str) -> str:
        """``slug``, or ``slug-demo`` (-2, -3 …) when the user already has a statement by it."""
        taken = set(
            self.session.scalars(select(Statement.slug).where(Statement.slug.like(f"{slug}%")))
        )
        candidate, counter = slug, 1
        while candidate in taken:
            candidate = f"{slug}-demo" if counter == 1 else f"{slug}-demo-{counter}"
            counter += 1
        return candidate


def holds_anything(session: Session) -> bool:
    """Whether the database holds any roundtable, person or organisation."""
    from sqlalchemy import exists, or_, select

    return bool(
        session.scalar(
            select(
                or_(
                    exists().where(Roundtable.id.is_not(None)),
                    exists().where(Person.id.is_not(None)),
                    exists().where(Organisation.id.is_not(None)),
                )
            )
        )
    )


def load_demo_if_empty(session: Session) -> bool:
    """Load the demo scenario into a database that holds nothing at all; whether it did.

    Only a completely empty database gets the demo (the desktop app's first
    run): someone who deleted their roundtables but kept their contacts must
    not find invented ones appear.
    """
    if holds_anything(session):
        return False
    return load_demo(session).created


def load_demo_on_first_run(database: Database) -> bool:
    """The desktop app's first run: the demo scenario, in its own transaction, if the
    database holds nothing at all (see :func:`load_demo_if_empty`); whether it was loaded.

    Not an action: nothing was there to undo to, and the app opens with an
    empty undo history.
    """
    with database.transaction() as session:
        return load_demo_if_empty(session)
