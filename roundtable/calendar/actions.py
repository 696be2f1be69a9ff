"""The calendar's action: reading replies and a host's invitations in.

:func:`import_files` is what File > Import calendar replies… (and a drop on the
window) runs in the app, and what ``roundtable ics import`` runs on the command
line. Its change set holds every row the import wrote, a host's roundtable with
its organiser, organisation and attendees included, so one undo takes the whole
import back.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from roundtable.actions import Action, action
from roundtable.calendar import incoming
from roundtable.calendar.incoming import ImportReport
from roundtable.i18n import _


@action("invitations", "roundtables", "people", "organisations")
def import_files(paths: Sequence[str | Path]) -> Action[ImportReport]:
    """Read these ``.ics`` files and ``.eml`` messages and act on them; the report says how.

    See :func:`roundtable.calendar.incoming.import_files`: a file that cannot be
    used changes nothing and is reported, the others still count.
    """
    files = [Path(path) for path in paths]

    def run(session: Session) -> ImportReport:
        return incoming.import_files(session, files)

    return Action(_("Import calendar replies"), run)
