"""Turn a rendered HTML statement (or handout) into PDF bytes with Qt's own text engine.

Used by the statement preview's Export… and, lazily, by ``roundtable render
--format pdf``: the command line has no window, so :func:`ensure_gui_application`
starts an offscreen :class:`QGuiApplication` when none is running.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

#: Print resolution: fine enough for text, small enough for quick files.
RESOLUTION = 300


def ensure_gui_application() -> QCoreApplication:
    """The running Qt application, or a new offscreen :class:`QGuiApplication` (command line)."""
    app = QCoreApplication.instance()
    if app is not None:
        return app
    # No window is ever shown: never ask for a display (servers, CI, ssh).
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["roundtable"])


def html_to_pdf(html: str, *, title: str = "") -> bytes:
    """The PDF of ``html`` on A4 pages with 20 mm margins, as bytes (starting with ``%PDF``)."""
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("Roundtable")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.setHtml(html)
    if title:
        document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    document.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data())
