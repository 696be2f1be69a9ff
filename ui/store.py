"""The open database as the desktop app sees it: short reads, undoable writes, one signal.

Every page reads through :meth:`Store.read` (one short transaction, plain view
objects from :mod:`roundtable.queries` back) and writes through
:meth:`Store.perform`, which runs a core function in one transaction, saves it
at once (there is no Save button), and pushes an undo command. After every
write, undo or redo the store emits :attr:`Store.changed` with the kinds of
data that changed, and each page decides whether to refresh (the pattern of
Anki's ``operation_did_execute``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.orm import Session

from roundtable import actions
from roundtable.actions import Action, Done
from roundtable.storage.db import Database

log = logging.getLogger("ui.store")

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
        not pushed, and one that forgets the history clears the stack.
        """
        done = actions.perform(self.database, action)
        if action.undoable:
            self.undo_stack.push(_ActionCommand(self, done))
        elif action.forgets_history:
            self.undo_stack.clear()
        self.changed.emit(done.kinds)
        return done.result

    def perform(
        self,
        text: str,
        do: Callable[[Session], T],
        undo: Callable[[Session, T], Any],
        kinds: Iterable[str],
    ) -> T:
        """Do a change now (one transaction, saved at once) and make it undoable.

        ``do`` receives a session and returns whatever ``undo`` needs to put the
        database back (an id, a snapshot). Errors from the core propagate to the
        caller, which shows them; nothing is pushed then.
        """
        touched = frozenset(kinds)
        unknown = touched - KINDS
        if unknown:
            raise ValueError(f"unknown kinds of data: {sorted(unknown)}")
        result = self._write(do)
        self.undo_stack.push(_CoreCommand(self, text, do, undo, touched, result))
        self.changed.emit(touched)
        return result

    def perform_final(self, do: Callable[[Session], T], kinds: Iterable[str]) -> T:
        """Do a change that cannot be undone (an erasure, a merge) and forget the undo history.

        The undo stack is cleared: its commands hold snapshots (a person's old
        name and e-mail, say) that could bring back what the change removed, and
        commands recorded before it may no longer apply. The caller asks the user
        first.
        """
        touched = frozenset(kinds)
        unknown = touched - KINDS
        if unknown:
            raise ValueError(f"unknown kinds of data: {sorted(unknown)}")
        result = self._write(do)
        self.undo_stack.clear()
        self.changed.emit(touched)
        return result

    def notify_outside_change(self) -> None:
        """Someone else changed the database: every page refreshes."""
        self.changed.emit(KINDS)

    def _write(self, work: Callable[[Session], T]) -> T:
        with self.database.transaction() as session:
            return work(session)


class _CoreCommand(QUndoCommand, Generic[T]):
    """An undoable edit: ``do`` again on redo, ``undo`` with the state ``do`` returned."""

    def __init__(
        self,
        store: Store,
        text: str,
        do: Callable[[Session], T],
        undo: Callable[[Session, T], Any],
        kinds: frozenset[str],
        result: T,
    ) -> None:
        super().__init__(text)
        self._store = store
        self._do = do
        self._undo = undo
        self._kinds = kinds
        self._result = result
        # QUndoStack.push() calls redo() at once; the change was already made.
        self._done = True

    def redo(self) -> None:
        if self._done:
            return
        self._run(lambda session: self._do(session), store_result=True)
        self._done = True

    def undo(self) -> None:
        result = self._result
        self._run(lambda session: self._undo(session, result), store_result=False)
        self._done = False

    def _run(self, work: Callable[[Session], Any], *, store_result: bool) -> None:
        try:
            value = self._store._write(work)
        except Exception as exc:  # a core refusal, a conflict, a lost server
            log.warning("could not %s: %s", self.text(), exc)
            self.setObsolete(True)
            self._store.failed.emit(exc)
            return
        if store_result:
            self._result = value
        self._store.changed.emit(self._kinds)


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
