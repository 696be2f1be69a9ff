"""The actions on statements, what the editor reads of one, and the live preview's render.

Undo goes through :mod:`roundtable.actions` (the change set), as the app's
Edit > Undo does: a deleted statement comes back whole, with its id, status,
parts in their order and roundtable links.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event, select

from roundtable import actions
from roundtable.enums import StatementStatus
from roundtable.errors import NotFoundError, TemplateError, UndoConflictError, ValidationError
from roundtable.i18n import set_language
from roundtable.meetings import lifecycle
from roundtable.people import organisations
from roundtable.statements import actions as a
from roundtable.statements import queries, records
from roundtable.statements.preview import render_preview
from roundtable.storage.db import Database
from roundtable.storage.interchange import export_database
from roundtable.storage.models import Base, Statement, StatementSection

pytestmark = pytest.mark.usefixtures("clock")


def _export(db: Database) -> dict[str, Any]:
    with db.transaction() as session:
        document = export_database(session)
    document.pop("audit_log")
    return document


@pytest.fixture
def ids(db: Database) -> dict[str, Any]:
    """A published statement with three sections, two references, an update and two links."""
    with db.transaction() as session:
        host = organisations.create_organisation(session, "TikTok", kind="company")
        clover = lifecycle.create_roundtable(session, title="Project Clover", host=host)
        hearing = lifecycle.create_roundtable(session, title="Hearing", host=host)
        other = lifecycle.create_roundtable(session, title="Other", host=host)
        statement = records.create_statement(session, "clover", "On Project Clover")
        sections = [
            records.add_statement_section(session, statement, key, key.title(), f"About {key}.")
            for key in ("introduction", "context", "questions")
        ]
        references = [
            records.add_reference(session, statement, "fd", "One", url="https://example.org/1"),
            records.add_reference(session, statement, "nos", "Two", published_on=date(2023, 9, 5)),
        ]
        update = records.add_statement_update(session, statement, date(2026, 12, 3), "Waiting.")
        records.link_roundtable(session, statement, clover)
        records.link_roundtable(session, statement, hearing)
        records.update_statement(session, statement, status="published")
        return {
            "statement": statement.id,
            "sections": [s.id for s in sections],
            "references": [r.id for r in references],
            "update": update.id,
            "roundtables": [clover.id, hearing.id],
            "other": other.id,
        }


def test_undoing_the_deletion_of_a_statement_brings_it_back_whole(
    db: Database, ids: dict[str, Any]
) -> None:
    before = _export(db)
    detail = db.read(queries.statement_detail, ids["statement"])
    done = actions.perform(db, a.delete_statement(ids["statement"], title="On Project Clover"))
    assert done.action.label == "Delete statement “On Project Clover”"
    assert done.kinds == {"statements", "audit"}
    with pytest.raises(NotFoundError, match="The statement no longer exists"):
        db.read(queries.statement_detail, ids["statement"])

    actions.undo(db, done)
    assert _export(db) == before
    # The same id, status, parts in their order and links: the editor sees what it saw.
    assert db.read(queries.statement_detail, ids["statement"]) == detail
    assert detail.status == StatementStatus.PUBLISHED
    assert detail.roundtable_ids == frozenset(ids["roundtables"])

    actions.redo(db, done)
    assert db.read(queries.list_statements) == []
    with pytest.raises(NotFoundError):
        db.read(queries.statement_detail, ids["statement"])


def test_undo_of_a_deleted_section_is_refused_once_its_statement_is_gone(
    db: Database, ids: dict[str, Any]
) -> None:
    done = actions.perform(db, a.delete_section(ids["sections"][1]))
    actions.perform(db, a.delete_statement(ids["statement"]))
    after = _export(db)
    with pytest.raises(UndoConflictError, match="Cannot undo “Delete section”"):
        actions.undo(db, done)
    assert _export(db) == after


def test_sections_are_added_moved_and_deleted_with_the_others_renumbered(
    db: Database, ids: dict[str, Any]
) -> None:
    first, second, third = ids["sections"]
    added = actions.perform(
        db, a.add_section(ids["statement"], key="asks", heading="What we ask", position=1)
    )

    def order() -> list[int]:
        return [s.id for s in db.read(queries.statement_detail, ids["statement"]).sections]

    assert order() == [first, added.result, second, third]
    moved = actions.perform(db, a.move_section(added.result, 3))
    assert order() == [first, second, third, added.result]
    assert [s.position for s in db.read(queries.statement_detail, ids["statement"]).sections] == [
        0,
        1,
        2,
        3,
    ]
    actions.undo(db, moved)
    assert order() == [first, added.result, second, third]
    deleted = actions.perform(db, a.delete_section(first))
    assert order() == [added.result, second, third]
    actions.undo(db, deleted)
    assert order() == [first, added.result, second, third]


def test_a_refused_value_writes_nothing_and_names_its_field(
    db: Database, ids: dict[str, Any]
) -> None:
    before = _export(db)
    with pytest.raises(ValidationError) as caught:
        actions.perform(db, a.edit_statement(ids["statement"], slug="Not A Slug"))
    assert caught.value.field == "slug"
    with pytest.raises(ValidationError) as caught:
        actions.perform(db, a.add_reference(ids["statement"], key="fd", title="Again"))
    assert caught.value.field == "key"
    with pytest.raises(ValidationError) as caught:
        actions.perform(db, a.add_update(ids["statement"], dated=date(2024, 2, 1), body=" "))
    assert caught.value.field == "body"
    assert _export(db) == before


def test_an_edit_of_a_part_deleted_meanwhile_is_refused(db: Database, ids: dict[str, Any]) -> None:
    actions.perform(db, a.delete_reference(ids["references"][0]))
    with pytest.raises(NotFoundError, match="The reference no longer exists"):
        actions.perform(db, a.edit_reference(ids["references"][0], title="Changed"))
    with pytest.raises(NotFoundError, match="The roundtable no longer exists"):
        actions.perform(db, a.link_roundtable(ids["statement"], 999_999))


def test_an_edit_names_only_fields_the_record_has() -> None:
    with pytest.raises(ValueError, match="no field colour"):
        a.edit_statement(1, colour="red")
    with pytest.raises(ValueError, match="no field position"):
        a.edit_section(1, position=2)
    with pytest.raises(ValueError, match="needs a field"):
        a.edit_update(1)


def test_linking_and_unlinking_a_roundtable_undo(db: Database, ids: dict[str, Any]) -> None:
    def linked() -> frozenset[int]:
        return db.read(queries.statement_detail, ids["statement"]).roundtable_ids

    done = actions.perform(db, a.link_roundtable(ids["statement"], ids["other"], title="Other"))
    assert done.action.label == "Link “Other”"
    assert linked() == {*ids["roundtables"], ids["other"]}
    actions.undo(db, done)
    assert linked() == set(ids["roundtables"])
    gone = actions.perform(db, a.unlink_roundtable(ids["statement"], ids["roundtables"][0]))
    assert linked() == {ids["roundtables"][1]}
    actions.undo(db, gone)
    assert linked() == set(ids["roundtables"])


def test_the_labels_are_core_messages_in_the_language_of_the_app() -> None:
    set_language("nl")
    assert a.delete_statement(1, title="Over Clover").label == "Standpunt “Over Clover” verwijderen"
    assert a.add_section(1, heading="x").label == "Sectie toevoegen"
    assert a.create_statement("x", "Titel").label == "Nieuw standpunt “Titel”"


# --------------------------------------------------------------------------- the read model


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _plain(value: Any) -> bool:
    if isinstance(value, Base):
        return False
    if isinstance(value, tuple | list | frozenset):
        return all(_plain(v) for v in value)
    if isinstance(value, dict):
        return all(_plain(v) for v in value.values())
    return True


def test_statement_detail_holds_plain_values_read_in_five_queries(
    db: Database, ids: dict[str, Any]
) -> None:
    with db.transaction() as session, _counting(db) as small:
        detail = queries.statement_detail(session, ids["statement"])
    with db.transaction() as session:
        statement = session.get(Statement, ids["statement"])
        assert statement is not None
        for number in range(20):
            records.add_statement_section(session, statement, f"s{number}", "H", "B")
            records.add_reference(session, statement, f"r{number}", "T")
            records.add_statement_update(session, statement, date(2027, 1, 1), "U")
    with db.transaction() as session, _counting(db) as big:
        bigger = queries.statement_detail(session, ids["statement"])
    assert len(big) == len(small) == 5
    assert len(bigger.sections) == len(detail.sections) + 20
    assert dataclasses.is_dataclass(detail) and _plain(dataclasses.asdict(detail))
    assert [s.key for s in detail.sections] == ["introduction", "context", "questions"]
    assert [(r.key, r.position, r.published_on) for r in detail.references] == [
        ("fd", 0, None),
        ("nos", 1, date(2023, 9, 5)),
    ]
    assert [(u.id, u.body) for u in detail.updates] == [(ids["update"], "Waiting.")]
    assert detail.template_name == "statement"


# --------------------------------------------------------------------------- the live preview


def test_the_preview_shows_unsaved_text_and_writes_nothing(
    db: Database, ids: dict[str, Any]
) -> None:
    before = _export(db)
    rendered = render_preview(
        db,
        ids["statement"],
        "statement.md",
        {"title": "Typed ZEBRA", "summary": "A summary being typed", "translation_note": ""},
    )
    assert "Typed ZEBRA" in rendered.text and "A summary being typed" in rendered.text
    assert "On Project Clover" not in rendered.text
    assert _export(db) == before
    saved = render_preview(db, ids["statement"], "statement.md")
    assert "On Project Clover" in saved.text and "ZEBRA" not in saved.text
    with db.transaction() as session:
        title = session.scalars(select(Statement.title)).one()
    assert title == "On Project Clover"


def test_the_preview_refuses_fields_it_does_not_show_live_and_missing_statements(
    db: Database, ids: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="slug"):
        render_preview(db, ids["statement"], "statement.md", {"slug": "other"})
    with pytest.raises(NotFoundError, match="The statement no longer exists"):
        render_preview(db, 999_999, "statement.md")
    with pytest.raises(TemplateError):
        render_preview(db, ids["statement"], "no-such-template.html")


def test_a_section_row_keeps_what_the_table_shows(db: Database, ids: dict[str, Any]) -> None:
    with db.transaction() as session:
        section = session.get(StatementSection, ids["sections"][0])
        assert section is not None
        records.update_statement_section(session, section, key="", heading="Only a heading")
    first = db.read(queries.statement_detail, ids["statement"]).sections[0]
    assert first == queries.SectionRow(
        ids["sections"][0], 0, "", "Only a heading", "About introduction."
    )
