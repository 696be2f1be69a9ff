"""Letters & handouts from the invitations tab: per-invitee letters, notices, handout, minutes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from roundtable import demo
from roundtable.enums import InvitationStatus
from roundtable.meetings import invitation_queries, lifecycle
from roundtable_ui import messages
from roundtable_ui.dialogs import letters
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages.invitations_tab import InvitationsTab
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

CLOVER = "project-clover-2023-09-07@demo.roundtable.local"
NOVEMBER = "tiktok-roundtable-2023-11-27@demo.roundtable.local"


@pytest.fixture(autouse=True)
def _user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


def _choose(qtbot: Any, owner: QWidget, menu: QMenu, action: QAction) -> None:
    """Open the Letters & handouts menu and pick ``action`` with the keyboard."""
    menu.popup(owner.mapToGlobal(QPoint(0, 0)))  # shows it and updates its entries
    qtbot.waitUntil(menu.isVisible)
    assert action.isEnabled()
    menu.setActiveAction(action)
    qtbot.keyPress(menu, Qt.Key.Key_Return)  # the menu closes before a release
    assert not menu.isVisible()


def _tab(qtbot: Any, store: Store, uid: str) -> tuple[InvitationsTab, int]:
    roundtable_id = store.read(lambda s: lifecycle.get_roundtable(s, uid).id)
    tab = InvitationsTab(store)
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    tab.set_roundtable(roundtable_id)
    return tab, roundtable_id


def test_invitation_letters_one_file_per_selected_invitee(
    qtbot: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, roundtable_id = _tab(qtbot, store, NOVEMBER)
    rows = store.read(lambda s: invitation_queries.list_invitations(s, roundtable_id))
    assert len(rows) >= 2
    tab.table.view.selectAll()
    folder = tmp_path / "letters"
    monkeypatch.setattr(letters, "choose_folder", lambda _parent, _title: folder)
    menu = tab.letters_menu
    with messages.use_responder(ScriptedResponder()) as responder:
        _choose(qtbot, tab, menu, menu.letters_action)
    assert responder.asked == []
    result = menu.last_result
    assert result is not None
    assert len(result.written) == len(rows)
    assert sorted(p.parent for p in result.written) == [folder] * len(rows)
    texts = {p.name: p.read_text(encoding="utf-8") for p in result.written}
    title = store.read(lambda s: lifecycle.get_roundtable(s, roundtable_id).title)
    assert all(title in text or "TikTok" in text for text in texts.values())
    assert len(set(texts)) == len(rows)  # one file per invitee, unique names

    # A notice says what was written where, and opens the folder when asked.
    opened: list[Path] = []
    monkeypatch.setattr(file_dialogs, "open_folder", lambda path: opened.append(path) or True)
    notice = menu.notice
    assert notice is not None and notice.isVisible() and not notice.isModal()
    assert notice.text() == f"Wrote {len(rows)} files to {folder}."
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert opened == [folder]


def test_withdrawal_notices_only_for_withdrawn_invitees(
    qtbot: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab, roundtable_id = _tab(qtbot, store, CLOVER)
    rows = store.read(lambda s: invitation_queries.list_invitations(s, roundtable_id))
    withdrawn = [r for r in rows if r.status == InvitationStatus.WITHDRAWN]
    assert withdrawn, "the demo's Project Clover roundtable has a withdrawn invitation"
    tab.table.view.selectAll()
    monkeypatch.setattr(letters, "choose_folder", lambda _parent, _title: tmp_path / "notices")
    with messages.use_responder(ScriptedResponder()) as responder:
        _choose(qtbot, tab, tab.letters_menu, tab.letters_menu.withdrawal_action)
    assert responder.asked == []
    result = tab.letters_menu.last_result
    assert result is not None
    assert len(result.written) == len(withdrawn)
    assert len(result.skipped) == len(rows) - len(withdrawn)
    assert "not withdrawn" in result.summary()


@pytest.mark.parametrize("suffix", [".html", ".pdf"])
@pytest.mark.parametrize("which", ["handout", "minutes"])
def test_question_handout_and_minutes(
    qtbot: Any,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
    which: str,
) -> None:
    tab, _roundtable_id = _tab(qtbot, store, NOVEMBER)
    target = tmp_path / f"{which}{suffix}"
    asked: list[str] = []

    def choose(_parent: Any, _title: str, suggested: str) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(letters, "choose_file", choose)
    action = (
        tab.letters_menu.handout_action if which == "handout" else tab.letters_menu.minutes_action
    )
    with messages.use_responder(ScriptedResponder()) as responder:
        _choose(qtbot, tab, tab.letters_menu, action)
    assert responder.asked == []
    assert asked and asked[0].endswith(".html")
    data = target.read_bytes()
    if suffix == ".pdf":
        assert data.startswith(b"%PDF")
    else:
        assert b"<html" in data.lower()


def test_a_template_error_is_shown_and_nothing_written(
    qtbot: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable.publishing import templates

    folder = templates.user_template_dir() / "en"
    folder.mkdir(parents=True)
    (folder / "minutes.html.j2").write_text("{{ roundtable.nope }}\n", encoding="utf-8")
    tab, _roundtable_id = _tab(qtbot, store, NOVEMBER)
    target = tmp_path / "minutes.html"
    monkeypatch.setattr(letters, "choose_file", lambda *_args: target)
    with messages.use_responder(ScriptedResponder()) as responder:
        _choose(qtbot, tab, tab.letters_menu, tab.letters_menu.minutes_action)
    assert len(responder.asked) == 1
    assert "minutes.html (line 1)" in responder.asked[0][1]
    assert not target.exists()


def test_overview_offers_the_handout_but_no_letters(
    qtbot: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable_ui.pages.overview_tab import OverviewTab

    roundtable_id = store.read(lambda s: lifecycle.get_roundtable(s, NOVEMBER).id)
    tab = OverviewTab(store)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_roundtable(roundtable_id)
    menu = tab.letters_menu
    menu.popup(tab.mapToGlobal(QPoint(0, 0)))
    qtbot.waitUntil(menu.isVisible)
    assert not menu.letters_action.isEnabled()  # no invitees chosen here
    assert menu.handout_action.isEnabled()
    menu.close()
    target = tmp_path / "handout.html"
    monkeypatch.setattr(letters, "choose_file", lambda *_args: target)
    with messages.use_responder(ScriptedResponder()) as responder:
        _choose(qtbot, tab, menu, menu.handout_action)
    assert responder.asked == []
    assert b"<html" in target.read_bytes().lower()
