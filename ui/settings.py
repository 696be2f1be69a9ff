"""Every user setting, declared once: key, type, default, label, choices.

The settings dialog (:mod:`ui.dialogs.settings_dialog`) is built from
:data:`SETTINGS`; code reads a value with :func:`value` and writes one with
:func:`set_value`, both through ``QSettings`` (the per-user Roundtable.conf).
Window geometry and the last page shown are kept in ``QSettings`` too, but
they are state the window remembers, not settings a user chooses, so they are
not listed here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSettings

from roundtable_ui.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger("roundtable_ui.settings")

#: The translation context of labels, tips and choices below.
CONTEXT = "Settings"

Value = str | bool | int


@dataclass(frozen=True)
class Setting:
    """One setting: where it is stored, what it holds and how the dialog shows it."""

    #: The QSettings key ("group/name").
    key: str
    #: ``str``, ``bool`` or ``int``: what :func:`value` returns.
    type: type
    default: Value
    #: Untranslated label (translated in the "Settings" context).
    label: str
    #: For a ``str`` setting with fixed values: (value, untranslated label) pairs. The
    #: language setting's "system" label holds ``%1`` for the language that means.
    choices: tuple[tuple[str, str], ...] = ()
    #: Untranslated explanation, shown as the field's tooltip.
    tip: str = ""
    #: Lowest and highest value of an ``int`` setting.
    minimum: int = 0
    maximum: int = 1_000_000
    #: The change shows only when Roundtable starts again.
    needs_restart: bool = False

    def choice_values(self) -> list[str]:
        return [choice for choice, _label in self.choices]

    @staticmethod
    def translate(text: str) -> str:
        """``text`` (a label, tip or choice of a setting) in the interface language."""
        return QCoreApplication.translate(CONTEXT, text) if text else ""

    def translated_label(self) -> str:
        return self.translate(self.label)

    def translated_tip(self) -> str:
        return self.translate(self.tip)


LANGUAGE = Setting(
    key="interface/language",
    type=str,
    default="system",
    label=QT_TRANSLATE_NOOP("Settings", "Interface language"),
    choices=(
        ("system", QT_TRANSLATE_NOOP("Settings", "As the system (%1)")),
        # Each language under its own name, so it can be found by someone who reads only that one.
        ("en", "English"),
        ("nl", "Nederlands"),
    ),
    tip=QT_TRANSLATE_NOOP(
        "Settings",
        "The language of menus, buttons and messages. "
        "Statements and letters have their own language.",
    ),
    needs_restart=True,
)

#: Every setting, in the order the settings dialog shows them.
SETTINGS: tuple[Setting, ...] = (LANGUAGE,)


def setting(key: str) -> Setting:
    """The setting stored under ``key``; an unknown key is refused by name."""
    for candidate in SETTINGS:
        if candidate.key == key:
            return candidate
    raise KeyError(f"There is no setting called {key!r}.")


def check(item: Setting, raw: object) -> Value:
    """``raw`` as a value of ``item`` (text from the settings file converted); else ValueError.

    The error is a sentence that names the setting and what it accepts.
    """
    name = item.label
    if item.type is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in {"true", "false", "1", "0"}:
            return raw.strip().lower() in {"true", "1"}
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        raise ValueError(f"{name} is on or off (true or false), not {raw!r}.")
    if item.type is int:
        try:
            number = int(str(raw).strip()) if not isinstance(raw, bool) else None
        except ValueError:
            number = None
        if number is None:
            raise ValueError(f"{name} is a whole number, not {raw!r}.")
        if not item.minimum <= number <= item.maximum:
            raise ValueError(
                f"{name} must be between {item.minimum} and {item.maximum}, not {number}."
            )
        return number
    if not isinstance(raw, str):
        raise ValueError(f"{name} is text, not {raw!r}.")
    if item.choices and raw not in item.choice_values():
        known = ", ".join(item.choice_values())
        raise ValueError(f"{name} is one of {known}, not {raw!r}.")
    return raw


def value(item: Setting) -> Value:
    """The stored value of ``item``, or its default when unset or not valid (logged)."""
    raw = QSettings().value(item.key)
    if raw is None:
        return item.default
    try:
        return check(item, raw)
    except ValueError as exc:
        log.warning("setting %s ignored, using %r: %s", item.key, item.default, exc)
        return item.default


def set_value(item: Setting, new: object) -> Value:
    """Store ``new`` for ``item`` after checking it (nothing is written if it is not valid)."""
    checked = check(item, new)
    settings = QSettings()
    settings.setValue(item.key, checked)
    settings.sync()
    return checked
