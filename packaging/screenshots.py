"""Save a PNG of each main view and of every dialog of the app on the demo database.

    python3 dev.py screenshots [OUT_DIR]      (default: screenshots/)

Runs on whatever Qt platform is set (offscreen when there is no screen, or a
real X server such as Xvfb for pixel-true window decorations). The demo
database is made fresh in a temporary folder, with the clock pinned so the
dashboard has something to show. The window is 1400×880 unless
ROUNDTABLE_SHOT_SIZE=WxH says otherwise (900x560 is the window's minimum);
dialogs open at the size they choose, no larger than the screen. The dialogs
and how to open them come from tests/ui/_every_view.py (a source checkout).
ROUNDTABLE_LANGUAGE=nl shoots the Dutch interface.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The README's pictures are English whatever the machine's language;
# ROUNDTABLE_LANGUAGE=nl python3 dev.py screenshots DIR shoots the Dutch interface.
os.environ.setdefault("ROUNDTABLE_LANGUAGE", "en")


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings

    from roundtable.demo import load_demo
    from roundtable.storage.db import open_database
    from roundtable_ui import app as ui_app
    from roundtable_ui.main_window import MainWindow

    folder = Path(tempfile.mkdtemp(prefix="roundtable-shots-"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    app = ui_app.create_application()
    database = open_database(folder / "demo.sqlite3")
    with database.transaction() as session:
        load_demo(session)

    window = MainWindow()
    window.resize(*_shot_size())
    window.set_database(database)
    window.show()

    def settle(seconds: float = 0.3) -> None:
        # Long enough for debounced, threaded work (the statement preview) to land.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str, prepare: Callable[[], None]) -> None:
        prepare()
        settle(1.5 if name.startswith("statements") else 0.3)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(path)

    november = _find(window, "November")
    clover = _find(window, "Project Clover")

    def roundtable_tab(roundtable_id: int, tab: str) -> Callable[[], None]:
        def prepare() -> None:
            window.open_roundtable(roundtable_id)
            page = window.page("roundtables")
            page.tabs.setCurrentWidget(getattr(page, tab))  # type: ignore[union-attr]

        return prepare

    shot("dashboard", lambda: window.show_page("dashboard"))
    shot("roundtable-overview", roundtable_tab(clover, "overview"))
    shot("roundtable-invitations", roundtable_tab(november, "invitations"))
    shot("roundtable-questions", roundtable_tab(clover, "questions"))
    shot("roundtable-minutes", roundtable_tab(november, "minutes"))
    shot("roundtable-follow-up", roundtable_tab(november, "follow_up"))
    shot("people", lambda: window.show_page("people"))

    def page_tab(key: str, index: int, editor: bool = False) -> Callable[[], None]:
        def prepare() -> None:
            window.show_page(key)
            page = window.page(key)
            tabs = (page.editor if editor else page).tabs  # type: ignore[union-attr]
            tabs.setCurrentIndex(index)

        return prepare

    shot("people-organisations", page_tab("people", 1))
    shot("statements", page_tab("statements", 0, editor=True))
    for index, tab in enumerate(("sections", "roundtables", "references", "updates"), 1):
        shot(f"statements-{tab}", page_tab("statements", index, editor=True))
    window.page("statements").editor.tabs.setCurrentIndex(0)  # type: ignore[union-attr]
    shot("privacy-review", lambda: window.show_page("privacy"))

    def audit_log() -> None:
        window.show_page("privacy")
        window.page("privacy").show_audit_log()  # type: ignore[union-attr]

    shot("privacy-audit", audit_log)
    _dialog_shots(window, out, folder, settle)
    window.close()
    database.close()
    return 0


def _dialog_shots(window: Any, out: Path, folder: Path, settle: Callable[[float], None]) -> None:
    """Every dialog of the app, as tests/ui/_every_view.py opens it on the demo database.

    Each is shot at the size it chooses itself (as the app shows it), no larger than the
    screen. Without the tests folder (an installed copy) only the main views are shot.
    """
    views_folder = Path(__file__).resolve().parents[1] / "tests" / "ui"
    if not (views_folder / "_every_view.py").exists():
        print(f"note: no {views_folder}/_every_view.py here, so the main views only, no dialogs")
        return
    sys.path.insert(0, str(views_folder))
    import _every_view as every_view

    from roundtable_ui import window_size

    scene = every_view.Scene(window, window.store, folder)  # files a dialog names go here
    screen = window_size.available_geometry(window).size()
    for name, dialog in every_view.dialogs(scene):
        every_view.show(dialog)
        dialog.resize(dialog.size().boundedTo(screen))
        settle(1.5 if name == "ContactsImportDialog" else 0.4)
        path = out / f"dialog-{_file_name(name)}.png"
        dialog.grab().save(str(path))
        print(path)
        every_view.close(dialog)


def _file_name(name: str) -> str:
    """``ContactsImportDialog`` → ``contacts-import``; ``text question`` → ``text-question``."""
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).lower().split()
    if len(words) > 1 and words[-1] == "dialog":
        words.pop()
    return "-".join(words)


def _shot_size() -> tuple[int, int]:
    """The window size: ``ROUNDTABLE_SHOT_SIZE=WxH`` (for example ``900x560``), else 1400×880."""
    text = os.environ.get("ROUNDTABLE_SHOT_SIZE", "").strip()
    if not text:
        return 1400, 880
    width, sep, height = text.lower().partition("x")
    if not (sep and width.isdigit() and height.isdigit() and int(width) and int(height)):
        raise SystemExit(f"ROUNDTABLE_SHOT_SIZE must be WIDTHxHEIGHT in pixels, not {text!r}.")
    return int(width), int(height)


def _find(window: object, words: str) -> int:
    page = window.page("roundtables")  # type: ignore[attr-defined]
    return next(r.id for r in page.table.rows() if words in r.title)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main(sys.argv[1:]))
