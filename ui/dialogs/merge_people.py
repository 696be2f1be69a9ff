"""Merging duplicate people: likely pairs, whom to keep, and what the merge will do.

:class:`MergePeopleDialog` lists the pairs :func:`roundtable.people.duplicates.find_duplicate_candidates`
offers (same organisation or both without one, names alike), best first. For
the selected pair the user picks whom to keep (by default the one with more
invitations) and reads the core's :class:`~roundtable.people.merging.MergePlan`:
the fields that change, what moves, the invitations that are joined, and the
values that are not kept. A merge cannot be undone, so it asks first (through
:mod:`ui.messages`) and runs the core's final action
(:func:`roundtable.people.actions.merge_people`), after which the store clears
the undo history; the list is read again afterwards.

Tests drive the dialog without ``exec()``: build it, select a row of
:attr:`MergePeopleDialog.view`, script the answer and call :meth:`MergePeopleDialog.merge`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QItemSelection, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roundtable.errors import RoundtableError
from roundtable.people import actions as people_actions
from roundtable.people import duplicates
from roundtable.people import queries as people_queries
from roundtable.people.duplicates import DuplicateCandidate
from roundtable.people.merging import MergePlan
from roundtable_ui import messages
from roundtable_ui.dialogs.person_dialog import lawful_basis_label
from roundtable_ui.formatting import count_phrase, status_label
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets.table_view import plain_table_view

_CONTEXT = "MergePeopleDialog"

_MATCH_LABELS = {
    duplicates.MATCH_SAME: QT_TRANSLATE_NOOP("MergePeopleDialog", "Same name"),
    duplicates.MATCH_ORDER: QT_TRANSLATE_NOOP("MergePeopleDialog", "Same words, other order"),
    duplicates.MATCH_INITIALS: QT_TRANSLATE_NOOP("MergePeopleDialog", "Initials match"),
    duplicates.MATCH_SIMILAR: QT_TRANSLATE_NOOP("MergePeopleDialog", "Similar spelling (%1)"),
}

#: The plan's field labels (see roundtable.duplicates) as the user reads them.
_FIELD_LABELS = {
    "Name": QT_TRANSLATE_NOOP("MergePeopleDialog", "Name"),
    "E-mail": QT_TRANSLATE_NOOP("MergePeopleDialog", "E-mail"),
    "Organisation": QT_TRANSLATE_NOOP("MergePeopleDialog", "Organisation"),
    "Role": QT_TRANSLATE_NOOP("MergePeopleDialog", "Role"),
    "Phone": QT_TRANSLATE_NOOP("MergePeopleDialog", "Phone"),
    "Language": QT_TRANSLATE_NOOP("MergePeopleDialog", "Language"),
    "Lawful basis": QT_TRANSLATE_NOOP("MergePeopleDialog", "Lawful basis"),
    "Consent note": QT_TRANSLATE_NOOP("MergePeopleDialog", "Consent note"),
    "Notes": QT_TRANSLATE_NOOP("MergePeopleDialog", "Notes"),
    "Privacy review": QT_TRANSLATE_NOOP("MergePeopleDialog", "Privacy review"),
}

#: How the plan's ``moved`` counts read: key → (one, many with %1).
_MOVED_PHRASES: dict[str, tuple[object, object]] = {
    "invitations": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 invitation"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 invitations"),
    ),
    "joined_invitations": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 invitation joined with the kept one"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 invitations joined with the kept ones"),
    ),
    "invitation_history_rows": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 history entry"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 history entries"),
    ),
    "questions": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 question"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 questions"),
    ),
    "notes": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 note in the minutes"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 notes in the minutes"),
    ),
    "action_items": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 action item"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 action items"),
    ),
    "roundtables_organised": (
        QT_TRANSLATE_NOOP("MergePeopleDialog", "1 roundtable they organise"),
        QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 roundtables they organise"),
    ),
}


_INVITATIONS = (
    QT_TRANSLATE_NOOP("MergePeopleDialog", "1 invitation"),
    QT_TRANSLATE_NOOP("MergePeopleDialog", "%1 invitations"),
)


def _tr(text: object) -> str:
    """``text`` (a string marked with QT_TRANSLATE_NOOP) translated in this dialog's context."""
    return QCoreApplication.translate(_CONTEXT, str(text))


def _count(n: int, phrases: tuple[object, object]) -> str:
    return count_phrase(_CONTEXT, n, str(phrases[0]), str(phrases[1]))


def _fill(template: str, *values: str) -> str:
    """``template`` with %1, %2, … replaced at once (a name holding "%2" stays as typed)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def match_label(candidate: DuplicateCandidate) -> str:
    """Why a pair is offered, in a few words ("Initials match", "Similar spelling (93%)")."""
    text = _tr(_MATCH_LABELS.get(candidate.match, candidate.match))
    return _fill(text, f"{round(candidate.score * 100)}%")


def reason_text(candidate: DuplicateCandidate) -> str:
    """The whole reason as a sentence, for the tooltip."""
    if candidate.organisation_id is not None:
        where = _fill(
            QCoreApplication.translate("MergePeopleDialog", "Both of %1"), candidate.organisation
        )
    else:
        where = QCoreApplication.translate("MergePeopleDialog", "Both without an organisation")
    return _fill(
        QCoreApplication.translate("MergePeopleDialog", "%1, names “%2” and “%3” (%4)"),
        where,
        candidate.first_name,
        candidate.second_name,
        match_label(candidate),
    )


def candidate_columns() -> list[Column[DuplicateCandidate]]:
    """The list's columns: both people, their addresses, the organisation and why."""
    return [
        Column[DuplicateCandidate](
            str(QT_TRANSLATE_NOOP("Columns", "Person")), lambda c: c.first_name
        ),
        Column[DuplicateCandidate](
            str(QT_TRANSLATE_NOOP("Columns", "E-mail")), lambda c: c.first_email
        ),
        Column[DuplicateCandidate](
            str(QT_TRANSLATE_NOOP("Columns", "Possible duplicate")), lambda c: c.second_name
        ),
        Column[DuplicateCandidate](
            str(QT_TRANSLATE_NOOP("Columns", "E-mail")), lambda c: c.second_email
        ),
        Column[DuplicateCandidate](
            str(QT_TRANSLATE_NOOP("Columns", "Organisation")), lambda c: c.organisation
        ),
        Column[DuplicateCandidate](
            str(QT_TRANSLATE_NOOP("Columns", "Reason")),
            match_label,
            sort_key=lambda c: -c.score,
            tooltip=reason_text,
        ),
    ]


def field_value(label: str, value: str) -> str:
    """A plan value as the user reads it: "(empty)", a translated lawful basis, one line."""
    if not value:
        return QCoreApplication.translate("MergePeopleDialog", "(empty)")
    if label == "Lawful basis":
        return lawful_basis_label(value)
    return _one_line(value)


def moved_summary(moved: Mapping[str, int]) -> str:
    """``1 invitation, 4 history entries and 1 question move to them.``"""
    parts: list[str] = []
    for key, n in moved.items():
        if n <= 0:
            continue
        one, many = _MOVED_PHRASES.get(key, ("", ""))
        if one:
            parts.append(_count(n, (one, many)))
        else:  # a kind of record the core added later: its own name will do
            parts.append(f"{n} {key.replace('_', ' ')}")
    if not parts:
        return QCoreApplication.translate(
            "MergePeopleDialog", "Nothing else refers to the other person."
        )
    if len(parts) == 1:
        listed = parts[0]
    else:
        listed = _fill(
            QCoreApplication.translate("MergePeopleDialog", "%1 and %2"),
            QCoreApplication.translate("MergePeopleDialog", ", ").join(parts[:-1]),
            parts[-1],
        )
    return _fill(
        QCoreApplication.translate("MergePeopleDialog", "%1 move to the person you keep."), listed
    )


def plan_text(plan: MergePlan, keep_name: str, other_name: str) -> str:
    """The whole plan as plain text: what changes, what moves, what is joined, what goes."""
    lines = [
        _fill(
            QCoreApplication.translate(
                "MergePeopleDialog", "“%1” is kept; “%2” is deleted after the merge."
            ),
            keep_name,
            other_name,
        ),
        "",
    ]
    if plan.field_changes:
        lines.append(QCoreApplication.translate("MergePeopleDialog", "Details that change:"))
        for label, before, after in plan.field_changes:
            lines.append(
                _fill(
                    QCoreApplication.translate("MergePeopleDialog", "• %1: %2 → %3"),
                    _tr(_FIELD_LABELS.get(label, label)),
                    field_value(label, before),
                    field_value(label, after),
                )
            )
    else:
        lines.append(QCoreApplication.translate("MergePeopleDialog", "No details change."))
    lines += ["", moved_summary(plan.moved)]
    if plan.joined:
        lines += ["", QCoreApplication.translate("MergePeopleDialog", "Both were invited to:")]
        for joined in plan.joined:
            lines.append(
                _fill(
                    QCoreApplication.translate(
                        "MergePeopleDialog",
                        "• “%1”: the kept invitation stays %2; the other one’s history "
                        "(%3, last %4) is moved into it.",
                    ),
                    joined.roundtable_title,
                    status_label(joined.kept_status),
                    _count(joined.history_rows, _MOVED_PHRASES["invitation_history_rows"]),
                    status_label(joined.other_status),
                )
            )
    if plan.dropped:
        lines += [
            "",
            QCoreApplication.translate(
                "MergePeopleDialog", "Not kept, because the kept person has their own:"
            ),
        ]
        for label, value in plan.dropped:
            lines.append(
                _fill(
                    QCoreApplication.translate("MergePeopleDialog", "• %1: %2"),
                    _tr(_FIELD_LABELS.get(label, label)),
                    field_value(label, value),
                )
            )
    return "\n".join(lines)


class MergePeopleDialog(QDialog):
    """Likely duplicate people, and merging the selected pair after a confirmation.

    Open it with :meth:`open` (or :func:`open_merge_dialog`), not ``exec()``,
    so tests can drive it.
    """

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        # Set while refresh() restores the selection: the plan is read once, after it.
        self._loading = False
        #: The plan shown for the selected pair (``None`` when there is none).
        self.plan: MergePlan | None = None
        self.setWindowTitle(self.tr("Merge duplicate people"))
        self.resize(960, 600)

        intro = QLabel(
            self.tr(
                "People of the same organisation (or both without one) whose names are "
                "alike. Choose a pair and whom to keep: the other person’s invitations, "
                "history, questions and notes move to them, and the other is deleted."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.empty_label = QLabel(self.tr("No likely duplicates found."), self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)

        self.model: RowTableModel[DuplicateCandidate] = RowTableModel(candidate_columns(), self)
        self.view: QTableView = plain_table_view(self, self.model, stretch=5)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)

        self.keep_box = QGroupBox(self.tr("Keep"), self)
        self.keep_first = QRadioButton(self.keep_box)
        self.keep_second = QRadioButton(self.keep_box)
        keep_layout = QVBoxLayout(self.keep_box)
        keep_layout.addWidget(self.keep_first)
        keep_layout.addWidget(self.keep_second)
        keep_layout.addStretch(1)
        self.keep_first.toggled.connect(self._keep_changed)

        self.plan_box = QGroupBox(self.tr("What the merge does"), self)
        self.plan_label = QLabel(self.plan_box)
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.plan_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Many joined invitations make a long plan: it scrolls rather than grow the dialog.
        plan_scroll = QScrollArea(self.plan_box)
        plan_scroll.setWidgetResizable(True)
        plan_scroll.setFrameShape(QFrame.Shape.NoFrame)
        plan_scroll.setWidget(self.plan_label)
        QVBoxLayout(self.plan_box).addWidget(plan_scroll)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = QPushButton(self.tr("&Merge…"), self)
        self.merge_button.setAutoDefault(False)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.clicked.connect(self.merge)
        self.buttons.rejected.connect(self.reject)

        details = QHBoxLayout()
        details.addWidget(self.keep_box, 1)
        details.addWidget(self.plan_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(details)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)

        store.changed.connect(self._on_changed)
        self.refresh()

    # -- the list --------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the candidates again, keeping the selected pair selected when it is still there."""
        selected = self.selected_candidate()
        rows = self.store.read(duplicates.find_duplicate_candidates)
        self.model.set_rows(rows)
        empty = not rows
        self.view.setHidden(empty)
        self.empty_label.setHidden(not empty)
        row = -1
        if selected is not None:
            row = self.model.find_row(
                lambda c: (c.first_id, c.second_id) == (selected.first_id, selected.second_id)
            )
        if rows:
            self._loading = True
            try:
                self.view.selectRow(max(row, 0))
            finally:
                self._loading = False
        self._show_selected()

    def candidates(self) -> list[DuplicateCandidate]:
        """The pairs listed, best first."""
        return self.model.rows()

    def selected_candidate(self) -> DuplicateCandidate | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.row_at(rows[0].row())

    def select_pair(self, first_id: int, second_id: int) -> bool:
        """Select the pair of these two people (in either order); whether it is listed."""
        ids = {first_id, second_id}
        row = self.model.find_row(lambda c: {c.first_id, c.second_id} == ids)
        if row < 0:
            return False
        self.view.selectRow(row)
        return True

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if not self._loading:
            self._show_selected()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"people", "organisations"}:
            self.refresh()

    # -- the pair ----------------------------------------------------------------------
    def _show_selected(self) -> None:
        candidate = self.selected_candidate()
        self.keep_box.setEnabled(candidate is not None)
        if candidate is None:
            for button in (self.keep_first, self.keep_second):
                button.setText("")
            self._update_plan()
            return
        self.keep_first.setText(
            self._keep_label(
                candidate.first_name, candidate.first_email, candidate.first_invitations
            )
        )
        self.keep_second.setText(
            self._keep_label(
                candidate.second_name, candidate.second_email, candidate.second_invitations
            )
        )
        # The one with more invitations is the natural one to keep; on a tie the older record.
        keep_second = candidate.second_invitations > candidate.first_invitations
        self.keep_first.blockSignals(True)
        self.keep_first.setChecked(not keep_second)
        self.keep_second.setChecked(keep_second)
        self.keep_first.blockSignals(False)
        self._update_plan()

    def _keep_label(self, name: str, email: str, invitations: int) -> str:
        count = _count(invitations, _INVITATIONS)
        if email:
            text = _fill(self.tr("%1 <%2>, %3"), name, email, count)
        else:
            text = _fill(self.tr("%1 (no e-mail), %2"), name, count)
        return text.replace("&", "&&")  # not a keyboard shortcut

    def _keep_changed(self, _checked: bool) -> None:
        self._update_plan()

    def keep_and_other(self) -> tuple[int, str, int, str] | None:
        """(kept id, kept name, other id, other name) for the selected pair and choice."""
        candidate = self.selected_candidate()
        if candidate is None:
            return None
        first = (candidate.first_id, candidate.first_name)
        second = (candidate.second_id, candidate.second_name)
        keep, other = (second, first) if self.keep_second.isChecked() else (first, second)
        return keep[0], keep[1], other[0], other[1]

    def _update_plan(self) -> None:
        pair = self.keep_and_other()
        self.plan = None
        if pair is None:
            self.plan_label.setText("")
            self.merge_button.setEnabled(False)
            return
        keep_id, keep_name, other_id, other_name = pair
        try:
            self.plan = self.store.read(people_queries.merge_plan, keep_id, other_id)
        except RoundtableError as exc:
            # Deleted or erased meanwhile: the list refreshes when the change arrives.
            self.plan_label.setText(str(exc))
            self.merge_button.setEnabled(False)
            return
        self.plan_label.setText(plan_text(self.plan, keep_name, other_name))
        self.merge_button.setEnabled(True)

    # -- merging -----------------------------------------------------------------------
    def merge(self) -> bool:
        """Merge the selected pair after the user confirms; whether it was merged."""
        pair = self.keep_and_other()
        if pair is None:
            return False
        keep_id, keep_name, other_id, other_name = pair
        title = self.tr("Merge people")
        question = _fill(
            self.tr(
                "Merge “%1” into “%2”?\n\nEverything of “%1” moves to “%2”, and “%1” is "
                "deleted. A merge cannot be undone, and Edit > Undo forgets every earlier step."
            ),
            other_name,
            keep_name,
        )
        if not messages.confirm(self, title, question, self.tr("Merge")):
            return False
        try:
            self.store.run(people_actions.merge_people(keep_id, other_id))
        except RoundtableError as exc:
            messages.show_core_error(self, title, exc)
            self.refresh()
            return False
        # The store's changed signal has refreshed the list already.
        self.status_label.setText(_fill(self.tr("Merged “%1” into “%2”."), other_name, keep_name))
        return True


#: Dialogs opened without a parent, kept alive until they close.
_open_dialogs: set[MergePeopleDialog] = set()


def open_merge_dialog(store: Store, parent: QWidget | None) -> None:
    """Open the merge dialog (window-modal over ``parent``); it deletes itself when closed."""
    dialog = MergePeopleDialog(store, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if parent is None:
        # Nothing else owns a top-level dialog: keep it alive until it closes.
        _open_dialogs.add(dialog)
        dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
    dialog.open()
