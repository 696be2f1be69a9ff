"""The wheel works on its own: built from the source, installed in a fresh virtual environment.

Catches what an editable install hides: data files missing from the wheel
(migrations, schema, demo data, icons), packages not listed in pyproject.toml,
and code that finds its files through the source tree instead of the package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import jsonschema
import pytest

import roundtable

pytestmark = pytest.mark.packaging

REPO = Path(__file__).resolve().parent.parent
WINDOWS = sys.platform == "win32"

# Not part of the source the wheel is built from.
_IGNORE = shutil.ignore_patterns(
    ".git", ".venv*", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".*_cache",
    "*.sqlite3*", "screenshots",
)  # fmt: skip


@dataclass(frozen=True)
class Installed:
    """A wheel and the fresh virtual environment it was installed into."""

    wheel: Path
    venv: Path
    site_packages: Path

    def script(self, name: str) -> Path:
        return self.venv / ("Scripts" if WINDOWS else "bin") / (name + (".exe" if WINDOWS else ""))

    @property
    def python(self) -> Path:
        return self.script("python")


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ROUNDTABLE_DATABASE_URL"}
    env["HOME"] = str(cwd)  # no chance of touching the real per-user folders
    env["XDG_DATA_HOME"] = str(cwd / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    work = tmp_path_factory.mktemp("packaging")
    # Build from a copy so the repository gets no build/ folder.
    source = work / "source"
    shutil.copytree(REPO, source, ignore=_IGNORE)
    wheels = work / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source], cwd=work)
    (wheel,) = wheels.glob("roundtable-*.whl")

    venv = work / "fresh"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)
    fresh = Installed(wheel=wheel, venv=venv, site_packages=Path())
    # The test environment's pip installs into the fresh one (--python).
    _run(
        [sys.executable, "-m", "pip", "--python", fresh.python, "install", "-q",
         "--no-deps", "--no-index", wheel],
        cwd=work,
    )  # fmt: skip
    site = _run(
        [fresh.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work
    ).stdout.strip()
    # The dependencies come from the test environment, through a .pth line. A
    # folder named in a .pth file is appended to sys.path after the fresh
    # site-packages and its own .pth files are not run, so the editable
    # install of the source tree stays invisible.
    dependency_folders = dict.fromkeys(
        [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    )
    Path(site, "test-dependencies.pth").write_text("\n".join(dependency_folders) + "\n")
    yield Installed(wheel=wheel, venv=venv, site_packages=Path(site))


def test_wheel_holds_the_data_files(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()

    def has(pattern: str) -> bool:
        return any(fnmatch(name, pattern) for name in names)

    for pattern in (
        "roundtable/cli/__init__.py",
        "roundtable/storage/migrations/env.py",
        "roundtable/storage/migrations/script.py.mako",
        "roundtable/storage/migrations/versions/0001_*.py",
        "roundtable/resources/schema/*.json",
        "roundtable/resources/icons/roundtable.svg",
        "roundtable/resources/demo/scenario.json",
        "roundtable/resources/demo/invitees.csv",
        "roundtable/resources/templates/en/statement.html.j2",
        "roundtable/resources/templates/nl/statement.md.j2",
        "roundtable/resources/templates/calendar/withdrawal_note.en.txt.j2",
        "roundtable/resources/templates/privacy/subject_access.html.j2",
        # Compiled from resources/translations/roundtable_nl.ts by setup.py's build step.
        "roundtable/resources/translations/roundtable_nl.qm",
        # The core's messages in Dutch, read as it is by roundtable/i18n.py.
        "roundtable/resources/translations/core_nl.po",
        "roundtable_ui/app.py",
        "roundtable_ui/main_window.py",
    ):
        assert has(pattern), f"the wheel lacks {pattern}"
    # Every module of the source tree ships (a package missing from pyproject's
    # list would otherwise only show when a user opens that page).
    root = Path(__file__).resolve().parents[1]
    # ui/ is installed as the package roundtable_ui (a top-level "ui" would collide).
    installed_as = {"roundtable": "roundtable", "ui": "roundtable_ui"}
    sources = {
        Path(installed_as[top], p.relative_to(root / top)).as_posix()
        for top in installed_as
        for p in (root / top).rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert sources - set(names) == set()
    assert not has("tests/*")
    entry_points = (
        zipfile.ZipFile(installed.wheel)
        .read(next(n for n in names if n.endswith(".dist-info/entry_points.txt")))
        .decode()
    )
    assert "roundtable = roundtable.cli:main" in entry_points
    assert "roundtable-gui = roundtable.cli:gui_main" in entry_points


def test_fresh_environment_uses_the_wheel_not_the_source(
    installed: Installed, tmp_path: Path
) -> None:
    where = _run(
        [
            installed.python,
            "-c",
            "import roundtable, roundtable_ui; print(roundtable.__file__); print(roundtable_ui.__file__)",
        ],
        cwd=tmp_path,
    ).stdout.split()
    for path in where:
        assert Path(path).is_relative_to(installed.venv), path
    assert not Path(where[0]).is_relative_to(Path(roundtable.__file__).parent)


def test_installed_command_runs_demo_and_export(installed: Installed, tmp_path: Path) -> None:
    roundtable_command = installed.script("roundtable")
    version = _run([roundtable_command, "--version"], cwd=tmp_path)
    assert version.stdout.strip() == f"roundtable {roundtable.__version__}"

    database = tmp_path / "x.sqlite3"
    demo = _run([roundtable_command, "--db", database, "demo"], cwd=tmp_path)
    assert demo.stdout.startswith("Loaded the demo scenario: 4 roundtables")

    exported = tmp_path / "out.json"
    _run([roundtable_command, "--db", database, "export-json", "-o", exported], cwd=tmp_path)
    document = json.loads(exported.read_text(encoding="utf-8"))
    (schema_file,) = (installed.site_packages / "roundtable" / "resources" / "schema").glob(
        "*.json"
    )
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(document)
    assert len(document["roundtables"]) == 4


def test_installed_desktop_app_imports(installed: Installed, tmp_path: Path) -> None:
    script = (
        "from roundtable_ui.app import app_icon, create_application\n"
        "app = create_application()\n"
        "assert not app_icon().isNull(), 'no icon'\n"
        "from roundtable_ui.main_window import MainWindow\n"
        "print(type(MainWindow()).__name__)\n"
    )
    result = _run([installed.python, "-c", script], cwd=tmp_path)
    assert result.stdout.strip() == "MainWindow"
