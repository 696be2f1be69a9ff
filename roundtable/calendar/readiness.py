"""Whether a roundtable's calendar files can be made, known before anyone is asked anything.

Every calendar file needs a start and an organiser with a usable e-mail
address (replies go to it). :func:`calendar_readiness` says which is missing
and in what words, so the window can say so (and offer to set the organiser)
before it asks for a format and a folder; :mod:`roundtable.calendar.outgoing`
refuses with the same sentences when a file is built anyway. This module does
not load icalendar.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from roundtable.editing import get_or_fail
from roundtable.errors import ValidationError
from roundtable.i18n import _
from roundtable.storage.models import Roundtable
from roundtable.validation import validate_email

#: What :attr:`CalendarReadiness.missing` names.
MISSING_DATE = "date"
MISSING_ORGANISER = "organiser"
ORGANISER_WITHOUT_EMAIL = "organiser_email"


@dataclass(frozen=True)
class CalendarReadiness:
    """What a roundtable lacks for calendar files ("" when nothing), and the sentence saying so."""

    roundtable_id: int
    title: str
    #: ``""``, :data:`MISSING_DATE`, :data:`MISSING_ORGANISER` or :data:`ORGANISER_WITHOUT_EMAIL`.
    missing: str
    message: str
    organiser_id: int | None
    organiser_name: str

    @property
    def ready(self) -> bool:
        return not self.missing


def usable_email(value: str | None) -> str | None:
    """``value`` cleaned when it can be a ``mailto:`` address, else ``None``."""
    try:
        return validate_email(value)
    except ValidationError:
        return None


def _quoted(roundtable: Roundtable) -> str:
    return f"“{roundtable.title}”"


def no_date_problem(roundtable: Roundtable) -> str:
    """The refusal when the roundtable has no start yet ("" when it has one)."""
    if roundtable.starts_at is not None:
        return ""
    return _("{title} has no date yet; schedule it before exporting calendar files.").format(
        title=_quoted(roundtable)
    )


def organiser_problem(roundtable: Roundtable) -> tuple[str, str]:
    """What is wrong with the organiser (``missing``, the sentence); ``("", "")`` when fine."""
    person = roundtable.organiser
    if person is None:
        return MISSING_ORGANISER, _(
            "{title} has no organiser; choose the organiser (a person with an e-mail "
            "address) in the roundtable's details before exporting calendar files."
        ).format(title=_quoted(roundtable))
    if usable_email(person.email) is None:
        return ORGANISER_WITHOUT_EMAIL, _(
            "The organiser of {title}, {name}, has no usable e-mail address; add one to "
            "{name}'s details, because calendar replies go to it."
        ).format(title=_quoted(roundtable), name=person.name)
    return "", ""


def calendar_readiness(session: Session, roundtable_id: int) -> CalendarReadiness:
    """Whether calendar files of the roundtable can be made, and if not, what is missing."""
    roundtable = get_or_fail(session, Roundtable, roundtable_id)
    missing, message = "", no_date_problem(roundtable)
    if message:
        missing = MISSING_DATE
    else:
        missing, message = organiser_problem(roundtable)
    organiser = roundtable.organiser
    return CalendarReadiness(
        roundtable_id=int(roundtable.id),
        title=roundtable.title,
        missing=missing,
        message=message,
        organiser_id=int(organiser.id) if organiser is not None else None,
        organiser_name=organiser.name if organiser is not None else "",
    )
