"""The person dialog: a validated form to create or edit a person.

The e-mail address is checked as it is typed (a red message under the field,
OK disabled while it is invalid); the core's own refusals (an address someone
else already has, a malformed language code) show next to their field and
the dialog stays open. The organisation is picked from a searchable combo box
whose last item, "New organisation…", opens :class:`OrganisationDialog`.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from roundtable.enums import LawfulBasis
from roundtable.errors import ValidationError
from roundtable.people import actions as people_actions
from roundtable.people import queries
from roundtable_ui.dialogs.organisation_dialog import FormDialog, OrganisationDialog
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.store import Store
from roundtable_ui.widgets.timezone_combo import SearchCombo

#: The key of the "New organisation…" item of the organisation combo box.
NEW_ORGANISATION = "new"

#: Offered in the language box; any other code (BCP 47, "pt-BR") may be typed.
LANGUAGES = ("", "en", "nl", "de", "fr", "es", "it", "pl")


_BASIS_LABELS = {
    LawfulBasis.UNKNOWN: QT_TRANSLATE_NOOP("LawfulBasis", "Not recorded"),
    LawfulBasis.CONSENT: QT_TRANSLATE_NOOP("LawfulBasis", "Consent"),
    LawfulBasis.LEGITIMATE_INTEREST: QT_TRANSLATE_NOOP("LawfulBasis", "Legitimate interest"),
    LawfulBasis.CONTRACT: QT_TRANSLATE_NOOP("LawfulBasis", "Contract"),
    LawfulBasis.LEGAL_OBLIGATION: QT_TRANSLATE_NOOP("LawfulBasis", "Legal obligation"),
    LawfulBasis.PUBLIC_TASK: QT_TRANSLATE_NOOP("LawfulBasis", "Public task"),
    LawfulBasis.VITAL_INTERESTS: QT_TRANSLATE_NOOP("LawfulBasis", "Vital interests"),
}


def lawful_basis_label(basis: LawfulBasis | str) -> str:
    """The translated name of a GDPR lawful basis ("legitimate_interest" → "Legitimate interest")."""
    text = _BASIS_LABELS.get(LawfulBasis(basis), str(basis))
    return QCoreApplication.translate("LawfulBasis", text)


class PersonDialog(FormDialog):
    """Create (``person_id=None``) or edit a person."""

    def __init__(
        self,
        store: Store,
        person_id: int | None = None,
        parent: QWidget | None = None,
        *,
        organisation_id: int | None = None,
    ) -> None:
        super().__init__(store, parent)
        self.person_id = person_id
        self.setWindowTitle(self.tr("New person") if person_id is None else self.tr("Edit person"))
        self.setMinimumWidth(480)
        #: The "New organisation…" dialog while it is open (tests drive it).
        self.organisation_dialog: OrganisationDialog | None = None

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("First and last name"))
        self.email_edit = QLineEdit(self)
        self.email_edit.setPlaceholderText(self.tr("name@example.org"))
        self.organisation_combo = SearchCombo(self, none_label=self.tr("(no organisation)"))
        self.organisation_combo.setToolTip(self.tr("Type part of a name to search"))
        self.organisation_combo.chosen.connect(self._organisation_chosen)
        self.role_edit = QLineEdit(self)
        self.role_edit.setPlaceholderText(self.tr("e.g. Policy officer"))
        self.phone_edit = QLineEdit(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setEditable(True)
        self.language_combo.addItems(LANGUAGES)
        self.language_combo.setToolTip(self.tr("A language code such as en, nl or pt-BR"))
        self.basis_combo = QComboBox(self)
        for basis in LawfulBasis:
            self.basis_combo.addItem(lawful_basis_label(basis), basis)
        self.basis_combo.setToolTip(
            self.tr("Why we may keep this person's details (GDPR article 6)")
        )
        self.consent_edit = QPlainTextEdit(self)
        self.consent_edit.setTabChangesFocus(True)
        self.consent_edit.setFixedHeight(54)
        self.consent_edit.setPlaceholderText(self.tr("When and how consent was given, if it was"))
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(80)

        self.add_field("name", self.tr("&Name"), self.name_edit, required=True)
        self.add_field("email", self.tr("&E-mail"), self.email_edit)
        self.add_field("organisation", self.tr("&Organisation"), self.organisation_combo)
        self.add_field("role", self.tr("&Role"), self.role_edit)
        self.add_field("phone", self.tr("&Phone"), self.phone_edit)
        self.add_field("preferred_language", self.tr("&Language"), self.language_combo)
        self.add_field("lawful_basis", self.tr("Lawful &basis"), self.basis_combo)
        self.add_field("consent_note", self.tr("&Consent note"), self.consent_edit)
        self.add_field("notes", self.tr("No&tes"), self.notes_edit)
        self.check_email_as_typed("email", self.email_edit)

        self._load_organisations()
        self._initial: dict[str, Any] = {}
        if person_id is not None:
            form = store.read(queries.person_form, person_id)
            self._initial = {k: v for k, v in asdict(form).items() if k != "id"}
            self._fill(self._initial)
        else:
            self.organisation_combo.set_key(organisation_id)
        self._chosen_organisation: object = self.organisation_combo.key()
        self._update_ok()
        self.name_edit.setFocus()

    # -- organisations ---------------------------------------------------------------
    def _load_organisations(self) -> None:
        rows = self.store.read(queries.list_organisations)
        items: list[tuple[Any, str]] = [(row.id, row.name) for row in rows]
        items.append((NEW_ORGANISATION, self.tr("New organisation…")))
        self.organisation_combo.set_items(items)

    def _organisation_chosen(self, key: object) -> None:
        if key == NEW_ORGANISATION:
            # Until the new one is saved the combo shows the earlier choice, not "New…".
            self.organisation_combo.set_key(self._chosen_organisation)
            self.new_organisation()
        else:
            self._chosen_organisation = key

    def new_organisation(self) -> OrganisationDialog:
        """Open the organisation dialog; the new organisation becomes this person's."""
        dialog = OrganisationDialog(self.store, None, self)
        dialog.saved.connect(self._organisation_created)
        self.organisation_dialog = dialog
        dialog.open()
        return dialog

    def _organisation_created(self, organisation_id: int) -> None:
        self._load_organisations()
        self.organisation_combo.set_key(organisation_id)
        self._chosen_organisation = organisation_id

    def organisation_id(self) -> int | None:
        """The chosen organisation's id; typed text naming one exactly counts too."""
        combo = self.organisation_combo
        text = combo.currentText().strip()
        key = combo.key()
        if (
            key is not None
            and key != NEW_ORGANISATION
            and combo.itemText(combo.findData(key)) == text
        ):
            return int(key)  # type: ignore[call-overload]
        if not text or text == combo.itemText(0):
            return None
        for index in range(combo.count()):
            data = combo.itemData(index)
            if data not in (None, NEW_ORGANISATION) and combo.itemText(index).casefold() == (
                text.casefold()
            ):
                return int(data)
        raise ValidationError(
            self.tr(
                "There is no organisation called “%1”; choose New organisation… to add it."
            ).replace("%1", text),
            "organisation",
        )

    # -- form ------------------------------------------------------------------------
    def _fill(self, values: dict[str, Any]) -> None:
        self.name_edit.setText(values["name"])
        self.email_edit.setText(values["email"])
        self.organisation_combo.set_key(values["organisation_id"])
        self.role_edit.setText(values["role"])
        self.phone_edit.setText(values["phone"])
        self.language_combo.setCurrentText(values["preferred_language"])
        self.basis_combo.setCurrentIndex(self.basis_combo.findData(values["lawful_basis"]))
        self.consent_edit.setPlainText(values["consent_note"])
        self.notes_edit.setPlainText(values["notes"])

    def values(self) -> dict[str, Any]:
        """What the form holds (``organisation_id`` for the organisation)."""
        return {
            "name": self.name_edit.text(),
            "email": self.email_edit.text().strip(),
            "organisation_id": self.organisation_id(),
            "role": self.role_edit.text(),
            "phone": self.phone_edit.text(),
            "preferred_language": self.language_combo.currentText().strip(),
            "lawful_basis": self.basis_combo.currentData(),
            "consent_note": self.consent_edit.toPlainText(),
            "notes": self.notes_edit.toPlainText(),
        }

    def save(self) -> int:
        values = self.values()
        if self.person_id is None:
            return int(self.store.run(people_actions.create_person(**values)))
        person_id = self.person_id
        changes = {k: v for k, v in values.items() if v != self._initial.get(k)}
        if changes:
            self.store.run(people_actions.edit_person(person_id, called=values["name"], **changes))
        return person_id
