"""How many were invited and how many came: the one count every output uses.

Statements, letters, the question handout and the minutes all take their numbers
from :func:`count_invitations` (through :func:`roundtable.publishing.views.roundtable_view`),
so a statement and the minutes of the same roundtable can never give two numbers.

* **Invited** are the invitations that went out: every status but "not sent",
  withdrawn ones included (they were invited).
* **Came** is known only when attendance was recorded: someone is recorded as
  present, or everyone who said yes has been recorded as present or absent.
  A held roundtable whose attendance nobody recorded has ``attendance_recorded``
  False, and output says nothing about who took part rather than "0 took part".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from roundtable.enums import InvitationStatus
from roundtable.meetings.invitations import STATES

_SAID_YES = frozenset(status for status, state in STATES.items() if state.said_yes)
_NO_ANSWER = frozenset({InvitationStatus.INVITED, InvitationStatus.NO_RESPONSE})
#: A yes that still waits for the record of whether they came.
_YES_UNRECORDED = frozenset({InvitationStatus.ACCEPTED, InvitationStatus.TENTATIVE})


@dataclass(frozen=True)
class InvitationCounts:
    """The counts of one roundtable's invitations, as public output gives them."""

    #: Invitations that went out (any status but "not sent").
    invited: int
    #: Said yes (accepted, attended or no-show).
    accepted: int
    declined: int
    #: Sent and never answered.
    no_answer: int
    withdrawn: int
    #: Recorded as present (0 when attendance was not recorded: see ``attendance_recorded``).
    came: int
    #: Whether ``came`` means anything: see the module's description.
    attendance_recorded: bool


def count_invitations(statuses: Iterable[InvitationStatus]) -> InvitationCounts:
    """The counts of invitations with these statuses (one per invitation)."""
    sent: Counter[InvitationStatus] = Counter(
        status for status in statuses if status != InvitationStatus.NOT_SENT
    )
    came = sent[InvitationStatus.ATTENDED]
    absent = sent[InvitationStatus.NO_SHOW]
    unrecorded = sum(sent[status] for status in _YES_UNRECORDED)
    return InvitationCounts(
        invited=sent.total(),
        accepted=sum(n for status, n in sent.items() if status in _SAID_YES),
        declined=sent[InvitationStatus.DECLINED],
        no_answer=sum(n for status, n in sent.items() if status in _NO_ANSWER),
        withdrawn=sent[InvitationStatus.WITHDRAWN],
        came=came,
        attendance_recorded=came > 0 or (absent > 0 and unrecorded == 0),
    )


__all__ = ["InvitationCounts", "count_invitations"]
