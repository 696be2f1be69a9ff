"""The subject-access report (GDPR article 15): everything the database holds about
one person, as JSON and as a readable HTML page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import context
from roundtable.errors import FileWriteError, ValidationError
from roundtable.files import write_text_atomically
from roundtable.i18n import _
from roundtable.privacy.mentions import Matcher, actor_rows, invitations_of, scan_mentions
from roundtable.privacy.retention import next_review_on, retention_months
from roundtable.resources_access import resource_files
from roundtable.storage.audit import record_audit
from roundtable.storage.models import (
    ActionItem,
    AuditEntry,
    Invitation,
    MinuteNote,
    Person,
    Question,
    Roundtable,
)
from roundtable.text import day_month_year, iso_or_none

REPORT_FORMAT = "roundtable-subject-access"


REPORT_VERSION = 1


#: The report's template, in ``resources/templates/privacy/`` (not user-editable).
REPORT_TEMPLATE = "subject_access.html.j2"


def _database_description(session: Session) -> str | None:
    from roundtable.storage.urls import describe_url

    bind = session.get_bind()
    url = getattr(bind, "url", None)
    return describe_url(url) if url is not None else None


def _person_fields(person: Person) -> dict[str, Any]:
    organisation = person.organisation
    return {
        "id": person.id,
        "name": person.name,
        "email": person.email,
        "organisation": organisation.name if organisation is not None else None,
        "role": person.role,
        "phone": person.phone,
        "preferred_language": person.preferred_language,
        "notes": person.notes,
        "lawful_basis": person.lawful_basis.value,
        "consent_note": person.consent_note,
        "created_at": iso_or_none(person.created_at),
        "updated_at": iso_or_none(person.updated_at),
        "updated_by": person.updated_by,
        "erased_at": iso_or_none(person.erased_at),
        "retention_reviewed_at": iso_or_none(person.retention_reviewed_at),
    }


def _roundtable_fields(roundtable: Roundtable) -> dict[str, Any]:
    return {
        "roundtable_id": roundtable.id,
        "roundtable": roundtable.title,
        "starts_at": iso_or_none(roundtable.starts_at),
        "ends_at": iso_or_none(roundtable.ends_at),
        "timezone": roundtable.timezone,
        "roundtable_status": roundtable.status.value,
    }


def _invitation_fields(invitation: Invitation) -> dict[str, Any]:
    organisation = invitation.organisation
    return {
        "id": invitation.id,
        **_roundtable_fields(invitation.roundtable),
        "organisation": organisation.name if organisation is not None else None,
        "role": invitation.role.value,
        "status": invitation.status.value,
        "consent_to_be_named": invitation.consent_to_be_named,
        "notes": invitation.notes,
        "created_at": iso_or_none(invitation.created_at),
        "history": [
            {
                "at": iso_or_none(event.at),
                "from": event.from_status.value if event.from_status is not None else None,
                "to": event.to_status.value,
                "party": event.party.value,
                "source": event.source.value,
                "reason": event.reason,
                "actor": event.actor,
            }
            for event in invitation.history
        ],
    }


def _retention_facts(session: Session, person: Person) -> dict[str, Any]:
    return {
        "months": retention_months(session),
        "review_due_on": iso_or_none(next_review_on(session, person)),
    }


def _recorded_by(session: Session, matcher: Matcher) -> int:
    return len(actor_rows(session, matcher))


def subject_access_report(session: Session, person: Person) -> dict[str, Any]:
    """Everything the database holds about ``person``, as a JSON-ready dict.

    Keys: ``format`` ("roundtable-subject-access"), ``version``,
    ``generated_at``, ``generated_by``, ``database``, ``person`` (every field,
    organisation by name), ``retention`` (period and next review date),
    ``invitations`` (each with its ``history``), ``questions``,
    ``action_items``, ``minute_notes_spoken``, ``roundtables_organised``,
    ``mentions`` (see :func:`find_mentions`), ``audit`` (audit rows about the
    person) and ``recorded_changes`` (history and audit rows they recorded as
    the app's user). Times are UTC ISO 8601 ("2023-09-05T12:00:00Z"). The report
    is a file handed out, so its words (a mention's ``where``) are English whatever
    the user's language.
    """
    matcher = Matcher(person.name, person.email)
    mentions = [hit.mention for hit in scan_mentions(session, person, matcher)]
    questions = session.scalars(
        select(Question).where(Question.asked_by_person_id == person.id).order_by(Question.id)
    )
    actions = session.scalars(
        select(ActionItem).where(ActionItem.owner_person_id == person.id).order_by(ActionItem.id)
    )
    notes = session.scalars(
        select(MinuteNote).where(MinuteNote.speaker_person_id == person.id).order_by(MinuteNote.id)
    )
    organised = session.scalars(
        select(Roundtable).where(Roundtable.organiser_id == person.id).order_by(Roundtable.id)
    )
    audit = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "person", AuditEntry.entity_id == person.id)
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return {
        "format": REPORT_FORMAT,
        "version": REPORT_VERSION,
        "generated_at": iso_or_none(context.now()),
        "generated_by": context.actor(),
        "database": _database_description(session),
        "person": _person_fields(person),
        "retention": _retention_facts(session, person),
        "invitations": [_invitation_fields(i) for i in invitations_of(session, person)],
        "questions": [
            {
                "id": q.id,
                **_roundtable_fields(q.roundtable),
                "position": q.position + 1,
                "text": q.text,
                "status": q.status.value,
                "answer": q.answer,
            }
            for q in questions
        ],
        "action_items": [
            {
                "id": a.id,
                **_roundtable_fields(a.roundtable),
                "description": a.description,
                "due_on": iso_or_none(a.due_on),
                "done": a.done,
                "done_at": iso_or_none(a.done_at),
            }
            for a in actions
        ],
        "minute_notes_spoken": [
            {
                "id": n.id,
                **_roundtable_fields(n.agenda_item.roundtable),
                "agenda_item": n.agenda_item.title,
                "kind": n.kind.value,
                "text": n.text,
                "not_for_attribution": n.not_for_attribution,
            }
            for n in notes
        ],
        "roundtables_organised": [_roundtable_fields(r) for r in organised],
        "mentions": [
            {
                "where": m.where_english,
                "table": m.table,
                "row_id": m.row_id,
                "field": m.field,
                "excerpt": m.excerpt,
                "matched": m.matched,
            }
            for m in mentions
        ],
        "audit": [
            {
                "id": entry.id,
                "at": iso_or_none(entry.at),
                "actor": entry.actor,
                "action": entry.action,
                "detail": entry.detail,
            }
            for entry in audit
        ],
        "recorded_changes": _recorded_by(session, matcher),
    }


def _label(value: Any) -> str:
    """An enum value as words: "legitimate_interest" -> "Legitimate interest"."""
    words = str(value or "").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _report_time(value: Any) -> str:
    """An ISO time of the report as "5 Sep 2023, 12:00 UTC" (a date as "5 Sep 2023")."""
    if not value:
        return ""
    text_value = str(value)
    try:
        if "T" in text_value:
            moment = datetime.fromisoformat(text_value.replace("Z", "+00:00"))
            return f"{day_month_year(moment)}, {moment.astimezone(UTC):%H:%M} UTC"
        return day_month_year(date.fromisoformat(text_value))
    except ValueError:
        return text_value


def subject_access_html(report: Mapping[str, Any]) -> str:
    """The report of :func:`subject_access_report` as a self-contained HTML5 page.

    Inline CSS with print styles, every value escaped, and a short explanation
    at the top of what the report is (the right of access, GDPR article 15).
    """
    from roundtable.publishing.templates import environment as make_environment

    # A shipped template, not a user's: the plain configuration, always escaped.
    environment = make_environment(user_templates=False, autoescape=True)
    environment.filters["when"] = _report_time
    environment.filters["label"] = _label
    source = (resource_files() / "templates" / "privacy" / REPORT_TEMPLATE).read_text(
        encoding="utf-8"
    )
    return environment.from_string(source).render(report=report)


def write_report_files(
    person_id: int, report: Mapping[str, Any], folder: Path
) -> tuple[Path, Path]:
    """Write a :func:`subject_access_report` into ``folder`` as JSON and HTML; the two paths.

    The files are ``subject-access-<id>-<yyyy-mm-dd>.json`` and ``.html``
    (the day the report was generated); ``folder`` is created if missing and
    each file is written whole or not at all. Touches no database: the export
    is recorded afterwards with the action
    :func:`roundtable.privacy.actions.record_access_export`, so a folder that
    cannot be written leaves no audit row.
    """
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ValidationError(
            _("Cannot write into {folder}: it is a file, not a folder.").format(folder=folder),
            "folder",
        )
    page = subject_access_html(report)
    generated = str(report.get("generated_at") or "")[:10] or context.now().date().isoformat()
    stem = f"subject-access-{person_id}-{generated}"
    json_path, html_path = folder / f"{stem}.json", folder / f"{stem}.html"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileWriteError(
            _("Cannot create the folder {folder}: {reason}.").format(
                folder=folder, reason=exc.strerror or exc
            ),
            folder,
        ) from exc
    document = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    write_text_atomically(json_path, document)
    write_text_atomically(html_path, page)
    return json_path, html_path


def record_access_export(session: Session, person: Person, files: Sequence[str]) -> None:
    """Record in the audit log that ``person``'s data was handed out in ``files`` (names only).

    The audit row ``privacy.access_export`` holds the person's id and the file
    names, nothing more.
    """
    record_audit(
        session,
        "privacy.access_export",
        entity_type="person",
        entity_id=person.id,
        detail={"person_id": person.id, "files": [str(name) for name in files]},
    )
    session.flush()
