"""The question lists of a roundtable: each delegation's questions, in order, with
their status and the answer received.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable.editing import (
    Cleaners,
    apply_values,
    clean_position,
    clean_values,
    delete_positioned,
    ensure_id,
    enum_value,
    instance_or_none,
    limit_of,
    next_position,
    place_among,
)
from roundtable.enums import QuestionStatus
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.storage.models import Organisation, Person, Question, Roundtable
from roundtable.validation import (
    optional_text,
    require_text,
)


def _asked_by(person: Person | None, organisation: Organisation | None) -> None:
    if person is not None and organisation is not None:
        raise ValidationError(
            _("A question is asked by a person or by an organisation, not both."), "asked_by"
        )


def _question_cleaners() -> Cleaners:
    return {
        "text": lambda v: require_text(v, "text", _("The question"), limit_of(Question.text)),
        "asked_by_person": lambda v: instance_or_none(v, Person, "asked_by_person"),
        "asked_by_organisation": lambda v: instance_or_none(
            v, Organisation, "asked_by_organisation"
        ),
        "status": lambda v: enum_value(QuestionStatus, v, "status", "question status"),
        "answer": lambda v: optional_text(v, "answer", _("The answer"), limit_of(Question.answer)),
    }


def _questions_of(session: Session, roundtable_id: int) -> list[Question]:
    return list(
        session.scalars(
            select(Question)
            .where(Question.roundtable_id == roundtable_id)
            .order_by(Question.position, Question.id)
        )
    )


def add_question(
    session: Session,
    roundtable: Roundtable,
    text: str,
    *,
    asked_by_person: Person | None = None,
    asked_by_organisation: Organisation | None = None,
    status: QuestionStatus | str = QuestionStatus.DRAFT,
    answer: str = "",
    position: int | None = None,
) -> Question:
    """Add a question to a roundtable's list, asked by a person, an organisation or neither.

    ``position=None`` puts it last; a position inserts it there and renumbers the list.
    """
    cleaned = clean_values(
        _question_cleaners(),
        {
            "text": text,
            "asked_by_person": asked_by_person,
            "asked_by_organisation": asked_by_organisation,
            "status": status,
            "answer": answer,
        },
        "add_question()",
    )
    _asked_by(cleaned["asked_by_person"], cleaned["asked_by_organisation"])
    insert_at = clean_position(position)
    roundtable_id = ensure_id(session, roundtable)
    question = Question(
        roundtable=roundtable,
        position=next_position(session, Question.position, Question.roundtable_id == roundtable_id),
        **cleaned,
    )
    session.add(question)
    session.flush()
    if insert_at is not None:
        move_question(session, question, insert_at)
    return question


def update_question(session: Session, question: Question, **changes: Any) -> Question:
    """Change the given fields: text, asked_by_person, asked_by_organisation, status, answer.

    Naming who asked replaces the previous asker: setting ``asked_by_person``
    clears ``asked_by_organisation`` unless the same call sets it too (and the
    other way round); setting both to non-``None`` values is refused. Use
    :func:`move_question` to change the position.
    """
    cleaned = clean_values(_question_cleaners(), changes, "update_question()")
    if cleaned.get("asked_by_person") is not None and "asked_by_organisation" not in cleaned:
        cleaned["asked_by_organisation"] = None
    if cleaned.get("asked_by_organisation") is not None and "asked_by_person" not in cleaned:
        cleaned["asked_by_person"] = None
    _asked_by(
        cleaned.get("asked_by_person", question.asked_by_person),
        cleaned.get("asked_by_organisation", question.asked_by_organisation),
    )
    apply_values(question, cleaned)
    session.flush()
    return question


def move_question(session: Session, question: Question, new_position: int) -> None:
    """Move a question to ``new_position`` (clamped to the list) and renumber the
    roundtable's questions 0..n-1."""
    target = clean_position(new_position)
    if target is None:
        raise TypeError("move_question() needs a position, not None")
    if question.roundtable_id is None:
        session.add(question)
        session.flush()
    place_among(_questions_of(session, question.roundtable_id), question, target)
    session.flush()
    # The loaded collection keeps its old order until it is read again.
    session.expire(question.roundtable, ["questions"])


def delete_question(session: Session, question: Question) -> None:
    """Delete a question and renumber the roundtable's list 0..n-1."""
    roundtable = question.roundtable
    delete_positioned(
        session, question, Question.roundtable_id, question.roundtable_id, roundtable, "questions"
    )
