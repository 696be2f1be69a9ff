"""Erasure by anonymisation (GDPR article 17): the person's row stays under a neutral
label so counts and histories stay whole; their details go, and their name and
address are replaced wherever free text mentions them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.i18n import _, ngettext
from roundtable.privacy.mentions import (
    Hit,
    Matcher,
    Mention,
    TextColumn,
    actor_rows,
    erasure_label,
    excerpt,
    invitations_of,
    refuse_erased,
    roundtable_title,
    scan_mentions,
)
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    ActionItem,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Person,
    Question,
    Roundtable,
    Timestamped,
)


@dataclass(frozen=True)
class ErasurePlan:
    """What erasing a person changes, and what stays."""

    person_id: int
    #: The neutral name the person gets: "Erased person #12".
    label: str
    #: (field, old value, new value) for the person's own details and invitations.
    field_changes: tuple[tuple[str, str, str], ...]
    #: Each mention in free text, and its excerpt after the replacement.
    text_changes: tuple[tuple[Mention, str], ...]
    #: What stays, counted: invitations, history entries, questions asked, …
    kept: Mapping[str, int]


def _count(session: Session, stmt: Any) -> int:
    return int(session.scalar(stmt) or 0)


def _kept(session: Session, person: Person) -> dict[str, int]:
    pid = person.id
    return {
        "invitations": _count(
            session, select(func.count()).select_from(Invitation).where(Invitation.person_id == pid)
        ),
        "invitation history entries": _count(
            session,
            select(func.count())
            .select_from(InvitationEvent)
            .join(Invitation, InvitationEvent.invitation_id == Invitation.id)
            .where(Invitation.person_id == pid),
        ),
        "questions asked": _count(
            session,
            select(func.count()).select_from(Question).where(Question.asked_by_person_id == pid),
        ),
        "minute notes spoken": _count(
            session,
            select(func.count()).select_from(MinuteNote).where(MinuteNote.speaker_person_id == pid),
        ),
        "action items owned": _count(
            session,
            select(func.count()).select_from(ActionItem).where(ActionItem.owner_person_id == pid),
        ),
        "roundtables organised": _count(
            session,
            select(func.count()).select_from(Roundtable).where(Roundtable.organiser_id == pid),
        ),
    }


@dataclass(frozen=True)
class _Erasure:
    """A plan with everything needed to carry it out."""

    plan: ErasurePlan
    hits: tuple[Hit, ...]
    invitations: tuple[Invitation, ...]
    actor_rows: tuple[tuple[Any, str], ...]
    matcher: Matcher


# The person's own fields an erasure clears, with their label in the plan (a
# function, so the label is translated when the plan is made).
_PERSON_FIELDS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("email", lambda: _("E-mail address")),
    ("phone", lambda: _("Phone")),
    ("role", lambda: _("Role")),
    ("preferred_language", lambda: _("Preferred language")),
    ("notes", lambda: _("Notes")),
    ("consent_note", lambda: _("Consent note")),
)


def _fit(value: str, column: TextColumn) -> str:
    """``value`` cut to the column's size (a label may be longer than the name it replaced)."""
    limit = column.max_length
    if limit is not None and len(value) > limit:
        return value[: limit - 1] + "…"
    return value


def _after(hit: Hit, label: str, matcher: Matcher) -> tuple[str | None, str]:
    """The field's new value and the excerpt of it around the first replacement."""
    if hit.column.email:
        return None, ""
    new = _fit(matcher.replace(getattr(hit.record, hit.column.name), label), hit.column)
    start = hit.match.start()
    return new, excerpt(new, start, min(len(new), start + len(label)))


def _prepare(session: Session, person: Person) -> _Erasure:
    refuse_erased(
        person,
        lambda: _("Person #{id} was already erased on {day}; there is nothing left to erase."),
    )
    label = erasure_label(person.id)
    matcher = Matcher(person.name, person.email)
    invitations = tuple(invitations_of(session, person))
    own_notes = {invitation.id for invitation in invitations if invitation.notes}
    hits = tuple(
        hit
        for hit in scan_mentions(session, person, matcher)
        # The person's own invitations lose their notes whole (a field change).
        if not (hit.mention.table == "invitation" and hit.mention.row_id in own_notes)
    )
    changes: list[tuple[str, str, str]] = [(_("Name"), person.name, label)]
    for attribute, field_label in _PERSON_FIELDS:
        old = getattr(person, attribute) or ""
        if old:
            changes.append((field_label(), old, ""))
    if person.organisation is not None:
        changes.append((_("Organisation"), person.organisation.name, ""))
    for invitation in invitations:
        title = roundtable_title(invitation.roundtable)
        if invitation.notes:
            changes.append(
                (_("Notes on the invitation to {title}").format(title=title), invitation.notes, "")
            )
        if invitation.consent_to_be_named:
            changes.append(
                (
                    _("Agreed to be named (invitation to {title})").format(title=title),
                    _("yes"),
                    _("no"),
                )
            )
    rows_naming = tuple(actor_rows(session, matcher))
    if rows_naming:
        recorded = rows_naming[0][0]
        changes.append(
            (
                ngettext(
                    "Named as the user who recorded {count} change",
                    "Named as the user who recorded {count} changes",
                    len(rows_naming),
                ).format(count=len(rows_naming)),
                getattr(recorded, rows_naming[0][1]),
                label,
            )
        )
    plan = ErasurePlan(
        person_id=person.id,
        label=label,
        field_changes=tuple(changes),
        text_changes=tuple((hit.mention, _after(hit, label, matcher)[1]) for hit in hits),
        kept=_kept(session, person),
    )
    return _Erasure(plan, hits, invitations, rows_naming, matcher)


def plan_erasure(session: Session, person: Person) -> ErasurePlan:
    """What :func:`erase_person` would change and keep, without changing anything.

    Refuses (:class:`ValidationError`) a person who is already erased.
    """
    return _prepare(session, person).plan


def _secure_delete(session: Session) -> None:
    """On SQLite, overwrite what the erasure frees instead of leaving it in free space."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete=ON")


def erase_person(session: Session, person: Person) -> ErasurePlan:
    """Anonymise ``person`` in the caller's transaction; returns what was done.

    The name becomes the neutral label ("Erased person #12"); the e-mail
    address, phone, role, notes, consent note, preferred language and the
    link to their organisation are removed; ``erased_at`` is set. The lawful
    basis stays: it documents why the details were held. Each of their
    invitations loses its notes and the consent to be named. Wherever free
    text names them (other people's notes, minutes, histories' reasons,
    statements, the audit log), the name and address are replaced by the
    label, and where they are named as the app's user, too.

    Invitations, questions, notes, action items and every history row stay,
    so counts stay whole; other people's records change only where their
    text named this person. One audit row ``privacy.erase`` records the id and
    the counts, never the name. It cannot be undone. Refuses
    (:class:`ValidationError`) a person who is already erased.
    """
    erasure = _prepare(session, person)
    plan, matcher, label = erasure.plan, erasure.matcher, erasure.plan.label
    _secure_delete(session)
    # The erasure is itself a change by the current user, unless that user is
    # the person being erased.
    author = label if matcher.is_actor(context.actor()) else context.actor()
    touched: list[Any] = [person]
    for hit in erasure.hits:
        new, _excerpt_after = _after(hit, label, matcher)
        setattr(hit.record, hit.column.name, new)
        touched.append(hit.record)
    for invitation in erasure.invitations:
        if invitation.notes or invitation.consent_to_be_named:
            invitation.notes = ""
            invitation.consent_to_be_named = False
            touched.append(invitation)
    for record, attribute in erasure.actor_rows:
        setattr(record, attribute, author if attribute == "updated_by" else label)
        touched.append(record)
    person.name = label
    person.email = None
    for attribute, _field_label in _PERSON_FIELDS:
        if attribute != "email":
            setattr(person, attribute, "")
    person.organisation = None
    person.erased_at = context.now()
    for record in touched:
        if isinstance(record, Timestamped):
            record.updated_by = author
    session.flush()
    record_audit(
        session,
        "privacy.erase",
        entity_type="person",
        entity_id=person.id,
        detail={
            "person_id": person.id,
            "fields": len(plan.field_changes),
            "texts": len(plan.text_changes),
            **{key.replace(" ", "_"): value for key, value in plan.kept.items()},
        },
    )
    session.flush()
    return plan


def scrub_sqlite_file(engine: Engine) -> bool:
    """After an erasure is committed: fold SQLite's write-ahead log into the file.

    The log keeps earlier copies of the pages an erasure rewrote until a
    checkpoint; ``TRUNCATE`` copies the new pages into the database file and
    empties the log. Returns whether that completed (``False`` when another
    connection was still reading, or on a server database, where the server
    manages its own storage). Never raises for a busy database.
    """
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.connect() as connection:
            row = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    except OperationalError:  # locked by another program past the busy timeout
        return False
    # (busy, log frames, checkpointed frames); not in WAL mode: (0, -1, -1).
    return row is not None and row[0] == 0
