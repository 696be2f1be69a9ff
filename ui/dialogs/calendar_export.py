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

The questions (folder, format) go through :func:`choose_folder` and
:mod:`ui.messages`, so tests can answer them.
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
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from roundtable.enums import InvitationStatus
from roundtable.errors import FileWriteError, RoundtableError
from roundtable.files import write_atomically
from roundtable.meetings import invitation_queries
from roundtable_ui import messages
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.store import Store

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
    text = text.replace("%n", str(n))
    return text.replace("(s)", "" if n == 1 else "s").replace("(es)", "" if n == 1 else "es")


# -- the questions -------------------------------------------------------------------------
def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """The folder the user picks, or ``None`` (tests replace this function)."""
    folder = QFileDialog.getExistingDirectory(parent, title)
    return Path(folder) if folder else None


def ask_format(parent: QWidget | None, title: str) -> str | None:
    """:data:`ICS` (calendar files) or :data:`EML` (e-mail drafts), or ``None`` when cancelled."""
    ics = format_label(ICS)
    eml = format_label(EML)
    answer = messages.ask_choice(
        parent,
        title,
        QCoreApplication.translate("CalendarExport", "Write one file per invitee, as:"),
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
        ).replace("%1", str(self.plan.folder))
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
        self.summary_box: QMessageBox | None = None
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
            self.summary_box = QMessageBox(
                QMessageBox.Icon.Information, result.plan.title, text, parent=self._parent
            )
            self.summary_box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.summary_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.summary_box.finished.connect(self._summary_closed)
            self.summary_box.open()
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


def export_invitations(
    parent: QWidget, store: Store, roundtable_id: int, invitation_ids: Sequence[int] | None
) -> CalendarExporter | None:
    """Ask folder and format, then write one invitation per invitee (``None``: everyone)."""
    title = QCoreApplication.translate("CalendarExport", "Export invitations")
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the invitation files")
    )
    if folder is None:
        return None
    suffix = ask_format(parent, title)
    if suffix is None:
        return None
    return _start(
        parent,
        store,
        title,
        lambda: invitations_plan(store, roundtable_id, invitation_ids, suffix, folder),
    )


def export_withdrawals(
    parent: QWidget, store: Store, roundtable_id: int, invitation_ids: Sequence[int]
) -> CalendarExporter | None:
    """Ask folder and format, then write a withdrawal notice per withdrawn invitee chosen."""
    title = QCoreApplication.translate("CalendarExport", "Export withdrawal notice")
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the withdrawal notices")
    )
    if folder is None:
        return None
    suffix = ask_format(parent, title)
    if suffix is None:
        return None
    return _start(
        parent,
        store,
        title,
        lambda: withdrawals_plan(store, roundtable_id, invitation_ids, suffix, folder),
    )


def export_whole_list(parent: QWidget, store: Store, roundtable_id: int) -> CalendarExporter | None:
    """Ask a folder, then write one invitation naming every invitee."""
    title = QCoreApplication.translate("CalendarExport", "Export for the whole list")
    folder = choose_folder(
        parent, QCoreApplication.translate("CalendarExport", "Folder for the invitation file")
    )
    if folder is None:
        return None
    return _start(parent, store, title, lambda: whole_list_plan(store, roundtable_id, folder))


def export_cancellation(
    parent: QWidget, store: Store, roundtable_id: int
) -> CalendarExporter | None:
    """Ask the form and a folder, then write the cancellation of the whole roundtable."""
    title = QCoreApplication.translate("CalendarExport", "Export cancellation")
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
