"""The Privacy page: the retention review list and the audit log.

Review: the retention period (how many months after a person's last
roundtable their details come up for review), and everyone due now, with
Keep (one undoable step, however many are selected) and Erase… (the erase
dialog for one person, one confirmation for several; never undoable). Both,
and the period, are actions of :mod:`roundtable.privacy.actions`; the lists
come from :mod:`roundtable.privacy.queries` and the audit log.

Audit log: who imported, exported, merged, erased or deleted what and when,
newest first, filtered by kind of action and by words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from roundtable.enums import LawfulBasis
from roundtable.errors import RoundtableError
from roundtable.privacy import actions, audit_log, queries, retention
from roundtable_ui import messages
from roundtable_ui.dialogs.person_dialog import lawful_basis_label
from roundtable_ui.dialogs.privacy_access import export_subject_access
from roundtable_ui.dialogs.privacy_erase import ErasePersonDialog, erase_people, show_done
from roundtable_ui.formatting import count_phrase, format_date, format_local_datetime, stored_text
from roundtable_ui.models.row_table_model import Column
from roundtable_ui.store import Store
from roundtable_ui.widgets.filter_table import FilterTable

if TYPE_CHECKING:  # PySide6's stub types it as returning object; it returns the text.

    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...

else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP

_GREY = QColor("#7f8c8d")
#: The retention period is saved this long after the last change of the spin box,
#: so clicking the arrows from 24 to 18 makes one undo step and one audit row, not six.
RETENTION_DELAY_MS = 700
#: The review table's "Due since" column, and the widest some columns start.
_DUE_COLUMN = 5
_WIDEST = {0: 170, 1: 180, 2: 200, 4: 250}


#: Readable names of the audit log's actions; anything else shows as recorded.
_ACTION_LABELS = {
    "contacts.import": QT_TRANSLATE_NOOP("AuditAction", "Contacts imported"),
    "contacts.export": QT_TRANSLATE_NOOP("AuditAction", "Contacts exported"),
    "contacts.merge": QT_TRANSLATE_NOOP("AuditAction", "People merged"),
    "privacy.erase": QT_TRANSLATE_NOOP("AuditAction", "Person erased"),
    "privacy.access_export": QT_TRANSLATE_NOOP("AuditAction", "Personal data exported"),
    "privacy.keep": QT_TRANSLATE_NOOP("AuditAction", "Kept after review"),
    "privacy.retention": QT_TRANSLATE_NOOP("AuditAction", "Retention period changed"),
    "import-json": QT_TRANSLATE_NOOP("AuditAction", "Database imported (JSON)"),
    "export-json": QT_TRANSLATE_NOOP("AuditAction", "Database exported (JSON)"),
    "calendar.host_message": QT_TRANSLATE_NOOP("AuditAction", "Calendar message from the host"),
    "invitation.consent_to_be_named": QT_TRANSLATE_NOOP(
        "AuditAction", "Consent to be named changed"
    ),
    "delete": QT_TRANSLATE_NOOP("AuditAction", "Deleted"),
}
#: A deletion reads better with what was deleted.
_DELETE_LABELS = {
    "person": QT_TRANSLATE_NOOP("AuditAction", "Person deleted"),
    "organisation": QT_TRANSLATE_NOOP("AuditAction", "Organisation deleted"),
    "roundtable": QT_TRANSLATE_NOOP("AuditAction", "Roundtable deleted"),
    "statement": QT_TRANSLATE_NOOP("AuditAction", "Statement deleted"),
}


def action_label(action: str, entity_type: str = "") -> str:
    """The translated label of an audit action ("contacts.import" → "Contacts imported")."""
    if action == "delete" and entity_type in _DELETE_LABELS:
        return QCoreApplication.translate("AuditAction", _DELETE_LABELS[entity_type])
    if action in _ACTION_LABELS:
        return QCoreApplication.translate("AuditAction", _ACTION_LABELS[action])
    if action.startswith("calendar"):
        return QCoreApplication.translate("AuditAction", "Calendar import: %1").replace(
            "%1", action.partition(".")[2] or action
        )
    return action


def _is_import(action: str) -> bool:
    return "import" in action or action.startswith("calendar")


#: The action kinds of the audit filter: (untranslated label, predicate on the action).
_ACTION_KINDS: tuple[tuple[str, Callable[[str], bool] | None], ...] = (
    (QT_TRANSLATE_NOOP("AuditTab", "All actions"), None),
    (QT_TRANSLATE_NOOP("AuditTab", "Imports"), _is_import),
    (QT_TRANSLATE_NOOP("AuditTab", "Exports"), lambda a: "export" in a),
    (QT_TRANSLATE_NOOP("AuditTab", "Merges"), lambda a: "merge" in a),
    (QT_TRANSLATE_NOOP("AuditTab", "Erasures"), lambda a: a == "privacy.erase"),
    (QT_TRANSLATE_NOOP("AuditTab", "Deletions"), lambda a: a == "delete" or a.endswith(".delete")),
    (
        QT_TRANSLATE_NOOP("AuditTab", "Privacy reviews"),
        lambda a: a in ("privacy.keep", "privacy.retention"),
    ),
)


def _row_filter(
    test: Callable[[str], bool] | None,
) -> Callable[[audit_log.AuditRow], bool] | None:
    """The audit table's predicate for one kind of action (``None``: every row)."""
    if test is None:
        return None
    return lambda row: test(row.action)


def local_time(moment: datetime | None) -> str:
    """A stored (UTC) moment as wall time of this computer: ``7 Sep 2023 14:00``."""
    return format_local_datetime(moment)


def _last_roundtable_text(row: retention.ReviewItem) -> str:
    """``6 Sep 2023 — Committee hearing: …``; "(none)" for someone in no roundtable."""
    if row.last_roundtable_on is None:
        return row.last_roundtable or QCoreApplication.translate("ReviewTab", "(none)")
    return f"{format_date(row.last_roundtable_on)} — {row.last_roundtable}"


class ReviewTab(QWidget):
    """The retention period and the people due for review, with Keep and Erase…."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._months = retention.DEFAULT_RETENTION_MONTHS

        self.period_label = QLabel(self)
        self.period_label.setObjectName("retentionSentence")
        self.period_label.setWordWrap(True)
        font = QFont(self.period_label.font())
        font.setBold(True)
        self.period_label.setFont(font)
        self.retention_spin = QSpinBox(self)
        self.retention_spin.setRange(retention.MIN_RETENTION_MONTHS, retention.MAX_RETENTION_MONTHS)
        self.retention_spin.setSuffix(self.tr(" months"))
        self.retention_spin.setKeyboardTracking(False)
        self.retention_spin.setAccelerated(True)
        self.retention_spin.setToolTip(
            self.tr("After how many months a person's details come up for review (1 to 240)")
        )
        spin_label = QLabel(self.tr("&Retention period:"), self)
        spin_label.setBuddy(self.retention_spin)
        self._retention_timer = QTimer(self)
        self._retention_timer.setSingleShot(True)
        self._retention_timer.setInterval(RETENTION_DELAY_MS)
        self._retention_timer.timeout.connect(self.apply_retention)
        self.retention_spin.valueChanged.connect(lambda _v: self._retention_timer.start())
        self.retention_spin.editingFinished.connect(self.apply_retention)
        explanation = QLabel(
            self.tr(
                "Everyone invited to a roundtable comes up for review when that many months "
                "have passed since the last one they were invited to. Keep their details for "
                "another period, or erase them."
            ),
            self,
        )
        explanation.setWordWrap(True)

        self.table: FilterTable[retention.ReviewItem] = FilterTable(
            [
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation or ""
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "E-mail"), lambda r: r.email or ""),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Lawful basis"),
                    lambda r: lawful_basis_label(r.lawful_basis),
                    tooltip=lambda r: r.consent_note or "",
                    foreground=lambda r: _GREY if r.lawful_basis == LawfulBasis.UNKNOWN else None,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Last roundtable"),
                    _last_roundtable_text,
                    # One text value: the proxy compares QVariants, which cannot hold a tuple.
                    sort_key=lambda r: f"{r.last_roundtable_on or date.min} {r.last_roundtable}",
                    tooltip=lambda r: r.reason,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Due since"),
                    lambda r: format_date(r.due_on),
                    sort_key=lambda r: r.due_on,
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Last kept"),
                    lambda r: format_date(r.kept_on) or self.tr("never"),
                    sort_key=lambda r: r.kept_on or date.min,
                    foreground=lambda r: _GREY if r.kept_on is None else None,
                ),
            ],
            name=self.tr("People due for review"),
            placeholder=self.tr("Search by name, organisation, e-mail, roundtable… (Ctrl+F)"),
            choices=[
                (self.tr("Everyone due"), None),
                (self.tr("Never kept before"), lambda r: r.kept_on is None),
                (self.tr("Kept before"), lambda r: r.kept_on is not None),
                (
                    self.tr("No lawful basis recorded"),
                    lambda r: r.lawful_basis == LawfulBasis.UNKNOWN,
                ),
            ],
            stretch_column=0,
            parent=self,
        )
        self.table.selection_changed.connect(self._selection_changed)
        # Longest due first, as the core sorts them; the widths fit a 1280-pixel window.
        self.table.view.sortByColumn(_DUE_COLUMN, Qt.SortOrder.AscendingOrder)
        self._widths_capped = False

        self.keep_button = QPushButton(self.tr("&Keep"), self)
        self.keep_button.clicked.connect(self.keep_selected)
        self.erase_button = QPushButton(self.tr("&Erase…"), self)
        self.erase_button.setToolTip(self.tr("Replace the personal details; cannot be undone"))
        self.erase_button.clicked.connect(self.erase_selected)
        self.access_button = QPushButton(self.tr("Export personal &data…"), self)
        self.access_button.setToolTip(
            self.tr("Everything the database holds about the selected person, as JSON and HTML")
        )
        self.access_button.clicked.connect(self.export_selected)

        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("reviewEmpty")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

        period_row = QHBoxLayout()
        period_row.addWidget(spin_label)
        period_row.addWidget(self.retention_spin)
        period_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.erase_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.access_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.period_label)
        layout.addWidget(explanation)
        layout.addLayout(period_row)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        #: The erase dialog opened last (tests type the name and click Erase).
        self.dialog: ErasePersonDialog | None = None
        self._selection_changed([])

    # -- reading -------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the period and the review list again (selections kept)."""
        review = self._store.read(queries.review_list)
        months, due, next_due = review.months, list(review.due), review.next_due
        self._months = months
        self._show_months(months)
        self.table.set_rows(due, keep=lambda r: r.person_id)
        if due and not self._widths_capped:
            self._widths_capped = True
            for column, widest in _WIDEST.items():
                view = self.table.view
                view.setColumnWidth(column, min(view.columnWidth(column), widest))
        self.table.setVisible(bool(due))
        self.empty_label.setVisible(not due)
        empty = self.tr("Nobody is due for review.")
        if next_due is not None:
            empty += " " + self.tr("The next one is due on %1.").replace(
                "%1", format_date(next_due)
            )
        self.empty_label.setText(empty)
        self._selection_changed(self.table.selected_rows())

    def _show_months(self, months: int) -> None:
        self.period_label.setText(
            count_phrase(
                "ReviewTab",
                months,
                QT_TRANSLATE_NOOP(
                    "ReviewTab",
                    "Personal details are reviewed 1 month after a person's last roundtable.",
                ),
                QT_TRANSLATE_NOOP(
                    "ReviewTab",
                    "Personal details are reviewed %1 months after a person's last roundtable.",
                ),
            )
        )
        if self.retention_spin.value() != months and not self._retention_timer.isActive():
            self.retention_spin.blockSignals(True)
            self.retention_spin.setValue(months)
            self.retention_spin.blockSignals(False)
        self.keep_button.setToolTip(
            count_phrase(
                "ReviewTab",
                months,
                QT_TRANSLATE_NOOP(
                    "ReviewTab", "Keep the selected people's details for another month"
                ),
                QT_TRANSLATE_NOOP(
                    "ReviewTab", "Keep the selected people's details for another %1 months"
                ),
            )
        )

    def _selection_changed(self, rows: list[Any]) -> None:
        self.keep_button.setEnabled(bool(rows))
        self.erase_button.setEnabled(bool(rows))
        self.access_button.setEnabled(len(rows) == 1)
        n = len(rows)
        self.keep_button.setText(
            self.tr("&Keep") if n < 2 else self.tr("&Keep %1").replace("%1", str(n))
        )
        self.erase_button.setText(
            self.tr("&Erase…") if n < 2 else self.tr("&Erase %1…").replace("%1", str(n))
        )

    # -- writing -------------------------------------------------------------------
    def apply_retention(self) -> None:
        """Save the spin box's period, if it differs (one undoable step)."""
        self._retention_timer.stop()
        months = self.retention_spin.value()
        if months == self._months:
            return
        try:
            self._store.run(actions.set_retention(months))
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot change the retention period"), exc)
            self.refresh()

    def keep_selected(self) -> None:
        """Keep the selected people's details for another period (one undoable step)."""
        rows = self.table.selected_rows()
        if not rows:
            return
        name = rows[0].name if len(rows) == 1 else ""
        try:
            self._store.run(actions.keep([r.person_id for r in rows], name=name))
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot keep"), exc)
            self.refresh()

    def erase_selected(self) -> None:
        """Erase the selected person (the dialog) or people (one confirmation)."""
        rows = self.table.selected_rows()
        if len(rows) == 1:
            self.open_erase_dialog(rows[0].person_id)
        elif rows:
            erase_people(self._store, [(r.person_id, r.name) for r in rows], self)

    def open_erase_dialog(self, person_id: int) -> ErasePersonDialog | None:
        """Open the erase dialog of one person (non-blocking; tests drive :attr:`dialog`)."""
        try:
            dialog = ErasePersonDialog(self._store, person_id, self)
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot erase"), exc)
            self.refresh()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.erased.connect(lambda _pid: self._erased(dialog))
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _erased(self, dialog: ErasePersonDialog) -> None:
        label = dialog.erased_plan.label if dialog.erased_plan is not None else ""
        show_done(
            self,
            self.tr("Erased"),
            self.tr("The personal details of “%1” were erased; the person is now “%2”.")
            .replace("%1", dialog.name)
            .replace("%2", label),
        )

    def export_selected(self) -> None:
        """Write the selected person's data as JSON and HTML into a folder the user picks."""
        rows = self.table.selected_rows()
        if len(rows) == 1:
            export_subject_access(self._store, rows[0].person_id, self)


class AuditTab(QWidget):
    """The audit log, newest first, filtered by kind of action and by words."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.table: FilterTable[audit_log.AuditRow] = FilterTable(
            [
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "When"),
                    lambda r: local_time(r.at),
                    # Rows of the same second keep the order they were written in.
                    sort_key=lambda r: f"{r.at.isoformat()} {r.id:012d}",
                ),
                Column[Any](QT_TRANSLATE_NOOP("Columns", "Who"), lambda r: r.actor),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "Action"),
                    lambda r: action_label(r.action, r.entity_type),
                ),
                Column[Any](
                    QT_TRANSLATE_NOOP("Columns", "What"),
                    lambda r: r.summary,
                    tooltip=lambda r: stored_text(r.detail or r.summary),
                ),
            ],
            name=self.tr("Audit log"),
            placeholder=self.tr("Search the audit log (Ctrl+F)"),
            choices=[
                (QCoreApplication.translate("AuditTab", label), _row_filter(test))
                for label, test in _ACTION_KINDS
            ],
            stretch_column=3,
            parent=self,
        )
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        self.table.set_rows(self._store.read(audit_log.list_audit_entries))


class PrivacyPage(QWidget):
    """Retention review and the audit log (issue #6, parts 6 and 7)."""

    #: A person's id, when the user asks to open them (double-click in the review list).
    open_person = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.review = ReviewTab(store, self)
        self.audit = AuditTab(store, self)
        self.review.table.activated.connect(lambda row: self.open_person.emit(row.person_id))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Privacy tools"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.review, self.tr("&Review"))
        self.tabs.addTab(self.audit, self.tr("&Audit log"))
        # The audit log can be long and changes with nearly every write: read it when shown.
        self._audit_stale = True
        self.tabs.currentChanged.connect(lambda _index: self._refresh_audit_if_shown())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        store.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        """Read the review list and (when shown) the audit log again."""
        self.review.refresh()
        self._audit_stale = True
        self._refresh_audit_if_shown()

    def focus_search(self) -> None:
        """Put the cursor in the search box of the visible tab (Ctrl+F)."""
        tab = self.tabs.currentWidget()
        if tab is self.audit:
            self.audit.table.focus_search()
        else:
            self.review.table.focus_search()

    def show_audit_log(self) -> None:
        self.tabs.setCurrentWidget(self.audit)

    def show_review(self) -> None:
        self.tabs.setCurrentWidget(self.review)

    def _refresh_audit_if_shown(self) -> None:
        if self._audit_stale and self.tabs.currentWidget() is self.audit:
            self._audit_stale = False
            self.audit.refresh()

    def _on_changed(self, kinds: frozenset[str]) -> None:
        # The retention period is a setting; who is due follows people and their roundtables.
        if kinds & {"people", "invitations", "roundtables", "organisations", "settings"}:
            self.review.refresh()
        # Imports, deletions and erasures of any kind of record write audit rows.
        self._audit_stale = True
        self._refresh_audit_if_shown()


__all__ = ["AuditTab", "PrivacyPage", "ReviewTab", "action_label", "local_time"]
