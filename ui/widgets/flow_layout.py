"""A layout that wraps its widgets onto new lines, keeping groups of buttons together.

Button rows (a roundtable's lifecycle actions, the invitations toolbar, the
minutes' buttons) must show every button's whole label in English and in the
longer Dutch, at any window width: this layout breaks a row between groups
first, and inside a group only when the group alone does not fit.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto a new line when the width runs out.

    Widgets come in groups (:meth:`add_group`): a group stays on one line whenever
    a line has room for all of it, and groups are set apart by a wider gap, so a
    row of buttons breaks between related actions rather than inside them. A row
    needs no more width than its widest button, so every button keeps its whole
    text in any language, however narrow the window.
    """

    def __init__(self, parent: QWidget | None = None, *, group_gap: int = 14) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._groups: list[int] = []
        self._group = 0
        self._group_gap = group_gap
        self.setContentsMargins(0, 0, 0, 0)

    def add_group(self, widgets: Iterable[QWidget]) -> None:
        """Add widgets that belong together, after a gap from the group before."""
        self._group += 1
        for widget in widgets:
            self.addWidget(widget)

    # -- QLayout -------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._groups.append(self._group)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self._groups.pop(index)
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        spacing = self._spacing()
        width = height = 0
        previous: int | None = None
        for item, group in self._visible():
            hint = item.sizeHint()
            if previous is not None:
                width += self._group_gap if group != previous else spacing
            width += hint.width()
            height = max(height, hint.height())
            previous = group
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """The widest and the tallest item: one item a line."""
        size = QSize(0, 0)
        for item, _group in self._visible():
            size = size.expandedTo(item.sizeHint())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- internals -----------------------------------------------------------------
    def _visible(self) -> list[tuple[QLayoutItem, int]]:
        return [(i, g) for i, g in zip(self._items, self._groups, strict=True) if not i.isEmpty()]

    def _spacing(self) -> int:
        spacing = self.spacing()
        if spacing < 0:
            parent = self.parentWidget()
            style = parent.style() if parent is not None else QApplication.style()
            spacing = style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)
        return max(spacing, 0) or 6

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Place the items in ``rect`` (or only measure); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        width = max(area.width(), 1)
        spacing = self._spacing()
        lines: list[list[tuple[QLayoutItem, int, QSize]]] = [[]]
        x = 0
        visible = self._visible()
        start = 0
        while start < len(visible):
            group = visible[start][1]
            end = start
            while end < len(visible) and visible[end][1] == group:
                end += 1
            members = [item for item, _ in visible[start:end]]
            sizes = [self._size_within(item, width) for item in members]
            whole = sum(s.width() for s in sizes) + spacing * (len(sizes) - 1)
            if lines[-1] and x + self._group_gap + whole > width and whole <= width:
                lines.append([])  # the whole group fits on a line of its own
                x = 0
            for position, (item, size) in enumerate(zip(members, sizes, strict=True)):
                if lines[-1]:
                    gap = self._group_gap if position == 0 else spacing
                    if x + gap + size.width() > width:
                        lines.append([])
                        x = 0
                    else:
                        x += gap
                lines[-1].append((item, x, size))
                x += size.width()
            start = end
        y = area.y()
        for line in (line for line in lines if line):
            height = max(size.height() for _, _, size in line)
            if apply:
                for item, left, size in line:
                    top = y + (height - size.height()) // 2  # centred on the line
                    item.setGeometry(QRect(QPoint(area.x() + left, top), size))
            y += height + spacing
        used = y - spacing - area.y() if any(lines) else 0
        return used + margins.top() + margins.bottom()

    @staticmethod
    def _size_within(item: QLayoutItem, width: int) -> QSize:
        hint = item.sizeHint()
        return QSize(min(hint.width(), width), hint.height())
