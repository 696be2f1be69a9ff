"""Date fields: a whole date typed into a selected field is that date, in the database too.

Qt's QDateEdit edited section by section, so "15-08-2023" typed over a
selected date came out garbled; every date field of the window is now a
:mod:`roundtable_ui.widgets.date_fields` field.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QPalette
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from roundtable import text
from roundtable.demo import load_demo
from roundtable.meetings import minutes_queries, queries
from roundtable.people import organisations
from roundtable.storage.db import Database
from roundtable.storage.models import Roundtable
from roundtable_ui import i18n
from roundtable_ui.dialogs.roundtable_dialog import RoundtableDialog
from roundtable_ui.pages.follow_up_tab import FollowUpTab
from roundtable_ui.pages.minutes_tab import ActionDialog, MinutesTab
from roundtable_ui.store import Store
from roundtable_ui.widgets.date_fields import INVALID_COLOUR, DateField, DateTimeField

NOVEMBER = "TikTok stakeholder roundtable, November 2023"
UI = Path(__file__).resolve().parents[2] / "ui"

offscreen_popup = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


@pytest.fixture
def store(sqlite_db: Database, clock: datetime) -> Iterator[Store]:
    with sqlite_db.transaction() as session:
        load_demo(session)
    yield Store(sqlite_db)


def _roundtable_id(store: Store) -> int:
    return next(r.id for r in store.read(queries.list_roundtables) if r.title == NOVEMBER)


def _leave(widget: QWidget) -> None:
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))


def _retype(qtbot: QtBot, field: QWidget, typed: str) -> None:
    """Select the field's text as a person does (click in, Ctrl+A) and type over it."""
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, typed)


@pytest.fixture
def follow_ups(qtbot: QtBot, store: Store) -> FollowUpTab:
    tab = FollowUpTab(store)
    qtbot.addWidget(tab)
    tab.set_roundtable(_roundtable_id(store))
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def _dated(store: Store) -> date:
    (row,) = store.read(minutes_queries.list_follow_ups, _roundtable_id(store))
    return row.dated


@pytest.mark.parametrize(
    "typed", ["15-08-2023", "15 aug 2023", "2023-08-15", "15/8/23", "15.08.2023", "Aug 15, 2023"]
)
def test_a_whole_date_typed_over_a_selected_date_is_saved(
    qtbot: QtBot, store: Store, follow_ups: FollowUpTab, typed: str
) -> None:
    field = follow_ups.form.date_edit
    assert isinstance(field, DateField)
    assert _dated(store) != date(2023, 8, 15)
    _retype(qtbot, field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _dated(store) == date(2023, 8, 15)
    assert field.text() == "15 Aug 2023"  # shown as every list shows dates
    assert store.undo_stack.undoText() == "Change follow-up date"


def test_text_that_is_no_date_turns_red_and_is_put_back(
    qtbot: QtBot, store: Store, follow_ups: FollowUpTab
) -> None:
    field = follow_ups.form.date_edit
    before, shown = _dated(store), field.text()
    steps = store.undo_stack.count()
    _retype(qtbot, field, "32-13-2023")
    assert field.palette().color(QPalette.ColorRole.Text).name() == INVALID_COLOUR
    _leave(field)
    assert field.text() == shown
    assert field.palette().color(QPalette.ColorRole.Text).name() != INVALID_COLOUR
    assert _dated(store) == before
    assert store.undo_stack.count() == steps


def test_up_and_down_move_a_day(qtbot: QtBot, store: Store, follow_ups: FollowUpTab) -> None:
    field = follow_ups.form.date_edit
    before = _dated(store)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _dated(store) == date.fromordinal(before.toordinal() + 1)


@offscreen_popup
def test_the_calendar_picks_a_due_date_with_the_keyboard(qtbot: QtBot, store: Store) -> None:
    tab = MinutesTab(store)
    qtbot.addWidget(tab)
    tab.set_roundtable(_roundtable_id(store))
    tab.show()
    count = len(store.read(minutes_queries.list_action_items, _roundtable_id(store)))
    dialog = tab.add_action()
    assert isinstance(dialog, ActionDialog)
    qtbot.keyClicks(dialog.description_edit, "Send the minutes round")
    field = dialog.due_edit
    _retype(qtbot, field, "15 Aug 2023")
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert calendar.selectedDate().toString("yyyy-MM-dd") == "2023-08-15"
    keys = calendar.focusProxy() or calendar  # the calendar's grid of days has the focus
    qtbot.keyClick(keys, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(keys, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.text() == "16 Aug 2023"
    dialog.accept()
    actions = store.read(minutes_queries.list_action_items, _roundtable_id(store))
    assert len(actions) == count + 1
    (new,) = [a for a in actions if a.description == "Send the minutes round"]
    assert new.due_on == date(2023, 8, 16)


def test_a_date_and_time_typed_into_the_new_roundtable_dialog(
    qtbot: QtBot, sqlite_db: Database, clock: datetime
) -> None:
    store = Store(sqlite_db)
    store.read(lambda s: organisations.create_organisation(s, "TikTok").id)
    dialog = RoundtableDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.title_edit, "Typed dates")
    assert isinstance(dialog.start_edit, DateTimeField)
    _retype(qtbot, dialog.start_edit, "15-08-2023 14:30")
    _leave(dialog.start_edit)  # Tab on to the next field
    assert dialog.start_edit.text() == "15 Aug 2023 14:30"
    assert dialog.end_edit.text() == "15 Aug 2023 16:30"  # two hours, as before
    _retype(qtbot, dialog.end_edit, "17:00")  # a time alone keeps the date
    qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Return)  # Enter: Create

    def read(session):  # type: ignore[no-untyped-def]
        rt = session.scalars(select(Roundtable).where(Roundtable.title == "Typed dates")).one()
        return rt.starts_at, rt.ends_at, rt.timezone

    starts_at, ends_at, zone = store.read(read)
    assert zone == "Europe/Amsterdam"
    amsterdam = ZoneInfo(zone)
    assert starts_at == datetime(2023, 8, 15, 14, 30, tzinfo=amsterdam).astimezone(UTC)
    assert ends_at == datetime(2023, 8, 15, 17, 0, tzinfo=amsterdam).astimezone(UTC)


def test_dutch_fields_show_and_read_dutch_months(qtbot: QtBot, qapp: QApplication) -> None:
    i18n.install_translators(qapp, "nl", pseudo=False)
    field = DateField(value=date(2024, 3, 15))
    qtbot.addWidget(field)
    assert field.text() == "15 mrt 2024"
    assert field.text() == text.format_day(date(2024, 3, 15), language="nl")
    _retype(qtbot, field, "3 oktober 2024")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() == date(2024, 10, 3)
    assert field.text() == "3 okt 2024"


def test_an_optional_date_can_be_emptied(qtbot: QtBot) -> None:
    field = DateField(optional=True, value=date(2023, 8, 15))
    qtbot.addWidget(field)
    seen: list[object] = []
    field.dateChanged.connect(seen.append)
    _retype(qtbot, field, "")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.value() is None and field.text() == ""
    assert seen == [None]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15-08-2023", date(2023, 8, 15)),
        ("15 aug 2023", date(2023, 8, 15)),
        ("15 Aug 2023", date(2023, 8, 15)),
        ("2023-08-15", date(2023, 8, 15)),
        ("15/8/23", date(2023, 8, 15)),
        ("08/15/2023", date(2023, 8, 15)),
        ("August 15, 2023", date(2023, 8, 15)),
        ("15 augustus 2023", date(2023, 8, 15)),
        ("do 7 sep 2023", date(2023, 9, 7)),
        ("15 mrt 2024", date(2024, 3, 15)),
        ("15082023", date(2023, 8, 15)),
        ("20230815", date(2023, 8, 15)),
        ("15 aug", date(2026, 8, 15)),
        ("32-13-2023", None),
        ("15-08-202", None),
        ("31-02-2024", None),
        ("aug", None),
        ("", None),
    ],
)
def test_parse_day(typed: str, expected: date | None) -> None:
    assert text.parse_day(typed, date(2026, 11, 29)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15-08-2023 14:30", ("15-08-2023", (14, 30))),
        ("2023-08-15T14:30", ("2023-08-15", (14, 30))),
        ("15 aug 2023, 14.30", ("15 aug 2023", (14, 30))),
        ("15.08.2023", ("15.08.2023", None)),
        ("15-08-2023 25:00", ("15-08-2023 25:00", None)),
    ],
)
def test_split_clock(typed: str, expected: tuple[str, object]) -> None:
    assert text.split_clock(typed) == expected


def test_no_page_uses_qt_date_edits() -> None:
    """Every date field of the window is one of date_fields (Qt's garble typed dates)."""
    offenders = []
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name in ("QDateEdit", "QDateTimeEdit"):
                    offenders.append(f"{path.relative_to(UI)}:{node.lineno}")
    assert offenders == []
