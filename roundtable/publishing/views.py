"""Plain, read-only views of statements and roundtables for templates.

One module of about 620 lines on purpose: the view classes and the naming rule that
fills them belong together, so that no template variable escapes the rule.

Templates (see :mod:`roundtable.publishing` and ``docs/templates.md``) never
see ORM objects: a template is user-editable code running in a sandbox, and a
live ORM object would let it lazy-load anything in the database, or change it.
The functions here copy what a template may show into frozen dataclasses and
tuples, and apply the **naming rule** on the way, so that a template cannot
name someone by accident:

* an invitee (person or organisation) is named only when their invitation on
  that roundtable records ``consent_to_be_named``;
* our own organisation and the roundtable's host organisation are always named;
* a minute note marked *not for attribution* never carries its speaker;
* everyone else is counted, not named (``invited_count``, ``unnamed_count``…).

A person without consent whose organisation may be named is shown as that
organisation. Letters to one invitee (:func:`invitation_view`) address that
invitee by name, since the letter goes to them.

Section and update bodies may contain ``[[cite:key]]`` markers. They are split
into :class:`Segment` objects so that a template calls ``cite(segment.cite)``
where the marker stood, and footnotes are numbered in order of first citation
across the body text and the template's own ``cite()`` calls alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.enums import InvitationStatus, NoteKind
from roundtable.publishing.counts import count_invitations
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    FollowUp,
    Invitation,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
    Statement,
    StatementSection,
    StatementUpdate,
)
from roundtable.text import zone_of

#: ``[[cite:key]]`` in section and update bodies; spaces around the key are allowed.
CITE_MARKER = re.compile(r"\[\[\s*cite\s*:\s*([^\]\s]+)\s*\]\]")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


# ---------------------------------------------------------------------------
# the views


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: plain ``text``, or a citation of reference ``cite``.

    Exactly one of the two is non-empty.
    """

    text: str = ""
    cite: str = ""


@dataclass(frozen=True)
class Prose:
    """Text written in the app, with ``[[cite:key]]`` markers.

    ``body`` is the text as typed (markers included), ``text`` the same with
    the markers removed, ``paragraphs`` the text split at blank lines, each a
    tuple of :class:`Segment`, and ``cites`` the keys it cites in order.
    """

    body: str
    text: str
    paragraphs: tuple[tuple[Segment, ...], ...]
    cites: tuple[str, ...]


@dataclass(frozen=True)
class SectionView:
    key: str
    heading: str
    body: str
    text: str
    paragraphs: tuple[tuple[Segment, ...], ...]
    cites: tuple[str, ...]
    position: int


@dataclass(frozen=True)
class ReferenceView:
    key: str
    title: str
    url: str
    publisher: str
    published_on: date | None
    note: str


@dataclass(frozen=True)
class UpdateView:
    dated: date
    title: str
    body: str
    text: str
    paragraphs: tuple[tuple[Segment, ...], ...]
    cites: tuple[str, ...]


@dataclass(frozen=True)
class StoryStep:
    """One step of an invitation's life, for "invited on …; withdrawn on … because …".

    ``date`` is the day in the roundtable's time zone; ``status`` the status the
    step led to (``"invited"``, ``"accepted"``, ``"withdrawn"``…); ``party`` who
    took it (``"host"``, ``"invitee"``, ``"coordinator"``); ``reason`` the reason
    or note recorded with it ("" when none).
    """

    date: date
    status: str
    party: str
    reason: str


@dataclass(frozen=True)
class InviteeView:
    """A named invitee: ``name`` is the person, or the organisation when no person is named."""

    name: str
    person: str
    organisation: str
    role: str
    status: str


@dataclass(frozen=True)
class InvitationView:
    """One invitation, for a letter to that invitee (who is therefore named)."""

    id: int
    name: str
    person: str
    organisation: str
    email: str
    role: str
    status: str
    consent_to_be_named: bool
    preferred_language: str
    is_ours: bool
    withdrawn_by: str
    withdrawal_reason: str
    story: tuple[StoryStep, ...]


@dataclass(frozen=True)
class QuestionView:
    text: str
    status: str
    answer: str
    asked_by: str
    by_us: bool
    position: int
    roundtable: str


@dataclass(frozen=True)
class NoteView:
    kind: str
    is_decision: bool
    text: str
    speaker: str


@dataclass(frozen=True)
class AgendaItemView:
    title: str
    position: int
    notes: tuple[NoteView, ...]
    decisions: tuple[NoteView, ...]


@dataclass(frozen=True)
class ActionItemView:
    description: str
    owner: str
    due_on: date | None
    done: bool
    agenda_item: str


@dataclass(frozen=True)
class FollowUpView:
    dated: date
    title: str
    body: str
    stance: str
    organisation: str


@dataclass(frozen=True)
class HistoryView:
    """One row of the roundtable's own history (scheduled, postponed, cancelled…)."""

    date: date
    action: str
    status: str
    reason: str
    detail: str


@dataclass(frozen=True)
class RoundtableView:
    """A roundtable as a template may show it, with the naming rule applied."""

    id: int
    uid: str
    title: str
    topic: str
    description: str
    host: str
    organiser: str
    venue: str
    online_url: str
    starts_at: datetime | None
    ends_at: datetime | None
    timezone: str
    status: str
    cancellation_reason: str
    invited_count: int
    accepted_count: int
    declined_count: int
    no_answer_count: int
    withdrawn_count: int
    #: Recorded as present; 0 also when nobody recorded attendance (``attendance_recorded``).
    came_count: int
    attendance_recorded: bool
    named_invitees: tuple[InviteeView, ...]
    unnamed_count: int
    questions: tuple[QuestionView, ...]
    our_questions: tuple[QuestionView, ...]
    agenda: tuple[AgendaItemView, ...]
    decisions: tuple[NoteView, ...]
    action_items: tuple[ActionItemView, ...]
    follow_ups: tuple[FollowUpView, ...]
    history: tuple[HistoryView, ...]
    our_invitation: InvitationView | None
    our_story: tuple[StoryStep, ...]


@dataclass(frozen=True)
class StatementView:
    """A statement as a template may show it."""

    id: int
    slug: str
    title: str
    language: str
    summary: str
    status: str
    published_on: date | None
    translation_note: str
    template_name: str
    sections: tuple[SectionView, ...]
    sections_by_key: Mapping[str, SectionView] = field(compare=False)
    references: tuple[ReferenceView, ...]
    updates: tuple[UpdateView, ...]
    roundtables: tuple[RoundtableView, ...]
    questions: tuple[QuestionView, ...]


# ---------------------------------------------------------------------------
# prose with citation markers


def parse_prose(body: str) -> Prose:
    """Split ``body`` into paragraphs of text and ``[[cite:key]]`` segments."""
    paragraphs: list[tuple[Segment, ...]] = []
    cites: list[str] = []
    for raw in _PARAGRAPH_BREAK.split(body.strip()):
        paragraph = raw.strip()
        if not paragraph:
            continue
        segments: list[Segment] = []
        last = 0
        for match in CITE_MARKER.finditer(paragraph):
            if match.start() > last:
                segments.append(Segment(text=paragraph[last : match.start()]))
            segments.append(Segment(cite=match.group(1)))
            cites.append(match.group(1))
            last = match.end()
        if last < len(paragraph):
            segments.append(Segment(text=paragraph[last:]))
        paragraphs.append(tuple(segments))
    text = CITE_MARKER.sub("", body).strip()
    return Prose(body=body, text=text, paragraphs=tuple(paragraphs), cites=tuple(cites))


# ---------------------------------------------------------------------------
# the naming rule


def own_organisation(session: Session) -> Organisation | None:
    """Our own organisation (the one marked ``is_own``), if any."""
    return session.scalar(select(Organisation).where(Organisation.is_own.is_(True)).limit(1))


class _Namer:
    """Who may be named in output about one roundtable."""

    def __init__(self, roundtable: Roundtable, own: Organisation | None) -> None:
        self.people: set[int] = set()
        self.organisations: set[int] = set()
        if own is not None:
            self.organisations.add(own.id)
        if roundtable.host_organisation_id is not None:
            self.organisations.add(roundtable.host_organisation_id)
        for invitation in roundtable.invitations:
            if not invitation.consent_to_be_named:
                continue
            if invitation.person_id is not None:
                self.people.add(invitation.person_id)
            if invitation.organisation_id is not None:
                self.organisations.add(invitation.organisation_id)

    def organisation(self, organisation: Organisation | None) -> str:
        if organisation is not None and organisation.id in self.organisations:
            return organisation.name
        return ""

    def person(self, person: Person | None) -> str:
        """The person's name with consent, else their organisation's when that may be named."""
        if person is None or person.erased_at is not None:
            return ""
        if person.id in self.people:
            return person.name
        return self.organisation(person.organisation)

    def either(self, person: Person | None, organisation: Organisation | None) -> str:
        return self.person(person) or self.organisation(organisation)


# ---------------------------------------------------------------------------
# building the views


def _local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def _story(invitation: Invitation, zone: ZoneInfo) -> tuple[StoryStep, ...]:
    # The row that created the invitation (to NOT_SENT) is bookkeeping, not part of the story.
    return tuple(
        StoryStep(
            date=_local_date(event.at, zone),
            status=event.to_status.value,
            party=event.party.value,
            reason=event.reason or "",
        )
        for event in invitation.history
        if event.to_status != InvitationStatus.NOT_SENT
    )


def _is_ours(invitation: Invitation) -> bool:
    organisation = invitation.organisation
    if organisation is None and invitation.person is not None:
        organisation = invitation.person.organisation
    return bool(organisation is not None and organisation.is_own)


def _invitation(invitation: Invitation, zone: ZoneInfo) -> InvitationView:
    person = invitation.person
    organisation = invitation.organisation
    story = _story(invitation, zone)
    withdrawn = [step for step in story if step.status == InvitationStatus.WITHDRAWN.value]
    return InvitationView(
        id=invitation.id,
        name=invitation.invitee_name,
        person=person.name if person is not None else "",
        organisation=organisation.name if organisation is not None else "",
        email=(person.email if person is not None else None)
        or (organisation.email if organisation is not None else None)
        or "",
        role=invitation.role.value,
        status=invitation.status.value,
        consent_to_be_named=invitation.consent_to_be_named,
        preferred_language=person.preferred_language if person is not None else "",
        is_ours=_is_ours(invitation),
        withdrawn_by=withdrawn[-1].party if withdrawn else "",
        withdrawal_reason=withdrawn[-1].reason if withdrawn else "",
        story=story,
    )


def invitation_view(invitation: Invitation) -> InvitationView:
    """The view of one invitation, for a letter addressed to that invitee."""
    return _invitation(invitation, zone_of(invitation.roundtable))


def _question(question: Question, namer: _Namer, roundtable: Roundtable) -> QuestionView:
    asker_org = question.asked_by_organisation
    if asker_org is None and question.asked_by_person is not None:
        asker_org = question.asked_by_person.organisation
    return QuestionView(
        text=question.text,
        status=question.status.value,
        answer=question.answer or "",
        asked_by=namer.either(question.asked_by_person, question.asked_by_organisation),
        by_us=bool(asker_org is not None and asker_org.is_own),
        position=question.position,
        roundtable=roundtable.title,
    )


def _note(note: MinuteNote, namer: _Namer) -> NoteView:
    speaker = (
        ""
        if note.not_for_attribution
        else namer.either(note.speaker_person, note.speaker_organisation)
    )
    return NoteView(
        kind=note.kind.value,
        is_decision=note.kind == NoteKind.DECISION,
        text=note.text,
        speaker=speaker,
    )


def _agenda_item(item: AgendaItem, namer: _Namer) -> AgendaItemView:
    notes = tuple(_note(note, namer) for note in item.notes)
    return AgendaItemView(
        title=item.title,
        position=item.position,
        notes=notes,
        decisions=tuple(note for note in notes if note.is_decision),
    )


def _action(action: ActionItem, namer: _Namer) -> ActionItemView:
    return ActionItemView(
        description=action.description,
        owner=namer.either(action.owner_person, action.owner_organisation),
        due_on=action.due_on,
        done=action.done,
        agenda_item=action.agenda_item.title if action.agenda_item is not None else "",
    )


def _follow_up(follow_up: FollowUp, namer: _Namer) -> FollowUpView:
    return FollowUpView(
        dated=follow_up.dated,
        title=follow_up.title or "",
        body=follow_up.body or "",
        stance=follow_up.stance or "",
        organisation=namer.organisation(follow_up.organisation),
    )


def _named_invitee(invitation: Invitation, namer: _Namer) -> InviteeView | None:
    person = invitation.person
    organisation = invitation.organisation
    person_name = namer.person(person) if person is not None else ""
    # namer.person falls back to the organisation; only a consented person is "the person".
    if person is not None and person.id not in namer.people:
        person_name = ""
    organisation_name = namer.organisation(organisation)
    name = person_name or organisation_name
    if not name:
        return None
    return InviteeView(
        name=name,
        person=person_name,
        organisation=organisation_name,
        role=invitation.role.value,
        status=invitation.status.value,
    )


def roundtable_view(
    session: Session, roundtable: Roundtable, *, own: Organisation | None = None
) -> RoundtableView:
    """The view of ``roundtable`` with the naming rule applied."""
    if own is None:
        own = own_organisation(session)
    zone = zone_of(roundtable)
    namer = _Namer(roundtable, own)
    invitations = list(roundtable.invitations)
    sent = [i for i in invitations if i.status != InvitationStatus.NOT_SENT]
    named: list[InviteeView] = []
    for invitation in sent:
        view = _named_invitee(invitation, namer)
        if view is not None:
            named.append(view)
    ours = next((i for i in invitations if _is_ours(i)), None)
    our_invitation = _invitation(ours, zone) if ours is not None else None
    questions = tuple(_question(q, namer, roundtable) for q in roundtable.questions)
    agenda = tuple(_agenda_item(item, namer) for item in roundtable.agenda_items)
    organiser = roundtable.organiser
    counts = count_invitations(i.status for i in invitations)
    return RoundtableView(
        id=roundtable.id,
        uid=roundtable.uid,
        title=roundtable.title,
        topic=roundtable.topic or "",
        description=roundtable.description or "",
        host=roundtable.host.name if roundtable.host is not None else "",
        organiser=organiser.name if organiser is not None and organiser.erased_at is None else "",
        venue=roundtable.venue or "",
        online_url=roundtable.online_url or "",
        starts_at=roundtable.starts_at.astimezone(zone) if roundtable.starts_at else None,
        ends_at=roundtable.ends_at.astimezone(zone) if roundtable.ends_at else None,
        timezone=roundtable.timezone,
        status=roundtable.status.value,
        cancellation_reason=roundtable.cancellation_reason or "",
        invited_count=counts.invited,
        accepted_count=counts.accepted,
        declined_count=counts.declined,
        no_answer_count=counts.no_answer,
        withdrawn_count=counts.withdrawn,
        came_count=counts.came,
        attendance_recorded=counts.attendance_recorded,
        named_invitees=tuple(named),
        unnamed_count=counts.invited - len(named),
        questions=questions,
        our_questions=tuple(q for q in questions if q.by_us),
        agenda=agenda,
        decisions=tuple(d for item in agenda for d in item.decisions),
        action_items=tuple(_action(a, namer) for a in roundtable.action_items),
        follow_ups=tuple(_follow_up(f, namer) for f in roundtable.follow_ups),
        history=tuple(
            HistoryView(
                date=_local_date(event.at, zone),
                action=event.action.value,
                status=event.to_status.value,
                reason=event.reason or "",
                detail=event.detail or "",
            )
            for event in roundtable.history
        ),
        our_invitation=our_invitation,
        our_story=our_invitation.story if our_invitation is not None else (),
    )


def _section(section: StatementSection) -> SectionView:
    prose = parse_prose(section.body or "")
    return SectionView(
        key=section.key or "",
        heading=section.heading or "",
        body=prose.body,
        text=prose.text,
        paragraphs=prose.paragraphs,
        cites=prose.cites,
        position=section.position,
    )


def _update(update: StatementUpdate) -> UpdateView:
    prose = parse_prose(update.body or "")
    return UpdateView(
        dated=update.dated,
        title=update.title or "",
        body=prose.body,
        text=prose.text,
        paragraphs=prose.paragraphs,
        cites=prose.cites,
    )


def _first_by_key(sections: Iterable[SectionView]) -> Mapping[str, SectionView]:
    by_key: dict[str, SectionView] = {}
    for section in sections:
        if section.key and section.key not in by_key:
            by_key[section.key] = section
    return MappingProxyType(by_key)


def statement_view(session: Session, statement: Statement) -> StatementView:
    """The view of ``statement``, its linked roundtables and our delegation's questions."""
    own = own_organisation(session)
    sections = tuple(_section(s) for s in statement.sections)
    roundtables = tuple(roundtable_view(session, rt, own=own) for rt in statement.roundtables)
    return StatementView(
        id=statement.id,
        slug=statement.slug,
        title=statement.title,
        language=statement.language,
        summary=statement.summary or "",
        status=statement.status.value,
        published_on=statement.published_on,
        translation_note=statement.translation_note or "",
        template_name=statement.template_name or "",
        sections=sections,
        sections_by_key=_first_by_key(sections),
        references=tuple(
            ReferenceView(
                key=r.key,
                title=r.title,
                url=r.url or "",
                publisher=r.publisher or "",
                published_on=r.published_on,
                note=r.note or "",
            )
            for r in statement.references
        ),
        updates=tuple(_update(u) for u in sorted(statement.updates, key=lambda u: u.dated)),
        roundtables=roundtables,
        questions=tuple(q for rt in roundtables for q in rt.our_questions),
    )
