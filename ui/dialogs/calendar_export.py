"""Calendar exports from the desktop app: .ics files or e-mail drafts, written into a folder.

The coordinator picks a folder and a format; Roundtable writes one file per
invitee, named after the invitee, so each can be attached to (or opened as)
a message to that person only. Files are built and written in a worker
thread (QThreadPool), so a list of a thousand invitees does not freeze the
window; progress and the result come back to the main thread through
signals. The core builds the files from ids (:mod:`roundtable.calendar.outgoing`,
:mod:`roundtable.calendar.mail`); the worker reads them through
:meth:`ui.store.Store.read`, a few dozen per short transaction.

Every file is written to a temporary name first and then renamed, so a full
disk never leaves a half-written file, nor destroys the earlier export of
the same name. When writing fails, the message names the problem and lists
the files that were written before it; nothing else is touched (an export
never changes the database).

Before anything is asked, the roundtable is checked for what every calendar
file needs (a date, an organiser with an e-mail address): a missing organiser
can be chosen there and then (:class:`OrganiserPrompt`), a missing date is
named with where to set it. With some invitees selected, the coordinator is
asked whether to export those or everyone, and the format question repeats
which ("Export the 3 selected invitations as:"). The questions (which, format,
folder) go through :func:`choose_folder` and :mod:`ui.messages`, so tests can
answer them. When the files are written, a non-modal notice says how many and
where, with a button that opens the folder.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from roundtable.calendar import readiness
from roundtable.enums import InvitationStatus
from roundtable.errors import FileWriteError, RoundtableError
from roundtable.files import write_atomically
from roundtable.meetings import actions as meeting_actions
from roundtable.meetings import invitation_queries
from roundtable.people import queries as people_queries
from roundtable_ui import messages
from roundtable_ui.formatting import english_plural
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs
from roundtable_ui.widgets.timezone_combo import SearchCombo

log = logging.getLogger("roundtable_ui.calendar_export")

_CONTEXT = "CalendarExport"
#: From this many files on, a progress dialog shows (after a short delay).
PROGRESS_THRESHOLD = 20
#: How many files one read builds (each read is a short transaction of its own).
CHUNK = 25
#: The longest file name stem written (many file systems stop at 255 bytes).
MAX_STEM = 80
#: Names Windows refuses for a file, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')

ICS = ".ics"
EML = ".eml"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(_CONTEXT, text, None, n)


def _plural(text: str, n: int) -> str:
    """``%n`` filled in and "(s)" resolved for English (a translation supplies its own forms)."""
    return english_plural(text.replace("%n", str(n)), n)


# -- the questions -------------------------------------------------------------------------
def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """The folder the user picks, or ``None`` (tests replace this function)."""
    return file_dialogs.choose_folder(parent, title, file_dialogs.CALENDAR)


def ask_format(parent: QWidget | None, title: str, what: str = "") -> str | None:
    """:data:`ICS` (calendar files) or :data:`EML` (e-mail drafts), or ``None`` when cancelled.

    ``what`` is the question naming what is exported ("Export all 40 invitations as:").
    """
    ics = format_label(ICS)
    eml = format_label(EML)
    answer = messages.ask_choice(
        parent,
        title,
        what or QCoreApplication.translate("CalendarExport", "Write one file per invitee, as:"),
        [ics, eml],
    )
    if answer is None:
        return None
    return ICS if answer == ics else EML


def format_label(suffix: str) -> str:
    """How a format is offered in the question (tests answer with these texts)."""
    if suffix == ICS:
        return QCoreApplication.translate(
            "CalendarExport", "Calendar files (.ics), to attach to your own message"
        )
    return QCoreApplication.translate(
        "CalendarExport", "E-mail drafts (.eml), addressed and ready to send"
    )


# -- file names ----------------------------------------------------------------------------
def safe_stem(name: str) -> str:
    """A file name stem any file system takes, still reading as the person's name.

    Slashes, colons, quotes and control characters go; leading and trailing
    dots and spaces go (Windows drops them silently); reserved device names
    get an underscore; over-long names are cut. An empty result is "invitee".
    """
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip(" .")
    if not text:
        text = "invitee"
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text


class FileNamer:
    """Unique, safe file names in one export: a second "Jan de Vries" becomes "Jan de Vries (2)"."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self._used: set[str] = set()

    def name(self, who: str) -> str:
        stem = safe_stem(who)
        candidate, number = stem, 1
        # Case-insensitive: on Windows and macOS "Jan.ics" and "jan.ics" are one file.
        while (candidate + self.suffix).casefold() in self._used:
            number += 1
            candidate = f"{stem} ({number})"
        self._used.add((candidate + self.suffix).casefold())
        return candidate + self.suffix


# -- plan and result -----------------------------------------------------------------------
#: Yields (whose file it is, its content); runs in the worker thread, reading as it goes.
Produce = Callable[[], Iterator[tuple[str, bytes]]]


@dataclass(frozen=True)
class ExportPlan:
    """What an export will write: where, in which format, how many, and who is left out."""

    title: str
    folder: Path
    suffix: str
    total: int
    produce: Produce
    #: Sentences for the summary ("2 invitees have no e-mail address and were left out.").
    notes: tuple[str, ...] = ()


@dataclass
class ExportResult:
    """What an export did: the files written, and the problem that stopped it, if any."""

    plan: ExportPlan
    written: list[Path] = field(default_factory=list)
    replaced: int = 0
    error: str = ""
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and not self.cancelled

    def summary(self) -> str:
        """One paragraph for the coordinator: how many files, where, who was left out."""
        count = len(self.written)
        text = _plural(
            QCoreApplication.translate("CalendarExport", "%n file(s) written to %1", None, count),
            count,
        ).replace("%1", file_dialogs.home_short(self.plan.folder))
        parts = [text]
        if self.replaced:
            parts.append(
                _plural(
                    QCoreApplication.translate(
                        "CalendarExport",
                        "%n earlier file(s) of the same name replaced",
                        None,
                        self.replaced,
                    ),
                    self.replaced,
                )
            )
        sentence = "; ".join(parts) + "."
        return " ".join([sentence, *self.plan.notes])

    def failure(self) -> str:
        """The message when writing stopped: the cause, and what was written before it."""
        lines = [self.error]
        if self.written:
            count = len(self.written)
            lines.append(
                _plural(
                    QCoreApplication.translate(
                        "CalendarExport",
                        "%n file(s) were written before the problem, in %1:",
                        None,
                        count,
                    ),
                    count,
                ).replace("%1", str(self.plan.folder))
            )
            lines.extend(f"• {path.name}" for path in self.written)
        else:
            lines.append(QCoreApplication.translate("CalendarExport", "No file was written."))
        lines.append(QCoreApplication.translate("CalendarExport", "Nothing else was changed."))
        return "\n".join(lines)


def write_file(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` all or nothing; whether an existing file was replaced.

    The bytes go to a hidden temporary file in the same folder first, then
    replace the target in one rename: a full disk leaves the old file intact.
    """
    existed = path.exists()
    write_atomically(path, data)
    return existed


# -- the worker ----------------------------------------------------------------------------
class _Signals(QObject):
    """Lives in the main thread; the worker emits, Qt queues the calls to the main thread."""

    progress = Signal(int)
    done = Signal(object)


class ExportWorker(QRunnable):
    """Builds and writes the files of one plan in a pool thread."""

    def __init__(self, store: Store, plan: ExportPlan, signals: _Signals) -> None:
        super().__init__()
        self._store = store
        self._plan = plan
        self._signals = signals
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop after the file being written (thread-safe)."""
        self._cancel.set()

    def run(self) -> None:
        plan = self._plan
        result = ExportResult(plan)
        namer = FileNamer(plan.suffix)
        path: Path | None = None
        try:
            if not plan.folder.is_dir():
                raise NotADirectoryError(20, "not a folder", str(plan.folder))
            for who, data in plan.produce():
                if self._cancel.is_set():
                    result.cancelled = True
                    break
                path = plan.folder / namer.name(who)
                if write_file(path, data):
                    result.replaced += 1
                result.written.append(path)
                path = None
                self._signals.progress.emit(len(result.written))
        except OSError as exc:
            result.error = _os_error_text(exc.strerror or str(exc), path, plan.folder)
        except FileWriteError as exc:
            result.error = _os_error_text(exc.reason, path, plan.folder)
        except RoundtableError as exc:
            result.error = QCoreApplication.translate(
                "CalendarExport", "Cannot export: %1"
            ).replace("%1", str(exc))
        except Exception as exc:  # a bug: say so, keep the list of what was written
            log.exception("calendar export failed")
            result.error = QCoreApplication.translate(
                "CalendarExport", "The export stopped on an unexpected error: %1"
            ).replace("%1", f"{type(exc).__name__}: {exc}")
        self._signals.done.emit(result)


def _os_error_text(reason: str, path: Path | None, folder: Path) -> str:
    if path is None:
        return (
            QCoreApplication.translate("CalendarExport", "Cannot write into the folder %1: %2.")
            .replace("%1", str(folder))
            .replace("%2", reason)
        )
    return (
        QCoreApplication.translate("CalendarExport", "Could not write “%1” in %2: %3.")
        .replace("%1", path.name)
        .replace("%2", str(folder))
        .replace("%3", reason)
    )


class CalendarExporter(QObject):
    """Runs one :class:`ExportPlan` in the thread pool and reports back on the main thread.

    ``finished`` carries the :class:`ExportResult`. On success a summary box
    opens (:attr:`summary_box`, non-modal, for tests to read); on failure the
    message goes through :func:`ui.messages.show_error`.
    """

    finished = Signal(object)

    def __init__(self, store: Store, parent: QWidget) -> None:
        super().__init__(parent)
        self._store = store
        self._parent = parent
        self._signals = _Signals(self)
        self._signals.progress.connect(self._progress)
        self._signals.done.connect(self._done)
        self.worker: ExportWorker | None = None
        self.progress: QProgressDialog | None = None
        #: The notice of the last export written (non-modal, with "Open folder").
        self.summary_box: file_dialogs.WrittenNotice | None = None
        self.result: ExportResult | None = None

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start(self, plan: ExportPlan) -> None:
        """Start writing; returns at once."""
        if self.worker is not None:
            raise RuntimeError("an export is already running")
        self.result = None
        if plan.total >= PROGRESS_THRESHOLD:
            self.progress = QProgressDialog(
                QCoreApplication.translate("CalendarExport", "Writing %1 files…").replace(
                    "%1", str(plan.total)
                ),
                QCoreApplication.translate("CalendarExport", "Stop"),
                0,
                plan.total,
                self._parent,
            )
            self.progress.setWindowTitle(plan.title)
            self.progress.setWindowModality(Qt.WindowModality.WindowModal)
            self.progress.setMinimumDuration(400)
            self.progress.setAutoClose(False)
            self.progress.setAutoReset(False)
            self.progress.setValue(0)
            self.progress.canceled.connect(self._stop)
        self.worker = ExportWorker(self._store, plan, self._signals)
        self.worker.setAutoDelete(False)  # we keep it until done arrives
        QThreadPool.globalInstance().start(self.worker)

    def _stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _progress(self, count: int) -> None:
        if self.progress is not None:
            if self.progress.wasCanceled():  # Escape or closing the dialog, too
                self._stop()
                return
            self.progress.setValue(min(count, self.progress.maximum()))

    def _done(self, result: ExportResult) -> None:
        self.worker = None
        self.result = result
        if self.progress is not None:
            self.progress.canceled.disconnect(self._stop)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if result.error:
            messages.show_error(self._parent, result.plan.title, result.failure())
        else:
            text = result.summary()
            if result.cancelled:
                text = (
                    QCoreApplication.translate("CalendarExport", "Stopped on request.") + " " + text
                )
            self.summary_box = file_dialogs.announce_written(
                self._parent, result.plan.title, text, result.plan.folder
            )
            self.summary_box.finished.connect(self._summary_closed)
        self.finished.emit(result)

    def _summary_closed(self, _result: int) -> None:
        self.summary_box = None


# -- what to export ------------------------------------------------------------------------
@dataclass(frozen=True)
class _Invitee:
    id: int
    name: str
    email: str
    status: InvitationStatus


def _read_invitees(
    store: Store, roundtable_id: int, ids: Sequence[int] | None
) -> tuple[str, list[_Invitee]]:
    """The roundtable's title and its invitees (the ones with these ids, or all).

    Raises :class:`~roundtable.errors.NotFoundError` when the roundtable is gone.
    """
    listing = store.read(invitation_queries.invitation_list, roundtable_id)
    wanted = None if ids is None else set(ids)
    return listing.title, [
        _Invitee(r.id, r.name, r.email or "", r.status)
        for r in listing.rows
        if wanted is None or r.id in wanted
    ]


def _in_chunks(
    store: Store, build: Callable[..., list[bytes]], invitees: Sequence[_Invitee]
) -> Iterator[tuple[str, bytes]]:
    """``build(session, ids)`` of the core for :data:`CHUNK` invitees per read, file by file."""
    for start in range(0, len(invitees), CHUNK):
        chunk = invitees[start : start + CHUNK]
        files = store.read(build, [invitee.id for invitee in chunk])
        yield from zip((invitee.name for invitee in chunk), files, strict=True)


def _no_address_note(people: Sequence[_Invitee]) -> str:
    n = len(people)
    text = _plural(
        QCoreApplication.translate(
            "CalendarExport", "%n invitee(s) have no e-mail address and were left out: %1.", None, n
        ),
        n,
    ).replace("%1", ", ".join(p.name for p in people))
    # English agreement: "1 invitee has", "2 invitees have".
    return text.replace("1 invitee have", "1 invitee has") if n == 1 else text


def invitations_plan(
    store: Store,
    roundtable_id: int,
    invitation_ids: Sequence[int] | None,
    suffix: str,
    folder: Path,
) -> ExportPlan:
    """One REQUEST per invitee (the chosen ones, or everyone), naming only that invitee.

    Withdrawn invitees are left out (they get a withdrawal notice instead),
    and so is anyone without an e-mail address; the summary names them.
    """
    _title, invitees = _read_invitees(store, roundtable_id, invitation_ids)
    withdrawn = [i for i in invitees if i.status == InvitationStatus.WITHDRAWN]
    no_address = [i for i in invitees if i.status != InvitationStatus.WITHDRAWN and not i.email]
    chosen = [i for i in invitees if i.status != InvitationStatus.WITHDRAWN and i.email]
    notes = []
    if no_address:
        notes.append(_no_address_note(no_address))
    if withdrawn:
        n = len(withdrawn)
        notes.append(
            _plural(
                QCoreApplication.translate(
                    "CalendarExport",
                    "%n withdrawn invitee(s) left out (use Export withdrawal notice).",
                    None,
                    n,
                ),
                n,
            )
        )

    def produce() -> Iterator[tuple[str, bytes]]:
        from roundtable.calendar import mail, outgoing  # loads icalendar: when used

        build = outgoing.invitation_files if suffix == ICS else mail.invitation_draft_files
        return _in_chunks(store, build, chosen)

    return ExportPlan(
        QCoreApplication.translate("CalendarExport", "Export invitations"),
        folder,
        suffix,
        len(chosen),
        produce,
        tuple(notes),
    )


def withdrawals_plan(
    store: Store, roundtable_id: int, invitation_ids: Sequence[int], suffix: str, folder: Path
) -> ExportPlan:
    """A withdrawal notice (CANCEL naming only that attendee) per withdrawn invitation."""
    _title, invitees = _read_invitees(store, roundtable_id, invitation_ids)
    chosen = [i for i in invitees if i.status == InvitationStatus.WITHDRAWN and i.email]
    no_address = [i for i in invitees if i.status == InvitationStatus.WITHDRAWN and not i.email]
    notes = (_no_address_note(no_address),) if no_address else ()

    def produce() -> Iterator[tuple[str, bytes]]:
        from roundtable.calendar import mail, outgoing  # loads icalendar: when used

        build = outgoing.withdrawal_files if suffix == ICS else mail.withdrawal_draft_files
        return _in_chunks(store, build, chosen)

    return ExportPlan(
        QCoreApplication.translate("CalendarExport", "Export withdrawal notice"),
        folder,
        suffix,
        len(chosen),
        produce,
        notes,
    )


def whole_list_plan(store: Store, roundtable_id: int, folder: Path) -> ExportPlan:
    """One REQUEST naming every invitee, in a file named after the roundtable."""
    title, _invitees = _read_invitees(store, roundtable_id, ())

    def produce() -> Iterator[tuple[str, bytes]]:
        from roundtable.calendar import outgoing  # loads icalendar: when used

        yield title, store.read(outgoing.whole_list_file, roundtable_id)

    note = QCoreApplication.translate(
        "CalendarExport",
        "The file names every invitee: send it only to people who may see the list.",
    )
    return ExportPlan(
        QCoreApplication.translate("CalendarExport", "Export for the whole list"),
        folder,
        ICS,
        1,
        produce,
        (note,),
    )


#: The forms of a cancellation export (offered in this order; labels below).
CANCEL_WHOLE = "whole"
CANCEL_PER_ATTENDEE = "per_attendee"
CANCEL_DRAFTS = "drafts"
CANCEL_LABELS = {
    CANCEL_WHOLE: QT_TRANSLATE_NOOP("CalendarExport", "One calendar file (.ics) naming everyone"),
    CANCEL_PER_ATTENDEE: QT_TRANSLATE_NOOP("CalendarExport", "A calendar file (.ics) per attendee"),
    CANCEL_DRAFTS: QT_TRANSLATE_NOOP(
        "CalendarExport", "An e-mail draft (.eml) per attendee, ready to send"
    ),
}


def cancellation_plan(store: Store, roundtable_id: int, form: str, folder: Path) -> ExportPlan:
    """The cancellation of the whole roundtable, in one of the :data:`CANCEL_LABELS` forms.

    Who receives it is the core's decision: never a withdrawn invitee (they had
    their own notice), nor anyone without an e-mail address.
    """
    title, invitees = _read_invitees(store, roundtable_id, None)
    names = {i.email.casefold(): i.name for i in invitees if i.email}
    plan_title = QCoreApplication.translate("CalendarExport", "Export cancellation")
    if form == CANCEL_WHOLE:

        def whole() -> Iterator[tuple[str, bytes]]:
            from roundtable.calendar import outgoing  # loads icalendar: when used

            cancelled = QCoreApplication.translate("CalendarExport", "%1 (cancelled)").replace(
                "%1", title
            )
            yield cancelled, store.read(outgoing.cancellation_file, roundtable_id)

        return ExportPlan(plan_title, folder, ICS, 1, whole)

    receivers = [i for i in invitees if i.status != InvitationStatus.WITHDRAWN]
    no_address = [i for i in receivers if not i.email]
    notes = (_no_address_note(no_address),) if no_address else ()
    suffix = EML if form == CANCEL_DRAFTS else ICS

    def per_attendee() -> Iterator[tuple[str, bytes]]:
        from roundtable.calendar import mail, outgoing  # loads icalendar: when used

        build = (
            mail.cancellation_draft_files if form == CANCEL_DRAFTS else outgoing.cancellation_files
        )
        files = store.read(build, roundtable_id)
        for email, data in files.items():
            yield names.get(email.casefold(), email), data

    total = len(receivers) - len(no_address)
    return ExportPlan(plan_title, folder, suffix, total, per_attendee, notes)


# -- the flows the pages call --------------------------------------------------------------
def _start(
    parent: QWidget, store: Store, title: str, make_plan: Callable[[], ExportPlan]
) -> CalendarExporter | None:
    """Plan the export (reading who gets a file) and start it; a refusal is shown."""
    try:
        plan = make_plan()
    except RoundtableError as exc:  # the roundtable was deleted meanwhile
        messages.show_core_error(parent, title, exc)
        return None
    if plan.total == 0 and not plan.notes:
        messages.show_error(
            parent,
            plan.title,
            QCoreApplication.translate("CalendarExport", "There is nothing to export."),
        )
        return None
    if plan.total == 0:
        messages.show_error(
            parent,
            plan.title,
            QCoreApplication.translate("CalendarExport", "No file was written.")
            + " "
            + " ".join(plan.notes),
        )
        return None
    exporter = CalendarExporter(store, parent)
    exporter.start(plan)
    return exporter


class OrganiserPrompt(QDialog):
    """Says what the roundtable lacks for calendar files and lets the organiser be chosen.

    Only people with an e-mail address are offered (replies go to it). OK
    ("Set organiser and continue") stays disabled until one is chosen; the
    caller saves the choice as one undoable step and goes on with the export.
    """

    def __init__(
        self, store: Store, state: readiness.CalendarReadiness, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("CalendarExport", "Choose the organiser"))
        self.setMinimumWidth(460)
        self.message_label = QLabel(state.message, self)
        self.message_label.setWordWrap(True)
        question = QLabel(
            QCoreApplication.translate(
                "CalendarExport",
                "Choose the organiser now (only people with an e-mail address are listed); "
                "it is kept in the roundtable's Overview tab:",
            ),
            self,
        )
        question.setWordWrap(True)
        self.organiser_combo = SearchCombo(self)
        self.organiser_combo.setAccessibleName(
            QCoreApplication.translate("CalendarExport", "Organiser")
        )
        self.organiser_combo.setToolTip(
            QCoreApplication.translate("CalendarExport", "Type part of a name to search")
        )
        people = [
            row
            for row in store.read(people_queries.list_people)
            if not row.erased and readiness.usable_email(row.email)
        ]
        self.organiser_combo.set_items(
            (row.id, f"{row.name} <{row.email}>") for row in people if row.id != state.organiser_id
        )
        self.organiser_combo.set_key(None)
        question.setBuddy(self.organiser_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(
            QCoreApplication.translate("CalendarExport", "Set organiser and continue")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.organiser_combo.chosen.connect(self._chosen)
        self.organiser_combo.currentIndexChanged.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message_label)
        layout.addWidget(question)
        layout.addWidget(self.organiser_combo)
        layout.addWidget(self.buttons)
        self._chosen()
        self.organiser_combo.setFocus()

    def _chosen(self, *_args: object) -> None:
        index = self.organiser_combo.currentIndex()
        self.ok_button.setEnabled(index >= 0 and self.organiser_combo.itemData(index) is not None)

    def person_id(self) -> int | None:
        """The person chosen (the one shown, also when picked without pressing Enter)."""
        index = self.organiser_combo.currentIndex()
        key = self.organiser_combo.itemData(index) if index >= 0 else None
        return key if isinstance(key, int) else None


def ask_organiser(
    parent: QWidget | None, store: Store, state: readiness.CalendarReadiness
) -> int | None:
    """The organiser the user chooses in an :class:`OrganiserPrompt`, or ``None``."""
    prompt = OrganiserPrompt(store, state, parent)
    try:
        if prompt.exec() == QDialog.DialogCode.Accepted:
            return prompt.person_id()
        return None
    finally:
        prompt.deleteLater()


def ensure_ready(parent: QWidget, store: Store, roundtable_id: int, title: str) -> bool:
    """Whether calendar files can be made now; asked before any other question.

    A missing or address-less organiser can be chosen at once (saved as one
    undoable step); a missing date is named with where to set it.
    """
    try:
        state = store.read(readiness.calendar_readiness, roundtable_id)
        if state.missing in (readiness.MISSING_ORGANISER, readiness.ORGANISER_WITHOUT_EMAIL):
            person_id = ask_organiser(parent, store, state)
            if person_id is None:
                return False
            store.run(meeting_actions.edit_details(roundtable_id, organiser_id=person_id))
            state = store.read(readiness.calendar_readiness, roundtable_id)
    except RoundtableError as exc:
        messages.show_core_error(parent, title, exc)
        return False
    if state.missing == readiness.MISSING_DATE:
        messages.show_error(
            parent,
            title,
            state.message
            + " "
            + QCoreApplication.translate(
                "CalendarExport",
                "Set the date and time in the Overview tab and press Schedule; then export again.",
            ),
        )
        return False
    if not state.ready:  # the organiser chosen lost their address meanwhile
        messages.show_error(parent, title, state.message)
        return False
    return True


def choose_invitations(
    parent: QWidget,
    store: Store,
    roundtable_id: int,
    invitation_ids: Sequence[int] | None,
    title: str,
) -> tuple[list[int] | None, str] | None:
    """Which invitations to export (``None``: all) and the question that names them.

    With some but not all invitees selected, the user chooses between the
    selection and everyone; ``None`` when they cancelled.
    """
    listing = store.read(invitation_queries.invitation_list, roundtable_id)
    every = [row.id for row in listing.rows]
    chosen = [i for i in invitation_ids or () if i in set(every)]
    n_all, n_chosen = len(every), len(chosen)
    everyone = _plural(
        QCoreApplication.translate(
            "CalendarExport", "Export all %n invitation(s) as:", None, n_all
        ),
        n_all,
    )
    if not chosen or len(chosen) == len(every):
        return None, everyone
    only = _plural(
        QCoreApplication.translate(
            "CalendarExport", "Only the %n selected invitation(s)", None, n_chosen
        ),
        n_chosen,
    )
    all_of_them = _plural(
        QCoreApplication.translate("CalendarExport", "All %n invitation(s)", None, n_all), n_all
    )
    answer = messages.ask_choice(
        parent,
        title,
        QCoreApplication.translate("CalendarExport", "Which invitations should be exported?"),
        [only, all_of_them],
    )
    if answer is None:
        return None
    if answer == all_of_them:
        return None, everyone
    return chosen, _plural(
        QCoreApplication.translate(
            "CalendarExport", "Export the %n selected invitation(s) as:", None, n_chosen
        ),
        n_chosen,
    )


def export_invitations(
    parent: QWidget, store: Store, roundtable_id: int, invitation_ids: Sequence[int] | None
) -> CalendarExporter | None:
    """Check, ask which (selected or all), format and folder, then write one file per invitee."""
    title = QCoreApplication.translate("CalendarExport", "Export invitations")
    if not ensure_ready(parent, store, roundtable_id, title):
        return None
    try:
        which = choose_invitations(parent, store, roundtable_id, invitation_ids, title)
    except RoundtableError as exc:
        messages.show_core_error(parent, title, exc)
        return None
    if which is None:
        return None
    ids, question = which
    suffix = ask_format(parent, title, question)
    if suffix is None:
        return None
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the invitation files")
    )
    if folder is None:
        return None
    return _start(
        parent,
        store,
        title,
        lambda: invitations_plan(store, roundtable_id, ids, suffix, folder),
    )


def export_withdrawals(
    parent: QWidget, store: Store, roundtable_id: int, invitation_ids: Sequence[int]
) -> CalendarExporter | None:
    """Check, ask format and folder, then write a withdrawal notice per withdrawn invitee chosen."""
    title = QCoreApplication.translate("CalendarExport", "Export withdrawal notice")
    if not ensure_ready(parent, store, roundtable_id, title):
        return None
    n = len(invitation_ids)
    question = _plural(
        QCoreApplication.translate(
            "CalendarExport",
            "Export the withdrawal notice(s) of the %n selected withdrawn invitee(s) as:",
            None,
            n,
        ),
        n,
    )
    suffix = ask_format(parent, title, question)
    if suffix is None:
        return None
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the withdrawal notices")
    )
    if folder is None:
        return None
    return _start(
        parent,
        store,
        title,
        lambda: withdrawals_plan(store, roundtable_id, invitation_ids, suffix, folder),
    )


def export_whole_list(parent: QWidget, store: Store, roundtable_id: int) -> CalendarExporter | None:
    """Check, ask a folder, then write one invitation naming every invitee."""
    title = QCoreApplication.translate("CalendarExport", "Export for the whole list")
    if not ensure_ready(parent, store, roundtable_id, title):
        return None
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the invitation file")
    )
    if folder is None:
        return None
    return _start(parent, store, title, lambda: whole_list_plan(store, roundtable_id, folder))


def export_cancellation(
    parent: QWidget, store: Store, roundtable_id: int
) -> CalendarExporter | None:
    """Check, ask the form and a folder, then write the cancellation of the whole roundtable."""
    title = QCoreApplication.translate("CalendarExport", "Export cancellation")
    if not ensure_ready(parent, store, roundtable_id, title):
        return None
    labels = {_tr(str(label)): form for form, label in CANCEL_LABELS.items()}
    answer = messages.ask_choice(
        parent,
        title,
        QCoreApplication.translate("CalendarExport", "Export the cancellation as:"),
        list(labels),
    )
    if answer is None:
        return None
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the cancellation")
    )
    if folder is None:
        return None
    form = labels[answer]
    return _start(
        parent, store, title, lambda: cancellation_plan(store, roundtable_id, form, folder)
    )


def file_names(paths: Iterable[Path]) -> list[str]:
    """The names of ``paths``, sorted (for summaries and tests)."""
    return sorted(p.name for p in paths)
