"""Exporting people from the desktop app: one CSV file for spreadsheets, or one vCard file.

The coordinator picks a file and a format (by the filter chosen, or by the
suffix typed) among the core's export formats (:mod:`roundtable.contacts.formats`:
a CSV whose cells are neutralised against spreadsheet formulas, vCard); the core
builds the bytes (:func:`roundtable.contacts.formats.export_people`, a read), and
the file is written all or nothing through :func:`ui.dialogs.calendar_export.write_file`:
a full disk or a folder without permission never leaves half a file, nor destroys
the earlier file of the same name. Once the file is written the export is
recorded in the audit log by the core's action
(:func:`roundtable.contacts.actions.record_export`, which cannot be undone), so a
failed write records nothing and the Privacy page's audit log hears of it.

The file question goes through :func:`choose_export_file`, which tests replace.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from roundtable.contacts import actions as contacts_actions
from roundtable.contacts import formats
from roundtable.errors import FileWriteError, RoundtableError, ValidationError
from roundtable_ui import messages
from roundtable_ui.dialogs.calendar_export import write_file
from roundtable_ui.formatting import count_phrase
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

log = logging.getLogger("roundtable_ui.contacts_export")

CSV = formats.CSV.name
VCARD = formats.VCARD.name
#: How long a status-bar message stays (milliseconds).
STATUS_MS = 10_000


def export_filters() -> dict[str, str]:
    """The save dialog's filters, in the user's language and the order offered, and the
    format each one means: ``{"CSV for spreadsheets (*.csv)": "csv", …}``."""
    return {
        f"{fmt.label()} ({' '.join('*' + suffix for suffix in fmt.suffixes)})": fmt.name
        for fmt in formats.export_formats()
    }


def format_for(path: Path, chosen_filter: str) -> str:
    """The format a save answer means: the suffix typed wins, else the filter chosen."""
    by_suffix = formats.for_export(path)
    if by_suffix is not None:
        return by_suffix.name
    return export_filters().get(chosen_filter, formats.export_formats()[0].name)


def choose_export_file(parent: QWidget | None, suggested: str) -> tuple[Path, str] | None:
    """Ask where to save and as what: ``(path, format name)``, or ``None`` (tests replace this).

    A name typed without a suffix gets the chosen format's (``people`` → ``people.vcf``).
    """
    answer = file_dialogs.choose_save_file(
        parent,
        QCoreApplication.translate("ContactsExport", "Export contacts"),
        file_dialogs.CONTACTS,
        suggested,
        ";;".join(export_filters()),
    )
    if answer is None:
        return None
    path, chosen = answer
    fmt = format_for(path, chosen)
    if not path.suffix:
        path = path.with_name(path.name + formats.get(fmt).suffixes[0])
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
    Nothing is recorded unless the file was written; the record is an action
    of the core that cannot be undone, announced by the store like any other.
    """
    formats.get(fmt)  # an unknown format is a programming error: ValueError
    ids = None if person_ids is None else list(person_ids)
    exported = store.read(formats.export_people, fmt, ids)
    if exported.count == 0:
        raise ValidationError(
            QCoreApplication.translate(
                "ContactsExport",
                "There is nobody to export (erased people are always left out). "
                "No file was written.",
            )
        )
    write_file(path, exported.data)
    store.run(contacts_actions.record_export(exported.format, exported.count, path.name))
    return exported.count


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
    except (OSError, FileWriteError) as exc:
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
        .replace("%2", file_dialogs.home_short(path))
    )
    file_dialogs.announce_written(parent, title, text, path.parent)
    return path


def write_error_text(exc: OSError | FileWriteError, path: Path) -> str:
    """Why ``path`` could not be written, and that the file already there is unchanged."""
    reason = exc.reason if isinstance(exc, FileWriteError) else exc.strerror or str(exc)
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
    "VCARD",
    "choose_export_file",
    "export_contacts",
    "export_filters",
    "export_to",
    "format_for",
    "people_phrase",
    "show_status",
    "write_error_text",
]
