"""Importing people and organisations from a CSV or vCard file, with a preview first.

File > Import contacts…, the People page's button and a file dropped on that
page all end in :func:`import_contacts`, which opens
:class:`ContactsImportDialog` for the file. The dialog reads the file and
plans the import on a worker thread (a 10 MB export from an address book
must not freeze the window), then shows what it recognised (layout,
encoding, separator), a strip of column mappings for a CSV file, and the
plan row by row: what will be added, updated, skipped as a duplicate, or
rejected and why. Changing a column's mapping plans again.

Nothing is written until Import is pressed; then the whole plan is written
in ONE transaction and ONE undoable step, the core's action
:func:`roundtable.contacts.actions.import_contacts` (the one
``roundtable contacts import --yes`` runs): undo takes back the people and
organisations the import added and puts the updated people back as they were,
and refuses while one of them is used since (an added person invited
meanwhile); redo writes the same rows again. A failure while writing (someone
else took one of the e-mail addresses meanwhile, say) writes nothing, says why,
and plans again.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from roundtable.contacts import actions as contacts_actions
from roundtable.contacts import formats, planning
from roundtable.contacts import reading as contacts_reading
from roundtable.contacts.applying import ImportResult
from roundtable.contacts.layouts import FIELD_LABELS, Field
from roundtable.contacts.planning import ImportPlan, PlannedRow, RowAction
from roundtable.contacts.source import SourceTable
from roundtable.errors import ContactsError, RoundtableError
from roundtable_ui import messages, window_size
from roundtable_ui.dialogs.contacts_export import show_status
from roundtable_ui.formatting import count_phrase
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs
from roundtable_ui.widgets.filter_table import FilterTable

log = logging.getLogger("roundtable_ui.contacts_import")

_CONTEXT = "ContactsImport"
#: Files taken as contacts when dropped on the window, compared case-insensitively: the
#: suffixes of the core's formats (a .txt file is offered in the file dialog, but a
#: dropped note is not mistaken for contacts).
CONTACT_SUFFIXES = formats.import_suffixes()
#: The kinds of data an import touches.
KINDS = frozenset({"people", "organisations"})

LAYOUT_LABELS = {
    "google": QT_TRANSLATE_NOOP("ContactsImport", "Google Contacts"),
    "outlook": QT_TRANSLATE_NOOP("ContactsImport", "Outlook"),
    "vcard": QT_TRANSLATE_NOOP("ContactsImport", "vCard"),
    "generic": QT_TRANSLATE_NOOP("ContactsImport", "Other — check the columns"),
}
ENCODING_LABELS = {
    "utf-8": QT_TRANSLATE_NOOP("ContactsImport", "UTF-8"),
    "utf-8-sig": QT_TRANSLATE_NOOP("ContactsImport", "UTF-8 with byte order mark"),
    "utf-16": QT_TRANSLATE_NOOP("ContactsImport", "UTF-16"),
    "cp1252": QT_TRANSLATE_NOOP("ContactsImport", "Windows-1252"),
}
SEPARATOR_LABELS = {
    ",": QT_TRANSLATE_NOOP("ContactsImport", "comma"),
    ";": QT_TRANSLATE_NOOP("ContactsImport", "semicolon"),
    "\t": QT_TRANSLATE_NOOP("ContactsImport", "tab"),
    "|": QT_TRANSLATE_NOOP("ContactsImport", "vertical bar"),
}
#: What each action is called in the table (the text says it; the colour only helps).
ACTION_LABELS = {
    RowAction.ADD: QT_TRANSLATE_NOOP("ContactsImport", "Add"),
    RowAction.UPDATE: QT_TRANSLATE_NOOP("ContactsImport", "Update"),
    RowAction.SKIP: QT_TRANSLATE_NOOP("ContactsImport", "Skip"),
    RowAction.REJECT: QT_TRANSLATE_NOOP("ContactsImport", "Reject"),
}
#: (text, background) of each action's badge.
ACTION_COLOURS = {
    RowAction.ADD: ("#1d6b34", "#d8f0de"),
    RowAction.UPDATE: ("#0b4f8a", "#dbe9f7"),
    RowAction.SKIP: ("#4a4f55", "#e4e6e8"),
    RowAction.REJECT: ("#9b1c1c", "#f9dcdc"),
}
#: The filter combo: label, and the action it keeps (``None``: every row).
FILTER_CHOICES: tuple[tuple[object, RowAction | None], ...] = (
    (QT_TRANSLATE_NOOP("ContactsImport", "All"), None),
    (QT_TRANSLATE_NOOP("ContactsImport", "To add"), RowAction.ADD),
    (QT_TRANSLATE_NOOP("ContactsImport", "To update"), RowAction.UPDATE),
    (QT_TRANSLATE_NOOP("ContactsImport", "Skipped"), RowAction.SKIP),
    (QT_TRANSLATE_NOOP("ContactsImport", "Rejected"), RowAction.REJECT),
)


#: The core's field labels (:data:`roundtable.contacts.layouts.FIELD_LABELS`), marked for lupdate;
#: a test checks that they are the same texts.
FIELD_LABELS_FOR_TRANSLATION = (
    QT_TRANSLATE_NOOP("ContactsField", "(not imported)"),
    QT_TRANSLATE_NOOP("ContactsField", "Name"),
    QT_TRANSLATE_NOOP("ContactsField", "First name"),
    QT_TRANSLATE_NOOP("ContactsField", "Middle name"),
    QT_TRANSLATE_NOOP("ContactsField", "Last name"),
    QT_TRANSLATE_NOOP("ContactsField", "E-mail"),
    QT_TRANSLATE_NOOP("ContactsField", "Organisation"),
    QT_TRANSLATE_NOOP("ContactsField", "Role"),
    QT_TRANSLATE_NOOP("ContactsField", "Phone"),
    QT_TRANSLATE_NOOP("ContactsField", "Preferred language"),
    QT_TRANSLATE_NOOP("ContactsField", "Notes"),
)


def _tr(text: object) -> str:
    """A label marked with QT_TRANSLATE_NOOP in the "ContactsImport" context, translated."""
    return QCoreApplication.translate(_CONTEXT, str(text))


def field_label(field: Field) -> str:
    """A field's label ("E-mail", "Organisation") in the user's language."""
    return QCoreApplication.translate("ContactsField", FIELD_LABELS[field])


def layout_label(layout: str) -> str:
    return _tr(LAYOUT_LABELS.get(layout, LAYOUT_LABELS["generic"]))


def encoding_label(encoding: str) -> str:
    """``cp1252`` → "Windows-1252"; an encoding without a label is shown as named."""
    return _tr(ENCODING_LABELS[encoding]) if encoding in ENCODING_LABELS else encoding


def separator_label(delimiter: str) -> str:
    """``;`` → "semicolon"; an unusual one is shown as itself, in quotes."""
    if delimiter in SEPARATOR_LABELS:
        return _tr(SEPARATOR_LABELS[delimiter])
    return f"“{delimiter}”"


def action_label(action: RowAction | str) -> str:
    return _tr(ACTION_LABELS[RowAction(action)])


def details_text(row: PlannedRow) -> str:
    """The reason a row is skipped or rejected, or the changes an update makes."""
    if row.action == RowAction.UPDATE and row.changes:
        parts = []
        for label, old, new in row.changes:
            name = QCoreApplication.translate("ContactsField", label)
            before = old if old else QCoreApplication.translate("ContactsImport", "(empty)")
            parts.append(f"{name}: {before} → {new}")
        return "; ".join(parts)
    return row.reason


#: How the summary line counts each kind of planned row, in the order it names them.
_PLAN_PHRASES = (
    (
        RowAction.ADD,
        QT_TRANSLATE_NOOP("ContactsImport", "1 to add"),
        QT_TRANSLATE_NOOP("ContactsImport", "%1 to add"),
    ),
    (
        RowAction.UPDATE,
        QT_TRANSLATE_NOOP("ContactsImport", "1 to update"),
        QT_TRANSLATE_NOOP("ContactsImport", "%1 to update"),
    ),
    (
        RowAction.SKIP,
        QT_TRANSLATE_NOOP("ContactsImport", "1 skipped as a duplicate"),
        QT_TRANSLATE_NOOP("ContactsImport", "%1 skipped as duplicates"),
    ),
    (
        RowAction.REJECT,
        QT_TRANSLATE_NOOP("ContactsImport", "1 rejected"),
        QT_TRANSLATE_NOOP("ContactsImport", "%1 rejected"),
    ),
)


def summary_text(plan: ImportPlan) -> str:
    """The plan in one line: ``12 to add, 3 to update, 2 skipped as duplicates, 1 rejected``.

    New organisations follow after a semicolon; zero counts are left out.
    """
    if not plan.rows:
        return QCoreApplication.translate("ContactsImport", "The file holds no contacts.")
    parts = [
        count_phrase("ContactsImport", n, one, many)
        for action, one, many in _PLAN_PHRASES
        if (n := plan.count(action))
    ]
    text = ", ".join(parts)
    n = len(plan.new_organisations)
    if n:
        text += "; " + count_phrase(
            "ContactsImport",
            n,
            QT_TRANSLATE_NOOP("ContactsImport", "1 new organisation"),
            QT_TRANSLATE_NOOP("ContactsImport", "%1 new organisations"),
        )
    if not plan.writes_anything:
        text += ". " + QCoreApplication.translate("ContactsImport", "Nothing would be written.")
    return text


def result_text(result: ImportResult, file_name: str) -> str:
    """What an import did, for the status bar."""
    parts = [
        count_phrase(
            "ContactsImport",
            len(result.added),
            QT_TRANSLATE_NOOP("ContactsImport", "1 person added"),
            QT_TRANSLATE_NOOP("ContactsImport", "%1 people added"),
        ),
        count_phrase(
            "ContactsImport",
            len(result.updated),
            QT_TRANSLATE_NOOP("ContactsImport", "1 updated"),
            QT_TRANSLATE_NOOP("ContactsImport", "%1 updated"),
        ),
    ]
    if result.organisations_added:
        n = len(result.organisations_added)
        parts.append(
            count_phrase(
                "ContactsImport",
                n,
                QT_TRANSLATE_NOOP("ContactsImport", "1 organisation added"),
                QT_TRANSLATE_NOOP("ContactsImport", "%1 organisations added"),
            )
        )
    return (
        QCoreApplication.translate("ContactsImport", "Imported %1: %2.")
        .replace("%1", file_name)
        .replace("%2", ", ".join(parts))
    )


# -- choosing files ------------------------------------------------------------------------
def choose_file(parent: QWidget | None) -> Path | None:
    """The contacts file the user picks, or ``None`` (tests replace this function)."""
    return file_dialogs.choose_open_file(
        parent,
        QCoreApplication.translate("ContactsImport", "Import contacts"),
        file_dialogs.CONTACTS,
        QCoreApplication.translate(
            "ContactsImport", "Contacts (*.csv *.vcf *.vcard *.txt);;All files (*)"
        ),
    )


def is_contacts_file(path: Path) -> bool:
    """Whether ``path`` looks like a contacts file the app reads (by its suffix)."""
    return path.suffix.lower() in CONTACT_SUFFIXES


def contacts_files(paths: Iterable[Path]) -> list[Path]:
    """Only the contacts files of ``paths`` (what a drop onto the People page accepts)."""
    return [p for p in paths if is_contacts_file(p)]


# -- reading and planning off the main thread ----------------------------------------------
@dataclass(frozen=True)
class PlanOutcome:
    """What one read-and-plan job produced: the source and plan, or the error."""

    serial: int
    source: SourceTable | None = None
    plan: ImportPlan | None = None
    error: str = ""
    #: The file itself could not be read (the dialog closes) rather than planned.
    unreadable: bool = False


def read_and_plan(
    store: Store,
    path: Path,
    source: SourceTable | None,
    mapping: Sequence[Field] | None,
) -> tuple[SourceTable, ImportPlan]:
    """Read ``path`` (unless ``source`` is given) and plan it against the database (a read).

    Runs on a worker thread: the core's read opens its own short transaction there.
    """
    if source is None:
        source = contacts_reading.read_contacts_file(path)
    plan = store.read(planning.plan_import, source, tuple(mapping) if mapping else None)
    return source, plan


class _Relay(QObject):
    """Lives on the main thread: its queued signal brings worker results there."""

    done = Signal(object)


class _PlanJob(QRunnable):
    def __init__(
        self,
        work: Callable[[], tuple[SourceTable, ImportPlan]],
        serial: int,
        reading: bool,
        relay: _Relay,
    ) -> None:
        super().__init__()
        self._work, self._serial, self._reading, self._relay = work, serial, reading, relay

    def run(self) -> None:
        try:
            source, plan = self._work()
            outcome = PlanOutcome(self._serial, source, plan)
        except ContactsError as exc:
            outcome = PlanOutcome(self._serial, error=str(exc), unreadable=self._reading)
        except RoundtableError as exc:
            outcome = PlanOutcome(self._serial, error=str(exc))
        except Exception as exc:  # a bug must not leave the dialog waiting forever
            log.exception("planning the contacts import failed")
            outcome = PlanOutcome(
                self._serial,
                error=QCoreApplication.translate(
                    "ContactsImport", "The import stopped on an unexpected error: %1"
                ).replace("%1", f"{type(exc).__name__}: {exc}"),
                unreadable=self._reading,
            )
        self._relay.done.emit(outcome)


# -- the preview table ---------------------------------------------------------------------
class PlanTableModel(RowTableModel[PlannedRow]):
    """The planned rows; the action column also gives its badge colours and spoken text."""

    ACTION_COLUMN = 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if index.isValid() and index.column() == self.ACTION_COLUMN:
            row = self.row_at(index.row())
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(ACTION_COLOURS[RowAction(row.action)][1])
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return action_label(row.action) + (f": {row.reason}" if row.reason else "")
        return super().data(index, role)


class _BadgeDelegate(QStyledItemDelegate):
    """Draws the action as a rounded, tinted label with bold text (a badge)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        plain.backgroundBrush = option.backgroundBrush
        style = plain.widget.style() if plain.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, plain.widget)
        if not text:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        rect = QRectF(
            option.rect.left() + 4,
            option.rect.top() + (option.rect.height() - height) / 2,
            min(width, option.rect.width() - 8),
            height,
        )
        if isinstance(background, QColor):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(
            foreground if isinstance(foreground, QColor) else option.palette.text().color()
        )
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 24, size.height())


def _keeps(action: RowAction | None) -> Callable[[PlannedRow], bool] | None:
    """The filter combo's predicate for ``action`` (``None``: every row)."""
    if action is None:
        return None
    return lambda row: row.action is action


def _action_foreground(row: PlannedRow) -> QColor:
    return QColor(ACTION_COLOURS[RowAction(row.action)][0])


def _plan_columns() -> list[Column[PlannedRow]]:
    return [
        Column[PlannedRow](
            QT_TRANSLATE_NOOP("Columns", "Line"),
            lambda r: str(r.line),
            sort_key=lambda r: r.line,
            align_right=True,
        ),
        Column[PlannedRow](
            QT_TRANSLATE_NOOP("Columns", "Action"),
            lambda r: action_label(r.action),
            sort_key=lambda r: list(RowAction).index(RowAction(r.action)),
            foreground=_action_foreground,
        ),
        Column[PlannedRow](
            QT_TRANSLATE_NOOP("Columns", "Name"), lambda r: r.name, tooltip=lambda r: r.name
        ),
        Column[PlannedRow](
            QT_TRANSLATE_NOOP("Columns", "E-mail"), lambda r: r.email, tooltip=lambda r: r.email
        ),
        Column[PlannedRow](
            QT_TRANSLATE_NOOP("Columns", "Organisation"),
            lambda r: r.organisation,
            tooltip=lambda r: r.organisation,
        ),
        Column[PlannedRow](
            QT_TRANSLATE_NOOP("Columns", "Reason or changes"), details_text, tooltip=details_text
        ),
    ]


# -- the mapping strip ---------------------------------------------------------------------
class MappingStrip(QScrollArea):
    """One combo box per column of a CSV file: which field that column holds."""

    #: The mapping (tuple of :class:`Field`) after the user changed a combo box.
    mapping_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.combos: list[QComboBox] = []
        self.header_labels: list[QLabel] = []
        self._inner = QWidget(self)
        self._grid = QGridLayout(self._inner)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(2)
        self.setWidget(self._inner)

    def set_columns(self, source: SourceTable, mapping: Sequence[Field]) -> None:
        """One column per header of ``source``, each combo set to ``mapping``."""
        for widget in self.header_labels + self.combos:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.combos, self.header_labels = [], []
        for column, header in enumerate(source.headers):
            name = header.strip() or QCoreApplication.translate(
                "ContactsImport", "Column %1"
            ).replace("%1", str(column + 1))
            samples = [
                row.cells[column].strip()
                for row in source.rows[:20]
                if column < len(row.cells) and row.cells[column].strip()
            ][:3]
            tip = QCoreApplication.translate("ContactsImport", "Column “%1”").replace("%1", name)
            if samples:
                tip += "\n" + QCoreApplication.translate(
                    "ContactsImport", "First values: %1"
                ).replace("%1", " · ".join(samples))
            else:
                tip += "\n" + QCoreApplication.translate(
                    "ContactsImport", "No values in the first rows"
                )
            label = QLabel(self._inner)
            label.setText(label.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, 150))
            label.setToolTip(tip)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            combo = QComboBox(self._inner)
            for field in Field:
                combo.addItem(field_label(field), field)
            wanted = mapping[column] if column < len(mapping) else Field.IGNORE
            combo.setCurrentIndex(combo.findData(wanted))
            combo.setToolTip(tip)
            combo.setAccessibleName(
                QCoreApplication.translate("ContactsImport", "Field for column “%1”").replace(
                    "%1", name
                )
            )
            combo.currentIndexChanged.connect(self._combo_changed)
            self._grid.addWidget(label, 0, column)
            self._grid.addWidget(combo, 1, column)
            self.header_labels.append(label)
            self.combos.append(combo)
        for before, after in itertools.pairwise([self, *self.combos]):  # made last, shown first
            QWidget.setTabOrder(before, after)
        self._grid.setColumnStretch(len(source.headers), 1)
        self._fit_height()

    def mapping(self) -> tuple[Field, ...]:
        return tuple(Field(combo.currentData()) for combo in self.combos)

    def set_field(self, column: int, field: Field) -> None:
        """Map ``column`` to ``field`` as the user would (emits :attr:`mapping_changed`)."""
        combo = self.combos[column]
        combo.setCurrentIndex(combo.findData(field))

    def _combo_changed(self, _index: int) -> None:
        self.mapping_changed.emit(self.mapping())

    def _fit_height(self) -> None:
        inner = self._inner.sizeHint().height()
        bar = self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(inner + bar + 2 * self.frameWidth() + 2)


# -- the dialog ----------------------------------------------------------------------------
class ContactsImportDialog(QDialog):
    """Preview of a contacts import; Import writes it as one undoable step.

    Open it with :meth:`open`. Reading and planning run on a worker thread:
    :attr:`planned` fires (with the :class:`ImportPlan`) each time a plan is
    shown, :attr:`unreadable` (with the message) when the file cannot be read,
    after which the dialog closes, and :attr:`imported` (with the
    :class:`ImportResult`) after a successful import.
    """

    planned = Signal(object)
    unreadable = Signal(str)
    imported = Signal(object)

    def __init__(self, store: Store, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.path = Path(path)
        self.source: SourceTable | None = None
        self.plan: ImportPlan | None = None
        self.import_result: ImportResult | None = None
        #: What the import did, as the status bar said it.
        self.result_summary = ""
        self._serial = itertools.count(1)
        self._latest = 0
        self._pending = 0
        self._writing = False
        self._closed = False
        # The pool before the relay: children are destroyed in order, and the pool's
        # destructor waits for a job that may still emit through the relay.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # plans in order; a newer one makes older moot
        self._relay = _Relay(self)
        self._relay.done.connect(self._apply)

        self.setWindowTitle(self.tr("Import contacts — %1").replace("%1", self.path.name))
        self.setMinimumSize(720, 480)
        window_size.resize_to_fit(self, QSize(1040, 660))  # smaller on a small screen

        self.file_label = QLabel(self)
        self.file_label.setObjectName("importFile")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.busy_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setRange(0, 0)  # a busy indicator, not a percentage
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(220)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        busy = QHBoxLayout()
        busy.addWidget(self.busy_label)
        busy.addWidget(self.busy_bar)
        busy.addStretch(1)

        self.mapping_title = QLabel(
            self.tr("Columns: choose what each column of the file holds"), self
        )
        self.mapping_strip = MappingStrip(self)
        self.mapping_strip.mapping_changed.connect(self._mapping_changed)

        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("importWarnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.setStyleSheet("color: #8a5a00;")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("importError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = PlanTableModel(_plan_columns(), self)
        self.table: FilterTable[PlannedRow] = FilterTable(
            _plan_columns(),
            name=self.tr("Rows of the file"),
            placeholder=self.tr("Search the rows by name, e-mail, organisation… (Ctrl+F)"),
            choices=[(_tr(label), _keeps(action)) for label, action in FILTER_CHOICES],
            stretch_column=2,
            model=self.model,
            parent=self,
        )
        self.table.choice.setAccessibleName(self.tr("Show rows"))
        self.table.view.setItemDelegateForColumn(
            PlanTableModel.ACTION_COLUMN, _BadgeDelegate(self.table.view)
        )
        # Enter imports (the default button), so the table's own Enter (open the row) goes.
        for shortcut in self.table.view.findChildren(QShortcut):
            shortcut.setEnabled(False)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setToolTip(self.tr("Write the rows to add and update (Enter)"))
        self.import_button.setDefault(True)
        self.import_button.setAutoDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setToolTip(self.tr("Close without importing anything (Esc)"))
        self.cancel_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.table.focus_search)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addLayout(busy)
        layout.addWidget(self.mapping_title)
        layout.addWidget(self.mapping_strip)
        layout.addWidget(self.warnings_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)

        self.mapping_title.hide()
        self.mapping_strip.hide()
        self.warnings_label.hide()
        self.error_label.hide()
        store.changed.connect(self._store_changed)
        self._show_file_line()
        self._start(reading=True)

    # -- public --------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether a read or plan is waiting or running."""
        return self._pending > 0

    def rows(self) -> list[PlannedRow]:
        return self.model.rows()

    def visible_rows(self) -> list[PlannedRow]:
        return self.table.visible_rows()

    def replan(self, mapping: Sequence[Field] | None = None) -> None:
        """Plan again (with ``mapping``, or the strip's) against what the database holds now."""
        if self.source is None:
            return
        if mapping is None and self.mapping_strip.combos:
            mapping = self.mapping_strip.mapping()
        self._start(reading=False, mapping=mapping)

    def import_now(self) -> ImportResult | None:
        """Write the plan shown, as one undoable step; close on success."""
        plan = self.plan
        if plan is None or self.busy or not plan.writes_anything:
            return None
        self._writing = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = self._store.run(contacts_actions.import_contacts(plan))
        except RoundtableError as exc:
            QGuiApplication.restoreOverrideCursor()
            self._writing = False
            messages.show_core_error(self, self.tr("Nothing was imported"), exc)
            self.replan()  # show what the database holds now
            return None
        QGuiApplication.restoreOverrideCursor()
        self._writing = False
        self.import_result = result
        self.result_summary = result_text(result, self.path.name)
        show_status(self.parentWidget(), self.result_summary)
        self.imported.emit(result)
        self.accept()
        return result

    def shutdown(self) -> None:
        """Wait for a running read or plan (closing the dialog, ending a test)."""
        self.pool.waitForDone()

    def done(self, result: int) -> None:
        self.shutdown()
        if not self._closed:
            self._closed = True
            self._store.changed.disconnect(self._store_changed)
        super().done(result)

    # -- internals -----------------------------------------------------------------
    def _start(self, *, reading: bool, mapping: Sequence[Field] | None = None) -> None:
        serial = next(self._serial)
        self._latest = serial
        self._pending += 1
        store, path, source = self._store, self.path, self.source
        chosen = tuple(mapping) if mapping is not None else None

        def work() -> tuple[SourceTable, ImportPlan]:
            return read_and_plan(store, path, None if reading else source, chosen)

        if reading:
            self.busy_label.setText(self.tr("Reading %1…").replace("%1", self.path.name))
        else:
            self.busy_label.setText(self.tr("Checking the rows against the database…"))
        self._set_busy(True)
        self.pool.start(_PlanJob(work, serial, reading, self._relay))

    def _apply(self, outcome: PlanOutcome) -> None:
        self._pending -= 1
        if outcome.serial != self._latest:
            return  # a newer mapping was chosen meanwhile
        self._set_busy(False)
        if outcome.unreadable:
            messages.show_error(self, self.tr("Cannot import contacts"), outcome.error)
            self.unreadable.emit(outcome.error)
            self.reject()
            return
        if outcome.error:
            self.plan = None
            self.error_label.setText(outcome.error)
            self.error_label.show()
            self.model.set_rows([])
            self.summary_label.setText(self.tr("Nothing can be imported until this is solved."))
            self._update_buttons()
            return
        assert outcome.source is not None and outcome.plan is not None
        first = self.source is None
        self.source, self.plan = outcome.source, outcome.plan
        self.error_label.hide()
        if first:
            self._show_source(outcome.source, outcome.plan)
        warnings = (*outcome.source.warnings, *outcome.plan.warnings)
        self.warnings_label.setText("\n".join(f"⚠ {w}" for w in warnings))
        self.warnings_label.setVisible(bool(warnings))
        self.table.set_rows(outcome.plan.rows, keep=lambda r: r.line)
        if not first:
            self._fit_columns()  # another mapping may have filled columns that were empty
        self.summary_label.setText(summary_text(outcome.plan))
        self._update_buttons()
        self.planned.emit(outcome.plan)

    def _show_source(self, source: SourceTable, plan: ImportPlan) -> None:
        self._show_file_line()
        is_csv = source.kind == "csv"
        if is_csv:
            self.mapping_strip.blockSignals(True)
            self.mapping_strip.set_columns(source, plan.mapping)
            self.mapping_strip.blockSignals(False)
        self.mapping_title.setVisible(is_csv)
        self.mapping_strip.setVisible(is_csv)
        if not source.rows:
            self.table.setEnabled(False)

    def _fit_columns(self) -> None:
        view = self.table.view
        for column in range(PlanTableModel.ACTION_COLUMN + 1, self.model.columnCount() - 1):
            view.resizeColumnToContents(column)
            view.setColumnWidth(column, min(max(view.columnWidth(column) + 12, 60), 320))

    def _show_file_line(self) -> None:
        parts = [self.tr("File: %1").replace("%1", self.path.name)]
        source = self.source
        if source is not None:
            parts.append(self.tr("Layout: %1").replace("%1", layout_label(source.layout)))
            parts.append(self.tr("Encoding: %1").replace("%1", encoding_label(source.encoding)))
            if source.kind == "csv":
                parts.append(
                    self.tr("Separator: %1").replace("%1", separator_label(source.delimiter))
                )
        self.file_label.setText("    ".join(parts))
        self.file_label.setToolTip(str(self.path))

    def _mapping_changed(self, mapping: tuple[Field, ...]) -> None:
        self._start(reading=False, mapping=mapping)

    def _store_changed(self, kinds: frozenset[str]) -> None:
        if not self._writing and kinds & KINDS and self.source is not None:
            self.replan()

    def _set_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.mapping_strip.setEnabled(not busy)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.plan is not None and not self.busy and self.plan.writes_anything
        self.import_button.setEnabled(bool(ready))


# -- the flow the window and the People page call ------------------------------------------
class _Queue(QObject):
    """Opens one import dialog after another for several files (each plans after the last)."""

    def __init__(self, store: Store, parent: QWidget | None, paths: Sequence[Path]) -> None:
        super().__init__(parent)
        self._store, self._parent, self._paths = store, parent, list(paths)
        self.dialog: ContactsImportDialog | None = None

    def next(self) -> ContactsImportDialog | None:
        if not self._paths:
            self.deleteLater()
            return None
        dialog = ContactsImportDialog(self._store, self._paths.pop(0), self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.next())
        dialog.open()
        self.dialog = dialog
        return dialog


def import_contacts(
    store: Store, parent: QWidget | None, paths: Sequence[Path] | None = None
) -> ContactsImportDialog | None:
    """Preview and import contacts files (asks for one when ``paths`` is ``None``).

    Returns the dialog opened for the first file (``None`` when the user
    cancelled); the dialogs of further files open one after another.
    """
    if paths is None:
        chosen = choose_file(parent)
        if chosen is None:
            return None
        paths = [chosen]
    if not paths:
        return None
    return _Queue(store, parent, paths).next()


__all__ = [
    "CONTACT_SUFFIXES",
    "ContactsImportDialog",
    "MappingStrip",
    "PlanTableModel",
    "action_label",
    "choose_file",
    "contacts_files",
    "field_label",
    "import_contacts",
    "is_contacts_file",
    "summary_text",
]
