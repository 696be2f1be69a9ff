"""The actions of contacts import and export.

An import writes a whole plan (:mod:`roundtable.contacts.planning`) in one
action, all of it or none; its undo is the change set's, which takes back the
people and organisations it added and the updates it made, and refuses when one
of them was used since (an added person invited meanwhile). An export writes a
file outside the database: its action only records that in the audit log, and
cannot be undone.

The app runs these through its store, ``roundtable contacts import --yes`` and
``roundtable contacts export`` through :func:`roundtable.actions.perform`.
"""

from __future__ import annotations

from pathlib import PurePath

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.contacts import applying, export
from roundtable.contacts.applying import ImportResult
from roundtable.contacts.planning import ImportPlan, RowAction
from roundtable.i18n import _, ngettext


@action("people", "organisations")
def import_contacts(plan: ImportPlan) -> Action[ImportResult]:
    """Write the rows ``plan`` adds and updates, each checked again; what was written."""
    n = plan.count(RowAction.ADD) + plan.count(RowAction.UPDATE)
    source = plan.source
    file_name = source.name or (source.path.name if source.path is not None else "")
    label = ngettext("Import {n} contact from {file}", "Import {n} contacts from {file}", n).format(
        n=n, file=file_name
    )

    def run(session: Session) -> ImportResult:
        return applying.apply_import(session, plan)

    return Action(label, run)


@action(undoable=False)
def record_export(format_name: str, count: int, file: str) -> Action[None]:
    """Record in the audit log that ``count`` people were written to ``file`` (its name only)."""

    def run(session: Session) -> None:
        export.record_export(session, format_name, count, PurePath(file).name)

    return Action(_("Export contacts"), run)
