"""The People & Organisations page: two searchable tables and each record's history.

Each tab is a :class:`FilterTable` above a history panel showing every
roundtable the selected person (or organisation) was invited to, with the
dated changes of that invitation. New…, Edit… and Delete open the validated
dialogs or ask the core to delete; every write is one undoable step.

The People tab also imports and exports contacts (CSV, vCard; a contacts
file dropped on the page opens the import preview), finds duplicates, and
for the selected person writes a subject access report or erases their
personal data. Those dialogs live in their own modules, imported when used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roundtable.enums import InvitationRole, LawfulBasis, OrganisationKind
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.meetings import invitation_queries
from roundtable.people import actions as people_actions
from roundtable.people import queries as people_queries
from roundtable_ui import messages
from roundtable_ui.dialogs.organisation_dialog import FormDialog, OrganisationDialog, kind_label
from roundtable_ui.dialogs.person_dialog import PersonDialog, lawful_basis_label
from roundtable_ui.formatting import format_date, format_datetime, status_label
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.filter_table import FilterTable
from roundtable_ui.widgets.flow_layout import FlowLayout
from roundtable_ui.widgets.table_view import plain_table_view

_GREY = QColor("#7f8c8d")


_ROLE_LABELS = {
    InvitationRole.CHAIR: QT_TRANSLATE_NOOP("InvitationRole", "Chair"),
    InvitationRole.SPEAKER: QT_TRANSLATE_NOOP("InvitationRole", "Speaker"),
    InvitationRole.PARTICIPANT: QT_TRANSLATE_NOOP("InvitationRole", "Participant"),
    InvitationRole.OBSERVER: QT_TRANSLATE_NOOP("InvitationRole", "Observer"),
}


def role_label(role: InvitationRole | str) -> str:
    """The translated name of an invitation role."""
    return QCoreApplication.translate(
        "InvitationRole", str(_ROLE_LABELS.get(InvitationRole(role), role))
    )


def _change_text(line: invitation_queries.HistoryRow) -> str:
    if line.from_status is None:
        return status_label(line.to_status)
    return f"{status_label(line.from_status)} → {status_label(line.to_status)}"


class HistoryPanel(QWidget):
    """Invitations of one person or organisation across roundtables, and their dated changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.involvements: RowTableModel[people_queries.InvolvementRow] = RowTableModel(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Roundtable"), lambda r: r.roundtable_title
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Date"),
                    lambda r: format_datetime(r.roundtable_starts_at, r.roundtable_timezone),
                    sort_key=lambda r: r.roundtable_starts_at,
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Invitee"), lambda r: r.invitee_name),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Role"), lambda r: role_label(r.role)),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: status_label(r.status)
                ),
            ],
            self,
        )
        self.involvement_view = _plain_view(self, self.involvements, stretch=0)
        self.involvement_view.setAccessibleName(self.tr("Roundtables of this person"))
        self.involvement_view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_lines(current.row())
        )
        self.lines: RowTableModel[invitation_queries.HistoryRow] = RowTableModel(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "When"),
                    lambda r: self._when(r),
                    sort_key=lambda r: r.at,
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Change"), _change_text),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "By"), lambda r: r.actor),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Reason"),
                    lambda r: r.reason,
                    tooltip=lambda r: r.reason,
                ),
            ],
            self,
        )
        self.lines_view = _plain_view(self, self.lines, stretch=3)
        self.lines_view.setAccessibleName(self.tr("History of this invitation"))
        self._zone = "Europe/Amsterdam"

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.involvement_view)
        splitter.addWidget(self.lines_view)
        splitter.setSizes([560, 440])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(splitter, 1)
        self.show_history("", [])

    def _when(self, line: invitation_queries.HistoryRow) -> str:
        return format_datetime(line.at, self._zone)

    def show_history(self, title: str, rows: Sequence[people_queries.InvolvementRow]) -> None:
        """Show ``rows`` under ``title`` and the changes of the first (newest) roundtable."""
        self.title_label.setText(title)
        self.involvements.set_rows(rows)
        if rows:
            self.involvement_view.selectRow(0)
            self.involvement_view.setCurrentIndex(self.involvements.index(0, 0))
        self._show_lines(0 if rows else -1)

    def _show_lines(self, row: int) -> None:
        if 0 <= row < self.involvements.rowCount():
            involvement = self.involvements.row_at(row)
            self._zone = involvement.roundtable_timezone
            self.lines.set_rows(involvement.history)
        else:
            self.lines.set_rows([])


def _plain_view(parent: QWidget, model: RowTableModel[Any], *, stretch: int) -> QTableView:
    return plain_table_view(parent, model, stretch=stretch)


class _RecordTab(QWidget):
    """Buttons, a filterable table and the history panel of one kind of record."""

    def __init__(
        self,
        table: FilterTable[Any],
        noun: str,
        on_new: Callable[[], Any],
        on_edit: Callable[[], Any],
        on_delete: Callable[[], Any],
        parent: QWidget,
        extra_buttons: Sequence[QWidget] = (),
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.new_button = QPushButton(self.tr("New %1…").replace("%1", noun), self)
        self.new_button.setToolTip(self.tr("Ctrl+N"))
        self.new_button.clicked.connect(on_new)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setToolTip(self.tr("Enter or double-click"))
        self.edit_button.clicked.connect(on_edit)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setToolTip(self.tr("Delete key; only when never invited"))
        self.delete_button.clicked.connect(on_delete)
        table.activated.connect(lambda _row: on_edit())
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), table.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(on_delete)
        table.selection_changed.connect(self._selection_changed)
        self.history = HistoryPanel(self)

        buttons = FlowLayout()  # wraps between the groups in a narrow window
        buttons.add_group([self.new_button, self.edit_button, self.delete_button])
        buttons.add_group(extra_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(table)
        splitter.addWidget(self.history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self._selection_changed([])

    def _selection_changed(self, rows: list[Any]) -> None:
        self.edit_button.setEnabled(len(rows) == 1)
        self.delete_button.setEnabled(len(rows) == 1)


class PeoplePage(QWidget):
    """People and organisations: search, create, edit, delete, and their history."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        #: The dialog opened last (tests fill it and call ``accept()``).
        self.dialog: FormDialog | None = None
        self._history_key: tuple[str, int | None] = ("", None)

        self.people = FilterTable(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name, foreground=_erased_grey
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "E-mail"), lambda r: r.email),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation_name
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Role"), lambda r: r.role),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Invitations"),
                    lambda r: str(r.invitation_count),
                    sort_key=lambda r: r.invitation_count,
                    align_right=True,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Last invited"),
                    lambda r: format_date(r.last_invited_at),
                    sort_key=lambda r: r.last_invited_at,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Lawful basis"),
                    lambda r: lawful_basis_label(r.lawful_basis),
                    foreground=lambda r: _GREY if r.lawful_basis == LawfulBasis.UNKNOWN else None,
                ),
            ],
            name=self.tr("People"),
            placeholder=self.tr("Search people by name, e-mail, organisation… (Ctrl+F)"),
            choices=[
                (self.tr("All people"), None),
                (self.tr("With e-mail"), lambda r: bool(r.email)),
                (self.tr("Without e-mail"), lambda r: not r.email),
                (self.tr("Erased"), lambda r: r.erased),
            ],
            stretch_column=0,
            parent=self,
        )
        self.organisations = FilterTable(
            [
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Kind"), lambda r: kind_label(r.kind)),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Website"), lambda r: r.website),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "People"),
                    lambda r: str(r.people_count),
                    sort_key=lambda r: r.people_count,
                    align_right=True,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Invitations"),
                    lambda r: str(r.invitation_count),
                    sort_key=lambda r: r.invitation_count,
                    align_right=True,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Ours"),
                    lambda r: "✓" if r.is_own else "",
                    sort_key=lambda r: r.is_own,
                ),
            ],
            name=self.tr("Organisations"),
            placeholder=self.tr("Search organisations (Ctrl+F)"),
            choices=[
                (self.tr("All kinds"), None),
                *[(kind_label(kind), lambda r, k=kind: r.kind == k) for kind in OrganisationKind],
            ],
            stretch_column=0,
            parent=self,
        )
        self._build_contact_actions()
        self.people_tab = _RecordTab(
            self.people,
            self.tr("person"),
            self.new_person,
            self.edit_selected,
            self.delete_selected,
            self,
            extra_buttons=self._contact_buttons(),
        )
        self.organisations_tab = _RecordTab(
            self.organisations,
            self.tr("organisation"),
            self.new_organisation,
            self.edit_selected,
            self.delete_selected,
            self,
        )
        self.people.selection_changed.connect(lambda _rows: self._show_history())
        self.people.selection_changed.connect(self._update_contact_actions)
        self.organisations.selection_changed.connect(lambda _rows: self._show_history())
        self.people.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.people.view.customContextMenuRequested.connect(self._show_context_menu)
        # A contacts file (.csv, .vcf) dropped anywhere on the page opens the import preview.
        self.setAcceptDrops(True)
        #: The contacts import dialog opened last (tests drive it).
        self.import_dialog: Any = None

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("People and organisations"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.people_tab, self.tr("&People"))
        self.tabs.addTab(self.organisations_tab, self.tr("O&rganisations"))
        self.tabs.currentChanged.connect(lambda _index: self._show_history())

        # Ctrl+N is the main window's Edit > New, which calls new_item() here.

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        store.changed.connect(self._on_changed)
        self.refresh()
        self._update_contact_actions(self.people.selected_rows())

    # -- public --------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload both tables (selections kept) and the history of the selected record."""
        people = self._store.read(people_queries.list_people)
        organisations = self._store.read(people_queries.list_organisations)
        self.people.set_rows(people)
        self.organisations.set_rows(organisations)
        self._history_key = ("", None)
        self._show_history()

    def focus_search(self) -> None:
        """Put the cursor in the search box of the visible table (Ctrl+F)."""
        self._current_table().focus_search()

    def showing_people(self) -> bool:
        return self.tabs.currentWidget() is self.people_tab

    def new_item(self) -> FormDialog:
        """New person or organisation, by the tab shown (Ctrl+N)."""
        return self.new_person() if self.showing_people() else self.new_organisation()

    def new_person(self) -> PersonDialog:
        self.tabs.setCurrentWidget(self.people_tab)
        dialog = PersonDialog(self._store, None, self)
        dialog.saved.connect(lambda pid: self._select(self.people, pid))
        return self._open(dialog)

    def new_organisation(self) -> OrganisationDialog:
        self.tabs.setCurrentWidget(self.organisations_tab)
        dialog = OrganisationDialog(self._store, None, self)
        dialog.saved.connect(lambda oid: self._select(self.organisations, oid))
        return self._open(dialog)

    def edit_selected(self) -> FormDialog | None:
        """Open the dialog of the selected person or organisation (Enter, double-click)."""
        row = self._single_row()
        if row is None:
            return None
        try:
            if self.showing_people():
                return self._open(PersonDialog(self._store, row.id, self))
            return self._open(OrganisationDialog(self._store, row.id, self))
        except NotFoundError as exc:  # deleted by someone else meanwhile
            messages.show_core_error(self, self.tr("Cannot edit"), exc)
            self.refresh()
            return None

    def delete_selected(self) -> None:
        """Delete the selected record after a confirmation; the core refuses invited ones."""
        row = self._single_row()
        if row is None:
            return
        question = self.tr("Delete “%1”? This can be undone with Edit > Undo.").replace(
            "%1", row.name
        )
        if not messages.confirm(self, self.tr("Delete"), question, self.tr("Delete")):
            return
        if self.showing_people():
            action = people_actions.delete_person(row.id, called=row.name)
        else:
            action = people_actions.delete_organisation(row.id, called=row.name)
        try:
            self._store.run(action)
        except RoundtableError as exc:
            messages.show_core_error(
                self, self.tr("Cannot delete “%1”").replace("%1", row.name), exc
            )

    # -- contacts and privacy ----------------------------------------------------------
    def import_contacts(self, paths: Sequence[Path] | None = None) -> Any:
        """Preview and import contacts files (asks for one when ``paths`` is ``None``)."""
        from roundtable_ui.dialogs.contacts_import import import_contacts

        self.tabs.setCurrentWidget(self.people_tab)
        dialog = import_contacts(self._store, self, paths)
        if dialog is not None:
            self.import_dialog = dialog
        return dialog

    def export_contacts(self) -> Path | None:
        """Export the selected people when several are selected, else everyone."""
        from roundtable_ui.dialogs.contacts_export import export_contacts

        return export_contacts(self._store, self, self.people_to_export())

    def people_to_export(self) -> list[int] | None:
        """The ids Export contacts… writes: the selection if it holds several, else ``None`` (all)."""
        rows = self.people.selected_rows()
        return [r.id for r in rows] if len(rows) > 1 else None

    def find_duplicates(self) -> Any:
        """Open the duplicates finder (people with the same address, near-same names)."""
        from roundtable_ui.dialogs.merge_people import open_merge_dialog

        return open_merge_dialog(self._store, self)

    def subject_access_report(self) -> Any:
        """Write everything held about the selected person (GDPR subject access)."""
        row = self._selected_person(allow_erased=False)
        if row is None:
            return None
        from roundtable_ui.dialogs.privacy_access import export_subject_access

        return export_subject_access(self._store, row.id, self)

    def erase_personal_data(self) -> Any:
        """Erase the selected person's personal data (asks first; cannot be undone)."""
        row = self._selected_person(allow_erased=False)
        if row is None:
            return None
        from roundtable_ui.dialogs.privacy_erase import erase_person_interactively

        return erase_person_interactively(self._store, row.id, self)

    def context_menu(self) -> QMenu:
        """The People table's context menu (a new one, for the current selection)."""
        menu = QMenu(self)
        menu.addAction(self.tr("Edit…"), self.edit_selected).setEnabled(
            len(self.people.selected_rows()) == 1
        )
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.access_action)
        menu.addAction(self.erase_action)
        menu.addSeparator()
        menu.addAction(self.duplicates_action)
        menu.addAction(self.import_action)
        return menu

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_contacts_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._dropped_contacts_files(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_contacts_files(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_contacts(paths)

    # -- internals -----------------------------------------------------------------
    def _build_contact_actions(self) -> None:
        self.import_action = QAction(self.tr("&Import contacts…"), self)
        self.import_action.setStatusTip(
            self.tr("Add people from a CSV or vCard file, with a preview first")
        )
        self.import_action.triggered.connect(lambda: self.import_contacts())
        self.export_action = QAction(self.tr("E&xport contacts…"), self)
        self.export_action.triggered.connect(self.export_contacts)
        self.duplicates_action = QAction(self.tr("Find &duplicates…"), self)
        self.duplicates_action.setStatusTip(
            self.tr("People who may be the same person, to merge them")
        )
        self.duplicates_action.triggered.connect(self.find_duplicates)
        self.access_action = QAction(self.tr("&Subject access report…"), self)
        self.access_action.setStatusTip(
            self.tr("Everything Roundtable holds about the selected person, for them to see")
        )
        self.access_action.triggered.connect(self.subject_access_report)
        self.erase_action = QAction(self.tr("&Erase personal data…"), self)
        self.erase_action.setStatusTip(
            self.tr("Replace the selected person's details; their invitations stay counted")
        )
        self.erase_action.triggered.connect(self.erase_personal_data)
        for action in (self.import_action, self.export_action):
            action.setToolTip(action.statusTip() or action.text().replace("&", ""))

    def _contact_buttons(self) -> list[QWidget]:
        # Push buttons like New/Edit/Delete beside them (a tool button would drop the "…").
        self.import_button = QPushButton(self.tr("Import contacts…"), self)
        self.import_button.setToolTip(self.import_action.toolTip())
        self.import_button.clicked.connect(self.import_action.trigger)
        self.export_button = QPushButton(self.tr("Export contacts…"), self)
        self.export_button.clicked.connect(self.export_action.trigger)
        self.more_button = QPushButton(self.tr("More"), self)
        self.more_button.setToolTip(self.tr("Duplicates and privacy"))
        more = QMenu(self.more_button)
        more.addAction(self.duplicates_action)
        more.addSeparator()
        more.addAction(self.access_action)
        more.addAction(self.erase_action)
        self.more_button.setMenu(more)
        return [self.import_button, self.export_button, self.more_button]

    def _update_contact_actions(self, rows: list[Any]) -> None:
        single = len(rows) == 1 and not rows[0].erased
        self.access_action.setEnabled(single)
        self.erase_action.setEnabled(single)
        if len(rows) == 1 and rows[0].erased:
            tip = self.tr("%1 was erased: nothing personal is left to report or erase.").replace(
                "%1", rows[0].name
            )
        elif len(rows) == 1:
            tip = ""
        else:
            tip = self.tr("Select one person first.")
        for action in (self.access_action, self.erase_action):
            action.setToolTip(tip or action.statusTip())
        if len(rows) > 1:
            text = self.tr("Export the %1 selected people").replace("%1", str(len(rows)))
        else:
            text = self.tr(
                "Export everyone as CSV or vCard (select several people to export only them)"
            )
        self.export_action.setStatusTip(text)
        self.export_action.setToolTip(text)
        self.export_button.setToolTip(text)

    def _selected_person(self, *, allow_erased: bool) -> Any:
        rows = self.people.selected_rows()
        if len(rows) != 1:
            return None
        row = rows[0]
        return row if allow_erased or not row.erased else None

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.people.view.viewport().mapToGlobal(position))

    def _dropped_contacts_files(self, event: QDragEnterEvent | QDropEvent) -> list[Path]:
        from roundtable_ui.dialogs.contacts_import import contacts_files

        mime = event.mimeData()
        if not mime.hasUrls():
            return []
        return contacts_files(Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile())

    def _current_table(self) -> FilterTable[Any]:
        return self.people if self.showing_people() else self.organisations

    def _single_row(self) -> Any:
        rows = self._current_table().selected_rows()
        return rows[0] if len(rows) == 1 else None

    def _open(self, dialog: FormDialog) -> Any:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_person(self, person_id: int) -> None:
        """Show the People tab with ``person_id`` selected (from the privacy review list)."""
        self.tabs.setCurrentWidget(self.people_tab)
        self._select(self.people, person_id)

    def _select(self, table: FilterTable[Any], record_id: int) -> None:
        if not table.select_where(lambda r: r.id == record_id):
            table.search.clear()
            table.choice.setCurrentIndex(0)
            table.select_where(lambda r: r.id == record_id)
        table.view.scrollTo(table.view.currentIndex())

    def _show_history(self) -> None:
        people = self.showing_people()
        tab = self.people_tab if people else self.organisations_tab
        table = self.people if people else self.organisations
        rows = table.selected_rows()
        current = table.current_row()
        # While a selection is being made the current row may still be the old one.
        row = current if current in rows else (rows[0] if rows else None)
        key = ("person" if people else "organisation", row.id if row is not None else None)
        if key == self._history_key:
            return
        self._history_key = key
        if row is None:
            tab.history.show_history(self.tr("Select a row to see its roundtables."), [])
            return
        query = people_queries.person_history if people else people_queries.organisation_history
        rows = self._store.read(query, row.id)
        if rows:
            title = self.tr("Roundtables of %1").replace("%1", row.name)
        else:
            title = self.tr("%1 was never invited to a roundtable.").replace("%1", row.name)
        tab.history.show_history(title, rows)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"people", "organisations", "invitations", "roundtables"}:
            self.refresh()


def _erased_grey(row: Any) -> QColor | None:
    return _GREY if row.erased else None


__all__ = ["HistoryPanel", "PeoplePage", "role_label"]
