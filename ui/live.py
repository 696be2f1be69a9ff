"""Noticing other people's changes: a timer that polls the database's change marker.

Every transaction that writes bumps one row's counter (see
:mod:`roundtable.storage.changes`); reading it is one primary-key query, cheap enough
to do every two seconds on SQLite and on a team's PostgreSQL server alike. When
the counter moved, :class:`ChangeWatcher` emits :attr:`ChangeWatcher.changed`
and the window refreshes what it shows.

The core modules are imported when a watcher is made for an open database, not
when this module is imported: the main window imports it before the database is open.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

if TYPE_CHECKING:
    from roundtable.storage.changes import ChangeStamp
    from roundtable.storage.db import Database

log = logging.getLogger("roundtable_ui.live")

#: How often the marker is read, in milliseconds: "within a few seconds".
DEFAULT_INTERVAL_MS = 2000
#: The longest wait between two polls while the database cannot be read. Each
#: failed read of a lost server may block for the connect timeout, so the
#: watcher backs off instead of freezing the window every two seconds.
MAX_BACKOFF_MS = 30_000


class ChangeWatcher(QObject):
    """Polls the change marker of one database and says when it moved.

    Reads it with the core's :func:`~roundtable.storage.changes.read_change_marker`,
    and knows this window's own saves from
    :func:`~roundtable.storage.changes.own_counters`.
    """

    #: The marker moved since the last poll: a :class:`~roundtable.storage.changes.ChangeStamp`.
    changed = Signal(object)
    #: Reading the marker started failing (the server went away); a sentence to show.
    #: Emitted once per run of failures, not on every poll.
    failed = Signal(str)
    #: Reading works again after a failure.
    recovered = Signal()

    def __init__(
        self,
        database: Database,
        parent: QObject | None = None,
        interval_ms: int = DEFAULT_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        from roundtable.storage.changes import own_counters

        self._database = database
        #: Marker values this window's own saves wrote: seeing only those is no news.
        self._own = own_counters(database.sessions)
        self._last: ChangeStamp | None = None
        self._failing = False
        self._interval = interval_ms
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    # --- public ---

    @property
    def interval(self) -> int:
        """Milliseconds between two polls while the database can be read."""
        return self._interval

    @property
    def current_interval(self) -> int:
        """Milliseconds to the next poll now: :attr:`interval`, or longer while failing."""
        return self._timer.interval()

    def set_interval(self, interval_ms: int) -> None:
        """Poll every ``interval_ms`` milliseconds from now on (tests use ~50)."""
        self._interval = interval_ms
        self._timer.setInterval(interval_ms)

    @property
    def last_stamp(self) -> ChangeStamp | None:
        """The marker as last read, ``None`` before the first successful read."""
        return self._last

    @property
    def is_active(self) -> bool:
        return self._timer.isActive()

    @property
    def is_failing(self) -> bool:
        """Whether the last poll could not read the marker."""
        return self._failing

    def start(self) -> None:
        """Take the marker as it is now as the starting point, then poll on the timer.

        What the window shows was read just before, so only later changes count.
        """
        self._last = self._read()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> ChangeStamp | None:
        """Read the marker once; emit :attr:`changed` if it moved. Returns what was read."""
        stamp = self._read()
        if stamp is None:
            return None
        previous, self._last = self._last, stamp
        # Unknown before (the first read failed): the window may be missing changes too.
        if previous is None:
            self.changed.emit(stamp)
        elif stamp.counter != previous.counter:
            between = range(previous.counter + 1, stamp.counter + 1)
            if not (stamp.counter > previous.counter and all(c in self._own for c in between)):
                self.changed.emit(stamp)
        return stamp

    # --- private ---

    def _read(self) -> ChangeStamp | None:
        from roundtable.storage.changes import read_change_marker

        try:
            stamp = read_change_marker(self._database.engine)
        except Exception as exc:  # a lost server, a locked file: never a dialog per poll
            backoff = max(self._interval, min(self._timer.interval() * 2, MAX_BACKOFF_MS))
            self._timer.setInterval(backoff)
            if not self._failing:
                self._failing = True
                log.warning("cannot check the database for changes by others: %s", exc)
                message = QCoreApplication.translate(
                    "ChangeWatcher", "Cannot check for changes by others: %1"
                ).replace("%1", _first_line(exc))
                self.failed.emit(message)
            return None
        if self._failing:
            self._failing = False
            self._timer.setInterval(self._interval)
            log.info("checking the database for changes by others again")
            self.recovered.emit()
        return stamp


def _first_line(exc: BaseException) -> str:
    # Driver messages run over several lines (SQL, background link); the first says it.
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
