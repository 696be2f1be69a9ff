"""Duplicate people: finding likely pairs and merging one person into another.

The same e-mail address is already the same person (the database holds each
address once, in any letter case). What remains are people entered twice
under different addresses or none: "J. de Vries" of Privacy First next to
"Jan de Vries" of Privacy First. :func:`find_duplicate_candidates` offers such
pairs, best first; :func:`plan_merge` says what a merge would do, and
:func:`merge_people` does it in the caller's transaction.

A merge loses no history: every invitation, history row, question, minute
note, action item and organised roundtable of the merged person moves to the
kept one. Where both were invited to the same roundtable, the two invitations
become one (the kept one, with its status) holding both histories.

Names are compared after normalising them (letter case, accents, punctuation,
extra spaces, titles such as "Dr"; "Vries, Jan de" is read as "Jan de Vries";
particles such as "de" and "van" are kept) and only within one organisation,
so a database of 5,000 people is searched in a fraction of a second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.audit import record_audit
from roundtable.errors import ValidationError
from roundtable.models import (
    ActionItem,
    Invitation,
    InvitationEvent,
    InvitationStatus,
    LawfulBasis,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
)
from roundtable.records import LONG_TEXT_MAX

__all__ = [
    "MATCH_INITIALS",
    "MATCH_ORDER",
    "MATCH_SAME",
    "MATCH_SIMILAR",
    "MOVED_KEYS",
    "PERSON_REFERENCES",
    "SIMILARITY_THRESHOLD",
    "DuplicateCandidate",
    "JoinedInvitation",
    "MergePlan",
    "find_duplicate_candidates",
    "merge_people",
    "normalise_name",
    "plan_merge",
]

#: The two names are equal once normalised ("jan de vries" and "Jan de Vries.").
MATCH_SAME = "same"
#: The same words in another order ("Vries Jan de" and "Jan de Vries").
MATCH_ORDER = "order"
#: Initials stand for the other's given names ("J. de Vries" and "Jan de Vries").
MATCH_INITIALS = "initials"
#: Spelled nearly alike (a difflib ratio of at least :data:`SIMILARITY_THRESHOLD`).
MATCH_SIMILAR = "similar"

#: The lowest difflib ratio of two normalised names that counts as similar.
SIMILARITY_THRESHOLD = 0.88

_SCORES = {MATCH_SAME: 1.0, MATCH_ORDER: 0.95, MATCH_INITIALS: 0.9}
_EXPLANATIONS = {
    MATCH_SAME: "the same name",
    MATCH_ORDER: "the same words in another order",
    MATCH_INITIALS: "initials match the given names",
}

#: An organisation (or the group of people without one) this large is not
#: compared pair by pair: it is split by the initials of given name and surname.
_FULL_COMPARE_LIMIT = 60

#: Honorifics and degrees left out of a name before comparing.
_TITLES = frozenset(
    {"dr", "drs", "ir", "ing", "mr", "mrs", "ms", "mx", "prof", "phd", "msc", "ma", "bsc"}
)
#: Surname particles: kept in the name, but an initial never stands for one.
_PARTICLES = frozenset(
    {
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "het",
        "la",
        "le",
        "t",
        "te",
        "ten",
        "ter",
        "van",
        "vom",
        "von",
        "zu",
    }
)
_APOSTROPHES = str.maketrans("", "", "'’`´")
_NOT_WORD = re.compile(r"[\W_]+")

#: Every column that names a person, and the relationship merge_people() moves.
PERSON_REFERENCES: tuple[tuple[Any, str], ...] = (
    (Invitation.person_id, "person"),
    (Question.asked_by_person_id, "asked_by_person"),
    (MinuteNote.speaker_person_id, "speaker_person"),
    (ActionItem.owner_person_id, "owner_person"),
    (Roundtable.organiser_id, "organiser"),
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


# --------------------------------------------------------------------------
# Finding candidates
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateCandidate:
    """Two people who are probably one: same organisation (or none) and similar names."""

    first_id: int
    first_name: str
    first_email: str
    second_id: int
    second_name: str
    second_email: str
    #: The shared organisation's name ("" when both have none).
    organisation: str
    #: How sure the match is, 0..1: 1.0 for the same name, lower for looser matches.
    score: float
    #: A sentence for the coordinator: 'Same organisation, names "J. de Vries" and …'.
    reason: str
    #: Which rule matched: :data:`MATCH_SAME`, :data:`MATCH_ORDER`,
    #: :data:`MATCH_INITIALS` or :data:`MATCH_SIMILAR`.
    match: str = MATCH_SIMILAR
    #: How many invitations each has (the one with more is the natural one to keep).
    first_invitations: int = 0
    second_invitations: int = 0
    organisation_id: int | None = None


def normalise_name(name: str) -> str:
    """A name as it is compared: lower case, no accents, punctuation or titles, single spaces.

    "Vries, Jan de" (surname first, after a comma) is read as "Jan de Vries";
    particles ("de", "van", "von", "der") are kept.
    """
    text = name or ""
    if text.count(",") == 1:
        surname, given = (part.strip() for part in text.split(","))
        if surname and given:
            text = f"{given} {surname}"
    plain = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    words = _NOT_WORD.sub(" ", plain.casefold().translate(_APOSTROPHES)).split()
    kept = [word for word in words if word not in _TITLES]
    # A name that is nothing but a title ("Dr") is still that word.
    return " ".join(kept or words)


@dataclass(frozen=True)
class _Entry:
    id: int
    name: str
    email: str
    organisation_id: int | None
    organisation: str
    invitations: int
    normalised: str
    words: tuple[str, ...]
    sorted_words: tuple[str, ...]

    def surname(self) -> str:
        """The surname with its particles run together ("Jan de Vries" → "devries")."""
        for index, word in enumerate(self.words[1:], start=1):
            if word in _PARTICLES and index < len(self.words) - 1:
                return "".join(self.words[index:])
        return self.words[-1]


def _initials_match(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Word by word equal, except given names written as an initial on one side.

    The surname (the last word) must be written out and equal on both sides,
    and an initial never stands for a particle ("J. D. Vries" is not "Jan de Vries").
    """
    if len(first) != len(second) or len(first) < 2:
        return False
    if first[-1] != second[-1] or len(first[-1]) < 2:
        return False
    initial_used = False
    for a, b in zip(first[:-1], second[:-1], strict=True):
        if a == b:
            continue
        short, full = (a, b) if len(a) < len(b) else (b, a)
        if len(short) != 1 or full in _PARTICLES or not full.startswith(short):
            return False
        initial_used = True
    return initial_used


def _match(first: _Entry, second: _Entry, matcher: SequenceMatcher[str]) -> tuple[str, float]:
    """Which rule makes two names alike, and the score; ("", 0.0) when none does.

    ``matcher`` already holds ``first``'s name as its second sequence.
    """
    if first.normalised == second.normalised:
        return MATCH_SAME, _SCORES[MATCH_SAME]
    if first.sorted_words == second.sorted_words:
        return MATCH_ORDER, _SCORES[MATCH_ORDER]
    if _initials_match(first.words, second.words):
        return MATCH_INITIALS, _SCORES[MATCH_INITIALS]
    # The cheap upper bounds first: most pairs fail on length or letters alone.
    a, b = len(first.normalised), len(second.normalised)
    if 2 * min(a, b) < SIMILARITY_THRESHOLD * (a + b):
        return "", 0.0
    matcher.set_seq1(second.normalised)
    if matcher.quick_ratio() >= SIMILARITY_THRESHOLD:
        ratio = matcher.ratio()
        if ratio >= SIMILARITY_THRESHOLD:
            return MATCH_SIMILAR, round(ratio, 3)
    return "", 0.0


def _pairs(group: list[_Entry]) -> Iterator[tuple[_Entry, _Entry]]:
    """The pairs of one organisation worth comparing, each once.

    A small group is compared pair by pair. A large one (typically the people
    without an organisation) only within sub-blocks: the same words in any
    order, the same initials of the first and the last word, or the same first
    initial and surname with its particles run together ("Jan de Vries" and
    "Jan Devries"). A typo in the first letter of a name is then missed, the
    price of staying fast.
    """
    if len(group) <= _FULL_COMPARE_LIMIT:
        yield from combinations(group, 2)
        return
    blocks: dict[tuple[Any, ...], list[_Entry]] = defaultdict(list)
    for entry in group:
        blocks[("words", entry.sorted_words)].append(entry)
        blocks[("initials", entry.words[0][0], entry.words[-1][0])].append(entry)
        blocks[("surname", entry.words[0][0], entry.surname())].append(entry)
    seen: set[tuple[int, int]] = set()
    for block in blocks.values():
        for first, second in combinations(block, 2):
            key = (first.id, second.id) if first.id < second.id else (second.id, first.id)
            if key not in seen:
                seen.add(key)
                yield first, second


def _reason(first: _Entry, second: _Entry, match: str, score: float) -> str:
    where = (
        "Same organisation" if first.organisation_id is not None else "Both without an organisation"
    )
    if match == MATCH_SIMILAR:
        explanation = f"similar spelling ({score:.0%} alike)"
    else:
        explanation = _EXPLANATIONS[match]
    return f'{where}, names "{first.name}" and "{second.name}": {explanation}'


def _entries(session: Session) -> list[_Entry]:
    """Everyone not erased, with organisation name and invitation count (one statement)."""
    invited = (
        select(Invitation.person_id.label("person_id"), func.count().label("n"))
        .where(Invitation.person_id.is_not(None))
        .group_by(Invitation.person_id)
        .subquery("invited")
    )
    stmt = (
        select(
            Person.id,
            Person.name,
            Person.email,
            Person.organisation_id,
            Organisation.name,
            func.coalesce(invited.c.n, 0),
        )
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .outerjoin(invited, invited.c.person_id == Person.id)
        .where(Person.erased_at.is_(None))
        .order_by(Person.id)
    )
    entries = []
    for person_id, name, email, organisation_id, organisation, count in session.execute(stmt):
        normalised = normalise_name(name)
        if not normalised:
            continue  # nothing left to compare ("?")
        entries.append(
            _Entry(
                id=person_id,
                name=name,
                email=email or "",
                organisation_id=organisation_id,
                organisation=organisation or "",
                invitations=int(count),
                normalised=normalised,
                words=tuple(normalised.split()),
                sorted_words=tuple(sorted(normalised.split())),
            )
        )
    return entries


def find_duplicate_candidates(session: Session) -> list[DuplicateCandidate]:
    """Pairs of people (not erased) who are probably the same person, best first.

    Two people are a candidate pair when they belong to the same organisation
    (or both to none) and their normalised names (:func:`normalise_name`) are
    equal, use the same words in another order, differ only in initials
    standing for given names ("J. de Vries", "Jan de Vries"), or are spelled
    nearly alike (difflib ratio of at least :data:`SIMILARITY_THRESHOLD`).
    Different e-mail addresses do not rule a pair out: people have a work and
    a private address. Reads only; one statement.
    """
    groups: dict[int | None, list[_Entry]] = defaultdict(list)
    for entry in _entries(session):
        groups[entry.organisation_id].append(entry)

    candidates: list[DuplicateCandidate] = []
    matcher: SequenceMatcher[str] = SequenceMatcher(autojunk=False)
    for group in groups.values():
        current: _Entry | None = None
        for first, second in _pairs(group):
            if first.id > second.id:
                first, second = second, first
            if first is not current:
                # SequenceMatcher caches facts about its second sequence: pairs come
                # grouped by their first entry, so this is set once per entry.
                matcher.set_seq2(first.normalised)
                current = first
            match, score = _match(first, second, matcher)
            if match:
                candidates.append(_candidate(first, second, match, score))
    candidates.sort(
        key=lambda c: (
            -c.score,
            c.organisation.casefold(),
            c.first_name.casefold(),
            c.second_name.casefold(),
            c.first_id,
            c.second_id,
        )
    )
    return candidates


def _candidate(first: _Entry, second: _Entry, match: str, score: float) -> DuplicateCandidate:
    return DuplicateCandidate(
        first_id=first.id,
        first_name=first.name,
        first_email=first.email,
        second_id=second.id,
        second_name=second.name,
        second_email=second.email,
        organisation=first.organisation,
        score=score,
        reason=_reason(first, second, match, score),
        match=match,
        first_invitations=first.invitations,
        second_invitations=second.invitations,
        organisation_id=first.organisation_id,
    )


# --------------------------------------------------------------------------
# Merging
# --------------------------------------------------------------------------


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


#: The fields a merge can fill, with their labels, in the order they are shown.
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
            f"Cannot merge {keep.name} with themselves: choose two different people.", "person"
        )
    for person in (keep, other):
        if person.erased_at is not None:
            erased = person.erased_at
            raise ValidationError(
                f"Cannot merge person #{person.id}: their details were erased on "
                f"{erased.day} {erased:%b %Y}, so nobody can be merged into or out of them.",
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
            f"The notes of {keep.name} and {other.name} together are too long "
            f"(at most {LONG_TEXT_MAX} characters); shorten one of them first.",
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
                f"The notes of the two invitations to “{invitation.roundtable.title}” together "
                f"are too long (at most {LONG_TEXT_MAX} characters); shorten one of them first.",
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
    for column, relationship in PERSON_REFERENCES[1:]:
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
