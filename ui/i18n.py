"""The interface language: which one, and the Qt translators that speak it.

The language comes from, in order: the environment variable
``ROUNDTABLE_LANGUAGE`` (``en`` or ``nl``; for screenshots and tests), the
"Interface language" setting (:data:`ui.settings.LANGUAGE`), and for the
setting's default "system" the desktop's languages (``QLocale.system()``).
Our own strings come from ``roundtable_<lang>.qm`` (built from the ``.ts`` in
``resources/translations``); Qt's own (standard buttons, context menus, file
dialogs) from PySide6's ``qtbase_<lang>.qm``, so Cancel says "Annuleren".

``ROUNDTABLE_PSEUDO_TRANSLATE=1`` wraps every string as ``[~~ text ~~]``: a
string the wrap does not reach was never passed through ``tr()``, and the
longer texts show layouts that break in a longer language.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from roundtable import i18n as core_i18n

if TYPE_CHECKING:

    def QT_TRANSLATE_NOOP(context: str, source_text: str, /) -> str:
        """Mark ``source_text`` for lupdate in ``context``; it is returned untranslated."""
        ...

else:
    # PySide6's stubs type the result as ``object``; import it from here to get ``str``.
    from PySide6.QtCore import QT_TRANSLATE_NOOP as QT_TRANSLATE_NOOP

log = logging.getLogger("roundtable_ui.i18n")

#: Overrides the setting, e.g. ``ROUNDTABLE_LANGUAGE=nl`` (screenshots of the Dutch UI).
LANGUAGE_ENV = "ROUNDTABLE_LANGUAGE"
#: ``1`` turns pseudo-translation on.
PSEUDO_ENV = "ROUNDTABLE_PSEUDO_TRANSLATE"
#: The setting's value that follows the desktop's language.
SYSTEM = "system"
#: The language the code is written in; needs no translation file.
SOURCE_LANGUAGE = "en"
#: Every language the interface speaks, with its name in that language.
LANGUAGES = {"en": "English", "nl": "Nederlands"}
#: The prefix of our translation files: ``roundtable_nl.qm``.
CATALOGUE = "roundtable"

# The translators this module installed, so a second install replaces them.
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def system_language(locale: QLocale | None = None) -> str:
    """The first of the desktop's preferred languages that the interface speaks, else English."""
    locale = locale if locale is not None else QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """The language to show for a setting value: ``system`` (the desktop's), ``en`` or ``nl``.

    An unknown value is refused with a sentence naming the ones there are.
    """
    if choice == SYSTEM:
        return system_language(locale)
    if choice not in LANGUAGES:
        known = ", ".join([SYSTEM, *LANGUAGES])
        raise ValueError(f"Unknown interface language {choice!r}; choose one of {known}.")
    return choice


def chosen_language() -> str:
    """The language to start in: ``ROUNDTABLE_LANGUAGE``, else the setting (see module doc)."""
    from roundtable_ui import settings

    override = os.environ.get(LANGUAGE_ENV, "").strip()
    if override:
        try:
            return resolve_language(override)
        except ValueError as exc:
            log.warning("ignoring %s: %s", LANGUAGE_ENV, exc)
    return resolve_language(str(settings.value(settings.LANGUAGE)))


def pseudo_translation_wanted() -> bool:
    """Whether ``ROUNDTABLE_PSEUDO_TRANSLATE`` asks for pseudo-translation."""
    return os.environ.get(PSEUDO_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def current_language() -> str:
    """The language the installed translators speak (``en`` before any install)."""
    return _current


class PseudoTranslator(QTranslator):
    """Answers every lookup with the source text wrapped as ``[~~ text ~~]``.

    Lengthens every visible string (as Dutch or German would) and makes one
    that never went through ``tr()`` stand out unwrapped. Qt's key names stay
    as they are: shortcuts such as "Ctrl+N" are parsed through them.
    """

    #: Qt contexts whose "translations" are data rather than text to show.
    KEPT_CONTEXTS = frozenset({"QShortcut", "QKeySequence", "QGuiApplication"})

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        if not source_text or context in self.KEPT_CONTEXTS:
            return None
        return f"[~~ {source_text} ~~]"

    def isEmpty(self) -> bool:
        return False


class _CatalogueTranslator(QTranslator):
    """A translator loaded from bytes (the .qm may sit inside a zip), which it keeps alive."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data  # Qt reads the bytes in place, it does not copy them
        self.load(self._data)


def _translations_folder_of_qt() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _our_translator(language: str) -> QTranslator | None:
    """A translator loaded with ``roundtable_<language>.qm``, or ``None`` (logged) if missing."""
    from roundtable.resources_access import resource_files

    qm = resource_files() / "translations" / f"{CATALOGUE}_{language}.qm"
    try:
        translator = _CatalogueTranslator(qm.read_bytes())
    except OSError:
        log.warning(
            "no compiled translation %s; the interface stays in English "
            "(run: python packaging/build_translations.py)",
            qm,
        )
        return None
    if translator.isEmpty():
        log.warning("%s is not a valid translation file; the interface stays in English", qm)
        return None
    return translator


def _qt_translator(language: str) -> QTranslator | None:
    """Qt's own strings (standard buttons, dialogs) in ``language``, if PySide6 ships them."""
    translator = QTranslator()
    if translator.load(f"qtbase_{language}", _translations_folder_of_qt()):
        return translator
    log.info("Qt ships no qtbase translation for %s", language)
    return None


def install_translators(
    app: QCoreApplication | None = None,
    language: str | None = None,
    *,
    pseudo: bool | None = None,
) -> str:
    """Install the translators for ``language`` (default: :func:`chosen_language`); which one.

    Any translators installed before by this function are removed first, so
    calling it again switches language (widgets built earlier keep their
    texts). English needs no translator; pseudo-translation (default: from
    ``ROUNDTABLE_PSEUDO_TRANSLATE``) is installed last, so it wins.
    """
    global _current
    app = app if app is not None else QCoreApplication.instance()
    if app is None:
        raise RuntimeError("Translators need a QCoreApplication; create it first.")
    language = language if language is not None else chosen_language()
    resolve_language(language)  # refuses an unknown one before anything changes
    pseudo = pseudo_translation_wanted() if pseudo is None else pseudo
    remove_translators(app)
    translators: list[QTranslator] = []
    if language != SOURCE_LANGUAGE:
        for make in (_qt_translator, _our_translator):
            translator = make(language)
            if translator is not None:
                translators.append(translator)
    if pseudo:
        translators.append(PseudoTranslator())
    for translator in translators:
        translator.setParent(app)
        app.installTranslator(translator)
        _installed.append(translator)
    _current = language
    core_i18n.set_language(language)  # the core's messages (errors, refusals) too
    # Dates and numbers follow the chosen language when it is not the desktop's.
    system = QLocale.system()
    if system_language(system) == language:
        QLocale.setDefault(system)
    else:
        QLocale.setDefault(QLocale(language))
    log.info("interface language: %s%s", language, " (pseudo-translated)" if pseudo else "")
    return language


def remove_translators(app: QCoreApplication | None = None) -> None:
    """Remove the translators :func:`install_translators` installed (back to English)."""
    global _current
    app = app if app is not None else QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)
        translator.deleteLater()
    _current = SOURCE_LANGUAGE
    core_i18n.set_language(SOURCE_LANGUAGE)
    QLocale.setDefault(QLocale.system())
