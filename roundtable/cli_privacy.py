"""The ``roundtable privacy`` commands: privacy commands: subject access, erasure, review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def register(commands: Any, add_global_options: Callable[..., None]) -> None:
    """Add the ``privacy`` command and its subcommands to ``commands`` (argparse subparsers)."""
    del commands, add_global_options  # filled in by the privacy work in progress
