"""Public output counts invitees and attendees once, exactly, and never invents "0 took part".

The built-in templates are rendered on the demo: the statement (HTML, Markdown, text) and the
minutes, in English and Dutch, must give the same number of invitees, and a held roundtable
whose attendance nobody recorded must not say that nobody came.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from roundtable import demo
from roundtable.enums import InvitationStatus
from roundtable.meetings import lifecycle
from roundtable.people import organisations
from roundtable.publishing import render
from roundtable.publishing.counts import count_invitations
from roundtable.publishing.views import roundtable_view
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import Invitation, Roundtable

SLUG = "tiktok-charm-offensive"
NOVEMBER = "tiktok-roundtable-2023-11-27@demo.roundtable.local"
LANGUAGES = ("en", "nl")
FORMATS = ("html", "md", "txt")

_S = InvitationStatus


@pytest.fixture
def session(sqlite_db: Database) -> Iterator[Session]:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
        yield session


def _november(session: Session) -> Roundtable:
    return lifecycle.get_roundtable(session, NOVEMBER)


def _plain(text: str) -> str:
    """The rendered text without tags, entities, Markdown escapes or line breaks."""
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.replace("\\", "").split())


def _statement(session: Session, fmt: str, language: str) -> str:
    statement = records.get_statement(session, SLUG)
    rendered = render.render_statement(session, statement, f"statement.{fmt}", language=language)
    return _plain(rendered.text)


def _minutes(session: Session, language: str) -> str:
    rendered = render.render_for_roundtable(
        session, _november(session), "minutes.html", language=language
    )
    return _plain(rendered.text)


def _invite_six_more(session: Session) -> None:
    """Six more organisations invited to the November roundtable: 46 in all."""
    november = _november(session)
    for n in range(6):
        organisation = organisations.create_organisation(session, f"Late Invitee {n + 1}")
        session.add(Invitation(roundtable=november, organisation=organisation, status=_S.INVITED))
    session.flush()
    session.expire(november)


def _forget_attendance(session: Session) -> None:
    """As if nobody recorded who came: everyone who came or stayed away is still "accepted"."""
    for invitation in _november(session).invitations:
        if invitation.status in (_S.ATTENDED, _S.NO_SHOW):
            invitation.status = _S.ACCEPTED
    session.flush()


INVITED = {"en": "{n} groups and individuals were invited", "nl": "{n} groepen en personen werden"}
TOOK_PART = {"en": "; {n} took part", "nl": "; {n} namen deel"}
MINUTES_INVITED = {"en": "Invited: {n};", "nl": "Uitgenodigd: {n};"}
MINUTES_CAME = {"en": "took part: {n}.", "nl": "aanwezig: {n}."}
NOT_RECORDED = {"en": "attendance was not recorded", "nl": "de aanwezigheid is niet bijgehouden"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_statements_and_minutes_give_the_same_exact_number_of_invitees(
    session: Session, language: str
) -> None:
    _invite_six_more(session)
    assert roundtable_view(session, _november(session)).invited_count == 46
    minutes = _minutes(session, language)
    assert MINUTES_INVITED[language].format(n=46) in minutes
    assert MINUTES_CAME[language].format(n=11) in minutes
    for fmt in FORMATS:
        text = _statement(session, fmt, language)
        assert INVITED[language].format(n=46) in text, fmt
        assert TOOK_PART[language].format(n=11) in text, fmt
        # The rounded figure ("About 45") that disagreed with the minutes is gone.
        assert "45 groups" not in text and "45 groepen" not in text
        assert not re.search(r"\b(About|Ongeveer) \d+ (groups|groepen)", text), fmt


@pytest.mark.parametrize("language", LANGUAGES)
def test_unrecorded_attendance_is_never_zero_took_part(session: Session, language: str) -> None:
    _forget_attendance(session)
    view = roundtable_view(session, _november(session))
    assert view.status == "held"
    assert (view.came_count, view.attendance_recorded) == (0, False)
    minutes = _minutes(session, language)
    assert MINUTES_INVITED[language].format(n=40) in minutes
    assert NOT_RECORDED[language] in minutes
    assert MINUTES_CAME[language].format(n=0) not in minutes
    for fmt in FORMATS:
        text = _statement(session, fmt, language)
        assert INVITED[language].format(n=40) in text, fmt
        assert TOOK_PART[language].format(n=0) not in text, fmt
        assert not re.search(r"\b0 (took part|namen deel|nam deel)", text), fmt
        # The other roundtable of the statement, whose attendance was recorded, still says so.
        assert TOOK_PART[language].format(n=3) in text, fmt


def test_one_who_came_is_said_in_good_dutch(session: Session) -> None:
    for invitation in _november(session).invitations:
        if invitation.status == _S.ATTENDED:
            invitation.status = _S.ACCEPTED
    _november(session).invitations[0].status = _S.ATTENDED
    session.flush()
    for fmt in FORMATS:
        assert "; 1 nam deel." in _statement(session, fmt, "nl")
        assert "; 1 took part." in _statement(session, fmt, "en")


@pytest.mark.parametrize(
    ("statuses", "came", "recorded"),
    [
        ([], 0, False),
        ([_S.ACCEPTED, _S.ACCEPTED, _S.DECLINED], 0, False),  # held, nobody recorded
        ([_S.ATTENDED, _S.ACCEPTED, _S.NO_SHOW], 1, True),  # who came is recorded
        ([_S.NO_SHOW, _S.NO_SHOW, _S.DECLINED], 0, True),  # everyone who said yes stayed away
        # Only the absent recorded while others who said yes wait: unknown, not "0 came".
        ([_S.NO_SHOW, _S.ACCEPTED, _S.TENTATIVE], 0, False),
    ],
)
def test_attendance_is_known_only_when_recorded(
    statuses: list[InvitationStatus], came: int, recorded: bool
) -> None:
    counts = count_invitations(statuses)
    assert (counts.came, counts.attendance_recorded) == (came, recorded)


def test_invited_counts_every_invitation_that_went_out() -> None:
    counts = count_invitations(list(InvitationStatus))  # one invitation of each status
    assert counts.invited == 8  # everything but "not sent"
    assert counts.accepted == 3  # accepted, attended, no-show
    assert (counts.declined, counts.no_answer, counts.withdrawn, counts.came) == (1, 2, 1, 1)
