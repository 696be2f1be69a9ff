"""The built-in templates render the demo statement, letters and handouts correctly.

Each statement template (HTML, Markdown, plain text; English and Dutch) must follow
the structure of the example article, number footnotes in order of first citation,
list only cited sources, escape HTML, and never name an invitee without consent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import html5lib
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from roundtable import demo, errors
from roundtable.enums import RoundtableStatus
from roundtable.meetings import lifecycle
from roundtable.publishing import render
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.storage.models import Invitation, Person, Statement

SLUG = "tiktok-charm-offensive"
CLOVER = "project-clover-2023-09-07@demo.roundtable.local"
NOVEMBER = "tiktok-roundtable-2023-11-27@demo.roundtable.local"
LANGUAGES = ("en", "nl")
FORMATS = ("html", "md", "txt")
# Invitees of the demo who did not consent to be named.
UNCONSENTED = ("Amira El Idrissi", "Lotte Janssens")

CONTEXT = (
    "Governments and Brussels have turned up the pressure on TikTok.\n\n"
    "A day earlier the FD wrote about Project Clover.[[cite:fd-2023-09-05]] The monitor is "
    "NCC Group.[[cite:ncc-group]] The FD again.[[cite:fd-2023-09-05]]"
)


@pytest.fixture
def session(sqlite_db: Database) -> Iterator[Session]:
    """The demo loaded, with citation markers in the context section, in one open session."""
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
        statement = records.get_statement(session, SLUG)
        for section in statement.sections:
            # The demo cites its sources too; these tests set their own citations.
            section.body = re.sub(r"\[\[cite:[^\]]*\]\]", "", section.body)
        context = next(s for s in statement.sections if s.key == "context")
        context.body = CONTEXT
        session.flush()
        yield session


def _statement(session: Session) -> Statement:
    return records.get_statement(session, SLUG)


def _render(session: Session, fmt: str, language: str) -> render.Rendered:
    return render.render_statement(
        session, _statement(session), f"statement.{fmt}", language=language
    )


def _assert_valid_html5(text: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(text)  # raises ParseError on the first error
    assert not parser.errors
    assert text.startswith("<!DOCTYPE html>")


def _in_order(text: str, parts: list[str]) -> None:
    """Each of ``parts`` occurs in ``text``, each after the one before."""
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order"
        position = found


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_parts_come_in_the_order_of_the_article(
    session: Session, fmt: str, language: str
) -> None:
    rendered = _render(session, fmt, language)
    assert rendered.format == fmt
    text = rendered.text if fmt != "html" else rendered.text.replace("&#39;", "'")
    if fmt == "md":
        text = re.sub(r"\\(.)", r"\1", text)
    title = "TikTok's charm offensive"
    if fmt == "txt":
        title = title.upper()
    invited = "15 August 2023" if language == "en" else "15 augustus 2023"
    withdrawn = "5 September 2023" if language == "en" else "5 september 2023"
    sources = {"en": "Sources", "nl": "Bronnen"}[language]
    _in_order(
        text,
        [
            title,
            "Machine translation (DeepL)",
            "Why we talk to TikTok" if fmt != "txt" else "WHY WE TALK TO TIKTOK",
            "A platform under pressure" if fmt != "txt" else "A PLATFORM UNDER PRESSURE",
            "The questions we prepared" if fmt != "txt" else "THE QUESTIONS WE PREPARED",
            "what keeps TikTok from bringing its whole operation",
            "may findings and conclusions be made public",
            "Disinvited two days before" if fmt != "txt" else "DISINVITED TWO DAYS BEFORE",
            invited,
            withdrawn,
            "TikTok called off our participation",
            "Where we stand" if fmt != "txt" else "WHERE WE STAND",
            "Update, 3 December 2023" if fmt != "txt" else "UPDATE, 3 DECEMBER 2023",
            "A while after the events above",
            sources if fmt != "txt" else sources.upper(),
            "Article on TikTok's Project Clover",
            "NCC Group, external monitor",
        ],
    )
    # The withdrawal is told as the host's act, in the statement's language.
    assert ("TikTok withdrew our invitation" if language == "en" else "TikTok trok onze") in text
    # The big roundtable's invitees are counted (exactly, as in its minutes), not listed.
    assert ("40 groups and" if language == "en" else "40 groepen en") in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_footnotes_link_both_ways_and_list_only_cited_sources(
    session: Session, language: str
) -> None:
    text = _render(session, "html", language).text
    markers = re.findall(
        r'<sup class="fn"><a href="#ref-(\d+)"(?: id="cite-(\d+)")?>(\d+)</a>', text
    )
    # First citation of fd is 1, ncc is 2, the second fd citation reuses 1 without a second id.
    assert markers == [("1", "1", "1"), ("2", "2", "2"), ("1", "", "1")]
    assert text.count('id="cite-1"') == 1
    assert '<li id="ref-1">' in text and '<li id="ref-2">' in text
    assert 'href="#cite-1"' in text and 'href="#cite-2"' in text
    assert 'id="ref-3"' not in text
    assert "TikTok Privacy Policy" not in text  # defined but never cited
    sources = text[text.index('id="sources"') :]
    assert sources.index("Het Financieele Dagblad") < sources.index("NCC Group")


@pytest.mark.parametrize("language", LANGUAGES)
def test_markdown_and_text_footnotes(session: Session, language: str) -> None:
    md = _render(session, "md", language).text
    assert re.findall(r"\[\^(\d+)\]", md) == ["1", "2", "1", "1", "2"]
    assert "[^1]: [Article on TikTok" in md
    assert "TikTok Privacy Policy" not in md
    txt = _render(session, "txt", language).text
    assert "Project Clover.[1] The monitor is NCC Group.[2] The FD again.[1]" in txt
    assert "[1] Article on TikTok's Project Clover" in txt
    assert "[3]" not in txt


@pytest.mark.parametrize("language", LANGUAGES)
def test_html_statement_is_valid_html5_with_print_styles(session: Session, language: str) -> None:
    text = _render(session, "html", language).text
    _assert_valid_html5(text)
    assert f'<html lang="{language}">' in text
    assert '<meta charset="utf-8">' in text
    assert "<title>TikTok&#39;s charm offensive</title>" in text
    assert "max-width: 42em" in text and "line-height: 1.6" in text
    assert "@media print" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_updates_come_in_date_order(session: Session, fmt: str) -> None:
    statement = _statement(session)
    records.add_statement_update(
        session, statement, date(2023, 10, 1), "An earlier note.", title="Update, 1 October 2023"
    )
    session.flush()
    session.expire(statement)
    text = _render(session, fmt, "en").text
    _in_order(text, ["An earlier note.", "A while after the events above"])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_invitee_without_consent_is_named(session: Session, fmt: str, language: str) -> None:
    rendered = _render(session, fmt, language)
    for name in UNCONSENTED:
        assert name not in rendered.text
        assert name not in rendered.names
    # Consenting invitees and the host are named, and the check lists them.
    assert "Femke de Graaf" in rendered.names
    assert "TikTok" in rendered.names


def test_html_escapes_names_and_questions(session: Session) -> None:
    person = session.scalar(select(Person).where(Person.name == "Femke de Graaf"))
    assert person is not None
    person.name = "<script>alert('x')</script> Femke"
    statement = _statement(session)
    question = statement.roundtables[0].questions[0]
    question.text = "Is <b>this</b> & that safe?"
    session.flush()
    text = _render(session, "html", "en").text
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Femke" in text
    assert "Is &lt;b&gt;this&lt;/b&gt; &amp; that safe?" in text
    _assert_valid_html5(text)


def _invitation(session: Session, uid: str, email: str) -> Invitation:
    roundtable = lifecycle.get_roundtable(session, uid)
    return next(i for i in roundtable.invitations if i.person and i.person.email == email)


@pytest.mark.parametrize("language", LANGUAGES)
def test_invitation_letter_is_personal(session: Session, language: str) -> None:
    roundtable = lifecycle.get_roundtable(session, NOVEMBER)
    invitation = _invitation(session, NOVEMBER, "amira.elidrissi@polderconsumer.example")
    rendered = render.render_for_roundtable(
        session, roundtable, "invitation_letter.txt", invitation=invitation, language=language
    )
    greeting = "Dear" if language == "en" else "Beste"
    assert rendered.text.startswith(f"{greeting} Amira El Idrissi,")
    assert roundtable.title in rendered.text
    assert (
        "Monday 27 November 2023, 14:00" if language == "en" else "maandag 27 november 2023, 14:00"
    ) in rendered.text
    # A letter to one invitee names nobody else invited without consent.
    assert "Lotte Janssens" not in rendered.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawal_notice_does_not_give_the_internal_reason(
    session: Session, language: str
) -> None:
    roundtable = lifecycle.get_roundtable(session, CLOVER)
    invitation = _invitation(session, CLOVER, "marloes.vandijk@privacyfirst.example")
    text = render.render_for_roundtable(
        session, roundtable, "withdrawal_notice.txt", invitation=invitation, language=language
    ).text
    assert "Marloes van Dijk" in text
    assert ("withdraw our invitation" if language == "en" else "intrekken") in text
    assert "interest in the roundtable was too low" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_question_handout_and_minutes_are_valid_html(session: Session, language: str) -> None:
    november = lifecycle.get_roundtable(session, NOVEMBER)
    handout = render.render_for_roundtable(
        session, november, "question_handout.html", language=language
    ).text
    _assert_valid_html5(handout)
    _in_order(handout, ["Now that European user data", "gold standard", "NCC Group"])
    assert "Amira El Idrissi" not in handout  # asked a question, but gave no consent
    hearing = lifecycle.get_roundtable(session, "tiktok-hearing-2023-09-06@demo.roundtable.local")
    minutes = render.render_for_roundtable(session, hearing, "minutes.html", language=language).text
    _assert_valid_html5(minutes)
    assert "Questions from members to TikTok" in minutes
    assert ("Action items" if language == "en" else "Actiepunten") in minutes


def test_minutes_never_attribute_a_note_marked_not_for_attribution(session: Session) -> None:
    hearing = lifecycle.get_roundtable(session, "tiktok-hearing-2023-09-06@demo.roundtable.local")
    note = hearing.agenda_items[0].notes[0]
    assert "TikTok conceded" in note.text
    before = render.render_for_roundtable(session, hearing, "minutes.html").text
    assert "Lucas Brandt" in before  # consented, attributed
    note.not_for_attribution = True
    session.flush()
    after = render.render_for_roundtable(session, hearing, "minutes.html").text
    assert "TikTok conceded" in after
    assert "Lucas Brandt" not in after
    _assert_valid_html5(after)


@pytest.mark.parametrize("language", LANGUAGES)
def test_withdrawal_notice_for_a_cancelled_roundtable(session: Session, language: str) -> None:
    roundtable = lifecycle.get_roundtable(session, NOVEMBER)
    invitation = _invitation(session, NOVEMBER, "femke.degraaf@safescreens.example")
    roundtable.status = RoundtableStatus.CANCELLED
    roundtable.cancellation_reason = "The venue is unavailable."
    session.flush()
    text = render.render_for_roundtable(
        session, roundtable, "withdrawal_notice.txt", invitation=invitation, language=language
    ).text
    assert ("will not take place" if language == "en" else "niet doorgaat") in text
    assert "The venue is unavailable." in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_without_note_or_citations_leaves_those_parts_out(
    session: Session, fmt: str
) -> None:
    statement = _statement(session)
    statement.translation_note = ""
    next(s for s in statement.sections if s.key == "context").body = "No sources here."
    session.flush()
    text = _render(session, fmt, "en").text
    assert "Machine translation" not in text
    assert "Sources" not in text and "SOURCES" not in text
    assert "[1]" not in text and "[^1]" not in text and "#ref-1" not in text
    if fmt == "html":
        _assert_valid_html5(text)


def test_citing_an_unknown_reference_names_the_key(session: Session) -> None:
    statement = _statement(session)
    next(s for s in statement.sections if s.key == "context").body = "Claim.[[cite:nowhere]]"
    session.flush()
    with pytest.raises(errors.TemplateError, match="nowhere") as caught:
        _render(session, "html", "en")
    assert caught.value.template_name == "statement.html"


def test_the_demo_statement_cites_its_three_sources_in_order(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
        text = render.render_statement(session, _statement(session), "statement.md").text
    sources = text[text.index("[^1]:") :]
    _in_order(sources, ["[^1]: ", "Financieele Dagblad", "[^2]: ", "NCC", "[^3]: ", "TikTok"])
    _in_order(text, ["Project Clover,[^1]", "NCC Group.[^2]", "Malaysia", "[^3]"])
