"""The statement editor: every part of one statement, each edit saved at once and undoable.

Tabs: Details (title, slug, language, status, publication date, template,
translation note, summary), Sections (ordered), Roundtables (check the ones
the statement is about), References (footnotes) and Updates (dated). A field
is saved when the user leaves it (or presses Enter); the core's refusal shows
in red under the field. Sections, references and updates are edited in a
small :class:`PartDialog` that tests fill and ``accept()`` without ``exec()``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roundtable.actions import Action
from roundtable.enums import StatementStatus
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.meetings import queries
from roundtable.statements import actions as statement_actions
from roundtable.statements.queries import (
    ReferenceRow,
    SectionRow,
    StatementDetail,
    UpdateRow,
    statement_detail,
)
from roundtable_ui import messages
from roundtable_ui.dialogs.organisation_dialog import ERROR_STYLE, FormDialog
from roundtable_ui.formatting import format_date, format_datetime, status_label
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import label_fields
from roundtable_ui.widgets.date_fields import DateField
from roundtable_ui.widgets.flow_layout import FlowLayout
from roundtable_ui.widgets.table_view import plain_table_view


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


# -- small widgets -------------------------------------------------------------------
class _CommitTextEdit(QPlainTextEdit):
    """A multi-line field that says when the user leaves it (QLineEdit's editingFinished)."""

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editing_finished.emit()


def optional_date_edit(parent: QWidget) -> DateField:
    """A date field that may be left empty ("no date")."""
    return DateField(parent, optional=True)


def date_of(edit: DateField) -> date | None:
    """The date in ``edit``; ``None`` when it is empty."""
    return edit.value()


def set_date(edit: DateField, value: date | None) -> None:
    """Show ``value`` in ``edit`` (``None``: empty, when the field allows it)."""
    edit.set_value(value)


class _CheckModel(RowTableModel[Any]):
    """Roundtables with a check box in the first column; a click asks ``on_toggle``."""

    def __init__(self, columns: list[Column[Any]], parent: QWidget) -> None:
        super().__init__(columns, parent)
        self.on_toggle: Callable[[Any, bool], None] = lambda row, checked: None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = 0
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.on_toggle(self.row_at(index.row()), checked)
        return True


def _table_view(parent: QWidget, model: RowTableModel[Any], stretch: int) -> QTableView:
    return plain_table_view(parent, model, stretch=stretch)


class PartDialog(FormDialog):
    """Add or edit a section, reference or dated update: fields by name, saved by ``on_save``.

    ``fields`` is a list of (name, label, kind, required) with kind "line",
    "text", "date" or "optional_date"; ``on_save(values)`` writes through the
    store and returns the record's id, raising the core's error to show.
    """

    def __init__(
        self,
        store: Store,
        title: str,
        fields: list[tuple[str, str, str, bool]],
        on_save: Callable[[dict[str, Any]], int],
        values: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._on_save = on_save
        #: The input widgets by field name.
        self.widgets: dict[str, QWidget] = {}
        for name, label, kind, required in fields:
            widget: QWidget
            if kind == "text":
                widget = QPlainTextEdit(self)
                widget.setTabChangesFocus(True)
            elif kind == "date":
                widget = DateField(self)
            elif kind == "optional_date":
                widget = optional_date_edit(self)
            else:
                widget = QLineEdit(self)
            self.widgets[name] = widget
            self.add_field(name, label, widget, required=required)
        for name, value in (values or {}).items():
            self.set_value(name, value)
        self._update_ok()

    def set_value(self, name: str, value: Any) -> None:
        """Put ``value`` in the field called ``name``."""
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value or ""))
        elif isinstance(widget, DateField):
            set_date(widget, value)
        elif isinstance(widget, QLineEdit):
            widget.setText(str(value or ""))

    def values(self) -> dict[str, Any]:
        """What the fields hold, by name."""
        result: dict[str, Any] = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QPlainTextEdit):
                result[name] = widget.toPlainText()
            elif isinstance(widget, DateField):
                result[name] = date_of(widget)
            elif isinstance(widget, QLineEdit):
                result[name] = widget.text()
        return result

    def save(self) -> int:
        return self._on_save(self.values())


# -- the editor ----------------------------------------------------------------------
class StatementEditor(QWidget):
    """Edits one statement (see the module docstring); shows nothing without one."""

    #: The user typed in a field the preview shows live (title, summary, translation note).
    typing = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._id: int | None = None
        self._detail: StatementDetail | None = None
        #: The part dialog opened last (tests fill it and call ``accept()``).
        self.dialog: PartDialog | None = None
        self.errors: dict[str, QLabel] = {}

        # Details
        self.title_edit = QLineEdit(self)
        self.slug_edit = QLineEdit(self)
        self.slug_edit.setToolTip(
            self.tr("The short name in file names and web addresses: a-z, 0-9 and hyphens")
        )
        self.language_combo = QComboBox(self)
        self.language_combo.setEditable(True)
        self.language_combo.addItems(["en", "nl"])
        self.status_combo = QComboBox(self)
        for status in StatementStatus:
            self.status_combo.addItem(status_label(status), status)
        self.published_edit = optional_date_edit(self)
        self.published_edit.setToolTip(self.tr("Publishing without a date takes today's"))
        self.template_edit = QLineEdit(self)
        self.translation_edit = QLineEdit(self)
        self.translation_edit.setPlaceholderText(
            self.tr("e.g. Machine translation (DeepL), checked by …")
        )
        self.summary_edit = _CommitTextEdit(self)
        self.summary_edit.setTabChangesFocus(True)

        for edit, name in (
            (self.title_edit, "title"),
            (self.slug_edit, "slug"),
            (self.template_edit, "template_name"),
            (self.translation_edit, "translation_note"),
        ):
            edit.editingFinished.connect(lambda e=edit, n=name: self.commit(n, e.text()))
        line = self.language_combo.lineEdit()
        assert line is not None
        line.editingFinished.connect(
            lambda: self.commit("language", self.language_combo.currentText().strip())
        )
        self.language_combo.activated.connect(
            lambda _i: self.commit("language", self.language_combo.currentText().strip())
        )
        self.status_combo.activated.connect(
            lambda _i: self.commit("status", self.status_combo.currentData())
        )
        self.published_edit.editingFinished.connect(
            lambda: self.commit("published_on", date_of(self.published_edit))
        )
        self.summary_edit.editing_finished.connect(
            lambda: self.commit("summary", self.summary_edit.toPlainText())
        )
        # The preview follows typing before the field is saved (see unsaved_fields()).
        self.title_edit.textEdited.connect(lambda _t: self.typing.emit())
        self.translation_edit.textEdited.connect(lambda _t: self.typing.emit())
        self.summary_edit.textChanged.connect(self.typing.emit)

        details = QWidget(self)
        form = QFormLayout(details)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for label, widget, name in (
            (self.tr("&Title *"), self.title_edit, "title"),
            (self.tr("&Short name *"), self.slug_edit, "slug"),
            (self.tr("&Language *"), self.language_combo, "language"),
            (self.tr("St&atus"), self.status_combo, "status"),
            (self.tr("&Published on"), self.published_edit, "published_on"),
            (self.tr("Te&mplate *"), self.template_edit, "template_name"),
            (self.tr("T&ranslation note"), self.translation_edit, "translation_note"),
            (self.tr("S&ummary"), self.summary_edit, "summary"),
        ):
            form.addRow(label, self._with_error(widget, name))
        label_fields(form)

        # Sections
        self.sections = RowTableModel[SectionRow](
            [
                Column[SectionRow](
                    QT_TRANSLATE_NOOP("Columns", "#"),
                    lambda r: str(r.position + 1),
                    align_right=True,
                ),
                Column[SectionRow](QT_TRANSLATE_NOOP("Columns", "Key"), lambda r: r.key),
                Column[SectionRow](QT_TRANSLATE_NOOP("Columns", "Heading"), lambda r: r.heading),
                Column[SectionRow](
                    QT_TRANSLATE_NOOP("Columns", "Text"),
                    lambda r: _first_line(r.body),
                    tooltip=lambda r: r.body[:600],
                ),
            ],
            self,
        )
        self.sections_view = _table_view(self, self.sections, 3)
        self.sections_view.setAccessibleName(self.tr("Sections"))
        sections_tab = self._list_tab(
            self.sections_view,
            [
                (self.tr("Add section…"), self.add_section),
                (self.tr("Edit…"), self.edit_section),
                (self.tr("Delete"), self.delete_section),
                (self.tr("Move up"), lambda: self.move_section(-1)),
                (self.tr("Move down"), lambda: self.move_section(+1)),
            ],
            self.edit_section,
            self.delete_section,
        )

        # Roundtables
        self.roundtables = _CheckModel(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "About it"),
                    lambda r: "",
                    check=lambda r: (
                        self._detail is not None and r.id in self._detail.roundtable_ids
                    ),
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Roundtable"), lambda r: r.title),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Start"),
                    lambda r: format_datetime(r.starts_at, r.timezone),
                    sort_key=lambda r: r.starts_at,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Status"), lambda r: status_label(r.status)
                ),
            ],
            self,
        )
        self.roundtables.on_toggle = self.set_linked
        self.roundtables_view = _table_view(self, self.roundtables, 1)
        self.roundtables_view.setAccessibleName(self.tr("Roundtables of this statement"))
        roundtables_tab = QWidget(self)
        rt_layout = QVBoxLayout(roundtables_tab)
        rt_hint = QLabel(self.tr("Check the roundtables this statement is about."), self)
        rt_hint.setWordWrap(True)
        rt_layout.addWidget(rt_hint)
        rt_layout.addWidget(self.roundtables_view, 1)

        # References
        self.references = RowTableModel[ReferenceRow](
            [
                Column[ReferenceRow](
                    QT_TRANSLATE_NOOP("Columns", "#"),
                    lambda r: str(r.position + 1),
                    align_right=True,
                ),
                Column[ReferenceRow](QT_TRANSLATE_NOOP("Columns", "Key"), lambda r: r.key),
                Column[ReferenceRow](QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title),
                Column[ReferenceRow](QT_TRANSLATE_NOOP("Columns", "URL"), lambda r: r.url),
                Column[ReferenceRow](
                    QT_TRANSLATE_NOOP("Columns", "Publisher"), lambda r: r.publisher
                ),
                Column[ReferenceRow](
                    QT_TRANSLATE_NOOP("Columns", "Date"),
                    lambda r: format_date(r.published_on),
                    sort_key=lambda r: r.published_on,
                ),
                Column[ReferenceRow](
                    QT_TRANSLATE_NOOP("Columns", "Note"),
                    lambda r: _first_line(r.note),
                    tooltip=lambda r: r.note,
                ),
            ],
            self,
        )
        self.references_view = _table_view(self, self.references, 2)
        self.references_view.setAccessibleName(self.tr("References"))
        references_tab = self._list_tab(
            self.references_view,
            [
                (self.tr("Add reference…"), self.add_reference),
                (self.tr("Edit…"), self.edit_reference),
                (self.tr("Delete"), self.delete_reference),
            ],
            self.edit_reference,
            self.delete_reference,
        )

        # Dated updates
        self.updates = RowTableModel[UpdateRow](
            [
                Column[UpdateRow](
                    QT_TRANSLATE_NOOP("Columns", "Date"),
                    lambda r: format_date(r.dated),
                    sort_key=lambda r: r.dated,
                ),
                Column[UpdateRow](QT_TRANSLATE_NOOP("Columns", "Title"), lambda r: r.title),
                Column[UpdateRow](
                    QT_TRANSLATE_NOOP("Columns", "Text"),
                    lambda r: _first_line(r.body),
                    tooltip=lambda r: r.body[:600],
                ),
            ],
            self,
        )
        self.updates_view = _table_view(self, self.updates, 2)
        self.updates_view.setAccessibleName(self.tr("Updates"))
        updates_tab = self._list_tab(
            self.updates_view,
            [
                (self.tr("Add update…"), self.add_update),
                (self.tr("Edit…"), self.edit_update),
                (self.tr("Delete"), self.delete_update),
            ],
            self.edit_update,
            self.delete_update,
        )

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Parts of the statement"))
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(False)  # every tab shows; the editor is as wide as they
        self.tabs.addTab(details, self.tr("&Details"))
        self.tabs.addTab(sections_tab, self.tr("S&ections"))
        self.tabs.addTab(roundtables_tab, self.tr("&Roundtables"))
        self.tabs.addTab(references_tab, self.tr("Re&ferences"))
        self.tabs.addTab(updates_tab, self.tr("&Updates"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setEnabled(False)
        store.changed.connect(self._on_changed)

    # -- building helpers ------------------------------------------------------------
    def _with_error(self, widget: QWidget, name: str) -> QWidget:
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setVisible(False)
        self.errors[name] = error
        cell = QWidget(self)
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(widget)
        cell_layout.addWidget(error)
        return cell

    def _list_tab(
        self,
        view: QTableView,
        actions: list[tuple[str, Callable[[], Any]]],
        on_edit: Callable[[], Any],
        on_delete: Callable[[], Any],
    ) -> QWidget:
        tab = QWidget(self)
        buttons = FlowLayout()  # wraps rather than squeezing the labels in a narrow editor
        row = []
        for text, slot in actions:
            button = QPushButton(text, tab)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            row.append(button)
        buttons.add_group(row[:3])
        buttons.add_group(row[3:])
        view.doubleClicked.connect(lambda _index: on_edit())
        enter = QShortcut(QKeySequence(Qt.Key.Key_Return), view)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        enter.activated.connect(on_edit)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(on_delete)
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(view, 1)
        return tab

    # -- loading ---------------------------------------------------------------------
    @property
    def statement_id(self) -> int | None:
        return self._id

    def set_statement(self, statement_id: int | None) -> None:
        """Show (and edit) the statement with this id; ``None`` clears the editor."""
        if statement_id != self._id:
            for label in self.errors.values():
                label.setVisible(False)
        self._id = statement_id
        self.refresh()

    def refresh(self) -> None:
        """Read the statement again (after an edit, undo or someone else's change)."""
        statement_id = self._id
        detail: StatementDetail | None = None
        roundtables: list[queries.RoundtableRow] = []
        if statement_id is not None:
            try:
                detail = self._store.read(statement_detail, statement_id)
            except NotFoundError:
                self._id = None
            else:
                roundtables = self._store.read(queries.list_roundtables)
        self._detail = detail
        self.setEnabled(detail is not None)
        self._fill(detail)
        self.sections.set_rows(detail.sections if detail else ())
        self.references.set_rows(detail.references if detail else ())
        self.updates.set_rows(detail.updates if detail else ())
        self.roundtables.set_rows(roundtables)

    def unsaved_fields(self) -> dict[str, str]:
        """The title, summary and translation note as typed (saved or not), for the preview."""
        if self._detail is None:
            return {}
        return {
            "title": self.title_edit.text(),
            "summary": self.summary_edit.toPlainText(),
            "translation_note": self.translation_edit.text(),
        }

    def _refused(self, field: str) -> bool:
        return self._detail is not None and self.errors[field].isVisibleTo(self)

    def _fill(self, detail: StatementDetail | None) -> None:
        for widget in (
            self.title_edit,
            self.slug_edit,
            self.language_combo,
            self.status_combo,
            self.published_edit,
            self.template_edit,
            self.translation_edit,
            self.summary_edit,
        ):
            widget.blockSignals(True)
        try:
            # A field whose value was refused keeps the user's text until they fix it.
            if not self._refused("title"):
                self.title_edit.setText(detail.title if detail else "")
            if not self._refused("slug"):
                self.slug_edit.setText(detail.slug if detail else "")
            self.language_combo.setCurrentText(detail.language if detail else "")
            self.status_combo.setCurrentIndex(
                self.status_combo.findData(detail.status) if detail else -1
            )
            set_date(self.published_edit, detail.published_on if detail else None)
            if not self._refused("template_name"):
                self.template_edit.setText(detail.template_name if detail else "")
            if not self._refused("translation_note"):
                self.translation_edit.setText(detail.translation_note if detail else "")
                self.translation_edit.setCursorPosition(0)  # a long text shows its start
            if self.summary_edit.toPlainText() != (detail.summary if detail else ""):
                self.summary_edit.setPlainText(detail.summary if detail else "")
        finally:
            for widget in (
                self.title_edit,
                self.slug_edit,
                self.language_combo,
                self.status_combo,
                self.published_edit,
                self.template_edit,
                self.translation_edit,
                self.summary_edit,
            ):
                widget.blockSignals(False)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if self._id is not None and kinds & {"statements", "roundtables"}:
            self.refresh()

    # -- details ---------------------------------------------------------------------
    def commit(self, field: str, value: Any) -> bool:
        """Save one detail field now (an undoable step) unless it is unchanged.

        Returns whether it was saved; a refusal shows under the field.
        """
        detail, statement_id = self._detail, self._id
        if detail is None or statement_id is None:
            return False
        current = getattr(detail, field)
        if (value.strip() if isinstance(value, str) else value) == current:
            self._show_error(field, "")
            return False
        try:
            self._store.run(statement_actions.edit_statement(statement_id, **{field: value}))
        except RoundtableError as exc:
            self._show_error(getattr(exc, "field", None) or field, str(exc))
            return False
        self._show_error(field, "")
        return True

    def _show_error(self, field: str, text: str) -> None:
        label = self.errors.get(field)
        if label is None:
            if text:
                messages.show_error(self, self.tr("Cannot save the statement"), text)
            return
        label.setText(text)
        label.setVisible(bool(text))

    def error_text(self, field: str) -> str:
        """The red message under a detail field ("" when none)."""
        label = self.errors[field]
        return label.text() if label.isVisibleTo(self) else ""

    # -- linked roundtables ----------------------------------------------------------
    def set_linked(self, row: Any, linked: bool) -> None:
        """Link (or unlink) the roundtable of ``row`` to the statement, undoably."""
        statement_id = self._id
        if statement_id is None:
            return
        change = (
            statement_actions.link_roundtable if linked else statement_actions.unlink_roundtable
        )
        self._run(change(statement_id, int(row.id), title=row.title))

    # -- sections --------------------------------------------------------------------
    def _selected(self, view: QTableView, model: RowTableModel[Any]) -> Any:
        index = view.currentIndex()
        if not index.isValid() or not view.selectionModel().isRowSelected(index.row()):
            return None
        return model.row_at(index.row())

    def _open(self, dialog: PartDialog) -> PartDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _section_fields(self) -> list[tuple[str, str, str, bool]]:
        return [
            ("key", self.tr("&Key"), "line", False),
            ("heading", self.tr("&Heading"), "line", False),
            ("body", self.tr("&Text"), "text", False),
        ]

    def add_section(self) -> PartDialog | None:
        """Open the dialog for a new section, put after the selected one (or last)."""
        statement_id = self._id
        if statement_id is None:
            return None
        selected = self._selected(self.sections_view, self.sections)
        position = selected.position + 1 if selected is not None else None

        def save(values: dict[str, Any]) -> int:
            section_id = self._store.run(
                statement_actions.add_section(statement_id, position=position, **values)
            )
            self._select(self.sections_view, self.sections, section_id)
            return section_id

        return self._open(
            PartDialog(
                self._store, self.tr("New section"), self._section_fields(), save, None, self
            )
        )

    def edit_section(self) -> PartDialog | None:
        row = self._selected(self.sections_view, self.sections)
        if row is None:
            return None
        save = self._edit_saver(row.id, statement_actions.edit_section)
        values = {"key": row.key, "heading": row.heading, "body": row.body}
        return self._open(
            PartDialog(
                self._store, self.tr("Edit section"), self._section_fields(), save, values, self
            )
        )

    def delete_section(self) -> None:
        row = self._selected(self.sections_view, self.sections)
        if row is not None and self._confirm_delete(row.heading or row.key):
            self._run(statement_actions.delete_section(row.id))

    def move_section(self, step: int) -> None:
        """Move the selected section up (-1) or down (+1), undoably."""
        row = self._selected(self.sections_view, self.sections)
        if row is None:
            return
        new_position = row.position + step
        if not 0 <= new_position < self.sections.rowCount():
            return
        self._run(statement_actions.move_section(row.id, new_position))
        self._select(self.sections_view, self.sections, row.id)

    # -- references ------------------------------------------------------------------
    def _reference_fields(self) -> list[tuple[str, str, str, bool]]:
        return [
            ("key", self.tr("&Key"), "line", True),
            ("title", self.tr("&Title"), "line", True),
            ("url", self.tr("&URL"), "line", False),
            ("publisher", self.tr("&Publisher"), "line", False),
            ("published_on", self.tr("&Date"), "optional_date", False),
            ("note", self.tr("&Note"), "text", False),
        ]

    def add_reference(self) -> PartDialog | None:
        statement_id = self._id
        if statement_id is None:
            return None

        def save(values: dict[str, Any]) -> int:
            reference_id = self._store.run(statement_actions.add_reference(statement_id, **values))
            self._select(self.references_view, self.references, reference_id)
            return reference_id

        return self._open(
            PartDialog(
                self._store, self.tr("New reference"), self._reference_fields(), save, None, self
            )
        )

    def edit_reference(self) -> PartDialog | None:
        row = self._selected(self.references_view, self.references)
        if row is None:
            return None
        save = self._edit_saver(row.id, statement_actions.edit_reference)
        values = {
            "key": row.key,
            "title": row.title,
            "url": row.url,
            "publisher": row.publisher,
            "published_on": row.published_on,
            "note": row.note,
        }
        return self._open(
            PartDialog(
                self._store, self.tr("Edit reference"), self._reference_fields(), save, values, self
            )
        )

    def delete_reference(self) -> None:
        row = self._selected(self.references_view, self.references)
        if row is not None and self._confirm_delete(row.title):
            self._run(statement_actions.delete_reference(row.id))

    # -- dated updates ---------------------------------------------------------------
    def _update_fields(self) -> list[tuple[str, str, str, bool]]:
        return [
            ("dated", self.tr("&Date"), "date", False),
            ("title", self.tr("&Title"), "line", False),
            ("body", self.tr("T&ext"), "text", True),
        ]

    def add_update(self) -> PartDialog | None:
        statement_id = self._id
        if statement_id is None:
            return None

        def save(values: dict[str, Any]) -> int:
            update_id = self._store.run(statement_actions.add_update(statement_id, **values))
            self._select(self.updates_view, self.updates, update_id)
            return update_id

        return self._open(
            PartDialog(self._store, self.tr("New update"), self._update_fields(), save, None, self)
        )

    def edit_update(self) -> PartDialog | None:
        row = self._selected(self.updates_view, self.updates)
        if row is None:
            return None
        save = self._edit_saver(row.id, statement_actions.edit_update)
        values = {"dated": row.dated, "title": row.title, "body": row.body}
        return self._open(
            PartDialog(
                self._store, self.tr("Edit update"), self._update_fields(), save, values, self
            )
        )

    def delete_update(self) -> None:
        row = self._selected(self.updates_view, self.updates)
        if row is not None and self._confirm_delete(row.title or format_date(row.dated)):
            self._run(statement_actions.delete_update(row.id))

    # -- shared writes ---------------------------------------------------------------
    def _run(self, action: Action[Any]) -> None:
        """Do ``action``; a refusal (the record was deleted meanwhile) is shown, then reloaded."""
        try:
            self._store.run(action)
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot change the statement"), exc)
            self.refresh()

    def _edit_saver(
        self, record_id: int, edit: Callable[..., Action[None]]
    ) -> Callable[[dict[str, Any]], int]:
        """What a part dialog's OK runs: the edit of ``record_id`` with the dialog's values."""

        def save(values: dict[str, Any]) -> int:
            self._store.run(edit(record_id, **values))
            return record_id

        return save

    def _confirm_delete(self, name: str) -> bool:
        question = self.tr("Delete “%1”? This can be undone with Edit > Undo.").replace("%1", name)
        return messages.confirm(self, self.tr("Delete"), question, self.tr("Delete"))

    def _select(self, view: QTableView, model: RowTableModel[Any], record_id: int) -> None:
        row = model.find_row(lambda r: r.id == record_id)
        if row >= 0:
            view.selectRow(row)
            view.setCurrentIndex(model.index(row, 0))
