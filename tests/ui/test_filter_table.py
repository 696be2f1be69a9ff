"""The shared filterable table: search words, choice filter, value sorting, kept selection."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from roundtable_ui.models.row_table_model import Column
from roundtable_ui.widgets.filter_table import FilterTable


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    status: str
    count: int
    when: date | None


ROWS = [
    Row(1, "Bits of Freedom", "accepted", 10, date(2023, 9, 7)),
    Row(2, "Amnesty International", "declined", 2, None),
    Row(3, "Privacy First", "accepted", 9, date(2023, 11, 27)),
]
COLUMNS = [
    Column[Row]("Name", lambda r: r.name),
    Column[Row]("Status", lambda r: r.status),
    Column[Row]("Count", lambda r: str(r.count), sort_key=lambda r: r.count, align_right=True),
    Column[Row]("When", lambda r: r.when.isoformat() if r.when else "", sort_key=lambda r: r.when),
]


def _table(qtbot) -> FilterTable[Row]:  # type: ignore[no-untyped-def]
    table: FilterTable[Row] = FilterTable(
        COLUMNS,
        name="Invitees",
        placeholder="Search",
        choices=[("All", None), ("Accepted", lambda r: r.status == "accepted")],
    )
    qtbot.addWidget(table)
    table.set_rows(ROWS)
    return table


def test_every_typed_word_must_match_some_column(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot)
    qtbot.keyClicks(table.search, "privacy accepted")
    assert [r.id for r in table.visible_rows()] == [3]
    assert table.count_label.text() == "1 of 3 shown"
    table.search.clear()
    assert len(table.visible_rows()) == 3


def test_choice_filter_and_numeric_sort(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot)
    table.choice.setCurrentIndex(1)
    assert {r.id for r in table.visible_rows()} == {1, 3}
    table.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    assert [r.count for r in table.visible_rows()] == [9, 10]  # 9 before 10: by value


def test_selection_survives_a_reload(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot)
    assert table.select_where(lambda r: r.id in {2, 3}) == 2
    table.set_rows([*ROWS, Row(4, "EDRi", "invited", 0, None)])
    assert sorted(r.id for r in table.selected_rows()) == [2, 3]


def test_enter_and_double_click_activate_the_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot)
    table.select_where(lambda r: r.id == 2)
    with qtbot.waitSignal(table.activated) as blocker:
        table._activate(table.view.currentIndex())
    assert blocker.args[0].id == 2
