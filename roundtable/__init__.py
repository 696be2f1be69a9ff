"""Roundtable: the core library (no Qt).

The desktop app in ``ui/`` and the command line in :mod:`roundtable.cli` are
clients of this package. Nothing under ``roundtable/`` imports PySide6.
"""

__version__ = "0.1.0"
