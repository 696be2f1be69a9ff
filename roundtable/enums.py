"""The fixed choices of the data model: statuses, kinds, roles, lawful bases.

Plain enums, stored by their value (``"not_sent"``), with no SQLAlchemy in
sight: the desktop app imports them to show and filter rows, while only
:mod:`roundtable.storage.models` maps them to columns.
"""

from __future__ import annotations

import enum


class OrganisationKind(enum.StrEnum):
    NGO = "ngo"
    COMPANY = "company"
    GOVERNMENT = "government"
    PARLIAMENT = "parliament"
    ACADEMIC = "academic"
    MEDIA = "media"
    OTHER = "other"


class LawfulBasis(enum.StrEnum):
    """GDPR article 6 bases for holding a person's details."""

    UNKNOWN = "unknown"
    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    PUBLIC_TASK = "public_task"
    VITAL_INTERESTS = "vital_interests"


class RoundtableStatus(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    HELD = "held"


class RoundtableAction(enum.StrEnum):
    """What a row of a roundtable's history records."""

    CREATED = "created"
    EDITED = "edited"
    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    HELD = "held"


class InvitationRole(enum.StrEnum):
    CHAIR = "chair"
    SPEAKER = "speaker"
    PARTICIPANT = "participant"
    OBSERVER = "observer"


class InvitationStatus(enum.StrEnum):
    NOT_SENT = "not_sent"
    INVITED = "invited"
    ACCEPTED = "accepted"
    TENTATIVE = "tentative"
    DECLINED = "declined"
    NO_RESPONSE = "no_response"
    WITHDRAWN = "withdrawn"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class Party(enum.StrEnum):
    """Who took a step in an invitation's life."""

    HOST = "host"
    INVITEE = "invitee"
    COORDINATOR = "coordinator"


class ChangeSource(enum.StrEnum):
    """Where a recorded change came from."""

    MANUAL = "manual"
    CALENDAR_REPLY = "calendar_reply"
    IMPORT = "import"
    DEMO = "demo"


class QuestionStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ASKED = "asked"
    ANSWERED = "answered"
    UNANSWERED = "unanswered"
    WITHDRAWN = "withdrawn"


class NoteKind(enum.StrEnum):
    NOTE = "note"
    DECISION = "decision"


class StatementStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
