"""The actions of the privacy tools: keep after a review, the retention period, erasure,
and recording a subject-access export.

Each factory names people by id and returns an :class:`~roundtable.actions.Action`
that the app runs through its store and the command line through
:func:`roundtable.actions.perform`. Keeping and the retention period are undone
from their change sets like any other action. Erasure cannot be undone (the old
details must not survive anywhere, the undo history included), and recording an
export only writes an audit row: a file handed out cannot be taken back.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.editing import get_or_fail
from roundtable.i18n import _, ngettext
from roundtable.privacy import access, erasure, retention
from roundtable.storage.models import Person

#: Everything an erasure may rewrite: a person's name can appear in the text of any of these.
ERASE_KINDS = (
    "people",
    "invitations",
    "questions",
    "minutes",
    "action_items",
    "follow_ups",
    "statements",
    "roundtables",
    "organisations",
)


@action("people")
def keep(person_ids: Sequence[int], *, name: str = "") -> Action[None]:
    """A review keeps these people's details: each is due again one retention period from now.

    ``name`` is the person's name for the label when one person is kept
    ("Keep “Ingrid Bos”"). One audit row ``privacy.keep`` per person; refuses
    (and keeps nobody) when one of them was erased.
    """
    ids = list(person_ids)

    def run(session: Session) -> None:
        for person_id in ids:
            retention.keep_person(session, get_or_fail(session, Person, person_id))

    if len(ids) == 1 and name:
        label = _("Keep “{name}”").format(name=name)
    else:
        label = ngettext("Keep {count} person", "Keep {count} people", len(ids)).format(
            count=len(ids)
        )
    return Action(label, run)


# The period is a setting, but it decides who is due for review: the pages that
# show people's review dates (the Privacy page, the dashboard's count) refresh on "people".
@action("settings", "people")
def set_retention(months: int) -> Action[None]:
    """Set the retention period to ``months`` (1 to 240); writes an audit row."""

    def run(session: Session) -> None:
        retention.set_retention_months(session, months)

    label = ngettext(
        "Retention period {months} month", "Retention period {months} months", months
    ).format(months=months)
    return Action(label, run)


@action(*ERASE_KINDS, undoable=False, forgets_history=True)
def erase(person_ids: Sequence[int]) -> Action[list[erasure.ErasurePlan]]:
    """Erase these people by anonymisation, all or none; what was done for each.

    Cannot be undone, and the app forgets its undo history: older steps hold
    the old names and addresses. On SQLite, call
    :func:`~roundtable.privacy.erasure.scrub_sqlite_file` after it, so the
    old pages leave the write-ahead log too.
    """
    ids = list(person_ids)

    def run(session: Session) -> list[erasure.ErasurePlan]:
        return [
            erasure.erase_person(session, get_or_fail(session, Person, person_id))
            for person_id in ids
        ]

    label = ngettext("Erase {count} person", "Erase {count} people", len(ids)).format(
        count=len(ids)
    )
    return Action(label, run)


@action(undoable=False)
def record_access_export(person_id: int, files: Sequence[str]) -> Action[None]:
    """Record that a person's data was exported into ``files`` (their names): one audit row.

    The files are written first, by :func:`~roundtable.privacy.access.write_report_files`;
    nothing here can be undone, and the undo history stays.
    """
    names = [str(name) for name in files]

    def run(session: Session) -> None:
        access.record_access_export(session, get_or_fail(session, Person, person_id), names)

    return Action(_("Export personal data"), run)
