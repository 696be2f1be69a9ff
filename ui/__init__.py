"""Roundtable's desktop app (PySide6): one client of the core in ``roundtable/``.

Widgets, Qt item models and dialogs live here; the rules live in the core.
"""
