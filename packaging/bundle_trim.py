"""What the frozen Roundtable leaves out: Qt modules, plugins and translations it never uses.

Shared by ``roundtable.spec`` (Python modules, the final check) and the Qt
hooks in ``pyinstaller_hooks/`` (plugins and translations, filtered before
PyInstaller follows their library dependencies, so a dropped plugin does not
leave its libraries behind). The app itself imports only QtCore, QtGui and
QtWidgets; Qt loads the SVG icon through the ``qsvgicon`` plugin.
"""

from __future__ import annotations

from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parent.parent

#: Python modules never imported at run time. The Qt bindings would otherwise
#: come in through PySide6's hooks or through optional imports.
EXCLUDED_MODULES = (
    "tkinter",
    # Optional imports of our dependencies that Roundtable never reaches:
    # jsonschema fetches remote $refs with requests (ours are all local), mako
    # highlights template errors with pygments, icalendar can use pytz instead
    # of zoneinfo, psycopg adapts numpy numbers.
    *("requests", "urllib3", "qh3", "jh2", "h11", "charset_normalizer", "certifi"),
    *("pygments", "pytz", "PIL", "numpy"),
    *("doctest", "pdb", "pydoc", "unittest"),
    *(
        f"PySide6.{name}"
        for name in (
            "QtNetwork", "QtQml", "QtQuick", "QtQuickWidgets", "QtOpenGL", "QtOpenGLWidgets",
            "QtPdf", "QtDBus", "QtSql", "QtTest", "QtXml", "QtConcurrent", "QtDesigner",
            "QtUiTools", "QtHelp", "QtMultimedia", "QtWebEngineCore", "QtWebEngineWidgets",
            "Qt3DCore", "QtSvg", "QtSvgWidgets", "QtPrintSupport",
        )
    ),
)  # fmt: skip

#: Qt plugins kept, by plugin folder; a folder not named here is dropped whole
#: (``None``: every plugin of the folder). Platforms: the desktop ones (X11,
#: Wayland, Windows, macOS) and offscreen for servers and tests. Image
#: formats: SVG for the icon, ICO for Windows, JPEG and GIF for pictures.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qdirect2d", "qcocoa"}),
    # The portal theme gives native file dialogs on GNOME and KDE alike; the
    # GTK 3 theme would bring GTK's whole stack (cairo, pango…) into the bundle.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "iconengines": frozenset({"qsvgicon"}),
    "imageformats": frozenset({"qsvg", "qico", "qjpeg", "qgif"}),
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
    "styles": None,  # the native look on Windows and macOS
}

#: Qt libraries no kept part uses. The build stops if anything kept still
#: links to one of them (``roundtable.spec``'s check).
DROPPED_QT_LIBRARIES = frozenset(
    {
        "Qt6Network", "Qt6Qml", "Qt6QmlModels", "Qt6QmlMeta", "Qt6QmlWorkerScript",
        "Qt6Quick", "Qt6Pdf", "Qt6VirtualKeyboard", "Qt6EglFSDeviceIntegration",
        "Qt6EglFsKmsSupport", "Qt6EglFsKmsGbmSupport", "Qt6Sql", "Qt6PrintSupport",
    }
)  # fmt: skip


def app_languages() -> frozenset[str]:
    """The languages Roundtable speaks: those of its built-in templates (``en``, ``nl``)."""
    templates = ROOT / "resources" / "templates"
    return frozenset(p.name for p in templates.iterdir() if p.is_dir() and len(p.name) == 2)


def qt_parts(dest: str) -> tuple[str, ...] | None:
    """(``plugins``, folder, name) or (``translations``, file) for a Qt file in the bundle."""
    parts = PurePath(dest).parts
    if "PySide6" not in parts:
        return None
    parts = parts[parts.index("PySide6") + 1 :]
    if parts and parts[0] == "Qt":
        parts = parts[1:]
    if len(parts) == 3 and parts[0] == "plugins":
        name = PurePath(parts[2]).name.split(".")[0]
        return ("plugins", parts[1], name.removeprefix("lib"))
    if len(parts) == 2 and parts[0] == "translations":
        return ("translations", parts[1])
    return None


def library_name(path: str) -> str:
    """``Qt6Network`` for ``…/libQt6Network.so.6``, ``Qt6Network.dll`` or ``QtNetwork.framework/…``."""
    for part in PurePath(path).parts:
        if part.endswith(".framework"):
            return "Qt6" + part.removesuffix(".framework").removeprefix("Qt")
    return PurePath(path).name.split(".")[0].removeprefix("lib")


def keep(dest: str, languages: frozenset[str] | None = None) -> bool:
    """Whether the file collected to ``dest`` (a path inside the bundle) stays in it."""
    if library_name(dest) in DROPPED_QT_LIBRARIES:
        return False
    qt = qt_parts(dest)
    if qt is None:
        return True
    if qt[0] == "translations":
        # Qt's own strings (standard buttons, file dialogs), for our languages only.
        stem = PurePath(qt[1]).stem
        wanted = app_languages() if languages is None else languages
        return stem.startswith("qtbase_") and stem.removeprefix("qtbase_") in wanted
    _kind, folder, name = qt
    if folder not in KEPT_PLUGINS:
        return False
    wanted_plugins = KEPT_PLUGINS[folder]
    return wanted_plugins is None or name in wanted_plugins


def trim_hook_result(
    binaries: list[tuple[str, str]], datas: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """A Qt hook's (source, destination folder) lists without what :func:`keep` drops."""
    languages = app_languages()

    def kept(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [
            (source, folder)
            for source, folder in entries
            if keep(str(PurePath(folder) / PurePath(source).name), languages)
        ]

    return kept(binaries), kept(datas)
