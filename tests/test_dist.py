"""The stand-alone application (PyInstaller one-folder bundle) starts and does real work.

The tests marked ``dist`` build ``packaging/roundtable.spec`` once for the
module (about 30 s) and run the built executable headless: ``--version``,
``demo``, ``render`` to HTML and PDF, and the desktop app with
``ROUNDTABLE_QUIT_AFTER_START=1``. ``ROUNDTABLE_DIST_BUNDLE=dist/roundtable``
tests an existing build instead. Without PyInstaller they are skipped, unless
``ROUNDTABLE_TEST_DIST=1`` asks for them, which makes a missing PyInstaller a
failure. The unmarked tests check the trimming rules and the build script
without building anything.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

import roundtable

REPO = Path(__file__).resolve().parent.parent
SLUG = "tiktok-charm-offensive"  # the demo's statement
ENV_BUNDLE = "ROUNDTABLE_DIST_BUNDLE"
ENV_REQUIRE = "ROUNDTABLE_TEST_DIST"
LINUX = sys.platform.startswith("linux")


def _load(name: str) -> ModuleType:
    """A script from packaging/ (not a package) imported as a module."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "packaging" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build_dist = _load("build_dist")
bundle_trim = _load("bundle_trim")


# --- the built application ----------------------------------------------------------


@dataclass(frozen=True)
class Bundle:
    program: Path  # the roundtable executable
    root: Path  # the folder (or .app) around it
    built_here: bool  # False: an existing build named by ROUNDTABLE_DIST_BUNDLE


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    existing = os.environ.get(ENV_BUNDLE, "").strip()
    if existing:
        path = Path(existing).resolve()
        if path.is_dir() and not path.name.endswith(".app"):
            name = "roundtable.exe" if sys.platform == "win32" else "roundtable"
            program = path / name if (path / name).is_file() else build_dist.executable(path)
        elif path.name.endswith(".app"):
            program = path / "Contents" / "MacOS" / "roundtable"
        else:
            program = path
        assert program.is_file(), f"{ENV_BUNDLE}={existing}: there is no executable at {program}"
        return Bundle(program, build_dist.bundle_root(program), built_here=False)
    if not build_dist.pyinstaller_available():
        reason = (
            "PyInstaller is not installed (python3 dev.py dist installs it, or "
            "pip install -e '.[dist]'); set ROUNDTABLE_TEST_DIST=1 to require these tests"
        )
        if os.environ.get(ENV_REQUIRE) == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    work = tmp_path_factory.mktemp("dist")
    program = build_dist.build(work / "dist", work / "build")
    return Bundle(program, build_dist.bundle_root(program), built_here=True)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


def run(
    bundle: Bundle, home: Path, *args: str | Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the built executable headless with its per-user folders in ``home``."""
    env = build_dist.quiet_environment(home)
    env.pop("ROUNDTABLE_QUIT_AFTER_START", None)
    env.update(extra or {})
    return subprocess.run(
        [str(bundle.program), *map(str, args)],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture
def demo_db(bundle: Bundle, home: Path) -> Path:
    """A new database with the demo scenario, made by the built executable."""
    database = home / "tmp.sqlite3"
    result = ok(run(bundle, home, "demo", "--db", database))
    assert result.stdout.startswith("Loaded the demo scenario: 4 roundtables"), result.stdout
    return database


@pytest.mark.dist
def test_version(bundle: Bundle, home: Path) -> None:
    result = ok(run(bundle, home, "--version"))
    assert result.stdout.strip() == f"roundtable {roundtable.__version__}"


@pytest.mark.dist
def test_demo_database_opens_at_the_newest_schema(
    bundle: Bundle, home: Path, demo_db: Path
) -> None:
    from roundtable.storage.migrations import HEAD_REVISION

    info = ok(run(bundle, home, "info", "--db", demo_db)).stdout
    assert re.search(rf"^Schema revision:\s+{HEAD_REVISION}$", info, re.M), info
    assert re.search(r"^Roundtables:\s+4$", info, re.M), info
    # The shipped files are found inside the bundle, not in a source checkout.
    resources = re.search(r"^Resources:\s+(.+)$", info, re.M)
    assert resources is not None
    assert Path(resources.group(1)).is_relative_to(bundle.root)


@pytest.mark.dist
def test_render_html(bundle: Bundle, home: Path, demo_db: Path) -> None:
    target = home / "out.html"
    render = ["render", SLUG, "--template", "statement.html", "-o", target, "--db", demo_db]
    result = ok(run(bundle, home, *render))
    assert "(HTML, statement.html)" in result.stdout
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert '<html lang="en">' in html
    assert "<title>TikTok&#39;s charm offensive</title>" in html
    assert "Digital Rights Collective" in html
    assert html.rstrip().endswith("</html>")


@pytest.mark.dist
def test_render_pdf_through_qt(bundle: Bundle, home: Path, demo_db: Path) -> None:
    target = home / "out.pdf"
    render = ["render", SLUG, "--template", "statement.html", "--format", "pdf", "-o", target]
    result = ok(run(bundle, home, *render, "--db", demo_db))
    assert "(PDF, statement.html)" in result.stdout
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 1
    assert b"TikTok" in pdf  # the document title, in its XMP metadata


@pytest.mark.dist
def test_desktop_app_opens_its_database_and_paints(bundle: Bundle, home: Path) -> None:
    database = home / "first-start.sqlite3"
    result = run(bundle, home, "--db", database, extra={"ROUNDTABLE_QUIT_AFTER_START": "1"})
    ok(result)
    assert not re.search(r"^qt\.|Traceback", result.stderr, re.M), result.stderr
    # The first start of an empty database loads the demo, so the window had work to show.
    info = ok(run(bundle, home, "info", "--db", database)).stdout
    assert re.search(r"^Roundtables:\s+4$", info, re.M), info


@pytest.mark.dist
def test_desktop_app_exits_1_when_the_database_cannot_be_opened(bundle: Bundle, home: Path) -> None:
    database = home / "notes.sqlite3"
    database.write_text("These are my notes, not a database.\n" * 200, encoding="utf-8")
    result = run(bundle, home, "--db", database, extra={"ROUNDTABLE_QUIT_AFTER_START": "1"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Cannot open the database" in result.stderr
    assert database.read_text(encoding="utf-8").startswith("These are my notes")


@pytest.fixture
def x_display() -> Iterator[str]:
    """A virtual X server (Xvfb) for the test; skipped when Xvfb is not installed."""
    xvfb = shutil.which("Xvfb")
    if not LINUX or xvfb is None:
        pytest.skip("Xvfb is not installed (Debian package xvfb); the X11 start is not tested")
    server = subprocess.Popen(
        [xvfb, "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        number = server.stdout.readline().strip()
        assert number.isdigit(), "Xvfb did not say which display it took"
        yield f":{number}"
    finally:
        server.terminate()
        server.communicate(timeout=30)  # waits, and closes its pipe


@pytest.mark.dist
def test_desktop_app_starts_on_x11(bundle: Bundle, home: Path, x_display: str) -> None:
    """The xcb platform plugin and the libraries it needs survived the trimming."""
    extra = {"ROUNDTABLE_QUIT_AFTER_START": "1", "QT_QPA_PLATFORM": "xcb", "DISPLAY": x_display}
    result = ok(run(bundle, home, "--db", home / "x11.sqlite3", extra=extra))
    assert not re.search(r"^qt\.qpa|Traceback", result.stderr, re.M), result.stderr


@pytest.mark.dist
@pytest.mark.skipif(not LINUX, reason="reads the log file where platformdirs puts it on Linux")
def test_desktop_app_speaks_dutch_with_the_bundled_translations(bundle: Bundle, home: Path) -> None:
    if not list((REPO / "resources" / "translations").glob("*_nl.ts")):
        pytest.skip("no Dutch translation source (resources/translations/*_nl.ts) yet")
    extra = {"ROUNDTABLE_QUIT_AFTER_START": "1", "ROUNDTABLE_LANGUAGE": "nl"}
    ok(run(bundle, home, "--db", home / "nl.sqlite3", extra=extra))
    log = (home / "state" / "Roundtable" / "log" / "roundtable.log").read_text(encoding="utf-8")
    assert "interface language: nl" in log
    assert "no compiled translation" not in log  # roundtable_nl.qm was built into the bundle
    assert "Qt ships no qtbase translation" not in log  # qtbase_nl.qm survived the trimming


@pytest.mark.dist
def test_bundle_ships_resources_and_migrations(bundle: Bundle) -> None:
    package = _package_folder(bundle)
    for pattern in (
        "storage/migrations/env.py",
        "storage/migrations/script.py.mako",
        "storage/migrations/versions/0001_*.py",
        "resources/icons/roundtable.svg",
        "resources/demo/scenario.json",
        "resources/schema/*.json",
        "resources/templates/en/statement.html.j2",
        "resources/templates/nl/statement.md.j2",
    ):
        assert list(package.glob(pattern)), f"the bundle lacks roundtable/{pattern}"
    sources = {p.stem for p in (REPO / "resources" / "translations").glob("*.ts")}
    assert {p.stem for p in package.glob("resources/translations/*.qm")} == sources
    assert not list(package.glob("resources/translations/*.ts"))
    revisions = {
        p.name for p in (REPO / "roundtable" / "storage" / "migrations" / "versions").glob("0*.py")
    }
    assert {p.name for p in package.glob("storage/migrations/versions/0*.py")} == revisions


@pytest.mark.dist
def test_bundle_leaves_out_what_the_app_does_not_use(bundle: Bundle) -> None:
    files = [p for p in bundle.root.rglob("*") if p.is_file()]
    relative = [p.relative_to(bundle.root).as_posix() for p in files]
    dropped = [
        r for r in relative if bundle_trim.library_name(r) in bundle_trim.DROPPED_QT_LIBRARIES
    ]
    assert dropped == []
    for name in ("QtQuick", "QtQml", "QtWebEngine", "Qt3D", "QtMultimedia", "QtNetwork", "QtPdf"):
        assert not [r for r in relative if name in r], f"{name} is in the bundle"
    plugins = {bundle_trim.qt_parts(r) for r in relative} - {None}
    folders = {part[1] for part in plugins if part[0] == "plugins"}
    assert folders <= set(bundle_trim.KEPT_PLUGINS), folders - set(bundle_trim.KEPT_PLUGINS)
    names = {part[2] for part in plugins if part[0] == "plugins"}
    assert "qsvgicon" in names  # the window icon is an SVG
    assert "qoffscreen" in names
    if LINUX:
        assert {"qxcb", "qwayland"} <= names
    translations = {part[1] for part in plugins if part[0] == "translations"}
    assert translations <= {f"qtbase_{lang}.qm" for lang in bundle_trim.app_languages()}
    assert "qtbase_nl.qm" in translations
    assert not [r for r in relative if "_tkinter" in r or "/tcl" in r]
    if bundle.built_here:
        from PyInstaller.archive.readers import pkg_archive_contents

        modules = set(pkg_archive_contents(str(bundle.program)))
        assert (
            "roundtable.cli" in modules
            and "roundtable_ui.pdf" in modules
            and "alembic.op" in modules
        )
        for excluded in ("requests", "pygments", "pytz", "PySide6.QtNetwork", "tkinter"):
            assert excluded not in modules


@pytest.mark.dist
@pytest.mark.skipif(not LINUX, reason="ldd and ELF run paths are Linux's")
def test_every_bundled_qt_binary_finds_its_qt_libraries(bundle: Bundle) -> None:
    binaries = [p for p in bundle.root.rglob("*.so*") if p.is_file() and not p.is_symlink()]
    missing = []
    for binary in binaries:
        result = subprocess.run(["ldd", binary], capture_output=True, text=True, check=False)
        for line in result.stdout.splitlines():
            if "not found" in line and re.search(r"Qt6|pyside6|shiboken6|icu", line):
                missing.append(f"{binary.relative_to(bundle.root)}: {line.strip()}")
    assert missing == []


def _package_folder(bundle: Bundle) -> Path:
    found = [p.parent for p in bundle.root.rglob("roundtable/storage/migrations/env.py")]
    assert len(found) == 1, found
    return found[0].parent.parent


# --- the trimming rules (no build) ------------------------------------------------------


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("_internal/PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("_internal/PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("_internal/PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("_internal/PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("_internal/PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("_internal/PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("_internal/PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("_internal/PySide6/Qt/lib/libQt6Network.so.6", False),
        ("_internal/PySide6/Qt/lib/libQt6Gui.so.6", True),
        ("_internal/PySide6/Qt/translations/qtbase_nl.qm", True),
        ("_internal/PySide6/Qt/translations/qtbase_de.qm", False),
        ("_internal/PySide6/Qt/translations/qtdeclarative_nl.qm", False),
        ("_internal/PySide6/plugins/platforms/qwindows.dll", True),  # Windows layout
        ("_internal/PySide6/plugins/styles/qmodernwindowsstyle.dll", True),
        ("_internal/PySide6/Qt6Network.dll", False),
        ("_internal/PySide6/Qt/lib/QtNetwork.framework/Versions/A/QtNetwork", False),  # macOS
        ("_internal/PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets", True),
        ("_internal/roundtable/resources/templates/en/statement.html.j2", True),
        ("_internal/libpython3.11.so.1.0", True),
    ],
)
def test_trimming_rules(dest: str, kept: bool) -> None:
    assert bundle_trim.keep(dest, frozenset({"en", "nl"})) is kept


def test_qt_translations_follow_the_template_languages() -> None:
    languages = bundle_trim.app_languages()
    assert {"en", "nl"} <= languages
    assert "calendar" not in languages


def _imports_of_our_code() -> set[str]:
    names: set[str] = set()
    for top in ("roundtable", "ui"):  # ui/ is the package roundtable_ui
        for path in (REPO / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names.add(node.module)
    return names


def test_nothing_left_out_is_imported_by_roundtable() -> None:
    """A new ``import`` of a module the bundle leaves out must change bundle_trim.py too."""
    imported = _imports_of_our_code()
    clashes = {
        name
        for name in imported
        for excluded in bundle_trim.EXCLUDED_MODULES
        if name == excluded or name.startswith(excluded + ".")
    }
    assert clashes == set(), f"imported by Roundtable but left out of the bundle: {clashes}"
    qt = {name for name in imported if name.startswith("PySide6.")}
    assert {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets"} <= qt


# --- the build script (no build) ----------------------------------------------------------


def test_build_says_how_to_get_pyinstaller(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(build_dist, "pyinstaller_available", lambda: False)
    with pytest.raises(build_dist.DistError, match=r"PyInstaller is not installed.*dev\.py dist"):
        build_dist.build(tmp_path / "dist", tmp_path / "work")
    assert not (tmp_path / "dist").exists()


def test_measure_only_without_a_build_names_the_missing_executable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = build_dist.main(["--measure-only", "--dist", str(tmp_path)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("build_dist: error: There is no built Roundtable at ")
    assert str(tmp_path) in err


def test_bundle_size_counts_files_not_links(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.bin").write_bytes(b"x" * 1000)
    (tmp_path / "sub" / "b.bin").write_bytes(b"y" * 24)
    if LINUX:
        (tmp_path / "link.bin").symlink_to(tmp_path / "a.bin")
    assert build_dist.bundle_size(tmp_path) == (1024, 2)


def test_measure_refuses_zero_runs(tmp_path: Path) -> None:
    with pytest.raises(build_dist.DistError, match="at least one run, not 0"):
        build_dist.measure(tmp_path / "roundtable", runs=0)


def test_a_failing_command_is_reported_with_its_output(tmp_path: Path) -> None:
    script = "import sys; print('broken bundle', file=sys.stderr); sys.exit(3)"
    command = [sys.executable, "-c", script]
    with pytest.raises(build_dist.DistError, match=r"(?s)exit code 3.*broken bundle"):
        build_dist.time_run(command, build_dist.quiet_environment(tmp_path), tmp_path)
