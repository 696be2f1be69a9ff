"""Every date the window shows on the demo data is written one way per language.

"7 Sep 2023" (Dutch "7 sep 2023"), with "14:00" after it for a moment: the
form of :func:`roundtable.text.format_day`, which the core's messages use too.
Walks the main pages and every tab of every roundtable, a few people and every
statement, and reads every label, field, button, heading, tab and table cell
(cell tooltips too). Dates inside what people wrote (a note saying "on 3
December 2023") are theirs and not checked; nor is the statement preview,
which shows the published document in its own long form.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from roundtable import text
from roundtable.demo import load_demo
from roundtable.meetings import queries
from roundtable.people import queries as people_queries
from roundtable.resources_access import read_resource_text
from roundtable.statements import queries as statement_queries
from roundtable.storage.db import Database
from roundtable_ui import i18n
from roundtable_ui.main_window import PAGES, MainWindow
from roundtable_ui.pages.statement_preview import StatementPreview

_WORD = r"[^\W\d_]+"
#: A day, a word, a year: "7 Sep 2023", "7 September 2023", "7 sep. 2023".
DAY_WORD_YEAR = re.compile(rf"\b\d{{1,2}}\.?\s+{_WORD}\.?\s+\d{{4}}\b")
#: Forms the window must never show.
WRONG = {
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}(?![\d@T])"),
    "numeric date": re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
    "month first": re.compile(rf"\b{_WORD}\.?\s+\d{{1,2}},\s+\d{{4}}\b"),
    "weekday first": re.compile(rf"\b{_WORD}\.?\s+\d{{1,2}}\s+{_WORD}\.?\s+\d{{4}}\b"),
}
_TAGS = re.compile(r"<[^>]+>")


def _user_lines() -> list[str]:
    """Every line of text of the demo data that holds a year: what people wrote."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.extend(line.strip() for line in value.splitlines() if re.search(r"\d{4}", line))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(read_resource_text("demo", "scenario.json")))
    return sorted({line for line in found if line}, key=len, reverse=True)


def _texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of everything ``root`` shows, the statement preview left out."""
    previews = root.findChildren(StatementPreview)
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or any(p.isAncestorOf(widget) for p in previews):
            continue
        where = f"{type(widget).__name__} {widget.objectName()}".strip()
        if isinstance(widget, QLabel):
            yield where, _TAGS.sub("", widget.text())
        elif isinstance(widget, QLineEdit | QAbstractButton):
            yield where, widget.text()
        elif isinstance(widget, QGroupBox):
            yield where, widget.title()
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield where, widget.tabText(i)
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root_index = widget.rootIndex()
            for row in range(min(model.rowCount(root_index), 200)):
                for column in range(60):
                    index = model.index(row, column, root_index)
                    if not index.isValid():
                        break
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = index.data(role)
                        if isinstance(value, str):
                            yield f"{where} cell {row},{column}", value


def _problems(texts: list[tuple[str, str]], language: str) -> list[str]:
    user = _user_lines()
    problems = []
    for where, shown in texts:
        rest = shown
        for line in user:
            if line in rest:
                rest = rest.replace(line, " ")
        for name, pattern in WRONG.items():
            for match in pattern.finditer(rest):
                if name in ("month first", "weekday first") and (
                    text.parse_day(match.group()) is None
                ):
                    continue  # "Roundtable 12, 2023": no month in it
                problems.append(f"{where}: {name} {match.group()!r} in {shown!r}")
        for match in DAY_WORD_YEAR.finditer(rest):
            day = text.parse_day(match.group())
            if day is None:
                continue  # not a month: "3 rows 2023"
            if match.group() != text.format_day(day, language=language):
                problems.append(f"{where}: {match.group()!r} in {shown!r}")
    return problems


def _walk(window: MainWindow, qtbot: QtBot) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []

    def look() -> None:
        QApplication.processEvents()
        page = window.current_page()
        assert page is not None
        for tabs in [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]:
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                QApplication.processEvents()
                seen.extend(_texts(window))
        seen.extend(_texts(window))

    store = window.store
    for key, _title, _icon in PAGES:
        window.show_page(key)
        look()
    window.show_page("roundtables")
    for row in store.read(queries.list_roundtables):
        window.open_roundtable(row.id)
        look()
    for person in store.read(people_queries.list_people)[:6]:
        window.open_person(person.id)
        look()
    statements = window.page("statements")
    for statement in store.read(statement_queries.list_statements):
        window.show_page("statements")
        statements.show_statement(statement.id)  # type: ignore[union-attr]
        look()
    return seen


@pytest.fixture
def database(sqlite_db: Database, clock: datetime) -> Database:
    with sqlite_db.transaction() as session:
        load_demo(session)
    return sqlite_db


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_date_on_the_main_pages_has_the_one_format(
    qtbot: QtBot, qapp: QApplication, database: Database, language: str
) -> None:
    i18n.install_translators(qapp, language, pseudo=False)
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.set_database(database)
    window.show()
    qtbot.waitExposed(window)
    texts = _walk(window, qtbot)
    dated = [t for _w, t in texts if DAY_WORD_YEAR.search(t)]
    assert len(dated) > 50  # the walk saw the dates of tables, headers and histories
    problems = _problems(texts, language)
    assert problems == [], "\n".join(problems)
