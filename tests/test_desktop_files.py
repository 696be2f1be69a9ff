"""The Linux desktop integration: .desktop file, AppStream metainfo, Flatpak manifest, icons.

The validators (``desktop-file-validate``, ``appstreamcli``) run when they are
installed; without them those two tests are skipped with the reason, except
in CI (``CI`` set), where dev.py installs them and a missing one fails.
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtGui import QImage, QImageReader

import roundtable

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "packaging" / "linux"
APP_ID = "org.roundtable.Roundtable"
DESKTOP_FILE = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
FLATPAK = LINUX / f"{APP_ID}.json"
HOMEPAGE = "https://github.com/roundtable-app/roundtable"


def _load(name: str) -> ModuleType:
    """A script from packaging/ (not a package) imported as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


make_icons = _load("make_icons")


def _validator(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        reason = f"{tool} is not installed (Debian package {package}; dev.py installs it in CI)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive (Name[nl] beside Name)
    parser.read(DESKTOP_FILE, encoding="utf-8")
    return parser["Desktop Entry"]


def _scripts() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return set(project["scripts"]) | set(project["gui-scripts"])


# --- one application id ---------------------------------------------------------------


def test_one_application_id_everywhere() -> None:
    from roundtable_ui.app import APP_ID as qt_app_id

    assert qt_app_id == APP_ID  # QGuiApplication.setDesktopFileName
    assert make_icons.APP_ID == APP_ID  # the icon's file name
    assert DESKTOP_FILE.is_file() and METAINFO.is_file()
    assert _desktop_entry()["Icon"] == APP_ID
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE.name
    assert json.loads(FLATPAK.read_text(encoding="utf-8"))["id"] == APP_ID


# --- the .desktop file ----------------------------------------------------------------


def test_desktop_file_starts_an_installed_command() -> None:
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Roundtable"
    assert entry["Terminal"] == "false"
    command = entry["Exec"].split()[0]
    assert command in _scripts(), f"Exec={command} is none of pyproject's scripts"
    assert entry["TryExec"] == command
    assert "Office" in entry["Categories"].split(";")
    assert "nl" in {key[len("Comment[") : -1] for key in entry if key.startswith("Comment[")}


def test_desktop_file_passes_desktop_file_validate() -> None:
    tool = _validator("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, DESKTOP_FILE], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_desktop_file_validate_catches_a_broken_file(tmp_path: Path) -> None:
    """The check above means something: the validator refuses a file with a bad category."""
    tool = _validator("desktop-file-validate", "desktop-file-utils")
    broken = tmp_path / DESKTOP_FILE.name
    text = DESKTOP_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("Categories=Office;", "Categories=Officework;"), "utf-8")
    result = subprocess.run([tool, broken], capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "Officework" in result.stdout + result.stderr


# --- the AppStream metainfo ---------------------------------------------------------------


def test_metainfo_describes_this_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("metadata_license") == "CC0-1.0"
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert root.findtext("project_license") == project["license"] == "GPL-3.0-or-later"
    assert root.findtext("name") == "Roundtable"
    assert root.findtext("url[@type='homepage']") == HOMEPAGE
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == roundtable.__version__, "add a <release> for this version"
    assert newest.get("date") == "2026-11-29"
    binaries = {element.text for element in root.iterfind("provides/binary")}
    assert binaries and binaries <= _scripts()


def test_metainfo_screenshots_are_the_readme_pictures() -> None:
    root = ET.parse(METAINFO).getroot()
    images = [element.text or "" for element in root.iterfind("screenshots/screenshot/image")]
    assert images
    prefix = "https://raw.githubusercontent.com/roundtable-app/roundtable/main/"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for image in images:
        assert image.startswith(prefix), image
        path = image.removeprefix(prefix)
        assert (REPO / path).is_file(), f"{path} is not in the repository"
    assert images[0].endswith("docs/screenshots/dashboard.png")
    assert "docs/screenshots/dashboard.png" in readme
    defaults = root.findall("screenshots/screenshot[@type='default']")
    assert len(defaults) == 1


def test_metainfo_passes_appstreamcli_validate() -> None:
    tool = _validator("appstreamcli", "appstream")
    result = subprocess.run(
        [tool, "validate", "--no-net", METAINFO], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_appstreamcli_catches_a_broken_metainfo(tmp_path: Path) -> None:
    """The check above means something: a metainfo without a summary is refused."""
    tool = _validator("appstreamcli", "appstream")
    text = METAINFO.read_text(encoding="utf-8")
    broken = tmp_path / METAINFO.name
    start = text.index("  <summary>")
    end = text.index("</summary>", start) + len("</summary>\n")
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    result = subprocess.run(
        [tool, "validate", "--no-net", broken], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "summary" in result.stdout + result.stderr


# --- the Flatpak manifest ---------------------------------------------------------------


def test_flatpak_manifest_installs_the_desktop_files_and_the_built_app() -> None:
    manifest = json.loads(FLATPAK.read_text(encoding="utf-8"))
    assert manifest["command"] in _scripts()
    (module,) = manifest["modules"]
    commands = " && ".join(module["build-commands"])
    for source in module["sources"]:
        if source["type"] == "file":
            assert (LINUX / source["path"]).is_file(), source["path"]
            assert source["path"] in commands
    dirs = {
        source["dest"]: source["path"] for source in module["sources"] if source["type"] == "dir"
    }
    # Built before flatpak-builder runs: `make dist icons` (see packaging/README.md).
    assert (LINUX / dirs["roundtable"]).resolve() == REPO / "dist" / "roundtable"
    assert (LINUX / dirs["hicolor"]).resolve() == REPO / "build" / "icons" / "hicolor"
    assert f"/app/share/applications/{DESKTOP_FILE.name}" in commands
    assert f"/app/share/metainfo/{METAINFO.name}" in commands
    assert "/app/bin/roundtable" in commands
    # The app makes no connection by itself; the network is for a team's PostgreSQL server.
    assert "--share=network" in manifest["finish-args"]


# --- the icon ---------------------------------------------------------------------------


@pytest.fixture
def icons(qapp: object, tmp_path: Path) -> Path:
    """The icon files rendered into a temporary folder (Qt's QApplication already running)."""
    make_icons.write_icons(tmp_path)
    return tmp_path


def test_icons_render_every_size_from_the_svg(icons: Path) -> None:
    scalable = icons / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == make_icons.SVG.read_bytes()
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = icons / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png
        # Drawn, not empty: the centre (the table) is opaque, a corner is transparent.
        assert image.pixelColor(size // 2, size // 2).alpha() == 255
        assert image.pixelColor(0, 0).alpha() == 0


def test_windows_icon_holds_the_sizes_windows_asks_for(icons: Path) -> None:
    reader = QImageReader(str(icons / "roundtable.ico"))
    sizes = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        sizes.append(reader.read().width())
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_macos_icon_is_a_well_formed_icns(icons: Path) -> None:
    data = (icons / "roundtable.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found = {}
    offset = 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        found[kind] = make_icons.png_size(data[offset + 8 : offset + length])
        offset += length
    assert offset == len(data)
    assert found[b"icp4"] == (16, 16)
    assert found[b"ic10"] == (1024, 1024)
    assert set(found) == {kind for kind, _size in make_icons.ICNS_TYPES}


def test_icons_refuse_a_missing_or_broken_svg(qapp: object, tmp_path: Path) -> None:
    missing = tmp_path / "nothing.svg"
    with pytest.raises(make_icons.IconError, match=r"nothing\.svg does not exist"):
        make_icons.write_icons(tmp_path / "out", missing)
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg this is not xml", encoding="utf-8")
    with pytest.raises(make_icons.IconError, match=r"broken\.svg is not an SVG image"):
        make_icons.write_icons(tmp_path / "out", broken)
    assert not (tmp_path / "out").exists()  # nothing written


def test_icon_containers_refuse_impossible_sizes(qapp: object) -> None:
    png = make_icons.render_png(make_icons.SVG, 32)
    with pytest.raises(make_icons.IconError, match="1 to 256 pixels wide, not 300"):
        make_icons.ico_bytes({300: png})
    with pytest.raises(make_icons.IconError, match=r"16 px image is \(32, 32\) pixels"):
        make_icons.ico_bytes({16: png})
    with pytest.raises(make_icons.IconError, match="at least one image"):
        make_icons.icns_bytes({})
    with pytest.raises(make_icons.IconError, match="not a PNG"):
        make_icons.png_size(b"GIF89a" + bytes(30))


def test_make_icons_command_line(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    script = REPO / "packaging" / "make_icons.py"
    result = subprocess.run(
        [sys.executable, script, tmp_path / "icons"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Wrote 12 icon files")
    assert (tmp_path / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png").is_file()
    usage = subprocess.run(
        [sys.executable, script, "a", "b"], capture_output=True, text=True, env=env, check=False
    )
    assert usage.returncode == 2
    assert "make_icons.py" in usage.stderr
