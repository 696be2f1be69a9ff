"""The script PyInstaller freezes: the ``roundtable`` command, as the wheel's entry point.

With no arguments it opens the desktop app, with a command it runs the
command, exactly like ``roundtable`` installed from the wheel.
"""

from __future__ import annotations

import os
import sys


def _give_windowed_builds_a_console_stream() -> None:
    # A windowed executable (Windows' roundtable-gui.exe, macOS' .app) may start
    # with no standard streams; argparse and our error lines would then fail
    # with AttributeError instead of printing to nowhere.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


if __name__ == "__main__":
    _give_windowed_builds_a_console_stream()
    from roundtable.cli import main

    sys.exit(main())
