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
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from roundtable.i18n import _
from roundtable.storage.models import (
    Invitation,
    Organisation,
    Person,
)

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
    """Why a pair is offered, as a sentence in the user's language."""
    if first.organisation_id is not None:
        where = _("Same organisation")
    else:
        where = _("Both without an organisation")
    explanations = {
        MATCH_SAME: _("the same name"),
        MATCH_ORDER: _("the same words in another order"),
        MATCH_INITIALS: _("initials match the given names"),
    }
    if match == MATCH_SIMILAR:
        explanation = _("similar spelling ({score} alike)").format(score=f"{score:.0%}")
    else:
        explanation = explanations[match]
    return _('{where}, names "{first}" and "{second}": {explanation}').format(
        where=where, first=first.name, second=second.name, explanation=explanation
    )


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
