"""Samples of roundtable.calendar.actions (see README.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.calendar import actions as c
from roundtable.calendar.incoming import ImportReport
from roundtable.meetings import invitations, lifecycle
from roundtable.people import persons

DATA = Path(__file__).resolve().parents[2] / "data" / "ics"


def _import(session: Session) -> Action[ImportReport]:
    """A real reply from Google Calendar, and a host's invitation that becomes a roundtable.

    The demo gets the roundtable the reply answers (its UID) with the invitee
    who declined; undo must take back both the answer and the host's roundtable
    with the people and organisation it brought in.
    """
    roundtable = lifecycle.create_roundtable(
        session,
        title="Stakeholder roundtable on smart meters",
        uid="rt-smartmeters-2026@roundtable.local",
    )
    lifecycle.schedule(session, roundtable, datetime(2026, 12, 10, 14), datetime(2026, 12, 10, 16))
    priya = persons.create_person(
        session, "Priya Raman", email="priya.raman@consumentenbond.example"
    )
    invitations.mark_invited(session, invitations.add_invitation(session, roundtable, person=priya))
    return c.import_files([DATA / "google-reply-declined.ics", DATA / "host-request.ics"])


SAMPLES = {"calendar.actions.import_files": _import}

__all__ = ["SAMPLES", "Action"]
