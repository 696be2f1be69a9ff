"""When a step happened: "now", or a date and time the coordinator types, in a zone.

Coordinators mostly record after the fact ("we were invited on 15 August"). A
:class:`WhenEdit` shows the current time until the user changes it; then it
holds that moment, in bold so it is plain that the next steps are dated back,
until *Now* puts it back. :meth:`WhenEdit.when` hands the page what an action's
``at`` takes: ``None`` for now, else naive wall time in the zone shown beside
the field (the roundtable's), to the minute.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from roundtable import context
from roundtable_ui.widgets.timezone_combo import WallTimeEdit, in_zone, wall_time

#: How often the field follows the clock while it says "now" (milliseconds).
_TICK_MS = 30_000


class WhenEdit(QWidget):
    """A date-time field for when a step happened, defaulting to now, with its zone shown.

    :attr:`changed` is emitted whenever :meth:`when` changes (typed, or back to now).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zone = "UTC"
        self._now = True
        self._setting = False

        self.edit = WallTimeEdit(self)
        self.edit.setAccessibleName(self.tr("When it happened"))
        self.edit.setToolTip(
            self.tr(
                "When it happened: the steps you record next are dated at this time. "
                "Leave it at now, or type the date it really happened."
            )
        )
        self.zone_label = QLabel(self)
        self.zone_label.setEnabled(False)  # a quiet note beside the field
        self.now_button = QToolButton(self)
        self.now_button.setText(self.tr("Now"))
        self.now_button.setAccessibleName(self.tr("Set to now"))
        self.now_button.setToolTip(self.tr("Date the next steps at the moment they are recorded"))
        self.now_button.clicked.connect(self.reset)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.zone_label)
        layout.addWidget(self.now_button)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusProxy(self.edit)
        # A label's mnemonic reaches its buddy only when the buddy takes focus itself.
        self.setFocusPolicy(self.edit.focusPolicy())

        self.edit.dateTimeChanged.connect(self._edited)
        self._timer = QTimer(self)
        self._timer.setInterval(_TICK_MS)
        self._timer.timeout.connect(self._follow_the_clock)
        self._timer.start()
        self.set_zone("UTC")

    # -- what the page reads ---------------------------------------------------------
    def when(self) -> datetime | None:
        """``None`` for now, else the naive wall time shown (in :meth:`zone`), to the minute."""
        return None if self._now else self.edit.wall_time()

    def moment(self) -> datetime | None:
        """``None`` for now, else the time shown as an aware moment in :meth:`zone`."""
        wall = self.when()
        return None if wall is None else in_zone(wall, self._zone)

    def problem(self) -> str:
        """Why the time typed cannot be when something happened ("" when it can)."""
        moment = self.moment()
        if moment is not None and moment > context.now():
            return self.tr(
                "“When it happened” is later than now (%1); type the time it really happened, "
                "or press Now."
            ).replace("%1", self.edit.text())
        return ""

    def is_now(self) -> bool:
        """Whether the field says "now" (the user has not typed a time)."""
        return self._now

    def zone(self) -> str:
        """The zone the time is read in (the roundtable's)."""
        return self._zone

    # -- what the page sets ----------------------------------------------------------
    def set_zone(self, zone: str) -> None:
        """Read and show times in ``zone``; a typed time keeps its wall time."""
        self._zone = zone
        self.zone_label.setText(zone)
        self.edit.setAccessibleDescription(self.tr("Times in %1").replace("%1", zone))
        self._follow_the_clock()

    def set_when(self, wall: datetime | None) -> None:
        """Show ``wall`` (naive, in :meth:`zone`), or now for ``None``."""
        if wall is None:
            self.reset()
            return
        self._show(wall)
        self._mark(now=False)

    def reset(self) -> None:
        """Back to now."""
        self._mark(now=True)
        self._follow_the_clock()

    # -- internals -------------------------------------------------------------------
    def _show(self, wall: datetime) -> None:
        self._setting = True
        try:
            self.edit.set_wall_time(wall)
        finally:
            self._setting = False

    def _follow_the_clock(self) -> None:
        if self._now and not self.edit.hasFocus():
            self._show(wall_time(context.now(), self._zone))

    def _edited(self, *_: object) -> None:
        if self._setting:
            return
        if self._now and self.edit.wall_time() == wall_time(context.now(), self._zone).replace(
            second=0
        ):
            return  # the time it is: still now
        self._mark(now=False)
        self.changed.emit()

    def _mark(self, *, now: bool) -> None:
        was = self._now
        self._now = now
        font = self.edit.font()
        font.setBold(not now)
        self.edit.setFont(font)
        self.now_button.setEnabled(not now)
        if was != now and now:
            self.changed.emit()
