"""Edit > Preferences…: one field per setting, built from :data:`ui.settings.SETTINGS`.

A setting with choices gets a combo box, a ``bool`` a check box, an ``int`` a
spin box, other text a line edit. Save writes what changed; a setting that
only shows after a restart (the interface language) says so under the form
as soon as it differs from what the running app uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from roundtable_ui import i18n, settings
from roundtable_ui.settings import Setting, Value

Editor = QComboBox | QCheckBox | QSpinBox | QLineEdit


class SettingsDialog(QDialog):
    """The preferences, one row per :class:`~ui.settings.Setting`."""

    def __init__(
        self,
        parent: QWidget | None = None,
        items: Sequence[Setting] = settings.SETTINGS,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.items = list(items)
        #: The value each setting had when the dialog opened (what the app runs with).
        self.initial: dict[str, Value] = {item.key: settings.value(item) for item in self.items}
        #: The editor of each setting, by key.
        self.editors: dict[str, Editor] = {}
        #: The keys saved by the last :meth:`save`.
        self.saved_keys: list[str] = []

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for item in self.items:
            editor = self._editor(item)
            editor.setToolTip(item.translated_tip())
            self.editors[item.key] = editor
            label = QLabel(item.translated_label() + ":", self)
            label.setBuddy(editor)
            label.setToolTip(item.translated_tip())
            form.addRow(label, editor)

        self.restart_note = QLabel(self)
        self.restart_note.setObjectName("restartNote")
        self.restart_note.setWordWrap(True)
        self.restart_note.setText(
            self.tr("The new language shows when you start Roundtable again.")
        )
        self.restart_note.setVisible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.restart_note)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._update_restart_note()

    # -- building -------------------------------------------------------------------
    def _editor(self, item: Setting) -> Editor:
        current = self.initial[item.key]
        if item.choices:
            combo = QComboBox(self)
            for choice, label in item.choices:
                combo.addItem(self._choice_text(item, choice, label), choice)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.currentIndexChanged.connect(self._update_restart_note)
            return combo
        if item.type is bool:
            box = QCheckBox(self)
            box.setChecked(bool(current))
            box.toggled.connect(self._update_restart_note)
            return box
        if item.type is int:
            spin = QSpinBox(self)
            spin.setRange(item.minimum, item.maximum)
            spin.setValue(int(current))
            spin.valueChanged.connect(self._update_restart_note)
            return spin
        line = QLineEdit(str(current), self)
        line.textChanged.connect(self._update_restart_note)
        return line

    def _choice_text(self, item: Setting, choice: str, label: str) -> str:
        if item is settings.LANGUAGE and choice != i18n.SYSTEM:
            return label  # a language's own name, never translated
        text = item.translate(label)
        if item is settings.LANGUAGE:  # "As the system (English)": say which one that is
            text = text.replace("%1", i18n.LANGUAGES[i18n.system_language()])
        return text

    # -- values ---------------------------------------------------------------------
    def edited_value(self, item: Setting) -> Value:
        """What the editor of ``item`` holds now, as the setting's type."""
        editor = self.editors[item.key]
        if isinstance(editor, QComboBox):
            return str(editor.currentData())
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        return editor.text()

    def set_edited_value(self, key: str, new: Value) -> None:
        """Put ``new`` into the editor of the setting ``key`` (as a user would)."""
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            index = editor.findData(new)
            if index < 0:
                raise ValueError(f"{key} offers no choice {new!r}.")
            editor.setCurrentIndex(index)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(new))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(new))
        else:
            editor.setText(str(new))

    def changed(self) -> list[Setting]:
        """The settings whose editor differs from the stored value."""
        return [item for item in self.items if self.edited_value(item) != self.initial[item.key]]

    def needs_restart(self) -> bool:
        """Whether a changed setting shows only after a restart."""
        return any(item.needs_restart for item in self.changed())

    def _update_restart_note(self, *_args: object) -> None:
        self.restart_note.setVisible(self.needs_restart())

    def save(self) -> list[str]:
        """Write the changed settings; the keys written (every value checked first)."""
        changes = [(item, settings.check(item, self.edited_value(item))) for item in self.changed()]
        for item, new in changes:
            settings.set_value(item, new)
        self.saved_keys = [item.key for item, _new in changes]
        return self.saved_keys

    def accept(self) -> None:
        self.save()
        super().accept()


def edit_settings(parent: QWidget | None = None) -> SettingsDialog:
    """Open the preferences window-modally (not blocking); the dialog, for callers to watch."""
    dialog = SettingsDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
