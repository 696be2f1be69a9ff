"""Two records of one person merged into one: every reference moved to the kept
person, and where both were invited to one roundtable, the other's history rows
moved into the kept invitation, so no history row is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.editing import LONG_TEXT_MAX, day_label
from roundtable.enums import InvitationStatus, LawfulBasis
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.people.persons import person_references
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    ActionItem,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Person,
    Question,
    Roundtable,
)

#: The keys of :attr:`MergePlan.moved`, in the order they are shown.
MOVED_KEYS = (
    "invitations",
    "joined_invitations",
    "invitation_history_rows",
    "questions",
    "notes",
    "action_items",
    "roundtables_organised",
)


@dataclass(frozen=True)
class JoinedInvitation:
    """A roundtable both people were invited to: the two invitations become the kept one."""

    roundtable_id: int
    roundtable_title: str
    #: The kept invitation's status, which stays.
    kept_status: InvitationStatus
    #: The merged invitation's status, kept only in the history.
    other_status: InvitationStatus
    #: The merged invitation's history rows, moved into the kept invitation.
    history_rows: int


@dataclass(frozen=True)
class MergePlan:
    """What merging ``other_id`` into ``keep_id`` does (or did)."""

    keep_id: int
    other_id: int
    #: (field label, the kept person's value, the value after the merge), for fields that change.
    field_changes: tuple[tuple[str, str, str], ...]
    #: How many of each (see :data:`MOVED_KEYS`) move from the other person to the kept one.
    #: "invitations" move whole; "joined_invitations" are folded into the kept
    #: person's invitation to the same roundtable; "invitation_history_rows"
    #: counts the history rows of both kinds, all of which are kept.
    moved: Mapping[str, int]
    #: Titles of the roundtables both were invited to: the other's history rows
    #: are moved into the kept invitation, whose status stays.
    joined_invitations: tuple[str, ...]
    #: The same roundtables in detail.
    joined: tuple[JoinedInvitation, ...] = ()
    #: (field label, the other person's value) for values the merge does not keep,
    #: because the kept person has their own (another name, e-mail address, phone).
    dropped: tuple[tuple[str, str], ...] = ()


#: The fields a merge can fill, with their labels, in the order they are shown. The
#: labels are English keys: the app translates them, and shows a lawful basis by its label.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("email", "E-mail"),
    ("organisation", "Organisation"),
    ("role", "Role"),
    ("phone", "Phone"),
    ("preferred_language", "Language"),
    ("lawful_basis", "Lawful basis"),
    ("consent_note", "Consent note"),
    ("notes", "Notes"),
    ("retention_reviewed_at", "Privacy review"),
)


_LABELS = dict(_FIELDS)


def _shown(name: str, value: Any) -> str:
    """A field's value as plain text for the plan."""
    if value is None:
        return ""
    if name == "organisation":
        return str(value.name)
    if name == "lawful_basis":
        return "" if value == LawfulBasis.UNKNOWN else str(LawfulBasis(value).value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)


def _join_text(kept: str | None, other: str | None) -> str:
    """Two texts joined with a blank line; a text already contained in the other is not repeated."""
    first, second = (kept or "").strip(), (other or "").strip()
    if not second or second in first:
        return first
    if not first:
        return second
    return f"{first}\n\n{second}"


def _merged_values(keep: Person, other: Person) -> dict[str, Any]:
    """The fields of ``keep`` that change, with their values after the merge."""
    changes: dict[str, Any] = {}
    if not keep.email and other.email:
        changes["email"] = other.email
    if keep.organisation is None and other.organisation is not None:
        changes["organisation"] = other.organisation
    for name in ("role", "phone", "preferred_language", "consent_note"):
        if not (getattr(keep, name) or "").strip() and (getattr(other, name) or "").strip():
            changes[name] = getattr(other, name)
    if keep.lawful_basis == LawfulBasis.UNKNOWN and other.lawful_basis != LawfulBasis.UNKNOWN:
        changes["lawful_basis"] = other.lawful_basis
    notes = _join_text(keep.notes, other.notes)
    if notes != (keep.notes or "").strip():
        changes["notes"] = notes
    # The other's details now live on the kept person: they must not escape a
    # privacy review because the kept one was reviewed recently. The earlier
    # review wins, and "never reviewed" wins over any date.
    kept_review, other_review = keep.retention_reviewed_at, other.retention_reviewed_at
    if kept_review is not None and (other_review is None or other_review < kept_review):
        changes["retention_reviewed_at"] = other_review
    return changes


def _dropped(
    keep: Person, other: Person, changes: Mapping[str, Any]
) -> tuple[tuple[str, str], ...]:
    """The other person's values that neither match the kept ones nor fill an empty field."""
    dropped = []
    for name in ("name", "email", "organisation", "role", "phone", "preferred_language"):
        theirs = _shown(name, getattr(other, name))
        if not theirs or name in changes:
            continue
        ours = _shown(name, getattr(keep, name))
        if name == "email" and theirs.casefold() == ours.casefold():
            continue
        if theirs != ours:
            dropped.append((_LABELS[name], theirs))
    if other.lawful_basis not in (LawfulBasis.UNKNOWN, keep.lawful_basis) and (
        "lawful_basis" not in changes
    ):
        dropped.append((_LABELS["lawful_basis"], _shown("lawful_basis", other.lawful_basis)))
    other_consent = (other.consent_note or "").strip()
    if other_consent and "consent_note" not in changes and other_consent != keep.consent_note:
        dropped.append((_LABELS["consent_note"], other_consent))
    return tuple(dropped)


def _check_pair(keep: Person, other: Person) -> None:
    if keep is other or (keep.id is not None and keep.id == other.id):
        raise ValidationError(
            _("Cannot merge {name} with themselves: choose two different people.").format(
                name=keep.name
            ),
            "person",
        )
    for person in (keep, other):
        if person.erased_at is not None:
            raise ValidationError(
                _(
                    "Cannot merge person #{id}: their details were erased on {day}, so nobody "
                    "can be merged into or out of them."
                ).format(id=person.id, day=day_label(person.erased_at)),
                "person",
            )


def _invitations_of(session: Session, person: Person) -> list[Invitation]:
    return list(
        session.scalars(
            select(Invitation).where(Invitation.person_id == person.id).order_by(Invitation.id)
        )
    )


def _count(session: Session, column: Any, person_id: int) -> int:
    stmt = select(func.count()).select_from(column.class_).where(column == person_id)
    return int(session.scalar(stmt) or 0)


def plan_merge(session: Session, keep: Person, other: Person) -> MergePlan:
    """What :func:`merge_people` would do with ``keep`` and ``other``; changes nothing.

    Raises :class:`ValidationError` for a person merged with themselves, an
    erased person, or notes that together would be too long to keep.
    """
    _check_pair(keep, other)
    changes = _merged_values(keep, other)
    if len(changes.get("notes", "")) > LONG_TEXT_MAX:
        raise ValidationError(
            _(
                "The notes of {name} and {other} together are too long (at most {most} "
                "characters); shorten one of them first."
            ).format(name=keep.name, other=other.name, most=LONG_TEXT_MAX),
            "notes",
        )

    kept_by_roundtable = {inv.roundtable_id: inv for inv in _invitations_of(session, keep)}
    others = _invitations_of(session, other)
    history_counts: dict[int, int] = {}
    if others:
        history_counts = {
            invitation_id: int(n)
            for invitation_id, n in session.execute(
                select(InvitationEvent.invitation_id, func.count())
                .where(InvitationEvent.invitation_id.in_([inv.id for inv in others]))
                .group_by(InvitationEvent.invitation_id)
            )
        }
    joined: list[JoinedInvitation] = []
    for invitation in others:
        kept = kept_by_roundtable.get(invitation.roundtable_id)
        if kept is None:
            continue
        if len(_join_text(kept.notes, invitation.notes)) > LONG_TEXT_MAX:
            raise ValidationError(
                _(
                    "The notes of the two invitations to “{title}” together are too long "
                    "(at most {most} characters); shorten one of them first."
                ).format(title=invitation.roundtable.title, most=LONG_TEXT_MAX),
                "notes",
            )
        joined.append(
            JoinedInvitation(
                roundtable_id=invitation.roundtable_id,
                roundtable_title=invitation.roundtable.title,
                kept_status=kept.status,
                other_status=invitation.status,
                history_rows=history_counts.get(invitation.id, 0),
            )
        )

    moved = {
        "invitations": len(others) - len(joined),
        "joined_invitations": len(joined),
        "invitation_history_rows": sum(history_counts.values()),
        "questions": _count(session, Question.asked_by_person_id, other.id),
        "notes": _count(session, MinuteNote.speaker_person_id, other.id),
        "action_items": _count(session, ActionItem.owner_person_id, other.id),
        "roundtables_organised": _count(session, Roundtable.organiser_id, other.id),
    }
    field_changes = tuple(
        (label, _shown(name, getattr(keep, name)), _shown(name, changes[name]))
        for name, label in _FIELDS
        if name in changes
    )
    return MergePlan(
        keep_id=keep.id,
        other_id=other.id,
        field_changes=field_changes,
        moved=moved,
        joined_invitations=tuple(j.roundtable_title for j in joined),
        joined=tuple(joined),
        dropped=_dropped(keep, other, changes),
    )


def _rows_naming(session: Session, column: Any, person_id: int) -> Iterable[Any]:
    return list(session.scalars(select(column.class_).where(column == person_id)))


def merge_people(session: Session, keep: Person, other: Person) -> MergePlan:
    """Merge ``other`` into ``keep`` in the caller's transaction, and delete ``other``.

    - ``keep``'s empty fields take ``other``'s values (the e-mail address only
      when ``keep`` has none); the notes are joined with a blank line.
    - Every invitation, question, minute note, action item and organised
      roundtable of ``other`` moves to ``keep``.
    - Where both were invited to the same roundtable, ``other``'s history rows
      move into ``keep``'s invitation (the history reads in time order, so
      nothing is lost), its notes are appended, and the emptied invitation is
      removed; ``keep``'s invitation keeps its status.
    - One audit row "contacts.merge" holds both ids and the counts, never a
      name or an address.

    Returns the plan that was carried out. Raises :class:`ValidationError`,
    changing nothing, as :func:`plan_merge` does.
    """
    plan = plan_merge(session, keep, other)
    changes = _merged_values(keep, other)
    keep_id, other_id = keep.id, other.id

    # Invitations: folded into the kept one on a shared roundtable, else moved whole.
    kept_by_roundtable = {inv.roundtable_id: inv for inv in _invitations_of(session, keep)}
    emptied: list[Invitation] = []
    for invitation in _invitations_of(session, other):
        kept = kept_by_roundtable.get(invitation.roundtable_id)
        if kept is None:
            invitation.person = keep
            continue
        for event in list(invitation.history):
            event.invitation = kept
        notes = _join_text(kept.notes, invitation.notes)
        if notes != kept.notes:
            kept.notes = notes
        emptied.append(invitation)
    # The history rows must be in their new invitation before the old one goes:
    # the database would delete them with it (ON DELETE CASCADE).
    session.flush()
    for invitation in emptied:
        session.delete(invitation)
    for column, relationship in person_references()[1:]:  # invitations came first
        for row in _rows_naming(session, column, other_id):
            setattr(row, relationship, keep)
    session.flush()

    # The other person goes before the kept one takes their e-mail address,
    # which the database holds only once.
    session.expire(other, ["invitations"])
    session.delete(other)
    session.flush()
    for name, value in changes.items():
        setattr(keep, name, value)
    session.flush()
    session.expire(keep, ["invitations"])
    for invitation in kept_by_roundtable.values():
        session.expire(invitation, ["history"])

    record_audit(
        session,
        "contacts.merge",
        entity_type="person",
        entity_id=keep_id,
        detail={
            "kept_person_id": keep_id,
            "merged_person_id": other_id,
            "moved": dict(plan.moved),
            "changed_fields": sorted(changes),
        },
    )
    session.flush()
    return plan
