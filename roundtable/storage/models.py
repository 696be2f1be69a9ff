"""The data model: SQLAlchemy 2 typed ORM entities.

One module of about 620 lines on purpose: the schema is read as a whole (every foreign
key, cascade and constraint name in one place), and a test compares it with the
migrated database. The enums live in :mod:`roundtable.enums`.

Portable by construction, so the same schema runs on SQLite and PostgreSQL:
enums are stored as short strings (no native ENUM types to migrate), datetimes
are stored as UTC and always come back timezone-aware (:class:`UTCDateTime`),
and no column relies on SQLite's loose typing.

Status columns are changed only by the lifecycle modules
(:mod:`roundtable.meetings.lifecycle`, :mod:`roundtable.meetings.invitations`), which write the
matching history row in the same transaction.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Dialect,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from roundtable.context import actor, now
from roundtable.enums import (
    ChangeSource,
    InvitationRole,
    InvitationStatus,
    LawfulBasis,
    NoteKind,
    OrganisationKind,
    Party,
    QuestionStatus,
    RoundtableAction,
    RoundtableStatus,
    StatementStatus,
)

# Constraint names are fixed so that Alembic migrations (and batch mode on
# SQLite) can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored as naive UTC.

    SQLite has no time zone support and PostgreSQL's ``timestamptz`` returns
    values in the session's zone; storing naive UTC and attaching UTC on the
    way out gives the same result on both.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def _enum(cls: type[enum.Enum], name: str) -> Enum:
    """A string-backed enum column type that stores the member's value."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), date: Date()}  # noqa: RUF012


class Timestamped:
    """Creation and last-change times and the last editor, kept by the ORM."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), nullable=False, default=now, onupdate=now
    )
    #: Who saved the row last: named in "changed by … at …" conflict messages.
    updated_by: Mapped[str] = mapped_column(
        String(200), nullable=False, default=actor, onupdate=actor, server_default=""
    )


class Versioned:
    """A version counter for optimistic locking when two people edit one row.

    SQLAlchemy adds ``WHERE version = :old`` to every UPDATE and raises
    ``StaleDataError`` when another session changed the row in between.
    """

    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Organisation(Timestamped, Versioned, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(
        _enum(OrganisationKind, "organisation_kind"), default=OrganisationKind.OTHER
    )
    website: Mapped[str | None] = mapped_column(String(500))
    email: Mapped[str | None] = mapped_column(String(320))
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Our own organisation: the one whose coordinator keeps this database.
    is_own: Mapped[bool] = mapped_column(Boolean, default=False)

    people: Mapped[list[Person]] = relationship(back_populates="organisation")

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class Person(Timestamped, Versioned, Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str | None] = mapped_column(String(320))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(64), default="")
    preferred_language: Mapped[str] = mapped_column(String(16), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    lawful_basis: Mapped[LawfulBasis] = mapped_column(
        _enum(LawfulBasis, "lawful_basis"), default=LawfulBasis.UNKNOWN
    )
    consent_note: Mapped[str] = mapped_column(Text, default="")
    #: Set when the person was erased (anonymised); the row stays for counts.
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: When a privacy review last chose to keep this person's details; they are
    #: due for review again one retention period later (see roundtable.privacy).
    retention_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")
    invitations: Mapped[list[Invitation]] = relationship(back_populates="person")

    def __repr__(self) -> str:
        return f"<Person {self.id} {self.name!r}>"


# Two people cannot share an address, whatever its case.
Index("uq_person_email_lower", func.lower(Person.email), unique=True)


class Roundtable(Timestamped, Versioned, Base):
    __tablename__ = "roundtable"
    __table_args__ = (
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at", "times"),
        CheckConstraint("sequence >= 0", "sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: iCalendar UID: fixed for the roundtable's whole life.
    uid: Mapped[str] = mapped_column(String(255), nullable=False, unique=True)
    #: iCalendar SEQUENCE: raised by every change attendees must see.
    #: iCalendar SEQUENCE: rises with every change attendees must see, and never goes
    #: down, not even on undo (roundtable.storage.rewind reads the "rising" mark).
    sequence: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, info={"undo": "rising"}
    )
    #: The SEQUENCE of the newest message imported from the host of a roundtable we are
    #: invited to (ours counts our own steps): an older or repeated message changes nothing.
    host_sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    topic: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5_000})
    host_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    organiser_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    venue: Mapped[str] = mapped_column(Text, default="", info={"max_length": 2_000})
    online_url: Mapped[str] = mapped_column(String(1000), default="")
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: IANA zone in which the roundtable takes place; times are shown in it.
    timezone: Mapped[str] = mapped_column(String(64), nullable=False, default="Europe/Amsterdam")
    status: Mapped[RoundtableStatus] = mapped_column(
        _enum(RoundtableStatus, "roundtable_status"), default=RoundtableStatus.DRAFT, index=True
    )
    cancellation_reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5_000})
    description: Mapped[str] = mapped_column(Text, default="")
    #: Listed in the public calendar feed (no attendee data is ever published).
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)

    host: Mapped[Organisation | None] = relationship(foreign_keys=[host_organisation_id])
    organiser: Mapped[Person | None] = relationship(foreign_keys=[organiser_id])
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="roundtable", cascade="all, delete-orphan", order_by="Invitation.id"
    )
    history: Mapped[list[RoundtableEvent]] = relationship(
        back_populates="roundtable",
        cascade="all, delete-orphan",
        order_by="(RoundtableEvent.at, RoundtableEvent.id)",
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="roundtable",
        cascade="all, delete-orphan",
        order_by="(Question.position, Question.id)",
    )
    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="roundtable",
        cascade="all, delete-orphan",
        order_by="(AgendaItem.position, AgendaItem.id)",
    )
    action_items: Mapped[list[ActionItem]] = relationship(
        back_populates="roundtable", cascade="all, delete-orphan", order_by="ActionItem.id"
    )
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="roundtable",
        cascade="all, delete-orphan",
        order_by="(FollowUp.dated, FollowUp.id)",
    )

    def __repr__(self) -> str:
        return f"<Roundtable {self.id} {self.title!r} {self.status.value}>"


class RoundtableEvent(Base):
    """One row of a roundtable's history of changes."""

    __tablename__ = "roundtable_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True, nullable=False
    )
    #: When the change happened in the real world (the coordinator may date it back).
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    #: When the change was typed in (or imported): never dated back.
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=now)
    actor: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    action: Mapped[RoundtableAction] = mapped_column(
        _enum(RoundtableAction, "roundtable_action"), nullable=False
    )
    from_status: Mapped[RoundtableStatus | None] = mapped_column(
        _enum(RoundtableStatus, "roundtable_status")
    )
    to_status: Mapped[RoundtableStatus] = mapped_column(
        _enum(RoundtableStatus, "roundtable_status"), nullable=False
    )
    sequence: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5_000})
    #: A short human account of what changed ("start 7 Sep 14:00 → 21 Sep 14:00").
    detail: Mapped[str] = mapped_column(Text, default="")

    roundtable: Mapped[Roundtable] = relationship(back_populates="history")


class Invitation(Timestamped, Versioned, Base):
    """An invitation of a person (with their organisation) or of an organisation."""

    __tablename__ = "invitation"
    __table_args__ = (
        UniqueConstraint("roundtable_id", "person_id", name="uq_invitation_roundtable_person"),
        CheckConstraint("person_id IS NOT NULL OR organisation_id IS NOT NULL", "invitee"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True, nullable=False
    )
    person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    role: Mapped[InvitationRole] = mapped_column(
        _enum(InvitationRole, "invitation_role"), default=InvitationRole.PARTICIPANT
    )
    status: Mapped[InvitationStatus] = mapped_column(
        _enum(InvitationStatus, "invitation_status"),
        default=InvitationStatus.NOT_SENT,
        index=True,
    )
    #: The invitee agreed to be named in public statements.
    consent_to_be_named: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    roundtable: Mapped[Roundtable] = relationship(back_populates="invitations")
    person: Mapped[Person | None] = relationship(back_populates="invitations")
    organisation: Mapped[Organisation | None] = relationship()
    history: Mapped[list[InvitationEvent]] = relationship(
        back_populates="invitation",
        cascade="all, delete-orphan",
        order_by="(InvitationEvent.at, InvitationEvent.id)",
    )

    @property
    def invitee_name(self) -> str:
        """The person's name, or the organisation's when no person is named."""
        if self.person is not None:
            return self.person.name
        return self.organisation.name if self.organisation is not None else ""

    def __repr__(self) -> str:
        return f"<Invitation {self.id} {self.invitee_name!r} {self.status.value}>"


class InvitationEvent(Base):
    """One change of an invitation's status: when, from what to what, why and by whom."""

    __tablename__ = "invitation_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("invitation.id", ondelete="CASCADE"), index=True, nullable=False
    )
    #: When the step happened in the real world (the coordinator may date it back).
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    #: When the step was typed in (or imported): never dated back.
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=now)
    #: The user who recorded the change.
    actor: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    #: Who took the step in the real world (the host withdrew, the invitee declined).
    party: Mapped[Party] = mapped_column(_enum(Party, "party"), default=Party.COORDINATOR)
    source: Mapped[ChangeSource] = mapped_column(
        _enum(ChangeSource, "change_source"), default=ChangeSource.MANUAL
    )
    from_status: Mapped[InvitationStatus | None] = mapped_column(
        _enum(InvitationStatus, "invitation_status")
    )
    to_status: Mapped[InvitationStatus] = mapped_column(
        _enum(InvitationStatus, "invitation_status"), nullable=False
    )
    reason: Mapped[str] = mapped_column(Text, default="", info={"max_length": 5_000})

    invitation: Mapped[Invitation] = relationship(back_populates="history")


class Question(Timestamped, Versioned, Base):
    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True, nullable=False
    )
    asked_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    asked_by_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    status: Mapped[QuestionStatus] = mapped_column(
        _enum(QuestionStatus, "question_status"), default=QuestionStatus.DRAFT
    )
    answer: Mapped[str] = mapped_column(Text, default="")

    roundtable: Mapped[Roundtable] = relationship(back_populates="questions")
    asked_by_person: Mapped[Person | None] = relationship()
    asked_by_organisation: Mapped[Organisation | None] = relationship()


class AgendaItem(Timestamped, Versioned, Base):
    """One item of a roundtable's minutes, with its notes and decisions."""

    __tablename__ = "agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True, nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(300), nullable=False)

    roundtable: Mapped[Roundtable] = relationship(back_populates="agenda_items")
    notes: Mapped[list[MinuteNote]] = relationship(
        back_populates="agenda_item",
        cascade="all, delete-orphan",
        order_by="(MinuteNote.position, MinuteNote.id)",
    )


class MinuteNote(Timestamped, Versioned, Base):
    """A note or decision under an agenda item, optionally not for attribution."""

    __tablename__ = "minute_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True, nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    kind: Mapped[NoteKind] = mapped_column(_enum(NoteKind, "note_kind"), default=NoteKind.NOTE)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    speaker_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    speaker_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    #: Chatham House rule: published output may use the content, never the speaker.
    not_for_attribution: Mapped[bool] = mapped_column(Boolean, default=False)

    agenda_item: Mapped[AgendaItem] = relationship(back_populates="notes")
    speaker_person: Mapped[Person | None] = relationship()
    speaker_organisation: Mapped[Organisation | None] = relationship()


class ActionItem(Timestamped, Versioned, Base):
    __tablename__ = "action_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True, nullable=False
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    roundtable: Mapped[Roundtable] = relationship(back_populates="action_items")
    agenda_item: Mapped[AgendaItem | None] = relationship()
    owner_person: Mapped[Person | None] = relationship()
    owner_organisation: Mapped[Organisation | None] = relationship()


class FollowUp(Timestamped, Versioned, Base):
    """A dated update after a roundtable, with the stance an organisation took."""

    __tablename__ = "follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    roundtable_id: Mapped[int] = mapped_column(
        ForeignKey("roundtable.id", ondelete="CASCADE"), index=True, nullable=False
    )
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    dated: Mapped[date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    stance: Mapped[str] = mapped_column(Text, default="")

    roundtable: Mapped[Roundtable] = relationship(back_populates="follow_ups")
    organisation: Mapped[Organisation | None] = relationship()


statement_roundtable = Table(
    "statement_roundtable",
    Base.metadata,
    Column("statement_id", ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True),
    Column("roundtable_id", ForeignKey("roundtable.id", ondelete="CASCADE"), primary_key=True),
)


class Statement(Timestamped, Versioned, Base):
    """A publishable position piece."""

    __tablename__ = "statement"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    language: Mapped[str] = mapped_column(String(16), nullable=False, default="en")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[StatementStatus] = mapped_column(
        _enum(StatementStatus, "statement_status"), default=StatementStatus.DRAFT
    )
    published_on: Mapped[date | None] = mapped_column(Date)
    template_name: Mapped[str] = mapped_column(String(200), default="statement")
    #: For example "Machine translation (DeepL), reviewed by …".
    translation_note: Mapped[str] = mapped_column(Text, default="")

    sections: Mapped[list[StatementSection]] = relationship(
        back_populates="statement",
        cascade="all, delete-orphan",
        order_by="(StatementSection.position, StatementSection.id)",
    )
    references: Mapped[list[Reference]] = relationship(
        back_populates="statement",
        cascade="all, delete-orphan",
        order_by="(Reference.position, Reference.id)",
    )
    updates: Mapped[list[StatementUpdate]] = relationship(
        back_populates="statement",
        cascade="all, delete-orphan",
        order_by="(StatementUpdate.dated, StatementUpdate.id)",
    )
    roundtables: Mapped[list[Roundtable]] = relationship(
        secondary=statement_roundtable, order_by="Roundtable.id"
    )


class StatementSection(Base):
    __tablename__ = "statement_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), index=True, nullable=False
    )
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    #: A template-facing name: "introduction", "context", "questions", "invitation", …
    key: Mapped[str] = mapped_column(String(64), default="")
    heading: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")

    statement: Mapped[Statement] = relationship(back_populates="sections")


class Reference(Base):
    """A source cited in a statement (a footnote)."""

    __tablename__ = "reference"
    __table_args__ = (UniqueConstraint("statement_id", "key", name="uq_reference_statement_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), index=True, nullable=False
    )
    #: The name a template cites it by, e.g. ``cite("fd-2023-09-05")``.
    key: Mapped[str] = mapped_column(String(100), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    title: Mapped[str] = mapped_column(String(500), nullable=False)
    url: Mapped[str] = mapped_column(String(1000), default="")
    publisher: Mapped[str] = mapped_column(String(200), default="")
    published_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")

    statement: Mapped[Statement] = relationship(back_populates="references")


class StatementUpdate(Base):
    """A dated follow-up section of a statement ("Update 3 December 2023: …")."""

    __tablename__ = "statement_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statement.id", ondelete="CASCADE"), index=True, nullable=False
    )
    dated: Mapped[date] = mapped_column(Date, nullable=False)
    title: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")

    statement: Mapped[Statement] = relationship(back_populates="updates")


class AuditEntry(Base):
    """Who did what and when: imports, exports, merges, erasures, deletions."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, index=True)
    actor: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    action: Mapped[str] = mapped_column(String(64), nullable=False)
    entity_type: Mapped[str] = mapped_column(String(64), default="")
    entity_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")


class DatabaseInfo(Base):
    """Facts about the database itself, e.g. which Roundtable last upgraded it."""

    __tablename__ = "database_info"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ChangeMarker(Base):
    """One row whose counter rises with every committed write.

    Other copies of the app poll it (a cheap primary-key read that works the
    same on SQLite and PostgreSQL) to know when to refresh their views.
    """

    __tablename__ = "change_marker"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    changed_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
