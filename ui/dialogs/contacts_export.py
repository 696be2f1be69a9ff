"""Exporting people from the desktop app: one CSV file for spreadsheets, or one vCard file.

The coordinator picks a file and a format (by the filter chosen, or by the
suffix typed); the core builds the bytes (:func:`roundtable.contacts.csv_format.export_people_csv`,
whose cells are neutralised against spreadsheet formulas, or
:func:`~roundtable.contacts.vcard.export_people_vcard`), and the file is written
all or nothing through :func:`ui.dialogs.calendar_export.write_file`: a full
disk or a folder without permission never leaves half a file, nor destroys
the earlier file of the same name. The export is recorded in the audit log
(:func:`~roundtable.contacts.export.record_export`) in the same transaction that
read the people, so a failed write records nothing.

The file question goes through :func:`choose_export_file`, which tests replace.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from roundtable.contacts import csv_format, export, vcard
from roundtable.errors import RoundtableError, ValidationError
from ui import messages
from ui.dialogs.calendar_export import write_file
from ui.formatting import count_phrase
from ui.i18n import QT_TRANSLATE_NOOP
from ui.store import Store

log = logging.getLogger("ui.contacts_export")

_CONTEXT = "ContactsExport"

CSV = "csv"
VCARD = "vcard"
#: The save dialog's filters, in the order offered, and the format each one means.
EXPORT_FILTERS: dict[object, str] = {
    QT_TRANSLATE_NOOP("ContactsExport", "CSV for spreadsheets (*.csv)"): CSV,
    QT_TRANSLATE_NOOP("ContactsExport", "vCard (*.vcf)"): VCARD,
}
#: The suffix each format gets when the user typed none.
SUFFIXES = {CSV: ".csv", VCARD: ".vcf"}
#: How long a status-bar message stays (milliseconds).
STATUS_MS = 10_000


def _tr(text: object) -> str:
    """A label marked with QT_TRANSLATE_NOOP in the "ContactsExport" context, translated."""
    return QCoreApplication.translate(_CONTEXT, str(text))


def format_for(path: Path, chosen_filter: str) -> str:
    """The format a save answer means: the suffix typed wins, else the filter chosen."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return CSV
    if suffix in (".vcf", ".vcard"):
        return VCARD
    for label, fmt in EXPORT_FILTERS.items():
        if chosen_filter in (label, _tr(label)):
            return fmt
    return CSV


def choose_export_file(parent: QWidget | None, suggested: str) -> tuple[Path, str] | None:
    """Ask where to save and as what: ``(path, CSV or VCARD)``, or ``None`` (tests replace this).

    A name typed without a suffix gets the chosen format's (``people`` → ``people.vcf``).
    """
    labels = [_tr(label) for label in EXPORT_FILTERS]
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ContactsExport", "Export contacts"),
        suggested,
        ";;".join(labels),
    )
    if not name:
        return None
    path = Path(name)
    fmt = format_for(path, chosen)
    if not path.suffix:
        path = path.with_name(path.name + SUFFIXES[fmt])
    return path, fmt


def show_status(parent: QWidget | None, text: str) -> QMessageBox | None:
    """Say ``text`` in the main window's status bar; without one, in a small non-modal box.

    Returns the box when one was opened (tests close it).
    """
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("ContactsExport", "Contacts"),
        text,
        parent=parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def people_phrase(n: int) -> str:
    """``1 person`` or ``40 people``."""
    return count_phrase(
        "ContactsExport",
        n,
        QT_TRANSLATE_NOOP("ContactsExport", "1 person"),
        QT_TRANSLATE_NOOP("ContactsExport", "%1 people"),
    )


def export_to(store: Store, path: Path, fmt: str, person_ids: Sequence[int] | None = None) -> int:
    """Write the people (``None``: everyone) to ``path`` as ``fmt``; return how many.

    Raises :class:`OSError` when the file cannot be written (the old file, if
    any, stays as it was) and :class:`RoundtableError` for the core's refusals
    and when there is nobody to export (erased people are left out).
    Nothing is recorded unless the file was written.
    """
    if fmt not in SUFFIXES:
        raise ValueError(f"unknown contacts export format: {fmt!r}")
    ids = None if person_ids is None else list(person_ids)
    with store.database.transaction() as session:
        if fmt == CSV:
            data = csv_format.export_people_csv(session, ids)
        else:
            data = vcard.export_people_vcard(session, ids)
        count = len(export.people_for_export(session, ids))
        if count == 0:
            raise ValidationError(
                QCoreApplication.translate(
                    "ContactsExport",
                    "There is nobody to export (erased people are always left out). "
                    "No file was written.",
                )
            )
        write_file(path, data)
        export.record_export(session, fmt, count, str(path))
    return count


def export_contacts(
    store: Store, parent: QWidget | None, person_ids: Sequence[int] | None = None
) -> Path | None:
    """Ask for a file and a format, write the people there; the file written, or ``None``.

    ``person_ids`` are the people to export (the selection); ``None`` exports
    everyone. Success ends in a status message ("Exported 40 people to …");
    a file that cannot be written ends in a message naming it and the reason.
    """
    title = QCoreApplication.translate("ContactsExport", "Export contacts")
    if person_ids is not None and not person_ids:
        messages.show_error(
            parent,
            title,
            QCoreApplication.translate(
                "ContactsExport", "No people are selected, so there is nothing to export."
            ),
        )
        return None
    suggested = "people" if person_ids is None or len(person_ids) != 1 else "person"
    choice = choose_export_file(parent, suggested)
    if choice is None:
        return None
    path, fmt = choice
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = export_to(store, path, fmt, person_ids)
    except OSError as exc:
        QGuiApplication.restoreOverrideCursor()
        messages.show_error(parent, title, write_error_text(exc, path))
        return None
    except RoundtableError as exc:
        QGuiApplication.restoreOverrideCursor()
        messages.show_core_error(parent, title, exc)
        return None
    QGuiApplication.restoreOverrideCursor()
    text = (
        QCoreApplication.translate("ContactsExport", "Exported %1 to %2.")
        .replace("%1", people_phrase(count))
        .replace("%2", str(path))
    )
    show_status(parent, text)
    return path


def write_error_text(exc: OSError, path: Path) -> str:
    """Why ``path`` could not be written, and that the file already there is unchanged."""
    reason = exc.strerror or str(exc)
    text = (
        QCoreApplication.translate("ContactsExport", "Could not write “%1” in %2: %3.")
        .replace("%1", path.name)
        .replace("%2", str(path.parent))
        .replace("%3", reason)
    )
    return (
        text
        + " "
        + QCoreApplication.translate(
            "ContactsExport", "Nothing was exported; a file already there was left as it was."
        )
    )


__all__ = [
    "CSV",
    "EXPORT_FILTERS",
    "VCARD",
    "choose_export_file",
    "export_contacts",
    "export_to",
    "format_for",
    "people_phrase",
    "show_status",
    "write_error_text",
]
