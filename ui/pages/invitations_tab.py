"""The Invitations tab of a roundtable: who is invited, how they answered, and every step.

Every action works on the whole selection, as ONE undoable step. A batch is
all or nothing: the rows that cannot take the step are listed in one message
and nothing changes, so the coordinator never has to work out which half of
a selection went through.

Every step is dated by the "When it happened" field above the table: it says
now until the coordinator types another time, and then dates every step that
follows, until *Now* or another roundtable. Coordinators mostly record after the
fact, often forty answers at a time: one date typed once, then one click per
answer (or per selection), is faster than a question after every click.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from roundtable.actions import Action
from roundtable.enums import InvitationStatus, Party, RoundtableStatus
from roundtable.errors import NotFoundError, RoundtableError
from roundtable.meetings import invitation_actions, invitation_queries
from roundtable.meetings import invitation_queries as meetings_invitation_queries
from roundtable.meetings.invitations import can_transition
from roundtable_ui import messages
from roundtable_ui.dialogs import calendar_export
from roundtable_ui.dialogs.history_dialog import HistoryDialog
from roundtable_ui.dialogs.invitee_picker import InviteePicker
from roundtable_ui.dialogs.letters import LettersMenu
from roundtable_ui.formatting import (
    STATUS_COLOURS,
    english_plural,
    format_date,
    format_datetime,
    in_zone,
    status_label,
)
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column
from roundtable_ui.store import Store
from roundtable_ui.widgets.filter_table import FilterTable
from roundtable_ui.widgets.flow_layout import FlowLayout
from roundtable_ui.widgets.when_edit import WhenEdit

_I = InvitationStatus
Row = meetings_invitation_queries.InvitationRow

#: The statuses that mean "sent, no answer yet" (the "Awaiting answer" filter).
AWAITING = frozenset({_I.INVITED, _I.NO_RESPONSE})
#: Characters that make a display name need quotes in an address list.
_SPECIALS = set(',;<>"()[]:@\\.')


def format_address(name: str, email: str) -> str:
    """``Name <email>`` for a mail client's To: field, quoting names with , ; < > and the like."""
    if not name:
        return email
    if any(ch in _SPECIALS for ch in name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{email}>"


class InvitationsTab(QWidget):
    """The invitations of one roundtable: table, filters, summary and (bulk) actions."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._roundtable_id: int | None = None
        #: The roundtable shown and its invitations, as last read.
        self._info: invitation_queries.InvitationList | None = None
        #: The last picker and history dialog opened (tests drive them without exec()).
        self.picker: InviteePicker | None = None
        self.history_dialog: HistoryDialog | None = None
        #: The last calendar export started (tests wait for its ``finished`` signal).
        self.exporter: calendar_export.CalendarExporter | None = None

        self.table: FilterTable[Row] = FilterTable(
            self._columns(),
            name=self.tr("Invitees"),
            placeholder=self.tr("Search invitees (Ctrl+F)"),
            choices=[
                (self.tr("All"), None),
                (self.tr("Awaiting answer"), lambda r: r.status in AWAITING),
                (status_label(_I.ACCEPTED), lambda r: r.status == _I.ACCEPTED),
                (status_label(_I.TENTATIVE), lambda r: r.status == _I.TENTATIVE),
                (status_label(_I.DECLINED), lambda r: r.status == _I.DECLINED),
                (status_label(_I.WITHDRAWN), lambda r: r.status == _I.WITHDRAWN),
                (status_label(_I.ATTENDED), lambda r: r.status == _I.ATTENDED),
                (status_label(_I.NO_SHOW), lambda r: r.status == _I.NO_SHOW),
                (status_label(_I.NOT_SENT), lambda r: r.status == _I.NOT_SENT),
            ],
            stretch_column=0,
            parent=self,
        )
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Long organisation names deserve room too, beside the names.
        self.table.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selection_changed.connect(lambda _rows: self._update_actions())
        self.table.activated.connect(lambda _row: self.show_history())
        self.table.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.view.customContextMenuRequested.connect(self._context_menu)

        self._build_actions()
        self.letters_menu = LettersMenu(
            store,
            lambda: self._roundtable_id,
            lambda: [r.id for r in self.table.selected_rows()],
            self,
        )
        # A row of flat buttons that wraps between groups (steps, the selection, files)
        # rather than hiding actions behind an overflow arrow; related steps are menus.
        self.response_button = _menu_button(self.tr("Record response"), self.response_menu, self)
        self.attendance_button = _menu_button(self.tr("Attendance"), self.attendance_menu, self)
        self.calendar_button = _menu_button(self.tr("Calendar"), self.calendar_menu, self)
        self.letters_button = _menu_button(self.tr("Letters && handouts"), self.letters_menu, self)
        #: When the next steps happened (now, unless the coordinator types a time).
        self.when_edit = WhenEdit(self)
        self.when_label = QLabel(self.tr("When it h&appened:"), self)
        self.when_label.setBuddy(self.when_edit)
        when_row = QHBoxLayout()
        when_row.addWidget(self.when_label)
        when_row.addWidget(self.when_edit)
        when_row.addStretch(1)

        self.toolbar = QWidget(self)
        self.toolbar.setObjectName("invitationActions")
        actions = FlowLayout(self.toolbar)
        actions.add_group([_action_button(self.add_action, self.toolbar)])
        actions.add_group(
            [
                _action_button(self.sent_action, self.toolbar),
                self.response_button,
                _action_button(self.withdraw_action, self.toolbar),
                self.attendance_button,
            ]
        )
        actions.add_group(
            _action_button(action, self.toolbar)
            for action in (
                self.consent_action,
                self.history_action,
                self.copy_action,
                self.remove_action,
            )
        )
        actions.add_group([self.calendar_button, self.letters_button])

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("invitationSummary")
        self.summary_label.setWordWrap(True)  # many statuses make a long line
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("invitationNotice")
        self.notice_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(when_row)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notice_label)

        store.changed.connect(self._on_changed)
        self._update_actions()

    # -- public --------------------------------------------------------------------
    def set_roundtable(self, roundtable_id: int | None) -> None:
        """Show the invitations of this roundtable (None: none)."""
        if roundtable_id != self._roundtable_id:
            self.notice_label.clear()
            self.table.view.clearSelection()
            # What was searched for and when things happened belong to the last one.
            self.table.search.clear()
            self.when_edit.reset()
        self._roundtable_id = roundtable_id
        self.refresh()

    def refresh(self) -> None:
        self._info = None
        if self._roundtable_id is not None:
            # Deleted meanwhile: show nothing.
            with contextlib.suppress(NotFoundError):
                self._info = self._store.read(
                    invitation_queries.invitation_list, self._roundtable_id
                )
        self.table.set_rows(list(self._info.rows) if self._info is not None else [])
        if self._info is not None:
            self.when_edit.set_zone(self._info.timezone)
        self._update_summary()
        self._update_actions()

    def focus_search(self) -> None:
        self.table.focus_search()

    def rows(self) -> list[Row]:
        return self.table.rows()

    def select_ids(self, ids: Sequence[int]) -> int:
        """Select the invitations with these ids (among those shown); return how many."""
        wanted = set(ids)
        return self.table.select_where(lambda r: r.id in wanted)

    def add_invitees(self) -> None:
        """Open the picker (non-modal to the app, modal to this window) for this roundtable."""
        if self._roundtable_id is None:
            return
        self.picker = InviteePicker(self._store, self._roundtable_id, self, at=self.when())
        self.picker.invitees_added.connect(self._select_added)
        self.picker.finished.connect(self.picker.deleteLater)
        self.picker.finished.connect(lambda _result: self.table.view.setFocus())
        self.picker.open()

    def when(self) -> datetime | None:
        """When the next step happened: ``None`` for now, else wall time in the roundtable's zone."""
        return self.when_edit.when()

    def _when_refused(self, title: str) -> bool:
        """Whether "When it happened" cannot date a step (later than now): then it says so."""
        problem = self.when_edit.problem()
        if problem:
            messages.show_error(self, title, problem)
        return bool(problem)

    def mark_sent(self) -> None:
        """Mark the selection as sent; re-inviting withdrawn invitees is asked first."""
        title = self.tr("Mark as sent")
        rows = self.table.selected_rows()
        if not rows or not self._check_legal(title, rows, _I.INVITED):
            return
        if self._when_refused(title):
            return
        withdrawn = [r for r in rows if r.status == _I.WITHDRAWN]
        if withdrawn:
            question = english_plural(
                self.tr(
                    "Invite %n withdrawn invitee(s) again? Their invitation was withdrawn; "
                    "marking it as sent invites them once more.",
                    "",
                    len(withdrawn),
                ),
                len(withdrawn),
            )
            names = ", ".join(r.name for r in withdrawn[:10])
            if len(withdrawn) > 10:
                names += ", …"
            if not messages.confirm(
                self, title, question + "\n\n" + names, self.tr("Invite again")
            ):
                return
        when = self.when()
        self._bulk(
            title, _I.INVITED, lambda ids: invitation_actions.mark_sent(ids, at=when), rows=rows
        )

    def record_response(self, status: InvitationStatus) -> None:
        """Record the same answer for every selected invitee."""
        title = {
            _I.ACCEPTED: self.tr("Record acceptance"),
            _I.TENTATIVE: self.tr("Record tentative acceptance"),
            _I.DECLINED: self.tr("Record decline"),
        }[status]
        when = self.when()
        self._bulk(
            title,
            status,
            lambda ids: invitation_actions.record_response(ids, status, at=when),
            skip_same=True,
        )

    def mark_no_response(self) -> None:
        when = self.when()
        self._bulk(
            self.tr("Mark no response"),
            _I.NO_RESPONSE,
            lambda ids: invitation_actions.mark_no_response(ids, at=when),
        )

    def withdraw(self) -> None:
        """Withdraw the selection: asks the reason and who withdrew (host or invitee)."""
        title = self.tr("Withdraw invitation")
        rows = self.table.selected_rows()
        if not rows or not self._check_legal(title, rows, _I.WITHDRAWN):
            return
        if self._when_refused(title):
            return
        question = english_plural(
            self.tr("Why is the invitation withdrawn? (%n invitee(s))", "", len(rows)), len(rows)
        )
        when, moment, zone = self.when(), self.when_edit.moment(), self.when_edit.zone()
        if moment is not None:
            question += "\n" + self.tr("It is recorded as withdrawn on %1 (%2).").replace(
                "%1", format_datetime(moment, zone)
            ).replace("%2", zone)
        reason = messages.ask_text(self, title, question, multiline=True)
        while reason is not None and not reason.strip():
            # Asked again, saying why: an empty answer never passes silently.
            reason = messages.ask_text(
                self,
                title,
                self.tr("A reason is needed to withdraw an invitation.") + "\n" + question,
                multiline=True,
            )
        if reason is None:
            return
        host = self.tr("The host took the invitation back")
        invitee = self.tr("The invitee pulled out")
        choice = messages.ask_choice(self, title, self.tr("Who withdrew?"), [host, invitee])
        if choice is None:
            return
        party = Party.HOST if choice == host else Party.INVITEE
        self._bulk(
            title,
            _I.WITHDRAWN,
            lambda ids: invitation_actions.withdraw(ids, reason, by=party, at=when),
            rows=rows,
        )

    def mark_attendance(self, attended: bool) -> None:
        when = self.when()
        self._bulk(
            self.tr("Mark attended") if attended else self.tr("Mark no-show"),
            _I.ATTENDED if attended else _I.NO_SHOW,
            lambda ids: invitation_actions.mark_attendance(ids, attended, at=when),
        )

    def toggle_consent(self) -> None:
        """Named in public: on for all selected, unless all already have it (then off)."""
        rows = self.table.selected_rows()
        if not rows:
            return
        consent = not all(r.consent_to_be_named for r in rows)
        ids = [r.id for r in rows if r.consent_to_be_named != consent]
        text = self.tr("Named in public") if consent else self.tr("Not named in public")
        self._run(text, invitation_actions.set_consent_to_be_named(ids, consent))

    def show_history(self) -> None:
        rows = self.table.selected_rows()
        current = self.table.current_row()
        row = current if current in rows else (rows[0] if rows else None)
        if row is None:
            return
        self.history_dialog = HistoryDialog(self._store, row.id, self)
        self.history_dialog.finished.connect(self.history_dialog.deleteLater)
        self.history_dialog.open()

    def remove(self) -> None:
        """Take unsent invitations off the list (after a confirmation)."""
        title = self.tr("Remove from the list")
        rows = self.table.selected_rows()
        if not rows or not self._check_legal(title, rows, None):
            return
        question = english_plural(
            self.tr(
                "Remove %n invitee(s) from the list? The invitations were never sent.",
                "",
                len(rows),
            ),
            len(rows),
        )
        if not messages.confirm(self, title, question, self.tr("Remove")):
            return
        self._run(title, invitation_actions.remove_invitations([r.id for r in rows]))

    def copy_email_addresses(self) -> None:
        """Put "Name <email>; …" of the selection on the clipboard; say who had no address."""
        rows = self.table.selected_rows()
        if not rows:
            return
        with_email = [r for r in rows if r.email]
        skipped = [r for r in rows if not r.email]
        QGuiApplication.clipboard().setText(
            "; ".join(format_address(r.name, r.email) for r in with_email)
        )
        text = english_plural(
            self.tr("Copied %n e-mail address(es).", "", len(with_email)), len(with_email)
        )
        if skipped:
            skipped_text = self.tr(
                "%n invitee(s) without an e-mail address skipped: %1", "", len(skipped)
            )
            text += " " + english_plural(skipped_text, len(skipped)).replace(
                "%1", ", ".join(r.name for r in skipped)
            )
        self.notice_label.setText(text)

    def export_invitations(self) -> None:
        """Write an invitation file (or e-mail draft) per selected invitee, or for everyone."""
        if self._roundtable_id is None:
            return
        ids = [r.id for r in self.table.selected_rows()] or None
        exporter = calendar_export.export_invitations(self, self._store, self._roundtable_id, ids)
        self.exporter = exporter or self.exporter

    def export_withdrawal_notice(self) -> None:
        """Write the withdrawal notice (.ics or .eml) of each selected withdrawn invitee."""
        ids = [r.id for r in self.table.selected_rows() if r.status == _I.WITHDRAWN]
        if self._roundtable_id is None or not ids:
            return
        exporter = calendar_export.export_withdrawals(self, self._store, self._roundtable_id, ids)
        self.exporter = exporter or self.exporter

    # -- the bulk machinery --------------------------------------------------------
    def _check_legal(
        self,
        title: str,
        rows: Sequence[Row],
        target: InvitationStatus | None,
        skip_same: bool = False,
    ) -> bool:
        """All selected rows may take the step, or one message lists those that cannot.

        ``target`` None means removal (only unsent invitations).
        """
        refused: list[str] = []
        for row in rows:
            if target is None:
                ok = row.status == _I.NOT_SENT
            else:
                ok = can_transition(row.status, target) or (skip_same and row.status == target)
            if not ok:
                refused.append(
                    self.tr("%1 (%2)")
                    .replace("%1", row.name)
                    .replace("%2", status_label(row.status))
                )
        if not refused:
            return True
        text = self.tr(
            "Nothing was changed: %n of the selected invitations cannot take this step:",
            "",
            len(refused),
        )
        messages.show_error(self, title, text + "\n• " + "\n• ".join(refused))
        return False

    def _bulk(
        self,
        title: str,
        target: InvitationStatus,
        make: Callable[[list[int]], Action[Any]],
        *,
        skip_same: bool = False,
        rows: Sequence[Row] | None = None,
    ) -> None:
        """Run the action ``make`` builds for the selected invitations: one undoable step.

        All or nothing: the rows that cannot take the step are listed first and
        nothing is run; the core refuses the whole action when it refuses one row.
        """
        rows = list(self.table.selected_rows() if rows is None else rows)
        if not rows:
            return
        # Withdraw has checked before asking its questions; checking again is cheap.
        if not self._check_legal(title, rows, target, skip_same):
            return
        ids = [r.id for r in rows if not (skip_same and r.status == target)]
        if ids and not self._when_refused(title):
            self._run(title, make(ids))

    def _run(self, title: str, action: Action[Any]) -> None:
        """Run ``action``; a refusal is shown under ``title`` and nothing changes."""
        try:
            self._store.run(action)
        except RoundtableError as exc:
            messages.show_core_error(self, title, exc)

    # -- internals -----------------------------------------------------------------
    def _columns(self) -> list[Column[Row]]:
        roles = {
            "chair": self.tr("Chair"),
            "speaker": self.tr("Speaker"),
            "participant": self.tr("Participant"),
            "observer": self.tr("Observer"),
        }
        yes = self.tr("yes")
        return [
            Column[Row](
                QT_TRANSLATE_NOOP("Columns", "Name"),
                lambda r: r.name,
                tooltip=lambda r: r.notes or r.email,
            ),
            Column[Row](
                QT_TRANSLATE_NOOP("Columns", "Organisation"), lambda r: r.organisation_name
            ),
            Column[Row](
                QT_TRANSLATE_NOOP("Columns", "Role"),
                lambda r: roles.get(str(r.role.value), str(r.role.value)),
            ),
            Column[Row](
                QT_TRANSLATE_NOOP("Columns", "Status"),
                lambda r: status_label(r.status),
                foreground=lambda r: QColor(STATUS_COLOURS.get(r.status.value, "#000000")),
                tooltip=lambda r: r.last_reason,
            ),
            Column[Row](
                QT_TRANSLATE_NOOP("Columns", "Last change"),
                self._last_change_text,
                sort_key=lambda r: r.last_change_at,
                tooltip=lambda r: r.last_reason,
            ),
            Column[Row](
                QT_TRANSLATE_NOOP("Columns", "Named in public"),
                lambda r: yes if r.consent_to_be_named else "—",
            ),
        ]

    def _last_change_text(self, row: Row) -> str:
        if row.last_change_at is None:
            return ""
        zone = self._info.timezone if self._info is not None else "UTC"
        return format_date(in_zone(row.last_change_at, zone))

    def _build_actions(self) -> None:
        def action(text: str, slot: Callable[[], None], shortcut: Any = None) -> QAction:
            act = QAction(text, self)
            act.triggered.connect(lambda _checked=False: slot())
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
                act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.addAction(act)
            return act

        self.add_action = action(self.tr("Add invitees…"), self.add_invitees, "Ctrl+Shift+I")
        self.sent_action = action(self.tr("Mark as sent"), self.mark_sent)
        self.accept_action = action(self.tr("Accepted"), lambda: self.record_response(_I.ACCEPTED))
        self.tentative_action = action(
            self.tr("Tentative"), lambda: self.record_response(_I.TENTATIVE)
        )
        self.decline_action = action(self.tr("Declined"), lambda: self.record_response(_I.DECLINED))
        self.no_response_action = action(self.tr("Mark no response"), self.mark_no_response)
        self.response_menu = QMenu(self.tr("Record response"), self)
        for act in (self.accept_action, self.tentative_action, self.decline_action):
            self.response_menu.addAction(act)
        self.response_menu.addSeparator()
        self.response_menu.addAction(self.no_response_action)
        self.withdraw_action = action(self.tr("Withdraw…"), self.withdraw)
        self.attended_action = action(self.tr("Mark attended"), lambda: self.mark_attendance(True))
        self.no_show_action = action(self.tr("Mark no-show"), lambda: self.mark_attendance(False))
        self.attendance_menu = QMenu(self.tr("Attendance"), self)
        self.attendance_menu.addAction(self.attended_action)
        self.attendance_menu.addAction(self.no_show_action)
        self.consent_action = action(self.tr("Named in public"), self.toggle_consent)
        self.consent_action.setCheckable(True)
        self.consent_action.setToolTip(
            self.tr("Whether the invitee agreed to be named in public statements")
        )
        self.history_action = action(self.tr("History…"), self.show_history)
        self.remove_action = action(self.tr("Remove"), self.remove, QKeySequence.StandardKey.Delete)
        self.remove_action.setToolTip(self.tr("Take unsent invitations off the list (Delete)"))
        self.copy_action = action(
            self.tr("Copy e-mail addresses"), self.copy_email_addresses, "Ctrl+Shift+C"
        )
        self.export_action = action(self.tr("Export invitations…"), self.export_invitations)
        self.export_action.setToolTip(
            self.tr(
                "Write a calendar file or e-mail draft per invitee into a folder "
                "(the selection, or everyone when nothing is selected)"
            )
        )
        self.export_withdrawal_action = action(
            self.tr("Export withdrawal notice…"), self.export_withdrawal_notice
        )
        self.calendar_menu = QMenu(self.tr("Calendar"), self)
        self.calendar_menu.addAction(self.export_action)
        self.calendar_menu.addAction(self.export_withdrawal_action)

    def _context_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.add_action)
        menu.addSeparator()
        menu.addAction(self.sent_action)
        menu.addMenu(self.response_menu)  # with "Mark no response"
        for act in (self.withdraw_action, self.attended_action, self.no_show_action):
            menu.addAction(act)
        menu.addSeparator()
        for act in (self.consent_action, self.history_action, self.copy_action, self.remove_action):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.export_withdrawal_action)
        menu.addMenu(self.letters_menu)
        menu.popup(self.table.view.viewport().mapToGlobal(position))

    def _update_actions(self) -> None:
        rows = self.table.selected_rows()
        statuses = {r.status for r in rows}

        def any_can(target: InvitationStatus, same_ok: bool = False) -> bool:
            return any(can_transition(s, target) or (same_ok and s == target) for s in statuses)

        open_for_invites = self._info is not None and self._info.status not in (
            RoundtableStatus.CANCELLED,
            RoundtableStatus.HELD,
        )
        self.add_action.setEnabled(open_for_invites)
        self.sent_action.setEnabled(any_can(_I.INVITED))
        for act, target in (
            (self.accept_action, _I.ACCEPTED),
            (self.tentative_action, _I.TENTATIVE),
            (self.decline_action, _I.DECLINED),
        ):
            act.setEnabled(any_can(target, same_ok=True))
        self.no_response_action.setEnabled(any_can(_I.NO_RESPONSE))
        self.withdraw_action.setEnabled(any_can(_I.WITHDRAWN))
        self.attended_action.setEnabled(any_can(_I.ATTENDED))
        self.no_show_action.setEnabled(any_can(_I.NO_SHOW))
        self.consent_action.setEnabled(bool(rows))
        self.consent_action.setChecked(bool(rows) and all(r.consent_to_be_named for r in rows))
        self.history_action.setEnabled(bool(rows))
        self.remove_action.setEnabled(_I.NOT_SENT in statuses)
        self.copy_action.setEnabled(bool(rows))
        self.export_action.setEnabled(
            self._info is not None
            and self._info.status != RoundtableStatus.CANCELLED
            and bool(self.table.rows())
        )
        self.export_withdrawal_action.setEnabled(_I.WITHDRAWN in statuses)
        for menu, button in (
            (self.response_menu, self.response_button),
            (self.attendance_menu, self.attendance_button),
            (self.calendar_menu, self.calendar_button),
        ):
            # A menu with nothing to offer is greyed out, and so is its button.
            usable = any(a.isEnabled() for a in menu.actions() if not a.isSeparator())
            menu.setEnabled(usable)
            button.setEnabled(usable)

    def _update_summary(self) -> None:
        rows = self.table.rows()
        if self._info is None:
            self.summary_label.clear()
            return
        counts = Counter(r.status for r in rows)
        sent = len(rows) - counts[_I.NOT_SENT]
        parts = [self.tr("%n invited", "", sent)]
        for status, text in (
            (_I.ATTENDED, self.tr("%n attended", "", counts[_I.ATTENDED])),
            (
                _I.NO_SHOW,
                english_plural(
                    self.tr("%n no-show(s)", "", counts[_I.NO_SHOW]), counts[_I.NO_SHOW]
                ),
            ),
            (_I.ACCEPTED, self.tr("%n accepted", "", counts[_I.ACCEPTED])),
            (_I.TENTATIVE, self.tr("%n tentative", "", counts[_I.TENTATIVE])),
            (_I.DECLINED, self.tr("%n declined", "", counts[_I.DECLINED])),
            (_I.INVITED, self.tr("%n awaiting an answer", "", counts[_I.INVITED])),
            (_I.NO_RESPONSE, self.tr("%n no response", "", counts[_I.NO_RESPONSE])),
            (_I.WITHDRAWN, self.tr("%n withdrawn", "", counts[_I.WITHDRAWN])),
            (_I.NOT_SENT, self.tr("%n not sent yet", "", counts[_I.NOT_SENT])),
        ):
            if counts[status]:
                parts.append(text)
        named = sum(1 for r in rows if r.consent_to_be_named)
        if named:
            parts.append(self.tr("%n may be named in public", "", named))
        self.summary_label.setText(" · ".join(parts))

    def _select_added(self, ids: list[int]) -> None:
        self.table.search.clear()
        self.table.choice.setCurrentIndex(0)
        self.select_ids(ids)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {"invitations", "people", "organisations", "roundtables"}:
            self.refresh()


def _action_button(action: QAction, parent: QWidget) -> QToolButton:
    """A flat button for ``action``: its text, tip, enabled and checked state follow it."""
    # A tool button shows the action's icon text, which drops the "…" that says a
    # question follows; keep the whole text.
    action.setIconText(action.text())
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAutoRaise(True)
    return button


def _menu_button(text: str, menu: QMenu, parent: QWidget) -> QToolButton:
    """A flat button that opens ``menu`` (also with Space when it has the focus)."""
    button = QToolButton(parent)
    button.setText(text)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAutoRaise(True)
    return button
