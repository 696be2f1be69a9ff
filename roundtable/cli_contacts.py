"""The ``roundtable contacts`` commands: contacts import and export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def register(commands: Any, add_global_options: Callable[..., None]) -> None:
    """Add the ``contacts`` command and its subcommands to ``commands`` (argparse subparsers)."""
    del commands, add_global_options  # filled in by the contacts work in progress
