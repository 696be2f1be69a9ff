#!/usr/bin/env python3
"""Build Roundtable as a one-folder application with PyInstaller, then measure it.

    python packaging/build_dist.py [--no-trim] [--dist DIR] [--work DIR] [--runs N]
    python packaging/build_dist.py --measure-only [--dist DIR]

Builds ``packaging/roundtable.spec`` for the platform it runs on
(``dist/roundtable/``; macOS ``dist/Roundtable.app``), then prints the
bundle's size and how long the built executable takes to print its version,
to create a database with the demo scenario, and to open the desktop app's
window on that database, paint it and quit (``ROUNDTABLE_QUIT_AFTER_START=1``).
``--no-trim`` builds with every Qt module, plugin and translation PyInstaller's
hooks find, unstripped, to see what trimming saves.

Run it with the Python that has Roundtable and PyInstaller installed
(``python3 dev.py dist`` sets that up; ``make dist`` calls it).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "roundtable.spec"
DEFAULT_DIST = ROOT / "dist"
DEFAULT_WORK = ROOT / "build" / "pyinstaller"
WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"


class DistError(Exception):
    """The bundle could not be built or measured; the message says why."""


@dataclass(frozen=True)
class Measurement:
    """What one built bundle weighs and how fast it starts (seconds, medians of several runs)."""

    bundle: Path
    size_bytes: int
    files: int
    version_seconds: float
    demo_seconds: float
    window_seconds: float
    build_seconds: float | None = None

    def report(self) -> str:
        """The figures as a few lines for the terminal and for packaging/README.md."""
        lines = [
            f"bundle:        {self.bundle}",
            f"size:          {self.size_bytes / 2**20:.1f} MiB in {self.files:,} files",
            f"--version:     {self.version_seconds:.2f} s",
            f"demo (new db): {self.demo_seconds:.2f} s",
            f"window:        {self.window_seconds:.2f} s (start, open the demo database, paint, quit)",
        ]
        if self.build_seconds is not None:
            lines.append(f"build:         {self.build_seconds:.0f} s")
        return "\n".join(lines)


def pyinstaller_available() -> bool:
    """Whether PyInstaller can be imported by this Python."""
    return importlib.util.find_spec("PyInstaller") is not None


def build(dist: Path = DEFAULT_DIST, work: Path = DEFAULT_WORK, *, trim: bool = True) -> Path:
    """Build the bundle into ``dist`` (scratch files in ``work``); return its executable.

    Raises :class:`DistError` when PyInstaller is missing or the build fails.
    """
    if not pyinstaller_available():
        raise DistError(
            "PyInstaller is not installed in this Python. Run 'python3 dev.py dist', or "
            "install it with: python -m pip install -e '.[dist]'"
        )
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]  # fmt: skip
    if not trim:
        command += ["--", "--no-trim"]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode != 0:
        raise DistError(f"PyInstaller failed (exit code {result.returncode}); see above.")
    return executable(dist)


def executable(dist: Path = DEFAULT_DIST) -> Path:
    """The ``roundtable`` executable inside a built bundle in ``dist``."""
    if MACOS:
        path = dist / "Roundtable.app" / "Contents" / "MacOS" / "roundtable"
    else:
        path = dist / "roundtable" / ("roundtable.exe" if WINDOWS else "roundtable")
    if not path.is_file():
        raise DistError(f"There is no built Roundtable at {path}; build it first.")
    return path


def bundle_root(program: Path) -> Path:
    """The folder (or .app) that holds everything the executable ``program`` needs."""
    return program.parents[2] if MACOS else program.parent


def bundle_size(root: Path) -> tuple[int, int]:
    """The bytes and the number of files under ``root`` (symbolic links not followed)."""
    total = count = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                total += path.stat().st_size
                count += 1
    return total, count


def quiet_environment(home: Path) -> dict[str, str]:
    """An environment for running the bundle headless, with its per-user folders in ``home``."""
    env = {k: v for k, v in os.environ.items() if k != "ROUNDTABLE_DATABASE_URL"}
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        APPDATA=str(home / "AppData" / "Roaming"),
        LOCALAPPDATA=str(home / "AppData" / "Local"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        QT_QPA_PLATFORM="offscreen",
    )
    env.pop("PYTHONPATH", None)
    return env


def time_run(command: Sequence[str | Path], env: dict[str, str], cwd: Path) -> float:
    """Seconds ``command`` takes from start to exit; :class:`DistError` if it fails."""
    started = time.perf_counter()
    result = subprocess.run(
        [str(part) for part in command],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise DistError(
            f"{' '.join(map(str, command))} failed with exit code {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )
    return elapsed


def measure(program: Path, runs: int = 5, build_seconds: float | None = None) -> Measurement:
    """Size of the bundle around ``program``, and median start-up times over ``runs`` runs.

    The first run of each command is a warm-up (it fills the disk cache) and
    is not counted.
    """
    if runs < 1:
        raise DistError(f"Measure at least one run, not {runs}.")
    size, files = bundle_size(bundle_root(program))
    with tempfile.TemporaryDirectory(prefix="roundtable-measure-") as scratch:
        home = Path(scratch)
        env = quiet_environment(home)
        time_run([program, "--version"], env, home)
        version = [time_run([program, "--version"], env, home) for _ in range(runs)]
        demo = []
        for number in range(runs + 1):
            database = home / f"demo-{number}.sqlite3"
            seconds = time_run([program, "--db", database, "demo"], env, home)
            if number:
                demo.append(seconds)
        window_env = {**env, "ROUNDTABLE_QUIT_AFTER_START": "1"}
        database = home / "demo-0.sqlite3"
        window = [time_run([program, "--db", database], window_env, home) for _ in range(runs)]
    return Measurement(
        bundle=bundle_root(program),
        size_bytes=size,
        files=files,
        version_seconds=statistics.median(version),
        demo_seconds=statistics.median(demo),
        window_seconds=statistics.median(window),
        build_seconds=build_seconds,
    )


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="build_dist.py", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument(
        "--no-trim",
        action="store_true",
        help="keep every Qt module, plugin and translation, unstripped (to compare)",
    )
    parser.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="where the bundle goes")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="PyInstaller's scratch")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each command")
    parser.add_argument(
        "--measure-only", action="store_true", help="measure the bundle in --dist, do not build"
    )
    args = parser.parse_args(list(argv))
    try:
        if args.measure_only:
            program, seconds = executable(args.dist), None
        else:
            started = time.perf_counter()
            program = build(args.dist, args.work, trim=not args.no_trim)
            seconds = time.perf_counter() - started
        print(measure(program, args.runs, seconds).report())
    except DistError as exc:
        print(f"build_dist: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
