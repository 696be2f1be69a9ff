"""Every page, tab and dialog of the window, opened on the demo database, for checks of all.

Shared by tests/ui/test_nothing_cut_off.py and tests/ui/test_accessible.py. Dialogs are
collected from the code (every QDialog subclass defined in ``roundtable_ui``), so a new
dialog without an entry in :data:`DIALOGS` fails the tests rather than going unchecked.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QTabWidget, QWidget

import roundtable_ui
from roundtable.meetings import invitation_queries, minutes_queries, queries
from roundtable.people import queries as people_queries
from roundtable.storage.db import Database
from roundtable_ui import i18n, messages, window_size
from roundtable_ui.main_window import PAGE_KEYS, MainWindow
from roundtable_ui.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"

#: The screens a window is checked on: Qt's offscreen screen says 800×800, so the
#: window's idea of the screen is replaced (``window_size.available_geometry``).
SCREENS = {"1024x700": QRect(0, 0, 1024, 700)}
#: What a window manager puts around a dialog's title: icon, close/maximise buttons, padding.
TITLE_BAR_ALLOWANCE = 130

#: Base classes that are never shown on their own.
ABSTRACT = {
    "roundtable_ui.dialogs.organisation_dialog.FormDialog",
    "roundtable_ui.pages.minutes_tab._FormDialog",
}


def settle() -> None:
    """Let posted layout requests run (a wrapped row asks its parent again)."""
    for _ in range(4):
        QApplication.processEvents()


def use_language(app: QApplication, language: str) -> None:
    """``en``, ``nl`` or ``pseudo`` (English wrapped as ``[~~ text ~~]``, longer than Dutch)."""
    if language == "pseudo":
        i18n.install_translators(app, "en", pseudo=True)
    else:
        i18n.install_translators(app, language, pseudo=False)


@dataclass
class Scene:
    """The main window on the demo database and the ids of records that dialogs edit."""

    window: MainWindow
    store: Store
    tmp_path: Path

    def roundtable_id(self, words: str = "November") -> int:
        rows = self.store.read(queries.list_roundtables)
        return next(r.id for r in rows if words in r.title)

    def invitation_id(self) -> int:
        rows = self.store.read(invitation_queries.list_invitations, self.roundtable_id())
        return rows[0].id

    def person_id(self) -> int:
        return self.store.read(people_queries.list_people)[0].id

    def organisation_id(self) -> int:
        return self.store.read(people_queries.list_organisations)[0].id

    def agenda(self) -> list[Any]:
        return list(self.store.read(minutes_queries.minutes, self.roundtable_id()))


def open_window(qtbot: Any, database: Database, size: QSize | None = None) -> Scene:
    window = MainWindow()
    qtbot.addWidget(window)
    window.set_database(database)
    if size is not None:
        window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    assert window.store is not None
    return Scene(window, window.store, Path(database.path).parent if database.path else Path())


# --- pages and tabs -----------------------------------------------------------------


def pages(scene: Scene) -> Iterator[tuple[str, QWidget]]:
    """Every page, and within it every tab of its tab widgets, made current in turn."""
    window = scene.window
    for key in PAGE_KEYS:
        window.show_page(key)
        page = window.page(key)
        assert page is not None
        if key == "roundtables":
            for words in ("November", "Project Clover"):
                page.show_roundtable(scene.roundtable_id(words))  # type: ignore[attr-defined]
                yield from _tabs(f"{key} ({words})", page)
        else:
            yield from _tabs(key, page)


def _tabs(name: str, page: QWidget) -> Iterator[tuple[str, QWidget]]:
    settle()
    tab_widgets = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)]
    if not tab_widgets:
        yield name, page
        return
    for tabs in tab_widgets:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            settle()
            yield f"{name}, tab {tabs.tabText(index).replace('&', '')!r}", page


# --- dialogs ------------------------------------------------------------------------


def dialog_classes() -> list[str]:
    """The qualified names of every QDialog subclass that roundtable_ui defines."""
    found = set()
    for info in pkgutil.walk_packages(roundtable_ui.__path__, "roundtable_ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QDialog) and cls.__module__ == info.name:
                found.add(f"{cls.__module__}.{cls.__qualname__}")
    return sorted(found - ABSTRACT)


def _about(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.about_dialog import AboutDialog

    return AboutDialog(s.window.database, s.window)


def _settings(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.settings_dialog import SettingsDialog

    return SettingsDialog(s.window)


def _calendar_import(s: Scene) -> QDialog:
    files = [DATA / "ics" / n for n in ("outlook-reply-accepted.ics", "unknown-uid-reply.ics")]
    s.window.import_calendar_files(files)
    dialog = s.window.import_dialog
    assert isinstance(dialog, QDialog)
    return dialog


def _contacts_import(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.contacts_import import ContactsImportDialog

    dialog = ContactsImportDialog(s.store, DATA / "contacts" / "google.csv", s.window)
    with _waiting(dialog.planned):
        dialog.open()
    return dialog


class _waiting:
    """Wait (events running) until ``signal`` fires once, at most 10 s."""

    def __init__(self, signal: Any) -> None:
        self.signal, self.fired = signal, False

    def _fire(self, *_: object) -> None:
        self.fired = True

    def __enter__(self) -> None:
        self.signal.connect(self._fire)

    def __exit__(self, *exc: object) -> None:
        from PySide6.QtCore import QDeadlineTimer

        deadline = QDeadlineTimer(10_000)
        while not self.fired and not deadline.hasExpired():
            QApplication.processEvents()
        assert self.fired, "the dialog never finished loading"


def _history(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.history_dialog import HistoryDialog

    return HistoryDialog(s.store, s.invitation_id(), s.window)


def _invitee_picker(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.invitee_picker import InviteePicker

    return InviteePicker(s.store, s.roundtable_id("Project Clover"), s.window)


def _merge(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.merge_people import MergePeopleDialog

    return MergePeopleDialog(s.store, s.window)


def _organisation(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.organisation_dialog import OrganisationDialog

    return OrganisationDialog(s.store, s.organisation_id(), s.window)


def _person(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.person_dialog import PersonDialog

    return PersonDialog(s.store, s.person_id(), s.window)


def _access_summary(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.privacy_access import AccessExportSummary

    folder = s.tmp_path / "access export"
    return AccessExportSummary(s.window, folder / "Amira El Idrissi.json", folder / "Amira.html")


def _erase(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.privacy_erase import ErasePersonDialog

    return ErasePersonDialog(s.store, s.person_id(), s.window)


def _roundtable(s: Scene) -> QDialog:
    from roundtable_ui.dialogs.roundtable_dialog import RoundtableDialog

    return RoundtableDialog(s.store, s.window)


def _error(s: Scene) -> QDialog:
    from roundtable_ui.app import ErrorDialog

    details = "Traceback (most recent call last):\n  ...\nValueError: an example"
    return ErrorDialog(details, s.tmp_path / "roundtable.log", s.window)


def _follow_up(s: Scene) -> QDialog:
    from roundtable_ui.pages.follow_up_tab import FollowUpDialog

    return FollowUpDialog(s.store, s.roundtable_id(), s.window)


def _note(s: Scene) -> QDialog:
    from roundtable_ui.pages.minutes_tab import NoteDialog

    item = next(i for i in s.agenda() if i.notes)
    return NoteDialog(s.store, item.id, item.notes[0], item.notes[0].kind, s.window)


def _action_item(s: Scene) -> QDialog:
    from roundtable_ui.pages.minutes_tab import ActionDialog

    rid = s.roundtable_id()
    actions = s.store.read(minutes_queries.list_action_items, rid)
    return ActionDialog(s.store, rid, s.agenda(), actions[0] if actions else None, s.window)


def _question(s: Scene) -> QDialog:
    from roundtable_ui.pages.questions_tab import QuestionDialog

    rid = s.roundtable_id()
    rows = s.store.read(minutes_queries.list_questions, rid)
    return QuestionDialog(s.store, rid, rows[0] if rows else None, s.window)


def _part(s: Scene) -> QDialog:
    s.window.show_page("statements")
    page = s.window.page("statements")
    editor = page.editor  # type: ignore[union-attr]
    settle()
    dialog = editor.add_reference()
    assert isinstance(dialog, QDialog)
    return dialog


def _organiser_prompt(s: Scene) -> QDialog:
    from roundtable.calendar.readiness import calendar_readiness
    from roundtable_ui.dialogs.calendar_export import OrganiserPrompt

    state = s.store.read(calendar_readiness, s.roundtable_id())
    return OrganiserPrompt(s.store, state, s.window)


def _written_notice(s: Scene) -> QDialog:
    from roundtable_ui.widgets.file_dialogs import WrittenNotice

    text = QApplication.translate("CalendarExport", "%n file(s) written to %1", "", 40)
    notice = WrittenNotice(s.window, "Export", text.replace("%1", str(s.tmp_path)), s.tmp_path)
    notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # the checks close it
    return notice


#: How each dialog is opened on the demo database, by the qualified name of its class.
DIALOGS: dict[str, Callable[[Scene], QDialog]] = {
    "roundtable_ui.app.ErrorDialog": _error,
    "roundtable_ui.dialogs.about_dialog.AboutDialog": _about,
    "roundtable_ui.dialogs.calendar_export.OrganiserPrompt": _organiser_prompt,
    "roundtable_ui.dialogs.calendar_import.CalendarImportDialog": _calendar_import,
    "roundtable_ui.dialogs.contacts_import.ContactsImportDialog": _contacts_import,
    "roundtable_ui.dialogs.history_dialog.HistoryDialog": _history,
    "roundtable_ui.dialogs.invitee_picker.InviteePicker": _invitee_picker,
    "roundtable_ui.dialogs.merge_people.MergePeopleDialog": _merge,
    "roundtable_ui.dialogs.organisation_dialog.OrganisationDialog": _organisation,
    "roundtable_ui.dialogs.person_dialog.PersonDialog": _person,
    "roundtable_ui.dialogs.privacy_access.AccessExportSummary": _access_summary,
    "roundtable_ui.dialogs.privacy_erase.ErasePersonDialog": _erase,
    "roundtable_ui.dialogs.roundtable_dialog.RoundtableDialog": _roundtable,
    "roundtable_ui.dialogs.settings_dialog.SettingsDialog": _settings,
    "roundtable_ui.widgets.file_dialogs.WrittenNotice": _written_notice,
    "roundtable_ui.pages.follow_up_tab.FollowUpDialog": _follow_up,
    "roundtable_ui.pages.minutes_tab.ActionDialog": _action_item,
    "roundtable_ui.pages.minutes_tab.NoteDialog": _note,
    "roundtable_ui.pages.questions_tab.QuestionDialog": _question,
    "roundtable_ui.pages.statement_editor.PartDialog": _part,
}


def input_dialogs(s: Scene) -> Iterator[tuple[str, QDialog]]:
    """The small question dialogs of ui.messages (text, long text, a choice), as the app asks."""
    tr = QApplication.translate
    withdraw = tr("InvitationsTab", "Withdraw invitation")
    why = tr("InvitationsTab", "Why is the invitation withdrawn? (%n invitee(s))", "", 1)
    who = tr("InvitationsTab", "Who withdrew?")
    sides = [tr("InvitationsTab", "The host took the invitation back")]
    yield "text question", messages.text_dialog(s.window, withdraw, why, "", False)
    yield "long text question", messages.text_dialog(s.window, withdraw, why, "", True)
    yield "choice question", messages.choice_dialog(s.window, withdraw, who, sides)
    cancellation = tr("CalendarExport", "Export cancellation")
    prompt = tr("CalendarExport", "Export the cancellation as:")
    yield "format question", messages.choice_dialog(s.window, cancellation, prompt, ["ICS"])


def dialogs(scene: Scene) -> Iterator[tuple[str, QDialog]]:
    """Every dialog, opened (not exec'd) at the size it chooses, then closed after use."""
    for name in dialog_classes():
        make = DIALOGS.get(name)
        assert make is not None, f"{name} is a dialog the checks do not open: add it to DIALOGS"
        dialog = make(scene)
        yield name.rsplit(".", 1)[1], dialog
    yield from input_dialogs(scene)


def show(dialog: QDialog) -> None:
    if not dialog.isVisible():
        dialog.open() if not isinstance(dialog, QInputDialog) else dialog.show()
    settle()


def close(dialog: QDialog) -> None:
    dialog.reject()
    dialog.deleteLater()
    settle()


__all__ = [
    "DIALOGS",
    "SCREENS",
    "TITLE_BAR_ALLOWANCE",
    "Scene",
    "close",
    "dialogs",
    "open_window",
    "pages",
    "settle",
    "show",
    "use_language",
    "window_size",
]
