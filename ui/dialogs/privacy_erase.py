"""Erasing a person: what changes, what stays, and a deliberate confirmation.

:class:`ErasePersonDialog` shows the core's :class:`~roundtable.privacy.erasure.ErasurePlan`
before anything is written: the neutral label the person will carry, each
personal field with its value now and after, every place in free text
(questions, minutes, statements…) where the name or address is replaced,
and what stays (invitations, questions, their history) without the name.
Erasing cannot be undone, so the red Erase button stays disabled until the
user types the person's name, and the change runs as the core's
:func:`~roundtable.privacy.actions.erase` through :meth:`Store.run`; that
action cannot be undone and clears the undo history (its steps hold the old
name and e-mail address).

Tests drive the dialog without ``exec()``: build it, type into
:attr:`ErasePersonDialog.confirm_edit`, click :attr:`ErasePersonDialog.erase_button`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roundtable.errors import RoundtableError, ValidationError
from roundtable.privacy import actions, erasure, queries
from roundtable_ui import messages
from roundtable_ui.formatting import count_phrase, format_date
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.table_view import plain_table_view

if TYPE_CHECKING:  # PySide6's stub types it as returning object; it returns the text.

    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

#: How the plan's ``kept`` counts read: key → (one, many with %1).
_KEPT_PHRASES: dict[str, tuple[str, str]] = {
    "invitations": (
        QT_TRANSLATE_NOOP("ErasePersonDialog", "1 invitation"),
        QT_TRANSLATE_NOOP("ErasePersonDialog", "%1 invitations"),
    ),
    "invitation history entries": (
        QT_TRANSLATE_NOOP("ErasePersonDialog", "1 history entry"),
        QT_TRANSLATE_NOOP("ErasePersonDialog", "%1 history entries"),
    ),
    "questions asked": (
        QT_TRANSLATE_NOOP("ErasePersonDialog", "1 question"),
        QT_TRANSLATE_NOOP("ErasePersonDialog", "%1 questions"),
    ),
    "minute notes spoken": (
        QT_TRANSLATE_NOOP("ErasePersonDialog", "1 note in the minutes"),
        QT_TRANSLATE_NOOP("ErasePersonDialog", "%1 notes in the minutes"),
    ),
    "action items owned": (
        QT_TRANSLATE_NOOP("ErasePersonDialog", "1 action item"),
        QT_TRANSLATE_NOOP("ErasePersonDialog", "%1 action items"),
    ),
    "roundtables organised": (
        QT_TRANSLATE_NOOP("ErasePersonDialog", "1 roundtable organised"),
        QT_TRANSLATE_NOOP("ErasePersonDialog", "%1 roundtables organised"),
    ),
}

_GREY = QColor("#7f8c8d")

#: Red, white text: the one button in the app that destroys data for good.
_DANGER_STYLE = (
    "QPushButton { background: #c0392b; color: white; border: 1px solid #922b21;"
    " border-radius: 3px; padding: 4px 14px; font-weight: bold; }"
    "QPushButton:disabled { background: #e6b0aa; color: #fdfefe; border-color: #d98880; }"
)


def normalise_name(text: str) -> str:
    """A name as compared for the confirmation: case, accents and spacing ignored.

    "Zoë  de Vries" and "zoe de vries" match: the point is that the user read
    whose details go, not that they can type a diaeresis.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def kept_summary(kept: Mapping[str, int]) -> str:
    """``3 invitations, 2 questions and 5 history entries stay, without the name.``"""
    parts: list[str] = []
    for key, n in kept.items():
        if n <= 0:
            continue
        one, many = _KEPT_PHRASES.get(key, ("", ""))
        if one:
            parts.append(count_phrase("ErasePersonDialog", n, one, many))
        else:  # a kind of record the core added later: its own name will do
            parts.append(f"{n} {key.replace('_', ' ')}")
    if not parts:
        return QCoreApplication.translate(
            "ErasePersonDialog", "Nothing else refers to this person."
        )
    if len(parts) == 1:
        listed = parts[0]
    else:
        listed = (
            QCoreApplication.translate("ErasePersonDialog", "%1 and %2")
            .replace("%1", QCoreApplication.translate("ErasePersonDialog", ", ").join(parts[:-1]))
            .replace("%2", parts[-1])
        )
    return QCoreApplication.translate("ErasePersonDialog", "%1 stay, without the name.").replace(
        "%1", listed
    )


def _person_and_plan(store: Store, person_id: int) -> tuple[str, erasure.ErasurePlan]:
    """The person's name and what erasing them changes; refuses someone already erased."""
    preview = store.read(queries.erasure_preview, person_id)
    if preview.erased_at is not None or preview.plan is None:
        raise ValidationError(
            QCoreApplication.translate(
                "ErasePersonDialog",
                "“%1” was already erased on %2; there is nothing left to erase.",
            )
            .replace("%1", preview.name)
            .replace("%2", format_date(preview.erased_at))
        )
    return preview.name, preview.plan


class ErasePersonDialog(QDialog):
    """Shows what erasing one person changes and erases them once the user confirms.

    Raises :class:`RoundtableError` when the person no longer exists or was
    already erased (the caller shows it; :func:`erase_person_interactively` does).
    """

    #: The person's id, after the erasure was saved.
    erased = Signal(int)

    def __init__(self, store: Store, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.person_id = person_id
        self.name, self.plan = _person_and_plan(store, person_id)
        #: The plan the erasure returned (``None`` until it ran).
        self.erased_plan: erasure.ErasurePlan | None = None
        self.setWindowTitle(self.tr("Erase “%1”").replace("%1", self.name))

        intro = QLabel(
            self.tr(
                "Erasing replaces the personal details of %1 with the neutral label "
                "“%2”, here and wherever the text of a question, a note or a statement "
                "mentions them."
            )
            .replace("%1", f"<b>{_escape(self.name)}</b>")
            .replace("%2", _escape(self.plan.label)),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setWordWrap(True)

        self.fields: RowTableModel[tuple[str, str, str]] = RowTableModel(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Detail"), lambda r: r[0], tooltip=lambda r: r[0]
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Now"),
                    lambda r: _one_line(r[1]),
                    tooltip=lambda r: r[1],
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "After erasure"),
                    lambda r: _one_line(r[2]) or self.tr("(removed)"),
                    tooltip=lambda r: r[2],
                    foreground=lambda r: None if r[2] else _GREY,
                ),
            ],
            self,
        )
        self.fields.set_rows(
            [(str(a), str(b or ""), str(c or "")) for a, b, c in self.plan.field_changes]
        )
        self.fields_view = _table(
            self,
            self.fields,
            len(self.plan.field_changes),
            first_widest=300,
            fit_last=True,
            most_rows=7 if self.plan.text_changes else 11,
        )

        self.texts: RowTableModel[Any] = RowTableModel(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Where"),
                    lambda r: r[0].where,
                    tooltip=lambda r: r[0].where,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Before"),
                    lambda r: _one_line(r[0].excerpt),
                    tooltip=lambda r: r[0].excerpt,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "After"),
                    lambda r: _one_line(r[1]),
                    tooltip=lambda r: r[1],
                ),
            ],
            self,
        )
        self.texts.set_rows(list(self.plan.text_changes))
        self.texts_view = _table(
            self, self.texts, len(self.plan.text_changes), first_widest=240, fit_last=False
        )
        # Excerpts are sentences: wrap them, so the replaced name shows wherever it sits.
        self.texts_view.setWordWrap(True)
        self.texts_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        texts_header = self.texts_view.horizontalHeader()
        texts_header.sectionResized.connect(lambda *_: self.texts_view.resizeRowsToContents())
        self.texts_view.setMinimumHeight(
            texts_header.sizeHint().height() + max(1, min(len(self.plan.text_changes), 3)) * 46
        )
        self.no_texts_label = QLabel(self.tr("No free text mentions them."), self)
        self.no_texts_label.setEnabled(False)

        self.kept_label = QLabel(kept_summary(self.plan.kept), self)
        self.kept_label.setWordWrap(True)

        self.warning = QLabel(
            self.tr(
                "This cannot be undone. Roundtable keeps no copy of the old details, "
                "and Edit > Undo forgets every earlier step."
            ),
            self,
        )
        self.warning.setObjectName("eraseWarning")
        bold = QFont(self.warning.font())
        bold.setBold(True)
        self.warning.setFont(bold)
        self.warning.setStyleSheet("color: #c0392b;")
        self.warning.setWordWrap(True)

        # Typing the name rather than ticking a box: a tick box sits one click from
        # the button and is ticked by habit, and in a review list of similar rows
        # it confirms nothing about *whom*. Typing makes the user read the name of
        # the person whose details go, and a wrong row shows itself there.
        self.confirm_label = QLabel(
            self.tr("To confirm, type the name <b>%1</b>:").replace("%1", _escape(self.name)),
            self,
        )
        self.confirm_label.setTextFormat(Qt.TextFormat.RichText)
        self.confirm_edit = QLineEdit(self)
        self.confirm_label.setBuddy(self.confirm_edit)
        self.confirm_edit.textChanged.connect(self._update_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.erase_button = QPushButton(self.tr("Erase"), self)
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setStyleSheet(_DANGER_STYLE)
        self.erase_button.setAutoDefault(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.clicked.connect(self.erase)
        self.buttons.rejected.connect(self.reject)
        # No default button: Enter after typing the name must neither erase (the click
        # is the decision) nor cancel what the user was about to confirm.
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setAutoDefault(False)
            cancel.setDefault(False)

        fields_box = QGroupBox(self.tr("Details that change"), self)
        QVBoxLayout(fields_box).addWidget(self.fields_view)
        texts_box = QGroupBox(self.tr("Text that mentions them"), self)
        texts_layout = QVBoxLayout(texts_box)
        texts_layout.addWidget(self.texts_view)
        texts_layout.addWidget(self.no_texts_label)
        self.texts_view.setVisible(bool(self.plan.text_changes))
        self.no_texts_label.setVisible(not self.plan.text_changes)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        # The spare height goes to the longer story: the excerpts, or else the fields.
        layout.addWidget(fields_box, 0 if self.plan.text_changes else 1)
        layout.addWidget(texts_box, 1 if self.plan.text_changes else 0)
        layout.addWidget(self.kept_label)
        layout.addSpacing(6)
        layout.addWidget(self.warning)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm_edit)
        layout.addWidget(self.buttons)
        self._update_button()
        self.confirm_edit.setFocus()
        # Wide enough for the excerpts; the tables' rows set the least height.
        hint = self.sizeHint()
        self.resize(max(hint.width(), 780), self.minimumSizeHint().height() + 60)

    def confirmed(self) -> bool:
        """Whether the typed text names the person (case, accents and spacing aside)."""
        typed = normalise_name(self.confirm_edit.text())
        return bool(typed) and typed == normalise_name(self.name)

    def _update_button(self) -> None:
        self.erase_button.setEnabled(self.confirmed())

    def erase(self) -> bool:
        """Erase the person (when confirmed); the dialog closes on success."""
        if not self.confirmed():
            return False
        person_id = self.person_id
        try:
            (self.erased_plan,) = self.store.run(actions.erase([person_id]))
        except RoundtableError as exc:
            messages.show_core_error(
                self, self.tr("Cannot erase “%1”").replace("%1", self.name), exc
            )
            return False
        _scrub(self.store)
        self.erased.emit(person_id)
        self.accept()
        return True


def _scrub(store: Store) -> None:
    """Fold SQLite's write-ahead log into the file, so the old details leave it too."""
    erasure.scrub_sqlite_file(store.database.engine)


def _escape(text: str) -> str:
    import html

    return html.escape(text, quote=False)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _table(
    parent: QWidget,
    model: RowTableModel[Any],
    rows: int,
    *,
    first_widest: int,
    fit_last: bool,
    most_rows: int = 7,
) -> Any:
    """A read-only table tall enough for a few rows; the middle column takes the spare width.

    The first column (what or where) fits its contents up to ``first_widest``
    pixels (long labels show whole in the tooltip); the last column fits its
    contents when ``fit_last`` (short values such as the new label), else it
    shares the spare width.
    """
    view = plain_table_view(parent, model)
    view.setSelectionMode(view.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    view.resizeColumnToContents(0)
    view.setColumnWidth(0, min(view.columnWidth(0) + 8, first_widest))
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(
        2, QHeaderView.ResizeMode.ResizeToContents if fit_last else QHeaderView.ResizeMode.Stretch
    )
    view.verticalHeader().setDefaultSectionSize(24)
    shown = max(1, min(rows, most_rows))
    view.setMinimumHeight(header.sizeHint().height() + shown * 24 + 6)
    return view


def show_done(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """An information box that does not block (``open()``); tests read and close it."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def erase_person_interactively(store: Store, person_id: int, parent: QWidget | None) -> bool:
    """Show the erasure plan of one person, erase them if the user confirms; whether erased.

    A person who no longer exists or was already erased gets a message naming
    the problem, and nothing is written.
    """
    try:
        dialog = ErasePersonDialog(store, person_id, parent)
    except RoundtableError as exc:
        messages.show_core_error(
            parent, QCoreApplication.translate("ErasePersonDialog", "Cannot erase"), exc
        )
        return False
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exec()
    result = dialog.erased_plan
    if result is None:
        return False
    show_done(
        parent,
        QCoreApplication.translate("ErasePersonDialog", "Erased"),
        QCoreApplication.translate(
            "ErasePersonDialog", "The personal details of “%1” were erased; the person is now “%2”."
        )
        .replace("%1", dialog.name)
        .replace("%2", result.label),
    )
    return True


def erase_people(store: Store, people: Sequence[tuple[int, str]], parent: QWidget | None) -> bool:
    """Erase several people in one action (all or none) after one confirmation listing them.

    ``people`` are (id, name) pairs. Nothing is written when the user says no,
    or when any of them cannot be erased (the message names who and why).
    """
    if not people:
        return False
    if len(people) == 1:
        return erase_person_interactively(store, people[0][0], parent)
    n = len(people)
    names = "\n".join(f"• {name}" for _id, name in people)
    question = (
        QCoreApplication.translate(
            "ErasePersonDialog",
            "Erase the personal details of these %1 people? Each keeps only a neutral "
            "label; their invitations, questions and history stay, without the name.",
        ).replace("%1", str(n))
        + "\n\n"
        + names
        + "\n\n"
        + QCoreApplication.translate(
            "ErasePersonDialog",
            "This cannot be undone, and Edit > Undo forgets every earlier step.",
        )
    )
    title = QCoreApplication.translate("ErasePersonDialog", "Erase %1 people").replace("%1", str(n))
    if not messages.confirm(parent, title, question, title):
        return False
    try:
        store.run(actions.erase([person_id for person_id, _name in people]))
    except RoundtableError as exc:
        messages.show_core_error(
            parent, QCoreApplication.translate("ErasePersonDialog", "Nobody was erased"), exc
        )
        return False
    _scrub(store)
    show_done(
        parent,
        QCoreApplication.translate("ErasePersonDialog", "Erased"),
        QCoreApplication.translate(
            "ErasePersonDialog", "The personal details of %1 people were erased."
        ).replace("%1", str(n)),
    )
    return True


__all__ = [
    "ErasePersonDialog",
    "erase_people",
    "erase_person_interactively",
    "kept_summary",
    "normalise_name",
    "show_done",
]
