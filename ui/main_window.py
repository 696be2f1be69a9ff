"""The main window: a sidebar of pages, menus, toolbar and status bar.

The window is built and shown before the database is open (the database
layer is slow to import), then :meth:`MainWindow.set_database` builds the
pages on a :class:`~ui.store.Store` for that database. File > Open and New
swap the database; Edit > Undo and Redo drive the store's undo stack.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QStyle,
    QToolBar,
    QWidget,
)

from roundtable.errors import ConcurrentEditError, RoundtableError
from roundtable_ui import window_size
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.keyboard import CONTEXT_MENU_KEYS, REDO_KEYS, TextRedoKeys, open_context_menu
from roundtable_ui.live import ChangeWatcher
from roundtable_ui.widgets import file_dialogs

if TYPE_CHECKING:
    from roundtable.storage.changes import ChangeStamp
    from roundtable.storage.db import Database
    from roundtable_ui.store import Store

log = logging.getLogger("roundtable_ui.main_window")

#: The pages in sidebar order: (key, untranslated title, standard icon or the
#: name of an SVG in resources/icons).
PAGES: tuple[tuple[str, str, QStyle.StandardPixmap | str], ...] = (
    (
        "dashboard",
        QT_TRANSLATE_NOOP("MainWindow", "Dashboard"),
        QStyle.StandardPixmap.SP_DesktopIcon,
    ),
    (
        "roundtables",
        QT_TRANSLATE_NOOP("MainWindow", "Roundtables"),
        QStyle.StandardPixmap.SP_FileDialogDetailedView,
    ),
    (
        "people",
        QT_TRANSLATE_NOOP("MainWindow", "People && Organisations"),
        QStyle.StandardPixmap.SP_DirHomeIcon,
    ),
    (
        "statements",
        QT_TRANSLATE_NOOP("MainWindow", "Statements"),
        QStyle.StandardPixmap.SP_FileDialogContentsView,
    ),
    (
        "privacy",
        QT_TRANSLATE_NOOP("MainWindow", "Privacy"),
        "privacy.svg",
    ),
)


PAGE_KEYS = [key for key, _title, _icon in PAGES]
#: The size the window opens at where the screen has room, and the least it can be.
PREFERRED_SIZE = QSize(1280, 800)
MINIMUM_SIZE = QSize(900, 560)


class MainWindow(QMainWindow):
    """Roundtable's main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database: Database | None = None
        self.store: Store | None = None
        #: Polls the database for other people's changes once one is set (ui.live).
        self.watcher: ChangeWatcher | None = None
        self.pages: dict[str, QWidget] = {}
        self.setWindowTitle(self.tr("Roundtable"))
        self.setMinimumSize(window_size.fitting(MINIMUM_SIZE, self))
        window_size.resize_to_fit(self, PREFERRED_SIZE)  # never larger than the screen

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName(self.tr("Pages"))
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(210)
        self.sidebar.setSpacing(2)
        for key, title, icon in PAGES:
            item = QListWidgetItem(self._page_icon(icon), self.tr(title).replace("&&", "&"))
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(190, 34))
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._page_chosen)

        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self.tr("Opening the database…"), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.placeholder)

        central = QWidget(self)
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.db_label = QLabel(self)
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.db_label)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_keyboard_paths()
        self._restore_geometry()
        # Calendar replies (.ics, .eml) dropped anywhere on the window are imported.
        self.setAcceptDrops(True)
        #: The summary of the last calendar import (tests drive it without exec()).
        self.import_dialog: QWidget | None = None
        #: The last About and Preferences dialogs opened (window-modal, not blocking).
        self.about_dialog: QWidget | None = None
        self.preferences_dialog: QWidget | None = None

    # -- building --------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _page_icon(self, icon: QStyle.StandardPixmap | str) -> QIcon:
        if isinstance(icon, str):
            from roundtable_ui.app import resource_icon  # ui.app imports this module

            return resource_icon(icon)
        return self.style().standardIcon(icon)

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.new_db_action = self._action(
            self.tr("&New database…"),
            self.new_database,
            "Ctrl+Shift+N",
            tip=self.tr("Start an empty database file"),
        )
        self.open_db_action = self._action(
            self.tr("&Open database…"),
            self.open_database,
            QKeySequence.StandardKey.Open,
            sp.SP_DialogOpenButton,
            self.tr("Open another database file"),
        )
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.import_replies_action = self._action(
            self.tr("&Import calendar replies…"),
            self.import_calendar_replies,
            "Ctrl+I",
            tip=self.tr("Read RSVPs from .ics files or .eml messages (or drop them on the window)"),
        )
        self.import_contacts_action = self._action(
            self.tr("Import &contacts…"),
            self.import_contacts,
            tip=self.tr("Add people from a CSV file (Google, Outlook, any spreadsheet) or vCards"),
        )
        self.export_contacts_action = self._action(
            self.tr("&Export contacts…"),
            self.export_contacts,
            tip=self.tr("Save everyone's contact details as CSV or vCard"),
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self._action(
            self.tr("&Undo"), self._undo, QKeySequence.StandardKey.Undo, sp.SP_ArrowBack
        )
        self.redo_action = self._action(self.tr("&Redo"), self._redo, icon=sp.SP_ArrowForward)
        # Ctrl+Shift+Z and Ctrl+Y everywhere, each once. Not StandardKey.Redo: on GNOME
        # and KDE that is Ctrl+Shift+Z again, and a key bound twice is ambiguous: dead.
        self.redo_action.setShortcuts(list(REDO_KEYS))
        self.new_item_action = self._action(
            self.tr("&New…"),
            self.new_item,
            QKeySequence.StandardKey.New,
            sp.SP_FileIcon,
            self.tr("Create a roundtable, person or statement, depending on the page"),
        )
        self.find_action = self._action(
            self.tr("&Find"),
            self.focus_search,
            QKeySequence.StandardKey.Find,
            tip=self.tr("Search the list on this page"),
        )
        self.refresh_action = self._action(
            self.tr("Re&load"), self.refresh, QKeySequence.StandardKey.Refresh, sp.SP_BrowserReload
        )
        self.page_actions = []
        for number, (key, title, _icon) in enumerate(PAGES, start=1):
            action = self._action(
                self.tr(title), lambda _checked=False, k=key: self.show_page(k), f"Ctrl+{number}"
            )
            action.setCheckable(True)
            self.page_actions.append(action)
        self.preferences_action = self._action(
            self.tr("&Preferences…"),
            self.show_preferences,
            tip=self.tr("Choose the interface language and other settings"),
        )
        # The platform's own key where it has one (macOS, GNOME, KDE), else Ctrl+,.
        self.preferences_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences)
            or [QKeySequence("Ctrl+,")]
        )
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.about_action = self._action(self.tr("&About Roundtable"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._update_undo_actions()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_db_action)
        file_menu.addAction(self.open_db_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_replies_action)
        file_menu.addAction(self.import_contacts_action)
        file_menu.addAction(self.export_contacts_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.new_item_action)
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for action in self.page_actions:
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.refresh_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.new_item_action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.refresh_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    def _build_keyboard_paths(self) -> None:
        """Shift+F10 and the Menu key open context menus; Ctrl+Y in a text field redoes typing."""
        self.context_menu_shortcuts: list[QShortcut] = []
        for keys in CONTEXT_MENU_KEYS:
            shortcut = QShortcut(keys, self)
            shortcut.setObjectName("contextMenuShortcut")
            shortcut.activated.connect(self.open_context_menu)
            self.context_menu_shortcuts.append(shortcut)
        self._text_redo_keys = TextRedoKeys(self)

    def open_context_menu(self) -> None:
        """The focused widget's context menu, as a right-click on its current item opens it."""
        open_context_menu(QApplication.focusWidget())

    # -- the database ----------------------------------------------------------------
    def set_database(self, database: Database) -> None:
        """Show ``database``: a new store, fresh pages, the last page the user had open.

        Pages are built when first shown (each loads its lists), so opening a
        large database costs only the page the user sees.
        """
        from roundtable_ui.store import Store

        self._drop_pages()
        self.database = database
        self.store = Store(database, self)
        self.store.failed.connect(self._undo_failed)
        from roundtable_ui import messages

        messages.set_conflict_handler(lambda error: self.handle_core_error(error))
        stack = self.store.undo_stack
        stack.canUndoChanged.connect(self._update_undo_actions)
        stack.canRedoChanged.connect(self._update_undo_actions)
        stack.undoTextChanged.connect(self._update_undo_actions)
        stack.redoTextChanged.connect(self._update_undo_actions)
        stack.indexChanged.connect(self._update_undo_actions)

        self.setWindowTitle(self.tr("Roundtable — %1").replace("%1", database.description))
        self.db_label.setText(database.description)
        self.db_label.setToolTip(self.tr("The database in use"))
        last = str(QSettings().value("window/page", "dashboard"))
        self.show_page(last if last in PAGE_KEYS else "dashboard")
        self._update_undo_actions()
        self._watch(database)

    def _drop_pages(self) -> None:
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        if self.store is not None:
            self.store.deleteLater()
            self.store = None

    def open_database(self) -> None:
        start = str(self.database.path.parent) if self.database and self.database.path else ""
        chosen = file_dialogs.choose_open_file(
            self,
            self.tr("Open database"),
            file_dialogs.DATABASE,
            self.tr("Roundtable databases (*.sqlite3 *.db);;All files (*)"),
            start,
        )
        if chosen:
            self.switch_database(str(chosen))

    def new_database(self) -> None:
        start = str(self.database.path.parent) if self.database and self.database.path else ""
        answer = file_dialogs.choose_save_file(
            self,
            self.tr("New database"),
            file_dialogs.DATABASE,
            "",
            self.tr("Roundtable databases (*.sqlite3)"),
            start,
        )
        if answer is None:
            return
        path = str(answer[0])
        if not path.endswith((".sqlite3", ".db")):
            path += ".sqlite3"
        if Path(path).exists():
            from roundtable_ui import messages

            messages.show_error(
                self,
                self.tr("New database"),
                self.tr("%1 already exists; use Open database to open it.").replace("%1", path),
            )
            return
        self.switch_database(path)

    def switch_database(self, spec: str) -> bool:
        """Open the database ``spec`` in place of the current one; whether it worked."""
        from roundtable.storage.db import open_database
        from roundtable_ui import messages

        try:
            database = open_database(spec)
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot open the database"), exc)
            return False
        previous = self.database
        self.set_database(database)
        if previous is not None:
            previous.close()
        self.statusBar().showMessage(self.tr("Opened %1").replace("%1", database.description), 5000)
        return True

    # -- pages -----------------------------------------------------------------------
    def page(self, key: str) -> QWidget | None:
        """The page called ``key``, built on first use; ``None`` before a database is open."""
        if key in self.pages:
            return self.pages[key]
        if self.store is None or key not in PAGE_KEYS:
            return None
        from roundtable_ui.pages.dashboard import DashboardPage
        from roundtable_ui.pages.people_page import PeoplePage
        from roundtable_ui.pages.privacy_page import PrivacyPage
        from roundtable_ui.pages.roundtables_page import RoundtablesPage
        from roundtable_ui.pages.statements_page import StatementsPage

        classes: dict[str, Any] = {
            "dashboard": DashboardPage,
            "roundtables": RoundtablesPage,
            "people": PeoplePage,
            "statements": StatementsPage,
            "privacy": PrivacyPage,
        }
        page = classes[key](self.store, self)
        for view in page.findChildren(QAbstractItemView):
            # Tab goes on to the next control; arrows move within a list.
            view.setTabKeyNavigation(False)
        if key == "dashboard":
            page.open_roundtable.connect(self.open_roundtable)
            page.open_privacy.connect(lambda: self.show_page("privacy"))
        elif key == "privacy":
            page.open_person.connect(self.open_person)
        self.pages[key] = page
        self.stack.addWidget(page)
        return page

    def show_page(self, key: str) -> None:
        page = self.page(key)
        if page is None:
            return
        row = PAGE_KEYS.index(key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
        self.stack.setCurrentWidget(page)
        for action, page_key in zip(self.page_actions, PAGE_KEYS, strict=True):
            action.setChecked(page_key == key)
        QSettings().setValue("window/page", key)

    def current_page(self) -> QWidget | None:
        widget = self.stack.currentWidget()
        return widget if widget in self.pages.values() else None

    def current_page_key(self) -> str | None:
        page = self.current_page()
        return next((k for k, p in self.pages.items() if p is page), None)

    def open_roundtable(self, roundtable_id: int) -> None:
        self.show_page("roundtables")
        page = self.page("roundtables")
        if page is not None:
            page.show_roundtable(roundtable_id)  # type: ignore[attr-defined]

    def open_person(self, person_id: int) -> None:
        self.show_page("people")
        page = self.page("people")
        if page is not None:
            page.show_person(person_id)  # type: ignore[attr-defined]

    def _page_chosen(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.show_page(PAGES[row][0])

    # -- actions ---------------------------------------------------------------------
    def new_item(self) -> None:
        page = self.current_page()
        if page is None:
            return
        if self.current_page_key() == "dashboard":
            self.show_page("roundtables")
            page = self.current_page()
        for name in ("new_item", "create_roundtable"):
            method = getattr(page, name, None)
            if callable(method):
                method()
                return

    def focus_search(self) -> None:
        page = self.current_page()
        method = getattr(page, "focus_search", None)
        if callable(method):
            method()

    def refresh(self) -> None:
        if self.store is not None:
            self.store.notify_outside_change()
            self.statusBar().showMessage(self.tr("Reloaded"), 2000)

    def _undo(self) -> None:
        if self.store is not None:
            self.store.undo_stack.undo()

    def _redo(self) -> None:
        if self.store is not None:
            self.store.undo_stack.redo()

    def _update_undo_actions(self, *_: object) -> None:
        stack = self.store.undo_stack if self.store is not None else None
        can_undo = bool(stack and stack.canUndo())
        can_redo = bool(stack and stack.canRedo())
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", stack.undoText())
            if can_undo and stack
            else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo %1").replace("%1", stack.redoText())
            if can_redo and stack
            else self.tr("&Redo")
        )

    def _undo_failed(self, error: object) -> None:
        from roundtable_ui import messages

        title = self.tr("Cannot undo or redo")
        if isinstance(error, RoundtableError):
            messages.show_core_error(self, title, error)
        else:
            messages.show_error(self, title, str(error))
        if self.store is not None:
            self.store.notify_outside_change()  # show what the database holds now

    # -- calendar replies --------------------------------------------------------------
    def import_calendar_replies(self) -> None:
        """File > Import calendar replies…: pick .ics / .eml files and import them."""
        from roundtable_ui.dialogs import calendar_import

        if self.store is not None:
            self.import_calendar_files(calendar_import.choose_files(self))

    def import_calendar_files(self, paths: list[Path]) -> None:
        """Import reply files as one undoable step and show what changed."""
        from roundtable_ui.dialogs import calendar_import

        if self.store is not None and paths:
            self.import_dialog = calendar_import.import_calendar_files(self, self.store, paths)

    def import_contacts(self) -> None:
        """File > Import contacts…: pick a CSV or vCard file and preview it."""
        from roundtable_ui.dialogs import contacts_import

        if self.store is not None:
            self.contacts_dialog = contacts_import.import_contacts(self.store, self)

    def export_contacts(self) -> None:
        """File > Export contacts…: everyone, as CSV or vCard."""
        from roundtable_ui.dialogs import contacts_export

        if self.store is not None:
            contacts_export.export_contacts(self.store, self)

    def _dropped_files(self, event: QDragEnterEvent | QDropEvent) -> tuple[list[Path], list[Path]]:
        """The calendar files and the contacts files of a drag or drop."""
        from roundtable_ui.dialogs.calendar_import import calendar_files
        from roundtable_ui.dialogs.contacts_import import contacts_files

        mime = event.mimeData()
        if self.store is None or not mime.hasUrls():
            return [], []
        paths = [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()]
        return calendar_files(paths), contacts_files(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(self._dropped_files(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if any(self._dropped_files(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        calendar, contacts = self._dropped_files(event)
        if not calendar and not contacts:
            event.ignore()
            return
        event.acceptProposedAction()
        if calendar:
            self.import_calendar_files(calendar)
        if contacts and self.store is not None:
            from roundtable_ui.dialogs import contacts_import

            self.contacts_dialog = contacts_import.import_contacts(self.store, self, contacts)

    def show_about(self) -> None:
        """Help > About: version, licence and where the data is kept."""
        from roundtable_ui.dialogs.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.database, self)
        self.about_dialog.open()

    def show_preferences(self) -> None:
        """Edit > Preferences…: the settings, built from ui.settings."""
        from roundtable_ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.accepted.connect(lambda: self._preferences_saved(dialog.needs_restart()))
        self.preferences_dialog = dialog
        dialog.open()

    def _preferences_saved(self, needs_restart: bool) -> None:
        if needs_restart:
            message = self.tr("Saved. The new language shows when you start Roundtable again.")
        else:
            message = self.tr("Preferences saved.")
        self.statusBar().showMessage(message, 8000)

    # -- other people's changes ------------------------------------------------------
    def handle_core_error(self, exc: Exception) -> bool:
        """Show an error the core raised while saving; returns whether the pages were reloaded.

        A conflict (someone else saved the record first) asks whether to
        reload; any other core error is shown as it is. Anything else is a bug
        and is raised again, for the crash dialog.
        """
        from roundtable_ui import messages

        if isinstance(exc, ConcurrentEditError):
            from roundtable_ui.dialogs.conflict import ask_to_reload

            if not ask_to_reload(self, exc):
                return False
            if self.store is not None:
                self.store.notify_outside_change()
            self.statusBar().showMessage(self.tr("Reloaded: you now see the saved version."))
            return True
        if isinstance(exc, RoundtableError):
            messages.show_core_error(self, self.tr("The change was not saved"), exc)
            return False
        raise exc

    def _watch(self, database: Database) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
        self.watcher = ChangeWatcher(database, self)
        self.watcher.changed.connect(self._changed_elsewhere)
        self.watcher.failed.connect(self.statusBar().showMessage)
        self.watcher.recovered.connect(self.statusBar().clearMessage)
        self.watcher.start()

    def _changed_elsewhere(self, stamp: ChangeStamp) -> None:
        """The database changed (another user, another window): every page refreshes."""
        from roundtable import context
        from roundtable.storage.db import is_database_failure

        if self.store is None:
            return
        try:
            self.store.notify_outside_change()
        except Exception as exc:  # the server went away meanwhile
            if not (isinstance(exc, RoundtableError) or is_database_failure(exc)):
                raise
            log.warning("cannot refresh after a change by %s: %s", stamp.changed_by, exc)
            message = self.tr("Cannot show the latest changes: %1").replace("%1", str(exc))
            self.statusBar().showMessage(message)
            return
        if stamp.changed_by and stamp.changed_by != context.actor():
            moment = stamp.changed_at.astimezone().strftime("%H:%M") if stamp.changed_at else ""
            message = self.tr("Updated: changes by %1 at %2").replace("%1", stamp.changed_by)
            self.statusBar().showMessage(message.replace("%2", moment))

    # -- window state ----------------------------------------------------------------
    def _restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            window_size.keep_on_screen(self)  # saved on a larger screen
        state = settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.watcher is not None:
            self.watcher.stop()  # no polling of a database about to be closed
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        super().closeEvent(event)
