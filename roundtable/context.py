"""Who is acting and what time it is, in one place so tests can pin both.

History and audit rows record the acting user and the time of the change.
The actor defaults to ``ROUNDTABLE_USER`` or the operating-system user; the
clock defaults to the system clock in UTC. Exports are reproducible given the
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


def actor() -> str:
    """The name recorded as the author of history and audit rows."""
    if _actor:
        return _actor
    env = os.environ.get("ROUNDTABLE_USER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:  # no user database entry (containers); a name is still needed
        return "unknown"


def set_actor(name: str | None) -> None:
    """Set the acting user's name for this process (``None`` restores the default)."""
    global _actor
    _actor = name.strip() if name else None


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
