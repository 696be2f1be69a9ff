"""Letters and handouts of one roundtable, rendered for the desktop app to write to files.

Reads, never changes: the app calls these through ``Store.read`` with ids and
gets the rendered texts back, then writes the files itself. Template errors
propagate as :class:`~roundtable.publishing.templates.TemplateError`, so
nothing is written then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from roundtable.enums import InvitationStatus
from roundtable.meetings.lifecycle import get_roundtable
from roundtable.publishing.render import render_for_roundtable
from roundtable.storage.models import Invitation

#: The template that is rendered only for withdrawn invitations.
WITHDRAWAL_NOTICE = "withdrawal_notice.txt"


@dataclass(frozen=True)
class Letter:
    """One invitee's letter: whose it is, and its text."""

    invitation_id: int
    invitee: str
    text: str


@dataclass(frozen=True)
class Letters:
    """The letters rendered, and the invitees left out because their invitation is not withdrawn."""

    letters: tuple[Letter, ...]
    #: Names of invitees a withdrawal notice was asked for whose invitation stands.
    not_withdrawn: tuple[str, ...] = ()


def invitation_letters(
    session: Session, roundtable_id: int, invitation_ids: Sequence[int], template: str | Path
) -> Letters:
    """``template`` rendered once per invitation of the roundtable, in the order given.

    A withdrawal notice is rendered only for withdrawn invitations (the others
    are named in :attr:`Letters.not_withdrawn`); an invitation removed meanwhile
    is left out.
    """
    roundtable = get_roundtable(session, roundtable_id)
    withdrawal = str(template) == WITHDRAWAL_NOTICE
    letters: list[Letter] = []
    not_withdrawn: list[str] = []
    for invitation_id in invitation_ids:
        invitation = session.get(Invitation, invitation_id)
        if invitation is None:
            continue
        if withdrawal and invitation.status != InvitationStatus.WITHDRAWN:
            not_withdrawn.append(invitation.invitee_name)
            continue
        rendered = render_for_roundtable(session, roundtable, template, invitation=invitation)
        letters.append(Letter(invitation.id, invitation.invitee_name, rendered.text))
    return Letters(tuple(letters), tuple(not_withdrawn))


def roundtable_handout(session: Session, roundtable_id: int, template: str | Path) -> str:
    """A handout of the roundtable (the question handout, the minutes) as rendered text."""
    return render_for_roundtable(session, get_roundtable(session, roundtable_id), template).text


def roundtable_title(session: Session, roundtable_id: int) -> str:
    """The title a handout's file is named after."""
    return get_roundtable(session, roundtable_id).title
