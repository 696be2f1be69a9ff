"""People & Organisations page: instant search, delete rules, history across roundtables."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from roundtable import demo
from roundtable.people import persons
from roundtable.storage.models import Organisation, Person
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.people_page import PeoplePage
from roundtable_ui.store import Store


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


@pytest.fixture
def page(qtbot: Any, store: Store) -> PeoplePage:
    widget = PeoplePage(store)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


def _person_names(store: Store) -> set[str]:
    return store.read(lambda s: set(s.scalars(select(Person.name))))


def _organisation_names(store: Store) -> set[str]:
    return store.read(lambda s: set(s.scalars(select(Organisation.name))))


def test_search_filters_people_as_you_type(qtbot: Any, page: PeoplePage) -> None:
    total = len(page.people.rows())
    assert total == 45
    page.focus_search()
    qtbot.keyClicks(page.people.search, "privacyfirst")
    names = {r.name for r in page.people.visible_rows()}
    assert names == {"Marloes van Dijk", "Joris Hendriks", "Sanne Verbeek"}
    qtbot.keyClicks(page.people.search, " legal")
    assert [r.name for r in page.people.visible_rows()] == ["Sanne Verbeek"]
    page.people.search.clear()
    assert len(page.people.visible_rows()) == total
    # The choice filter: nobody in the demo lacks an address or was erased.
    page.people.choice.setCurrentIndex(2)
    assert page.people.visible_rows() == []
    page.people.choice.setCurrentIndex(1)
    assert len(page.people.visible_rows()) == total


def test_organisation_kind_filter_and_our_mark(qtbot: Any, page: PeoplePage) -> None:
    page.tabs.setCurrentWidget(page.organisations_tab)
    labels = [
        page.organisations.choice.itemText(i) for i in range(page.organisations.choice.count())
    ]
    page.organisations.choice.setCurrentIndex(labels.index("Parliament"))
    rows = page.organisations.visible_rows()
    assert rows and all(r.kind.value == "parliament" for r in rows)
    page.organisations.choice.setCurrentIndex(0)
    page.focus_search()
    qtbot.keyClicks(page.organisations.search, "privacy first")
    (row,) = page.organisations.visible_rows()
    assert row.is_own
    ours = page.organisations.model.index(page.organisations.model.find_row(lambda r: r.is_own), 5)
    assert ours.data() == "✓"


def test_person_history_shows_the_demo_roundtables(qtbot: Any, page: PeoplePage) -> None:
    assert page.people.select_where(lambda r: r.name == "Marloes van Dijk") == 1
    history = page.people_tab.history
    titles = [r.roundtable_title for r in history.involvements.rows()]
    assert titles == [
        "Project Clover one year on: civil-society roundtable",
        "TikTok stakeholder roundtable, November 2023",
        "TikTok roundtable on Project Clover",
    ]
    assert "Marloes van Dijk" in history.title_label.text()
    # The newest roundtable's dated changes are shown, oldest first.
    lines = history.lines.rows()
    assert lines[0].to_status.value == "not_sent"
    assert [line.at for line in lines] == sorted(line.at for line in lines)
    change_column = [history.lines.index(i, 1).data() for i in range(history.lines.rowCount())]
    assert "Not sent → Invited" in change_column
    # Picking the older roundtable shows its changes instead.
    history.involvement_view.selectRow(1)
    older = history.involvements.row_at(1)
    assert history.lines.rows() == list(older.history)


def test_organisation_history(qtbot: Any, page: PeoplePage) -> None:
    page.tabs.setCurrentWidget(page.organisations_tab)
    page.organisations.select_where(lambda r: r.name == "Privacy First Foundation")
    history = page.organisations_tab.history
    assert {r.invitee_name for r in history.involvements.rows()} == {
        "Marloes van Dijk",
        "Sanne Verbeek",
    }
    assert len(history.involvements.rows()) == 4


def test_delete_refused_for_an_invited_person(qtbot: Any, page: PeoplePage, store: Store) -> None:
    page.people.select_where(lambda r: r.name == "Marloes van Dijk")
    page.people.view.setFocus()
    with messages.use_responder(ScriptedResponder(confirms=[True])) as responder:
        qtbot.keyClick(page.people.view, Qt.Key.Key_Delete)
    assert responder.asked[0][0] == "confirm"
    assert len(responder.errors) == 1
    assert "Cannot delete Marloes van Dijk" in responder.errors[0]
    assert "invitation" in responder.errors[0]
    assert "Marloes van Dijk" in _person_names(store)
    assert store.undo_stack.count() == 0


def test_delete_person_never_invited_then_undo_redo(
    qtbot: Any, page: PeoplePage, store: Store
) -> None:
    page.people.select_where(lambda r: r.name == "Joris Hendriks")
    (joris,) = page.people.selected_rows()
    # Saying no changes nothing.
    with messages.use_responder(ScriptedResponder(confirms=[False])):
        page.delete_selected()
    assert "Joris Hendriks" in _person_names(store)
    with messages.use_responder(ScriptedResponder(confirms=[True])) as responder:
        qtbot.mouseClick(page.people_tab.delete_button, Qt.MouseButton.LeftButton)
    assert responder.errors == []
    assert "Joris Hendriks" not in _person_names(store)
    assert all(r.name != "Joris Hendriks" for r in page.people.rows())
    assert store.undo_stack.undoText() == "Delete “Joris Hendriks”"

    store.undo_stack.undo()
    restored = store.read(
        lambda s: s.scalars(select(Person).where(Person.name == "Joris Hendriks")).one()
    )
    assert restored.id == joris.id  # the same record, not a copy
    assert restored.email == "joris.hendriks@privacyfirst.example"
    assert restored.organisation_id is not None
    assert any(r.name == "Joris Hendriks" for r in page.people.rows())
    store.undo_stack.redo()
    assert "Joris Hendriks" not in _person_names(store)


def test_delete_organisation_keeps_people_and_undo_relinks(
    qtbot: Any, page: PeoplePage, store: Store
) -> None:
    page.tabs.setCurrentWidget(page.organisations_tab)
    name = "Standing Committee on Digital Affairs"
    page.organisations.select_where(lambda r: r.name == name)
    members = store.read(
        lambda s: set(
            s.scalars(select(Person.name).join(Organisation).where(Organisation.name == name))
        )
    )
    row = page.organisations.selected_rows()[0]
    if row.invitation_count:
        pytest.skip("the demo invites this organisation")  # pragma: no cover
    with messages.use_responder(ScriptedResponder(confirms=[True])) as responder:
        page.delete_selected()
    assert responder.errors == []
    assert name not in _organisation_names(store)
    store.undo_stack.undo()
    assert name in _organisation_names(store)
    relinked = store.read(
        lambda s: set(
            s.scalars(select(Person.name).join(Organisation).where(Organisation.name == name))
        )
    )
    assert relinked == members
    store.undo_stack.redo()
    assert name not in _organisation_names(store)


def test_new_and_edit_dialogs_open_from_the_page(
    qtbot: Any, page: PeoplePage, store: Store
) -> None:
    page.people.view.setFocus()
    page.new_item()  # what the main window's Edit > New (Ctrl+N) calls on this page
    dialog = page.dialog
    assert dialog is not None and dialog.windowTitle() == "New person"
    dialog.name_edit.setText("Noor Bakker")  # type: ignore[attr-defined]
    dialog.accept()
    assert "Noor Bakker" in _person_names(store)
    assert [r.name for r in page.people.selected_rows()] == ["Noor Bakker"]

    qtbot.keyClick(page.people.view, Qt.Key.Key_Return)
    editor = page.dialog
    assert editor is not None and editor is not dialog
    assert editor.windowTitle() == "Edit person"
    assert editor.name_edit.text() == "Noor Bakker"  # type: ignore[attr-defined]
    editor.reject()


def test_editing_someone_deleted_meanwhile_says_so_and_refreshes(
    qtbot: Any, page: PeoplePage, store: Store
) -> None:
    page.people.select_where(lambda r: r.name == "Joris Hendriks")
    (joris,) = page.people.selected_rows()
    # Someone at another desk deletes Joris; this window has not heard yet.
    with store.database.transaction() as session:
        persons.delete_person(session, session.get(Person, joris.id))
    page.people.view.setFocus()
    with messages.use_responder(ScriptedResponder()) as responder:
        qtbot.keyClick(page.people.view, Qt.Key.Key_Return)
    assert responder.errors == ["The person no longer exists; someone may have deleted them."]
    assert all(r.name != "Joris Hendriks" for r in page.people.rows())
