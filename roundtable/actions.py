"""Actions: every change a user can make, run the same way by the app and the command line.

An :class:`Action` is a label ("Withdraw 3 invitations"), the kinds of data it
touches and a function that makes the change in a session. Each feature package
builds its actions in its ``actions`` module with factories registered by
:func:`action`::

    @action("invitations")
    def withdraw(invitation_ids: Sequence[int], reason: str, *, by: Party) -> Action[None]:
        def run(session: Session) -> None:
            ...
        return Action(_("Withdraw invitation"), run)

:func:`perform` runs an action in one transaction while
:mod:`roundtable.storage.changesets` notes every row it changes, and returns a
:class:`Done` holding the result and that change set. :func:`undo` puts the rows
back as they were and :func:`redo` forward again, so no action writes an undo of
its own and every undo restores exactly what its action changed: links, history
rows, positions, ids and version counters included.

Some changes cannot be undone: an erasure must not be reversible, a merge moves
too much history. Their actions say ``undoable=False, forgets_history=True``; the
app then clears its undo history, because older steps may name what they
removed. An action that only records something (an export's audit row) says
``undoable=False``: nothing to undo, and the history stays.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from roundtable.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from roundtable.storage.changesets import ChangeSet
    from roundtable.storage.db import Database

T = TypeVar("T")
P = ParamSpec("P")

#: The kinds of data a change can touch; the app's pages refresh on the kinds they show.
KINDS = frozenset(
    {
        "roundtables",
        "invitations",
        "questions",
        "minutes",
        "action_items",
        "follow_ups",
        "people",
        "organisations",
        "statements",
        "audit",
        "settings",
    }
)

#: Which kind of data each table holds.
TABLE_KINDS: dict[str, str] = {
    "organisation": "organisations",
    "person": "people",
    "roundtable": "roundtables",
    "roundtable_event": "roundtables",
    "invitation": "invitations",
    "invitation_event": "invitations",
    "question": "questions",
    "agenda_item": "minutes",
    "minute_note": "minutes",
    "action_item": "action_items",
    "follow_up": "follow_ups",
    "statement": "statements",
    "statement_section": "statements",
    "reference": "statements",
    "statement_update": "statements",
    "statement_roundtable": "statements",
    "audit_entry": "audit",
    "database_info": "settings",
}

_REGISTRY: dict[str, Callable[..., Action[Any]]] = {}


@dataclass(frozen=True)
class Action(Generic[T]):
    """One change a user can make: what it is called, and the function that makes it.

    ``run`` receives a session inside the transaction :func:`perform` opened;
    it checks what it needs and raises a :class:`~roundtable.errors.RoundtableError`
    to refuse, in which case nothing is written. Its return value (an id, a
    report) is handed back by :func:`perform`.
    """

    label: str
    run: Callable[[Session], T]
    #: Set by :func:`action` from the factory's registration.
    name: str = ""
    kinds: frozenset[str] = field(default_factory=frozenset)
    undoable: bool = True
    #: The app forgets its undo history after this action (erasure, merge).
    forgets_history: bool = False


@dataclass(frozen=True)
class Done(Generic[T]):
    """An action that was performed: its result, and every row it changed."""

    action: Action[T]
    result: T
    changes: ChangeSet

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of data that changed, as the change set shows them."""
        return kinds_of(self.changes.tables) | self.action.kinds


def action(
    *kinds: str, undoable: bool = True, forgets_history: bool = False
) -> Callable[[Callable[P, Action[T]]], Callable[P, Action[T]]]:
    """Register an action factory; the :class:`Action` it returns gets its name and kinds."""
    unknown = set(kinds) - KINDS
    if unknown:
        raise ValueError(f"unknown kinds of data: {sorted(unknown)}")

    def decorate(factory: Callable[P, Action[T]]) -> Callable[P, Action[T]]:
        name = f"{factory.__module__.removeprefix('roundtable.')}.{factory.__name__}"
        if name in _REGISTRY:
            raise ValueError(f"two actions are called {name}")

        @functools.wraps(factory)
        def build(*args: P.args, **kwargs: P.kwargs) -> Action[T]:
            made = factory(*args, **kwargs)
            return replace(
                made,
                name=name,
                kinds=frozenset(kinds),
                undoable=undoable,
                forgets_history=forgets_history,
            )

        build.action_name = name  # type: ignore[attr-defined]
        _REGISTRY[name] = build
        return build

    return decorate


def action_modules() -> list[str]:
    """The modules that hold actions: every ``actions.py`` and ``*_actions.py`` of the core."""
    root = Path(__file__).resolve().parent
    found = [
        ".".join(("roundtable", *path.relative_to(root).with_suffix("").parts))
        for path in root.rglob("*actions.py")
        if (path.name == "actions.py" and path.parent != root) or path.name.endswith("_actions.py")
    ]
    return sorted(found)


def registered_actions() -> dict[str, Callable[..., Action[Any]]]:
    """Every action factory of the core, by name ("meetings.invitation_actions.withdraw")."""
    for module in action_modules():
        importlib.import_module(module)
    return dict(sorted(_REGISTRY.items()))


def kinds_of(tables: Iterable[str]) -> frozenset[str]:
    """The kinds of data held by the given tables."""
    return frozenset(TABLE_KINDS[name] for name in tables if name in TABLE_KINDS)


def perform(database: Database, action: Action[T]) -> Done[T]:
    """Run ``action`` in one transaction, noting every row it changes; committed on success.

    A refusal or any other error rolls the whole transaction back and
    propagates; nothing is written then.
    """
    from roundtable.storage.changesets import recording

    with database.transaction() as session, recording(session) as recorder:
        result = action.run(session)
        changes = recorder.changes()
    return Done(action, result, changes)


def undo(database: Database, done: Done[Any]) -> None:
    """Put every row ``done`` changed back as it was; refuses when someone changed one since."""
    _rewind(database, done, forward=False)


def redo(database: Database, done: Done[Any]) -> None:
    """Make ``done``'s change again, row for row; refuses when someone changed one since."""
    _rewind(database, done, forward=True)


def _rewind(database: Database, done: Done[Any], *, forward: bool) -> None:
    from roundtable.errors import UndoConflictError
    from roundtable.storage.audit import record_audit
    from roundtable.storage.rewind import restore

    if not done.action.undoable:
        raise UndoConflictError(_("“{label}” cannot be undone.").format(label=done.action.label))
    with database.transaction() as session:
        restore(session, done.changes, forward=forward, label=done.action.label)
        # The audit log is an account of what happened: it keeps the first
        # entries and says that they were undone (or done again).
        for audited, _detail in done.changes.audit:
            record_audit(
                session,
                f"{audited}.redo" if forward else f"{audited}.undo",
                detail={"action": done.action.name},
            )
