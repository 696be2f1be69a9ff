"""Letters and handouts for one roundtable: rendered through the publishing templates.

"Letters & handouts…" (invitations tab) offers: an invitation letter per
selected invitee into a folder, a withdrawal notice per selected withdrawn
invitee, the question handout and the minutes (HTML, or PDF when the file
name ends in .pdf). The questions (which folder, which file) go through
:func:`choose_folder` and :func:`choose_file`, which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu, QWidget

from roundtable.errors import RoundtableError
from roundtable.files import write_atomically, write_text_atomically
from roundtable.publishing import letters as publishing_letters
from roundtable_ui import messages
from roundtable_ui.dialogs.calendar_export import FileNamer, safe_stem
from roundtable_ui.formatting import english_plural
from roundtable_ui.store import Store
from roundtable_ui.widgets import file_dialogs

INVITATION_LETTER = "invitation_letter.txt"
WITHDRAWAL_NOTICE = publishing_letters.WITHDRAWAL_NOTICE
QUESTION_HANDOUT = "question_handout.html"
MINUTES = "minutes.html"


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """The folder the user picks, or ``None`` (tests replace this function)."""
    return file_dialogs.choose_folder(parent, title, file_dialogs.LETTERS)


def choose_file(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    """The file to write (HTML or PDF), or ``None`` (tests replace this function)."""
    answer = file_dialogs.choose_save_file(
        parent,
        title,
        file_dialogs.LETTERS,
        suggested,
        QCoreApplication.translate("Letters", "HTML (*.html);;PDF (*.pdf)"),
    )
    return answer[0] if answer else None


@dataclass
class LettersResult:
    """What one run wrote, and whom it left out (and why)."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One sentence for the user: how many files, and where."""
        n = len(self.written)
        folders = {path.parent for path in self.written}
        where = file_dialogs.home_short(folders.pop()) if len(folders) == 1 else ""
        text = english_plural(
            QCoreApplication.translate("Letters", "Wrote %n file(s) to %1.", None, n).replace(
                "%n", str(n)
            ),
            n,
        ).replace("%1", where)
        if self.skipped:
            text += " " + QCoreApplication.translate("Letters", "Left out: %1.").replace(
                "%1", "; ".join(self.skipped)
            )
        return text


def write_letters(
    store: Store,
    roundtable_id: int,
    invitation_ids: Sequence[int],
    template: str,
    folder: Path,
) -> LettersResult:
    """Render ``template`` once per invitation into ``folder`` (one .txt per invitee).

    Withdrawal notices are written only for withdrawn invitations; the others
    are listed as left out. Template errors propagate (nothing is written then).
    """
    rendered = store.read(
        publishing_letters.invitation_letters, roundtable_id, list(invitation_ids), template
    )
    folder.mkdir(parents=True, exist_ok=True)
    namer = FileNamer(".txt")
    result = LettersResult(
        skipped=[
            QCoreApplication.translate("Letters", "%1 (not withdrawn)").replace("%1", name)
            for name in rendered.not_withdrawn
        ]
    )
    for letter in rendered.letters:
        target = folder / namer.name(letter.invitee)
        write_text_atomically(target, letter.text)
        result.written.append(target)
    return result


def write_handout(store: Store, roundtable_id: int, template: str, target: Path) -> Path:
    """Render a roundtable handout (HTML template) to ``target``: PDF when it ends in .pdf."""
    html = store.read(publishing_letters.roundtable_handout, roundtable_id, template)
    if target.suffix.lower() == ".pdf":
        from roundtable_ui.pdf import html_to_pdf

        write_atomically(target, html_to_pdf(html))
    else:
        if not target.suffix:
            target = target.with_suffix(".html")
        write_text_atomically(target, html)
    return target


class LettersMenu(QMenu):
    """The "Letters & handouts" menu of one roundtable's tab.

    ``roundtable_id`` and ``selected_ids`` are asked when an entry is chosen,
    so the menu follows the tab's roundtable and selection.
    """

    def __init__(
        self,
        store: Store,
        roundtable_id: Callable[[], int | None],
        selected_ids: Callable[[], list[int]],
        parent: QWidget,
    ) -> None:
        super().__init__(QCoreApplication.translate("Letters", "Letters && handouts"), parent)
        self._store = store
        self._roundtable_id = roundtable_id
        self._selected_ids = selected_ids
        self._parent = parent
        #: What the last entry wrote (tests and the status line read it).
        self.last_result: LettersResult | None = None
        #: The notice of the last files written (non-modal, with "Open folder").
        self.notice: file_dialogs.WrittenNotice | None = None
        self.letters_action = self.addAction(
            QCoreApplication.translate("Letters", "Invitation letters for the selected invitees…"),
            lambda: self.letters(INVITATION_LETTER),
        )
        self.withdrawal_action = self.addAction(
            QCoreApplication.translate("Letters", "Withdrawal notices for the selected invitees…"),
            lambda: self.letters(WITHDRAWAL_NOTICE),
        )
        self.addSeparator()
        self.handout_action = self.addAction(
            QCoreApplication.translate("Letters", "Question handout…"),
            lambda: self.handout(QUESTION_HANDOUT),
        )
        self.minutes_action = self.addAction(
            QCoreApplication.translate("Letters", "Minutes…"), lambda: self.handout(MINUTES)
        )
        self.aboutToShow.connect(self._update)

    def _update(self) -> None:
        has_rt = self._roundtable_id() is not None
        has_selection = has_rt and bool(self._selected_ids())
        self.letters_action.setEnabled(has_selection)
        self.withdrawal_action.setEnabled(has_selection)
        self.handout_action.setEnabled(has_rt)
        self.minutes_action.setEnabled(has_rt)

    def letters(self, template: str) -> LettersResult | None:
        """Ask for a folder, then write ``template`` for each selected invitee into it."""
        roundtable_id, ids = self._roundtable_id(), self._selected_ids()
        if roundtable_id is None or not ids:
            return None
        folder = choose_folder(
            self._parent,
            QCoreApplication.translate("Letters", "Write the letters into which folder?"),
        )
        if folder is None:
            return None
        try:
            result = write_letters(self._store, roundtable_id, ids, template, folder)
        except RoundtableError as exc:
            messages.show_core_error(
                self._parent, QCoreApplication.translate("Letters", "Cannot write the letters"), exc
            )
            return None
        except OSError as exc:
            messages.show_error(
                self._parent,
                QCoreApplication.translate("Letters", "Cannot write the letters"),
                str(exc),
            )
            return None
        self.last_result = result
        self.notice = file_dialogs.announce_written(
            self._parent,
            QCoreApplication.translate("Letters", "Letters && handouts").replace("&&", "&"),
            result.summary(),
            folder,
        )
        return result

    def handout(self, template: str) -> Path | None:
        """Ask for a file (HTML or PDF), then write the handout or minutes there."""
        roundtable_id = self._roundtable_id()
        if roundtable_id is None:
            return None
        try:
            title = self._store.read(publishing_letters.roundtable_title, roundtable_id)
        except RoundtableError as exc:
            messages.show_core_error(
                self._parent, QCoreApplication.translate("Letters", "Cannot write the handout"), exc
            )
            return None
        stem = template.split(".")[0].replace("_", " ")
        target = choose_file(
            self._parent,
            QCoreApplication.translate("Letters", "Save the handout as"),
            f"{safe_stem(title)} - {stem}.html",
        )
        if target is None:
            return None
        try:
            written = write_handout(self._store, roundtable_id, template, target)
        except RoundtableError as exc:
            messages.show_core_error(
                self._parent, QCoreApplication.translate("Letters", "Cannot write the handout"), exc
            )
            return None
        except OSError as exc:
            messages.show_error(
                self._parent,
                QCoreApplication.translate("Letters", "Cannot write the handout"),
                str(exc),
            )
            return None
        self.last_result = LettersResult(written=[written])
        self.notice = file_dialogs.announce_written(
            self._parent,
            QCoreApplication.translate("Letters", "Letters && handouts").replace("&&", "&"),
            QCoreApplication.translate("Letters", "Wrote %1 to %2.")
            .replace("%1", written.name)
            .replace("%2", file_dialogs.home_short(written.parent)),
            written.parent,
        )
        return written
