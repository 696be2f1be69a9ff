"""Save a PNG of each main view of the app on the demo database.

    python3 dev.py screenshots [OUT_DIR]      (default: screenshots/)

Runs on whatever Qt platform is set (offscreen when there is no screen, or a
real X server such as Xvfb for pixel-true window decorations). The demo
database is made fresh in a temporary folder, with the clock pinned so the
dashboard has something to show. The window is 1400×880 unless
ROUNDTABLE_SHOT_SIZE=WxH says otherwise (900x560 is the window's minimum).
"""

from __future__ import annotations

import os
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
        settle(1.5 if name == "statements" else 0.3)
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
    shot("statements", lambda: window.show_page("statements"))
    shot("privacy-review", lambda: window.show_page("privacy"))

    def audit_log() -> None:
        window.show_page("privacy")
        window.page("privacy").show_audit_log()  # type: ignore[union-attr]

    shot("privacy-audit", audit_log)
    _dialog_shots(window, out, settle)
    window.close()
    database.close()
    return 0


def _dialog_shots(window: Any, out: Path, settle: Callable[[float], None]) -> None:
    """The contacts import preview (on a test file) and the erase dialog."""
    from sqlalchemy import select

    from roundtable.storage.models import Person
    from roundtable_ui.dialogs.contacts_import import ContactsImportDialog
    from roundtable_ui.dialogs.privacy_erase import ErasePersonDialog

    sample = Path(__file__).resolve().parents[1] / "tests" / "data" / "contacts" / "outlook.csv"
    dialogs: list[tuple[str, Any]] = []
    if sample.exists():  # a source checkout
        dialogs.append(("contacts-import", ContactsImportDialog(window.store, sample, window)))
    with window.store.database.transaction() as session:
        person_id = (
            session.scalars(select(Person.id).where(Person.name == "Anna de Wit")).first()
            or session.scalars(select(Person.id)).first()
        )
    dialogs.append(("privacy-erase", ErasePersonDialog(window.store, person_id, window)))
    for name, dialog in dialogs:
        dialog.resize(1000, 680)
        dialog.show()
        settle(1.5)
        path = out / f"{name}.png"
        dialog.grab().save(str(path))
        print(path)
        dialog.close()


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
