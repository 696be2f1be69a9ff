"""Who is acting and what time it is, in one place so tests can pin both.

History and audit rows record the acting user and the time of the change.
The actor is the name set by :func:`set_actor` (the ``--user`` option), else
``ROUNDTABLE_USER``, else the operating-system user. It is a label for
accountability, not a login: on a team server the database role is what the
server checks. The clock defaults to the system clock in UTC. Exports are reproducible given the
same data and the same clock.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

_clock: Callable[[], datetime] | None = None
_actor: str | None = None


def now() -> datetime:
    """The current time, timezone-aware in UTC, without microseconds."""
    value = _clock() if _clock is not None else datetime.now(UTC)
    return value.astimezone(UTC).replace(microsecond=0)


ENV_ACTOR = "ROUNDTABLE_USER"


def actor() -> str:
    """The name recorded as the author of history and audit rows."""
    return _actor_and_source()[0]


def actor_source() -> str:
    """Where :func:`actor` came from: ``"set"`` (``--user``), ``"environment"`` or ``"system"``."""
    return _actor_and_source()[1]


def _actor_and_source() -> tuple[str, str]:
    if _actor:
        return _actor, "set"
    env = os.environ.get(ENV_ACTOR, "").strip()
    if env:
        return env, "environment"
    try:
        return getpass.getuser(), "system"
    except Exception:  # no user database entry (containers); a name is still needed
        return "unknown", "system"


def set_actor(name: str | None) -> None:
    """Set the acting user's name for this process (``None`` restores the default)."""
    global _actor
    _actor = name.strip() if name else None


@contextmanager
def acting_as(name: str | None) -> Iterator[None]:
    """Make :func:`actor` return ``name`` inside the block (``None``: leave it as it is)."""
    global _actor
    previous = _actor
    if name is not None:
        set_actor(name)
    try:
        yield
    finally:
        _actor = previous


@contextmanager
def frozen_clock(at: datetime) -> Iterator[None]:
    """Make :func:`now` return ``at`` inside the block (tests, reproducible exports)."""
    global _clock
    if at.tzinfo is None:
        raise ValueError("frozen_clock needs a timezone-aware datetime")
    previous = _clock
    _clock = lambda: at  # noqa: E731
    try:
        yield
    finally:
        _clock = previous
