"""The organisation dialog, and the validated form every record dialog of the app builds on.

:class:`FormDialog` lays out labelled fields with a red message under each,
keeps OK disabled while a required field is empty or a live check fails, and
on OK runs :meth:`FormDialog.save`; a core :class:`ValidationError` shows next
to the field it names and the dialog stays open, until the person edits that
field (:mod:`roundtable_ui.widgets.field_errors`). Tests drive a dialog without
``exec()``: open it with ``open()`` (or not at all), fill the fields, call
``accept()`` and read :attr:`FormDialog.saved_id`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roundtable.enums import OrganisationKind
from roundtable.errors import RoundtableError, ValidationError
from roundtable.people import actions as people_actions
from roundtable.people import queries
from roundtable.validation import validate_email
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.store import Store
from roundtable_ui.widgets.accessible import controls_in, label_fields, tab_to_buttons
from roundtable_ui.widgets.field_errors import when_edited

#: Red, for a refused value next to its field.
ERROR_STYLE = "color: #c0392b;"


_KIND_LABELS = {
    OrganisationKind.NGO: QT_TRANSLATE_NOOP("OrganisationKind", "NGO"),
    OrganisationKind.COMPANY: QT_TRANSLATE_NOOP("OrganisationKind", "Company"),
    OrganisationKind.GOVERNMENT: QT_TRANSLATE_NOOP("OrganisationKind", "Government"),
    OrganisationKind.PARLIAMENT: QT_TRANSLATE_NOOP("OrganisationKind", "Parliament"),
    OrganisationKind.ACADEMIC: QT_TRANSLATE_NOOP("OrganisationKind", "Academic"),
    OrganisationKind.MEDIA: QT_TRANSLATE_NOOP("OrganisationKind", "Media"),
    OrganisationKind.OTHER: QT_TRANSLATE_NOOP("OrganisationKind", "Other"),
}


def kind_label(kind: OrganisationKind | str) -> str:
    """The translated name of a kind of organisation ("ngo" → "NGO")."""
    text = _KIND_LABELS.get(OrganisationKind(kind), str(kind))
    return QCoreApplication.translate("OrganisationKind", text)


class FormDialog(QDialog):
    """A validated form: required fields marked "*", errors under fields, save on OK."""

    #: The id of the saved record, after a successful OK.
    saved = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        #: The id of the record saved by OK (``None`` until then).
        self.saved_id: int | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors: dict[str, QLabel] = {}
        self._required: list[tuple[str, Callable[[], str]]] = []
        #: Messages of the checks made as the user types, by field.
        self._live_errors: dict[str, str] = {}
        #: The fields with a check as typed.
        self._checked: set[str] = set()
        self.general_error = self._error_label()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        required_note = QLabel(self.tr("* required"), self)
        required_note.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(required_note)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    # -- building --------------------------------------------------------------------
    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.setVisible(False)
        return label

    def add_field(self, name: str, label: str, widget: QWidget, *, required: bool = False) -> None:
        """Add a row: ``label`` (with " *" when required), the widget and its error label."""
        error = self._error_label()
        self.errors[name] = error
        cell = QWidget(self)
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(widget)
        cell_layout.addWidget(error)
        if label:
            self.form.addRow(f"{label} *" if required else label, cell)
            label_fields(self.form)
        else:  # a check box says what it is itself
            self.form.addRow(cell)
        tab_to_buttons([*controls_in(cell)][-1], self.buttons)  # fields come after the buttons
        if required:
            self._required.append((name, _text_of(widget)))
            _on_edit(widget, self._update_ok)
        when_edited(widget, lambda: self._field_edited(name))

    def _field_edited(self, name: str) -> None:
        """The person changed field ``name``: the core's message about its old value goes.

        A field checked as typed keeps what its check says now (its own signal runs it).
        """
        if name not in self._checked:
            self._show(name, "")

    def check_email_as_typed(self, name: str, edit: QLineEdit) -> None:
        """Check the address in ``edit`` on every keystroke (red message, OK disabled)."""

        def check() -> None:
            try:
                validate_email(edit.text(), name)
            except ValidationError as exc:
                self._live_errors[name] = str(exc)
            else:
                self._live_errors.pop(name, None)
            self._show(name, self._live_errors.get(name, ""))
            self._update_ok()

        self._checked.add(name)
        edit.textChanged.connect(check)

    def _update_ok(self) -> None:
        missing = any(not text().strip() for _name, text in self._required)
        self.ok_button.setEnabled(not missing and not self._live_errors)

    # -- messages --------------------------------------------------------------------
    def _show(self, name: str | None, text: str) -> None:
        label = self.errors.get(name or "", self.general_error)
        label.setText(text)
        label.setVisible(bool(text))

    def error_text(self, name: str | None = None) -> str:
        """The message shown under field ``name`` (or the general one), "" when none."""
        label = self.errors.get(name or "", self.general_error)
        return label.text() if label.isVisibleTo(self) else ""

    def show_core_error(self, exc: RoundtableError) -> None:
        """Show a core error under the field it names (or above the buttons)."""
        self._show(getattr(exc, "field", None), str(exc))

    def _clear_core_errors(self) -> None:
        for name in self.errors:
            self._show(name, self._live_errors.get(name, ""))
        self._show(None, "")

    # -- saving ----------------------------------------------------------------------
    def save(self) -> int:
        """Write the form through the store (one undoable step); return the record's id."""
        raise NotImplementedError

    def accept(self) -> None:
        """Save and close; a refused value keeps the dialog open with its message."""
        if not self.ok_button.isEnabled():
            return
        self._clear_core_errors()
        try:
            record_id = self.save()
        except RoundtableError as exc:
            self.show_core_error(exc)
            return
        self.saved_id = record_id
        self.saved.emit(record_id)
        super().accept()


def _text_of(widget: QWidget) -> Callable[[], str]:
    if isinstance(widget, QLineEdit):
        return widget.text
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText
    if isinstance(widget, QComboBox):
        return widget.currentText
    raise TypeError(f"no text in a {type(widget).__name__}")


def _on_edit(widget: QWidget, slot: Callable[[], None]) -> None:
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentTextChanged.connect(slot)


class OrganisationDialog(FormDialog):
    """Create (``organisation_id=None``) or edit an organisation."""

    def __init__(
        self,
        store: Store,
        organisation_id: int | None = None,
        parent: QWidget | None = None,
        *,
        name: str = "",
    ) -> None:
        super().__init__(store, parent)
        self.organisation_id = organisation_id
        self.setWindowTitle(
            self.tr("New organisation") if organisation_id is None else self.tr("Edit organisation")
        )
        self.setMinimumWidth(460)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("e.g. Bits of Freedom"))
        self.kind_combo = QComboBox(self)
        for kind in OrganisationKind:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.website_edit = QLineEdit(self)
        self.website_edit.setPlaceholderText("https://")
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText(self.tr("General address, e.g. info@example.org"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(80)
        self.own_check = QCheckBox(self.tr("This is our organisation"), self)
        self.own_check.setToolTip(
            self.tr("The organisation whose coordinator keeps this database (only one can be).")
        )

        self.add_field("name", self.tr("&Name"), self.name_edit, required=True)
        self.add_field("kind", self.tr("&Kind"), self.kind_combo)
        self.add_field("website", self.tr("&Website"), self.website_edit)
        self.add_field("email", self.tr("&E-mail"), self.email_edit)
        self.add_field("notes", self.tr("N&otes"), self.notes_edit)
        self.add_field("is_own", "", self.own_check)
        self.check_email_as_typed("email", self.email_edit)

        self._initial: dict[str, Any] = {}
        if organisation_id is not None:
            form = store.read(queries.organisation_form, organisation_id)
            self._initial = {k: v for k, v in asdict(form).items() if k != "id"}
            self._fill(self._initial)
        else:
            self.name_edit.setText(name)
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(OrganisationKind.NGO))
        self._update_ok()
        self.name_edit.setFocus()

    def _fill(self, values: dict[str, Any]) -> None:
        self.name_edit.setText(values["name"])
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(values["kind"]))
        self.website_edit.setText(values["website"])
        self.email_edit.setText(values["email"])
        self.notes_edit.setPlainText(values["notes"])
        self.own_check.setChecked(values["is_own"])

    def values(self) -> dict[str, Any]:
        """What the form holds, as keyword arguments of the core functions."""
        return {
            "name": self.name_edit.text(),
            "kind": self.kind_combo.currentData(),
            "website": self.website_edit.text().strip(),
            "email": self.email_edit.text().strip(),
            "notes": self.notes_edit.toPlainText(),
            "is_own": self.own_check.isChecked(),
        }

    def save(self) -> int:
        values = self.values()
        if self.organisation_id is None:
            return int(self.store.run(people_actions.create_organisation(**values)))
        organisation_id = self.organisation_id
        changes = {k: v for k, v in values.items() if v != self._initial.get(k)}
        if changes:
            self.store.run(
                people_actions.edit_organisation(organisation_id, called=values["name"], **changes)
            )
        return organisation_id
