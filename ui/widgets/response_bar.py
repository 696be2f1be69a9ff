"""The response bar: how an invitation list stands, as coloured segments.

Accepted, tentative, declined, awaiting an answer, withdrawn: the five
segments the dashboard draws for each upcoming roundtable. A delegate paints
it inside a table cell with each segment's number written in it (where the
number fits; the tooltip and the accessible text spell every one out).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from roundtable_ui.formatting import STATUS_COLOURS
from roundtable_ui.i18n import QT_TRANSLATE_NOOP
from roundtable_ui.models.row_table_model import SORT_ROLE

#: The segments in drawing order, each with the invitation statuses it counts.
SEGMENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("accepted", ("accepted", "attended")),
    ("tentative", ("tentative",)),
    ("declined", ("declined",)),
    ("awaiting", ("invited", "no_response")),
    ("withdrawn", ("withdrawn",)),
)

#: Each segment's name in the legend (translated in the "ResponseBar" context).
_LABELS = {
    "accepted": QT_TRANSLATE_NOOP("ResponseBar", "accepted"),
    "tentative": QT_TRANSLATE_NOOP("ResponseBar", "tentative"),
    "declined": QT_TRANSLATE_NOOP("ResponseBar", "declined"),
    "awaiting": QT_TRANSLATE_NOOP("ResponseBar", "no response"),
    "withdrawn": QT_TRANSLATE_NOOP("ResponseBar", "withdrawn"),
}
#: Each segment with its number, whole, so a translation can order the two its own way.
_COUNT_LABELS = {
    "accepted": QT_TRANSLATE_NOOP("ResponseBar", "%1 accepted"),
    "tentative": QT_TRANSLATE_NOOP("ResponseBar", "%1 tentative"),
    "declined": QT_TRANSLATE_NOOP("ResponseBar", "%1 declined"),
    "awaiting": QT_TRANSLATE_NOOP("ResponseBar", "%1 no response"),
    "withdrawn": QT_TRANSLATE_NOOP("ResponseBar", "%1 withdrawn"),
}

#: The role under which a cell hands the delegate its counts by status.
COUNTS_ROLE = SORT_ROLE + 10


def segment_counts(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """The five segments with their numbers, from counts by invitation status."""
    return [(name, sum(counts.get(s, 0) for s in statuses)) for name, statuses in SEGMENTS]


def describe(counts: Mapping[str, int]) -> str:
    """``11 accepted · 3 tentative · 5 declined · 20 no response · 1 withdrawn``."""
    parts = [
        QCoreApplication.translate("ResponseBar", _COUNT_LABELS[name]).replace("%1", str(n))
        for name, n in segment_counts(counts)
        if n
    ]
    return " · ".join(parts) or QCoreApplication.translate("ResponseBar", "nobody invited yet")


def legend_html() -> str:
    """The bar's colours explained, as a line of rich text."""
    items = [
        f'<span style="color:{STATUS_COLOURS[name]}">■</span>&nbsp;'
        + QCoreApplication.translate("ResponseBar", _LABELS[name])
        for name, _statuses in SEGMENTS
    ]
    return "&nbsp;&nbsp; ".join(items)


def text_colour(background: str) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    colour = QColor(background)
    luminance = 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()
    return QColor("#1b1b1b") if luminance > 150 else QColor("#ffffff")


def bar_layout(
    counts: Mapping[str, int], rect: QRect, metrics: QFontMetrics
) -> list[tuple[str, QRect, str]]:
    """Each drawn segment: its name, its rectangle in ``rect`` and the number written in it.

    The number is "" where it would not fit in its segment (the tooltip has it).
    """
    segments = [(name, n) for name, n in segment_counts(counts) if n]
    total = sum(n for _name, n in segments)
    laid: list[tuple[str, QRect, str]] = []
    x = rect.left()
    for position, (name, n) in enumerate(segments):
        last = position == len(segments) - 1
        width = rect.right() - x + 1 if last else round(rect.width() * n / total)
        box = QRect(x, rect.top(), max(width, 1), rect.height())
        number = str(n)
        fits = metrics.horizontalAdvance(number) + 4 <= box.width()
        laid.append((name, box, number if fits else ""))
        x += width
    return laid


class ResponseBarDelegate(QStyledItemDelegate):
    """Paints the counts found under :data:`COUNTS_ROLE` as a segmented bar."""

    #: Wide enough for every number of a roundtable of a few dozen invitees.
    BAR_WIDTH = 240

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        if isinstance(index.data(COUNTS_ROLE), Mapping):
            hint.setWidth(max(hint.width(), self.BAR_WIDTH))
        return hint

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        counts = index.data(COUNTS_ROLE)
        if not isinstance(counts, Mapping):
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        rect = option.rect.adjusted(4, 3, -4, -3)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ecf0f1"))
        painter.drawRoundedRect(rect, 3, 3)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        laid = bar_layout(counts, rect, QFontMetrics(font))
        if not laid:
            painter.setPen(QColor("#5d6d7e"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, describe(counts))
        for name, box, number in laid:
            colour = STATUS_COLOURS[name]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRect(box)
            if number:
                painter.setPen(text_colour(colour))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, number)
        painter.restore()
