"""The question asked when someone else saved a record first: reload, or keep my view?

Asked through :mod:`ui.messages`, the one replaceable place every modal
question goes through, so tests answer it with a ``ScriptedResponder`` and
never hang on a modal dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from roundtable.errors import ConcurrentEditError
from roundtable_ui import messages


def ask_to_reload(parent: QWidget | None, error: ConcurrentEditError) -> bool:
    """Show the conflict (who changed what, when) and ask whether to reload; ``True``: reload.

    The other choice keeps what the window shows now; nothing of the failed
    change was saved either way.
    """
    title = QCoreApplication.translate("ConflictDialog", "Changed by someone else")
    hint = QCoreApplication.translate(
        "ConflictDialog",
        "Reload to see the saved version; you can then make your change again. "
        "Otherwise the window keeps showing what you had.",
    )
    reload_label = QCoreApplication.translate("ConflictDialog", "&Reload")
    keep_label = QCoreApplication.translate("ConflictDialog", "&Keep my view")
    return messages.confirm(parent, title, f"{error}\n\n{hint}", reload_label, keep_label)
