"""PySide6.QtGui as PyInstaller's own hook collects it, less the plugins and translations
Roundtable does not use (see packaging/bundle_trim.py). Used by roundtable.spec."""

from bundle_trim import trim_hook_result
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries, datas = trim_hook_result(binaries, datas)
