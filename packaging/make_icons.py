#!/usr/bin/env python3
"""Render Roundtable's icon from its SVG into PNG sizes and the Windows and macOS icon files.

    python packaging/make_icons.py [OUTPUT_FOLDER]      (default: build/icons)

writes, under the output folder:

    hicolor/scalable/apps/org.roundtable.Roundtable.svg
    hicolor/NxN/apps/org.roundtable.Roundtable.png      N = 16, 22, 24, 32, 48, 64, 128, 256, 512
    roundtable.ico                                      Windows (PNG-compressed, 16…256)
    roundtable.icns                                     macOS (PNG-compressed, 16…1024)

The ``hicolor`` tree is laid out as the freedesktop icon theme specification
wants it under ``share/icons``. Nothing here is kept in git: the SVG is the
source and Qt's own SVG renderer (QSvgRenderer, the one that draws the window
icon) makes the rest at build time, so the pictures can never drift apart.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "roundtable.svg"
#: One application id, shared by the .desktop file, the metainfo, the icons and Qt.
APP_ID = "org.roundtable.Roundtable"
#: The PNG sizes installed into the hicolor theme (the sizes desktops ask for).
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
#: Windows shows 16…256; a 256 entry must exist for large icon views.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: macOS icon types that hold PNG data, with the pixel size each one holds.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt at 2x
    (b"ic11", 32),  # 16 pt at 2x
    (b"ic12", 64),  # 32 pt at 2x
    (b"ic13", 256),  # 128 pt at 2x
    (b"ic14", 512),  # 256 pt at 2x
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class IconError(Exception):
    """The icon could not be rendered; the message says why."""


def render_png(svg: Path, size: int) -> bytes:
    """The SVG file ``svg`` drawn on a transparent ``size``×``size`` square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if size < 1:
        raise IconError(f"An icon size must be at least 1 pixel, not {size}.")
    _check_svg(svg)
    _ensure_gui_application()
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise IconError(f"{svg} is not an SVG image Qt can draw.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise IconError(f"Qt could not encode the {size} px icon as PNG.")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico file holding the given PNG images (size in pixels → PNG bytes).

    Windows Vista and later read PNG images inside .ico files; every size up
    to 256 is stored that way (an entry's width byte 0 means 256).
    """
    sizes = sorted(pngs)
    if not sizes:
        raise IconError("An .ico file needs at least one image.")
    for size in sizes:
        if not 1 <= size <= 256:
            raise IconError(f"An .ico image must be 1 to 256 pixels wide, not {size}.")
        _check_png(pngs[size], size)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        byte = size % 256  # 256 is written as 0
        entries += struct.pack("<BBBBHHII", byte, byte, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns file holding the given PNG images (size in pixels → PNG bytes).

    Each ICNS type in :data:`ICNS_TYPES` whose pixel size is in ``pngs`` is written.
    """
    chunks = b""
    for kind, size in ICNS_TYPES:
        if size not in pngs:
            continue
        data = pngs[size]
        _check_png(data, size)
        chunks += kind + struct.pack(">I", 8 + len(data)) + data
    if not chunks:
        raise IconError("An .icns file needs at least one image of a size macOS knows.")
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def write_icons(output: Path, svg: Path = SVG) -> list[Path]:
    """Write the hicolor tree, ``roundtable.ico`` and ``roundtable.icns`` under ``output``.

    Returns the files written. Files already up to date (newer than the SVG)
    are rendered again anyway: it takes well under a second.
    """
    if not svg.is_file():
        raise IconError(f"The icon's source {svg} does not exist.")
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render_png(svg, size) for size in sizes}
    written: list[Path] = []

    scalable = output / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    for size in PNG_SIZES:
        target = output / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
        written.append(target)
    ico = output / "roundtable.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = output / "roundtable.icns"
    icns.write_bytes(icns_bytes(pngs))
    written += [ico, icns]
    return written


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise IconError("The data is not a PNG image.")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _check_svg(svg: Path) -> None:
    # Checked here so that the error is a sentence, not a Qt warning on stderr.
    try:
        root = ElementTree.parse(svg).getroot()
    except ElementTree.ParseError as exc:
        raise IconError(f"{svg} is not an SVG image Qt can draw: {exc}.") from None
    if root.tag not in {"svg", f"{{{SVG_NAMESPACE}}}svg"}:
        raise IconError(f"{svg} is not an SVG image Qt can draw: its root is <{root.tag}>.")


def _check_png(data: bytes, size: int) -> None:
    if png_size(data) != (size, size):
        raise IconError(f"The {size} px image is {png_size(data)} pixels, not {size}×{size}.")


def _ensure_gui_application() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        # Build machines have no screen; rendering needs none.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        global _app
        _app = QGuiApplication(["make_icons"])


_app: object = None


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    output = Path(args[0]) if args else ROOT / "build" / "icons"
    try:
        written = write_icons(output)
    except (IconError, OSError) as exc:
        print(f"make_icons: error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} icon files under {output}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
