#!/usr/bin/env python3
"""Set up and run Roundtable from a source checkout. Needs only Python 3.11+.

    python3 dev.py app [ARGS]         set up .venv if needed, then run `roundtable ARGS`
    python3 dev.py test [PYTEST ARGS] set up .venv with the test tools, then ruff and pytest
    python3 dev.py dist [ARGS]        set up .venv with PyInstaller, build the app into dist/

On Windows use `py dev.py app` and `py dev.py test`.

The virtual environment lives in .venv beside this file. The project is
installed into it in editable mode, so changes to the code show at once; it is
installed again when pyproject.toml changes. Tests run headless
(QT_QPA_PLATFORM=offscreen). Standard library only: this runs before anything
is installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
WINDOWS = sys.platform == "win32"
BIN = VENV / ("Scripts" if WINDOWS else "bin")
PYTHON = BIN / ("python.exe" if WINDOWS else "python")
STAMP = VENV / "roundtable-dev-install.txt"

#: Debian/Ubuntu packages Qt's offscreen platform needs on a minimal system.
QT_SYSTEM_PACKAGES = (
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "fonts-dejavu-core",
)
QT_CHECK = (
    "import sys\n"
    "from PySide6.QtWidgets import QApplication, QWidget\n"
    "app = QApplication(sys.argv[:1])\n"
    "w = QWidget(); w.show(); app.processEvents()\n"
)

PYTEST_NO_TESTS_COLLECTED = 5

USAGE = """usage:
  python3 dev.py app [ARGS]          set up .venv if needed, then run `roundtable ARGS`
                                     (no ARGS: the desktop app; --help lists the commands)
  python3 dev.py test [PYTEST ARGS]  set up .venv with the test tools, run ruff and pytest
  python3 dev.py screenshots [DIR]   save a PNG of each main view on the demo data
  python3 dev.py dist [ARGS]         set up .venv with PyInstaller, build the stand-alone app
                                     into dist/ and print its size and start-up time
                                     (ARGS go to packaging/build_dist.py; --help lists them)"""


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py must explain, not crash, on old Pythons)
        return fail(f"Roundtable needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not argv or argv[0] not in {"app", "test", "screenshots", "dist"}:
        print(USAGE, file=sys.stderr)
        return 2
    command, rest = argv[0], argv[1:]
    try:
        if command == "app":
            return run_app(rest)
        if command == "screenshots":
            return run_screenshots(rest)
        if command == "dist":
            return run_dist(rest)
        return run_tests(rest)
    except KeyboardInterrupt:
        return 130
    except SetupError as exc:
        return fail(str(exc))


class SetupError(Exception):
    """The environment could not be set up; the message says what to do."""


def run_app(args: list[str]) -> int:
    """Set up the environment, then run the `roundtable` command with ``args``."""
    ensure_venv()
    ensure_installed(extras=())
    script = BIN / ("roundtable.exe" if WINDOWS else "roundtable")
    return subprocess.call([str(script), *args])


def run_screenshots(args: list[str]) -> int:
    """Save a PNG of each main view on the demo database (default folder: screenshots/)."""
    ensure_venv()
    ensure_installed(extras=())
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    ensure_qt_runs(env)
    script = ROOT / "packaging" / "screenshots.py"
    return subprocess.call([str(PYTHON), str(script), *args], cwd=ROOT, env=env)


def run_dist(args: list[str]) -> int:
    """Set up the environment with PyInstaller; build the one-folder app and measure it."""
    ensure_venv()
    ensure_installed(extras=("dist",))
    env = dict(os.environ)
    # The build renders the icons with Qt and the measurement starts the app:
    # both headless.
    env["QT_QPA_PLATFORM"] = "offscreen"
    ensure_qt_runs(env)
    script = ROOT / "packaging" / "build_dist.py"
    return subprocess.call([str(PYTHON), str(script), *args], cwd=ROOT, env=env)


def run_tests(args: list[str]) -> int:
    """Set up the environment with the test tools; run ruff, then pytest headless."""
    ensure_venv()
    # "dist" brings PyInstaller: the suite builds the stand-alone app and runs it.
    ensure_installed(extras=("test", "dist"))
    env = dict(os.environ)
    if env.get("CI"):
        env.setdefault("ROUNDTABLE_TEST_DIST", "1")  # in CI the smoke test must run, not skip
    # Always headless: some desktops export QT_QPA_PLATFORM=wayland, and a test
    # run should not open windows. (Run .venv/bin/pytest directly to watch.)
    env["QT_QPA_PLATFORM"] = "offscreen"
    ensure_qt_runs(env)
    ensure_postgres_binaries()
    ensure_calendar_readers()
    ensure_desktop_validators()

    step("ruff check")
    lint = subprocess.call([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT, env=env)
    step("pytest")
    result = subprocess.call([str(PYTHON), "-m", "pytest", *args], cwd=ROOT, env=env)
    if result == PYTEST_NO_TESTS_COLLECTED:
        return fail("pytest collected no tests; that is a failure, not a pass.")
    if result != 0:
        return result
    if lint != 0:
        return fail("the tests pass but ruff found problems (see above).")
    return 0


# --- the virtual environment ---------------------------------------------------


def ensure_venv() -> None:
    """Create .venv when it is missing or broken (for example its Python was removed)."""
    if PYTHON.exists() and _runs(PYTHON):
        return
    step(f"creating the virtual environment in {VENV}")
    try:
        venv.EnvBuilder(with_pip=True, clear=VENV.exists(), upgrade_deps=False).create(VENV)
    except (OSError, subprocess.CalledProcessError) as exc:
        hint = ""
        if sys.platform.startswith("linux"):
            hint = " On Debian or Ubuntu install the venv module: sudo apt install python3-venv"
        raise SetupError(f"cannot create {VENV}: {exc}.{hint}") from None
    STAMP.unlink(missing_ok=True)


def compile_translations() -> None:
    """Compile resources/translations/*.ts to the .qm files the app loads (not in git)."""
    script = ROOT / "packaging" / "build_translations.py"
    if subprocess.call([str(PYTHON), str(script)], cwd=ROOT, stdout=subprocess.DEVNULL) != 0:
        raise SetupError("the translations could not be compiled; the reason is above.")


def ensure_installed(extras: tuple[str, ...]) -> None:
    """Install the project (editable) with ``extras`` unless the stamp says it is current.

    The translations are compiled first, every time: it is quick, and the app,
    the tests, the screenshots and the stand-alone build all need them.
    """
    compile_translations()
    pyproject = ROOT / "pyproject.toml"
    wanted = set(extras)
    if STAMP.exists() and STAMP.stat().st_mtime >= pyproject.stat().st_mtime:
        installed = set(STAMP.read_text(encoding="utf-8").split())
        if wanted <= installed:
            return
        wanted |= installed
    target = "." + (f"[{','.join(sorted(wanted))}]" if wanted else "")
    step(f"installing {target} into .venv (the first time takes a minute)")
    code = subprocess.call(
        [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target],
        cwd=ROOT,
    )
    if code != 0:
        raise SetupError("pip could not install the project; the reason is above.")
    STAMP.write_text(" ".join(sorted(wanted)) + "\n", encoding="utf-8")


def _runs(python: Path) -> bool:
    try:
        return subprocess.call([str(python), "-c", "pass"], stderr=subprocess.DEVNULL) == 0
    except OSError:
        return False


# --- Qt's system libraries (Linux) ---------------------------------------------


def ensure_qt_runs(env: dict[str, str]) -> None:
    """Make sure a headless QApplication starts; on Debian/Ubuntu as root, install what is missing."""
    error = _qt_error(env)
    if error is None:
        return
    if not sys.platform.startswith("linux"):
        raise SetupError(f"Qt cannot start here:\n{error}")
    apt = shutil.which("apt-get")
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = ["apt-get", "install", "-y", "--no-install-recommends", *QT_SYSTEM_PACKAGES]
    if apt is None or not is_root:
        raise SetupError(
            f"Qt cannot start because system libraries are missing:\n{error}\n"
            f"On Debian or Ubuntu: sudo {' '.join(command)}"
        )
    step("installing the system libraries Qt needs: " + " ".join(QT_SYSTEM_PACKAGES))
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.call(["apt-get", "update", "-q"], env=apt_env)
    if subprocess.call(command, env=apt_env) != 0:
        raise SetupError("apt-get could not install the libraries Qt needs (see above).")
    error = _qt_error(env)
    if error is not None:
        raise SetupError(f"Qt still cannot start:\n{error}")


def _qt_error(env: dict[str, str]) -> str | None:
    result = subprocess.run(
        [str(PYTHON), "-c", QT_CHECK], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return None
    return (result.stderr or result.stdout).strip()[-2000:] or f"exit code {result.returncode}"


# --- PostgreSQL for the team-mode tests ------------------------------------------


def ensure_postgres_binaries() -> None:
    """In CI, install Debian's PostgreSQL server so the team-mode tests can run.

    The tests start their own throwaway cluster with these binaries (see
    tests/postgres_server.py). On a developer's machine nothing is installed:
    without a server the PostgreSQL tests are skipped and pytest says why.
    """
    if not os.environ.get("CI") or os.environ.get("ROUNDTABLE_TEST_POSTGRES_URL"):
        return
    if _postgres_bindir() is not None or not sys.platform.startswith("linux"):
        return
    if shutil.which("apt-get") is None or not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return  # the PostgreSQL tests then fail in CI, naming what is missing
    step("installing PostgreSQL (Debian's postgresql package) for the team-mode tests")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.call(["apt-get", "update", "-q"], env=apt_env)
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]
    if subprocess.call(command, env=apt_env) != 0:
        raise SetupError("apt-get could not install PostgreSQL (see above).")


def _postgres_bindir() -> Path | None:
    if os.environ.get("ROUNDTABLE_PG_BINDIR"):
        return Path(os.environ["ROUNDTABLE_PG_BINDIR"])
    for initdb in sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True):
        return initdb.parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


# --- validators of the Linux desktop files -----------------------------------------

#: The validator programs tests/test_desktop_files.py runs, with their Debian packages.
DESKTOP_VALIDATORS = {"appstreamcli": "appstream", "desktop-file-validate": "desktop-file-utils"}


def ensure_desktop_validators() -> None:
    """In CI, install Debian's AppStream and desktop-file validators (like PostgreSQL above).

    tests/test_desktop_files.py checks packaging/linux/ with them. On a
    developer's machine nothing is installed: without them those checks are
    skipped and pytest says why; in CI they fail instead.
    """
    if not os.environ.get("CI") or not sys.platform.startswith("linux"):
        return
    packages = [deb for tool, deb in DESKTOP_VALIDATORS.items() if shutil.which(tool) is None]
    if not packages:
        return
    if shutil.which("apt-get") is None or not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return  # the desktop file tests then fail in CI, naming what is missing
    step("installing the desktop file validators: " + " ".join(packages))
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.call(["apt-get", "update", "-q"], env=apt_env)
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if subprocess.call(command, env=apt_env) != 0:
        raise SetupError("apt-get could not install the desktop file validators (see above).")


# --- independent calendar readers for the .ics conformance tests ----------------

#: Where npm installs ical.js (Nextcloud's parser); tests/core/test_calendar_conformance.py looks here.
JS_PREFIX = VENV / "js"
ICALJS_PACKAGE = "ical.js@2"
LIBICAL_CHECK = (
    'import gi; gi.require_version("ICalGLib", "3.0"); from gi.repository import ICalGLib'
)


def ensure_calendar_readers() -> None:
    """Install the calendar readers the conformance tests compare against, where possible.

    In CI as root on Debian/Ubuntu (like PostgreSQL above), apt installs libical
    for the system Python (gir1.2-ical-3.0, python3-gi) and, when npm is missing,
    Node.js. Then, whenever npm exists and ical.js (Nextcloud's parser) is not in
    .venv/js yet, npm installs it there. Without these the tests skip with the
    reason, except in CI, where they fail.
    """
    if os.environ.get("CI") and sys.platform.startswith("linux"):
        packages = []
        system_python = Path("/usr/bin/python3")
        if not (
            system_python.exists() and _runs_quietly([str(system_python), "-c", LIBICAL_CHECK])
        ):
            packages += ["gir1.2-ical-3.0", "python3-gi"]
        if shutil.which("npm") is None:
            packages += ["nodejs", "npm"]
        is_root = hasattr(os, "geteuid") and os.geteuid() == 0
        if packages and shutil.which("apt-get") is not None and is_root:
            step("installing calendar readers for the .ics tests: " + " ".join(packages))
            apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.call(["apt-get", "update", "-q"], env=apt_env)
            command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
            if subprocess.call(command, env=apt_env) != 0:
                raise SetupError("apt-get could not install the calendar readers (see above).")
    npm = shutil.which("npm")
    if npm is not None and not (JS_PREFIX / "node_modules" / "ical.js").is_dir():
        step(f"installing {ICALJS_PACKAGE} into {JS_PREFIX} for the calendar tests")
        JS_PREFIX.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--prefix", str(JS_PREFIX), "--no-audit", "--no-fund"]
        if subprocess.call([*command, ICALJS_PACKAGE], cwd=ROOT) != 0:
            step("npm could not install ical.js; its conformance checks will say so")


def _runs_quietly(command: list[str]) -> bool:
    try:
        result = subprocess.run(command, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


# --- output --------------------------------------------------------------------


def step(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def fail(message: str) -> int:
    print(f"dev.py: error: {message}", file=sys.stderr, flush=True)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
