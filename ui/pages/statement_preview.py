"""The statement preview: the statement rendered through a template, beside the editor.

Rendering runs on :class:`QThreadPool` (a template may be slow, the database
may be a server), ~300 ms after the last change, and the result is applied on
the main thread. Fields being typed in the editor (title, summary, translation
note) are shown before they are saved: the worker hands them to the core's
:func:`roundtable.statements.preview.render_preview`, which reads in a
transaction of its own that it always rolls back, so nothing unsaved is ever
written. A template error shows in red under the preview, naming the
template and line, while the last good render stays. "Names in this output"
lists every person and organisation the output names: the check before
publishing. Export… writes HTML, Markdown, plain text or PDF.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QObject, QRunnable, Qt, QThreadPool, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from roundtable.errors import RoundtableError
from roundtable.files import write_atomically
from roundtable.publishing import templates
from roundtable.statements import queries
from roundtable.statements.preview import render_preview
from roundtable_ui import messages
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import Column, RowTableModel
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs
from roundtable_ui.widgets.flow_layout import FlowLayout

log = logging.getLogger(__name__)

#: Milliseconds between the last change and the render.
DEBOUNCE_MS = 300
#: Templates for roundtables, not statements: not offered in the picker.
ROUNDTABLE_TEMPLATES = ("invitation_letter", "withdrawal_notice", "question_handout", "minutes")
#: Export file filters and the format each writes.
EXPORT_FILTERS = {
    "HTML (*.html)": "html",
    "Markdown (*.md)": "md",
    "Plain text (*.txt)": "txt",
    "PDF (*.pdf)": "pdf",
}


@dataclass(frozen=True)
class RenderOutcome:
    """What one render produced: the output, or the error that stopped it."""

    serial: int
    rendered: Any | None = None  # publishing.Rendered
    error: str = ""


def choose_export_file(parent: QWidget, suggested: str) -> tuple[str, str] | None:
    """Ask where to export and in which format; ``None`` when cancelled (tests replace this)."""
    answer = file_dialogs.choose_save_file(
        parent,
        QGuiApplication.translate("StatementPreview", "Export statement"),
        file_dialogs.STATEMENTS,
        suggested,
        ";;".join(EXPORT_FILTERS),
    )
    if answer is None:
        return None
    path, chosen = str(answer[0]), answer[1]
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = suffix if suffix in {"html", "md", "txt", "pdf"} else EXPORT_FILTERS.get(chosen, "html")
    if not Path(path).suffix:
        path = f"{path}.{fmt}"
    return path, fmt


def open_folder(path: Path) -> bool:
    """Show a folder in the system's file manager (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class _Relay(QObject):
    """Lives on the main thread: its queued signal brings worker results there."""

    done = Signal(object)


class _RenderJob(QRunnable):
    def __init__(self, work: Callable[[], Any], serial: int, relay: _Relay) -> None:
        super().__init__()
        self._work, self._serial, self._relay = work, serial, relay

    def run(self) -> None:
        try:
            outcome = RenderOutcome(self._serial, rendered=self._work())
        except RoundtableError as exc:
            outcome = RenderOutcome(self._serial, error=str(exc))
        except Exception as exc:  # a broken template must not take the app down
            log.exception("rendering the preview failed")
            outcome = RenderOutcome(self._serial, error=f"{type(exc).__name__}: {exc}")
        self._relay.done.emit(outcome)


class StatementPreview(QWidget):
    """The rendered statement, its template picker, errors, names and export buttons."""

    #: Emitted on the main thread after a render was applied (the Rendered object).
    rendered = Signal(object)
    #: Emitted on the main thread after a render failed (the error text).
    render_failed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._statement_id: int | None = None
        self._overrides: Callable[[], dict[str, Any]] = dict
        self._serial = itertools.count(1)
        self._latest = 0
        self._pending = 0
        self.last_rendered: Any | None = None
        #: The notice of the last export (non-modal, with "Open folder").
        self.written_notice: file_dialogs.WrittenNotice | None = None
        self._stale = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # renders in order; a newer one makes older moot

        self.template_combo = QComboBox(self)
        self.template_combo.setToolTip(self.tr("The template the preview and Export use"))
        self.template_combo.currentIndexChanged.connect(lambda _i: self.schedule())
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(self.tr("Preview"))
        self.browser.setOpenExternalLinks(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("previewError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        self.names_model: RowTableModel[str] = RowTableModel(
            [Column[str](QT_TRANSLATE_NOOP("Columns", "Name"), str)], self
        )
        self.names_view = QListView(self)
        self.names_view.setModel(self.names_model)
        self.names_label = QLabel(self.tr("Names in this output"), self)
        self.names_label.setBuddy(self.names_view)
        self.names_label.setToolTip(
            self.tr("Every person and organisation the output names: check before you publish")
        )

        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.clicked.connect(self.export)
        self.copy_html_button = QPushButton(self.tr("Copy as HTML"), self)
        self.copy_html_button.clicked.connect(lambda: self.copy_as("html"))
        self.copy_md_button = QPushButton(self.tr("Copy as Markdown"), self)
        self.copy_md_button.clicked.connect(lambda: self.copy_as("md"))
        self.folder_button = QPushButton(self.tr("Open templates folder"), self)
        self.folder_button.setToolTip(
            self.tr("Your own templates go here; copy a built-in one to start from it")
        )
        self.folder_button.clicked.connect(self.open_templates_folder)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Template:"), self))
        top.addWidget(self.template_combo, 1)
        buttons = FlowLayout()  # wraps in a narrow preview rather than cutting the labels
        buttons.add_group([self.export_button, self.copy_html_button, self.copy_md_button])
        buttons.add_group([self.folder_button])

        names = QWidget(self)
        names_layout = QVBoxLayout(names)
        names_layout.setContentsMargins(0, 0, 0, 0)
        names_layout.addWidget(self.names_label)
        names_layout.addWidget(self.names_view, 1)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.browser)
        split.addWidget(names)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.render_now)
        self._relay = _Relay(self)
        self._relay.done.connect(self._apply)
        store.changed.connect(self._on_changed)
        self.reload_templates()
        self._set_enabled()

    # -- public --------------------------------------------------------------------
    @property
    def statement_id(self) -> int | None:
        return self._statement_id

    def set_statement(self, statement_id: int | None) -> None:
        """Preview another statement (``None``: nothing); its own template is picked."""
        if statement_id == self._statement_id:
            return
        self._statement_id = statement_id
        self.last_rendered = None
        self.browser.clear()
        self.names_model.set_rows([])
        self._show_error("")
        if statement_id is not None:
            self._pick_statement_template(statement_id)
        self._set_enabled()
        self.schedule()

    def set_overrides_provider(self, provider: Callable[[], dict[str, Any]]) -> None:
        """Where unsaved field values come from (the editor's fields), for live previews."""
        self._overrides = provider

    def reload_templates(self) -> None:
        """Fill the picker from the built-in templates and the user's (selection kept)."""
        current = self.current_template()
        try:
            infos = templates.list_templates()
        except (RoundtableError, OSError) as exc:
            self._show_error(str(exc))
            infos = []
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        seen: set[str] = set()
        for info in infos:
            base = info.name.rsplit(".", 1)[0]
            if base in ROUNDTABLE_TEMPLATES or info.name in seen:
                continue
            seen.add(info.name)
            label = info.name if info.builtin else self.tr("%1 (yours)").replace("%1", info.name)
            self.template_combo.addItem(label, info.name)
        if self.template_combo.findData("statement.html") < 0:
            self.template_combo.insertItem(0, "statement.html", "statement.html")
        index = self.template_combo.findData(current or "statement.html")
        self.template_combo.setCurrentIndex(max(index, 0))
        self.template_combo.blockSignals(False)

    def current_template(self) -> str:
        """The chosen template's name ("statement.html")."""
        return str(self.template_combo.currentData() or "")

    def set_template(self, name: str) -> None:
        """Choose a template by name (tests and the statement's own template)."""
        index = self.template_combo.findData(name)
        if index < 0:
            self.template_combo.addItem(name, name)
            index = self.template_combo.count() - 1
        self.template_combo.setCurrentIndex(index)

    def schedule(self) -> None:
        """Render again once nothing has changed for :data:`DEBOUNCE_MS` (when shown)."""
        if self._statement_id is None:
            return
        if not self.isVisible():
            self._stale = True  # other pages' edits: render when the preview is seen again
            return
        self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while the preview was hidden."""
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.schedule()

    def render_now(self) -> None:
        """Start a render on the thread pool (the result arrives via :attr:`rendered`)."""
        self._timer.stop()
        if self._statement_id is None:
            return
        statement_id, template = self._statement_id, self.current_template()
        overrides = dict(self._overrides())
        database = self._store.database
        serial = next(self._serial)
        self._latest = serial
        self._pending += 1

        def work() -> Any:
            return render_preview(database, statement_id, template, overrides)

        self.pool.start(_RenderJob(work, serial, self._relay))

    def is_rendering(self) -> bool:
        """Whether a render is waiting or running."""
        return self._timer.isActive() or self._pending > 0

    def error_text(self) -> str:
        """The error shown under the preview ("" when the last render worked)."""
        return self.error_label.text() if not self.error_label.isHidden() else ""

    def names(self) -> list[str]:
        """The names listed under "Names in this output"."""
        return list(self.names_model.rows())

    def render_sync(self, template: str | Path) -> Any:
        """Render the statement now on this thread with ``template`` (export, copy)."""
        statement_id = self._statement_id
        assert statement_id is not None
        overrides = dict(self._overrides())
        return render_preview(self._store.database, statement_id, template, overrides)

    def copy_as(self, fmt: str) -> bool:
        """Put the statement on the clipboard as HTML (rich and source) or Markdown."""
        if self._statement_id is None:
            return False
        template = self.current_template() if fmt == "html" else "statement.md"
        if fmt == "html" and not template.endswith(".html"):
            template = "statement.html"
        try:
            rendered = self.render_sync(template)
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot copy the statement"), exc)
            return False
        data = QMimeData()
        if fmt == "html":
            data.setHtml(rendered.text)
        data.setText(rendered.text)
        QGuiApplication.clipboard().setMimeData(data)
        return True

    def export(self) -> Path | None:
        """Ask for a file and a format, then write the statement there; return the file."""
        if self._statement_id is None:
            return None
        suggested = self._store.read(queries.statement_detail, self._statement_id).slug
        choice = choose_export_file(self, suggested)
        if choice is None:
            return None
        path, fmt = Path(choice[0]), choice[1]
        written = self.export_to(path, fmt)
        if written is not None:
            self.written_notice = file_dialogs.announce_written(
                self,
                self.tr("Export statement"),
                self.tr("Wrote %1 to %2.")
                .replace("%1", written.name)
                .replace("%2", file_dialogs.home_short(written.parent)),
                written.parent,
            )
        return written

    def export_to(self, path: Path, fmt: str) -> Path | None:
        """Write the statement to ``path`` as ``fmt`` (html, md, txt or pdf)."""
        wanted = "html" if fmt == "pdf" else fmt
        template = self.current_template()
        if not template.endswith(f".{wanted}"):
            template = f"statement.{wanted}"
        try:
            rendered = self.render_sync(template)
            if fmt == "pdf":
                from roundtable_ui.pdf import html_to_pdf

                data = html_to_pdf(rendered.text)
            else:
                data = rendered.text.encode("utf-8")
            write_atomically(path, data)
        except RoundtableError as exc:
            messages.show_core_error(self, self.tr("Cannot export the statement"), exc)
            return None
        except OSError as exc:
            messages.show_error(
                self,
                self.tr("Cannot export the statement"),
                self.tr("Cannot write %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or str(exc)),
            )
            return None
        return path

    def open_templates_folder(self) -> Path | None:
        """Open the user's templates folder (created when missing) in the file manager."""
        folder = templates.user_template_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            messages.show_error(
                self,
                self.tr("Cannot open the templates folder"),
                self.tr("Cannot create %1: %2")
                .replace("%1", str(folder))
                .replace("%2", exc.strerror or str(exc)),
            )
            return None
        open_folder(folder)
        self.reload_templates()
        return folder

    def shutdown(self) -> None:
        """Wait for a running render (closing the window, ending a test)."""
        self._timer.stop()
        self.pool.waitForDone()

    # -- internals -----------------------------------------------------------------
    def _pick_statement_template(self, statement_id: int) -> None:
        try:
            name = self._store.read(queries.statement_detail, statement_id).template_name
        except RoundtableError:
            return
        name = name or "statement"
        wanted = name if "." in name else f"{name}.html"
        self.template_combo.blockSignals(True)
        index = self.template_combo.findData(wanted)
        if index >= 0:
            self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(False)

    def _apply(self, outcome: RenderOutcome) -> None:
        self._pending = max(self._pending - 1, 0)
        if outcome.serial != self._latest:
            return  # a newer render is on its way
        if outcome.rendered is None:
            self._show_error(outcome.error)  # the last good render stays
            self.render_failed.emit(outcome.error)
            return
        rendered = outcome.rendered
        self.last_rendered = rendered
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        if rendered.format == "html":
            self.browser.setHtml(rendered.text)
        else:
            self.browser.setPlainText(rendered.text)
        bar.setValue(position)  # typing must not jump to the top
        self.names_model.set_rows(list(rendered.names))
        self._show_error("")
        self.rendered.emit(rendered)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _set_enabled(self) -> None:
        has = self._statement_id is not None
        for button in (self.export_button, self.copy_html_button, self.copy_md_button):
            button.setEnabled(has)

    def _on_changed(self, kinds: frozenset[str]) -> None:
        if kinds & {
            "statements",
            "roundtables",
            "invitations",
            "questions",
            "people",
            "organisations",
            "minutes",
        }:
            self.schedule()
