"""The statement preview: live rendering off the main thread, errors, names, export, clipboard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from sqlalchemy import select

from roundtable import demo
from roundtable.publishing import templates
from roundtable.storage.models import Statement
from roundtable_ui import messages
from roundtable_ui.messages import ScriptedResponder
from roundtable_ui.pages import statement_preview
from roundtable_ui.pages.statement_preview import StatementPreview
from roundtable_ui.pages.statements_page import StatementsPage
from roundtable_ui.store import Store

SLUG = "tiktok-charm-offensive"


@pytest.fixture(autouse=True)
def user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's templates folder inside the test's folder (platformdirs honours XDG)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = templates.user_template_dir()
    assert str(folder).startswith(str(tmp_path))
    return folder


@pytest.fixture
def store(sqlite_db: Any) -> Store:
    with sqlite_db.transaction() as session:
        demo.load_demo(session)
    return Store(sqlite_db)


@pytest.fixture
def page(qtbot: Any, store: Store) -> Any:
    widget = StatementsPage(store)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    assert widget.table.select_where(lambda r: r.slug == SLUG) == 1
    yield widget
    widget.preview_widget.shutdown()


def settled(qtbot: Any, preview: StatementPreview) -> None:
    """Wait until the debounced render ran on the pool and its result was applied."""
    qtbot.waitUntil(lambda: not preview.is_rendering(), timeout=10000)


def saved_title(store: Store) -> str:
    return store.read(
        lambda s: s.scalars(select(Statement.title).where(Statement.slug == SLUG)).one()
    )


def test_preview_shows_the_render_and_the_names_in_it(qtbot: Any, page: StatementsPage) -> None:
    preview = page.preview_widget
    settled(qtbot, preview)
    assert preview.statement_id == page.editor.statement_id
    assert preview.current_template() == "statement.html"
    text = preview.browser.toPlainText()
    assert "TikTok" in text
    assert preview.error_text() == ""
    assert preview.last_rendered is not None
    assert preview.last_rendered.format == "html"
    names = preview.names()
    assert names == list(preview.last_rendered.names)
    assert names, "the demo statement names at least our own organisation"
    assert all(name in text or name in preview.last_rendered.text for name in names)


def test_typing_updates_the_preview_before_saving(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    preview = page.preview_widget
    settled(qtbot, preview)
    before = saved_title(store)
    page.editor.title_edit.setFocus()
    page.editor.title_edit.end(False)
    qtbot.keyClicks(page.editor.title_edit, " ZEBRA")
    assert preview.is_rendering()  # debounced: waits for a pause in typing
    settled(qtbot, preview)
    assert "ZEBRA" in preview.browser.toPlainText()
    assert saved_title(store) == before  # the preview wrote nothing

    # Saving (Enter) keeps it; undo brings the old title back into the preview.
    qtbot.keyClick(page.editor.title_edit, "\r")
    assert saved_title(store).endswith(" ZEBRA")
    store.undo_stack.undo()
    settled(qtbot, preview)
    assert saved_title(store) == before
    assert "ZEBRA" not in preview.browser.toPlainText()
    store.undo_stack.redo()
    settled(qtbot, preview)
    assert "ZEBRA" in preview.browser.toPlainText()


def test_a_template_error_keeps_the_last_good_render(
    qtbot: Any, page: StatementsPage, user_templates: Path
) -> None:
    preview = page.preview_widget
    settled(qtbot, preview)
    good = preview.browser.toPlainText()
    good_names = preview.names()
    user_templates.mkdir(parents=True, exist_ok=True)
    (user_templates / "broken.html.j2").write_text(
        "<h1>{{ statement.title }}</h1>\n<p>{{ statement.no_such_field }}</p>\n", encoding="utf-8"
    )
    preview.reload_templates()
    assert preview.template_combo.findData("broken.html") >= 0
    with qtbot.waitSignal(preview.render_failed, timeout=10000) as failed:
        preview.set_template("broken.html")
    assert "broken.html (line 2)" in failed.args[0]
    settled(qtbot, preview)
    assert preview.error_label.isVisible()
    assert "broken.html (line 2)" in preview.error_text()
    assert "no_such_field" in preview.error_text()
    assert preview.browser.toPlainText() == good  # the last good render stays
    assert preview.names() == good_names

    # The sandbox: an unsafe attribute is an error shown the same way, not a crash.
    (user_templates / "evil.html.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    preview.reload_templates()
    with qtbot.waitSignal(preview.render_failed, timeout=10000):
        preview.set_template("evil.html")
    assert "unsafe" in preview.error_text()

    with qtbot.waitSignal(preview.rendered, timeout=10000):
        preview.set_template("statement.html")
    settled(qtbot, preview)
    assert preview.error_text() == ""
    assert not preview.error_label.isVisible()


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("pdf", lambda data: data.startswith(b"%PDF")),
        ("html", lambda data: b"<html" in data.lower() and b"TikTok" in data),
        ("md", lambda data: b"TikTok" in data and b"<html" not in data.lower()),
        ("txt", lambda data: b"TikTok" in data and b"<html" not in data.lower()),
    ],
)
def test_export_writes_each_format(
    qtbot: Any,
    page: StatementsPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    check: Any,
) -> None:
    preview = page.preview_widget
    settled(qtbot, preview)
    target = tmp_path / f"exported.{fmt}"
    asked: list[str] = []

    def choose(_parent: Any, suggested: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), fmt

    monkeypatch.setattr(statement_preview, "choose_export_file", choose)
    with messages.use_responder(ScriptedResponder()) as responder:
        qtbot.mouseClick(preview.export_button, Qt.MouseButton.LeftButton)
    assert responder.asked == []
    assert asked == [SLUG]
    assert target.exists()
    assert check(target.read_bytes())


def test_copy_as_html_and_markdown(qtbot: Any, page: StatementsPage) -> None:
    preview = page.preview_widget
    settled(qtbot, preview)
    clipboard = QGuiApplication.clipboard()
    with messages.use_responder(ScriptedResponder()) as responder:
        preview.copy_html_button.click()
        data = clipboard.mimeData()
        assert data.hasHtml()
        assert "TikTok" in data.html()
        preview.copy_md_button.click()
    assert responder.asked == []
    text = clipboard.text()
    assert "TikTok" in text
    assert "<html" not in text.lower()


def test_open_templates_folder_creates_it(
    qtbot: Any, page: StatementsPage, user_templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []

    def open_folder(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr(statement_preview, "open_folder", open_folder)
    assert not user_templates.exists()
    page.preview_widget.folder_button.click()
    assert opened == [user_templates]
    assert user_templates.is_dir()


def test_no_statement_no_buttons(qtbot: Any, store: Store) -> None:
    preview = StatementPreview(store)
    qtbot.addWidget(preview)
    assert preview.statement_id is None
    assert not preview.export_button.isEnabled()
    assert not preview.copy_html_button.isEnabled()
    assert preview.export() is None
    assert not preview.is_rendering()


def test_a_hidden_preview_renders_when_shown_again(
    qtbot: Any, page: StatementsPage, store: Store
) -> None:
    preview = page.preview_widget
    settled(qtbot, preview)
    page.hide()
    store.notify_outside_change()  # e.g. someone edited on another page
    assert not preview.is_rendering()  # nothing rendered for a hidden page
    page.show()
    assert preview.is_rendering()
    settled(qtbot, preview)
    assert "TikTok" in preview.browser.toPlainText()
