"""The open database as the desktop app sees it: short reads, undoable writes, one signal.

Every page reads through :meth:`Store.read` (a query function of the core in one
short transaction, frozen rows back) and writes through :meth:`Store.run`,
which performs one action of the core (:mod:`roundtable.actions`), saves it at
once (there is no Save button) and pushes it on the undo stack; undo and redo
rewind the rows the action changed. After every write, undo or redo the store
emits :attr:`Store.changed` with the kinds of data that changed, and each page
decides whether to refresh (the pattern of Anki's ``operation_did_execute``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from roundtable import actions
from roundtable.actions import Action, Done
from roundtable.storage.db import Database

log = logging.getLogger("roundtable_ui.store")

T = TypeVar("T")

#: The kinds of data a change can touch; pages refresh on the kinds they show.
KINDS = actions.KINDS


class Store(QObject):
    """One open database, its undo stack and the application-wide ``changed`` signal."""

    #: frozenset of kinds (see :data:`KINDS`) after a write, undo, redo or outside change.
    changed = Signal(object)
    #: An undo or redo failed (for example someone else changed the record since); the
    #: exception is passed on so the window can show it. The command is dropped.
    failed = Signal(object)

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.undo_stack = QUndoStack(self)

    def read(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a core query in one short transaction: ``query(session, *args, **kwargs)``.

        Queries return plain frozen rows (``roundtable.*.queries``), never ORM
        objects, so nothing the window holds depends on a session.
        """
        return self.database.read(query, *args, **kwargs)

    def run(self, action: Action[T]) -> T:
        """Do ``action`` now (one transaction, saved at once) and put it on the undo stack.

        The one way the window changes data: the command line runs the same
        actions. Core refusals propagate to the caller, which shows them;
        nothing is written or pushed then. An action that cannot be undone is
        not pushed, and one that forgets the history clears the stack. An
        action that changed no row (an import whose every file failed, an edit
        to the value already there) is not pushed either: Edit > Undo would
        do nothing.
        """
        done = actions.perform(self.database, action)
        if action.undoable and done.changes.rows:
            self.undo_stack.push(_ActionCommand(self, done))
        elif action.forgets_history:
            self.undo_stack.clear()
        self.changed.emit(done.kinds)
        return done.result

    def notify_outside_change(self) -> None:
        """Someone else changed the database: every page refreshes."""
        self.changed.emit(KINDS)


class _ActionCommand(QUndoCommand):
    """A performed action on the undo stack: undo and redo rewind its change set."""

    def __init__(self, store: Store, done: Done[Any]) -> None:
        super().__init__(done.action.label)
        self._store = store
        self._done = done
        # QUndoStack.push() calls redo() at once; the action was already performed.
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        self._rewind(actions.redo)
        self._applied = True

    def undo(self) -> None:
        self._rewind(actions.undo)
        self._applied = False

    def _rewind(self, step: Callable[[Database, Done[Any]], None]) -> None:
        try:
            step(self._store.database, self._done)
        except Exception as exc:  # someone changed a row since, a lost server
            log.warning("could not rewind %s: %s", self.text(), exc)
            self.setObsolete(True)
            self._store.failed.emit(exc)
            return
        self._store.changed.emit(self._done.kinds)
