"""Build hook: the wheel gets the compiled translations (.qm) of the user interface.

Everything else about the package is declared in pyproject.toml. The
translations are kept in git as Qt Linguist sources
(``resources/translations/*.ts``); the app loads compiled ``.qm`` files, which
are not committed. PySide6's ``lrelease`` is not available in pip's isolated
build environment, so ``build_py`` compiles them with the pure-Python writer
in ``packaging/build_translations.py`` (standard library only; a test checks
it against lrelease message by message).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
TRANSLATIONS = ROOT / "resources" / "translations"
COMPILER = ROOT / "packaging" / "build_translations.py"


def _compiler() -> ModuleType:
    if not COMPILER.exists():
        raise SystemExit(
            f"cannot compile the translations: {COMPILER.relative_to(ROOT)} is missing "
            "(build from a git checkout, or include it in the source archive)."
        )
    spec = importlib.util.spec_from_file_location("build_translations", COMPILER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {COMPILER}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class BuildPyWithTranslations(build_py):
    """``build_py``, then every ``.ts`` compiled to a ``.qm`` beside the built resources."""

    def run(self) -> None:
        super().run()
        compiler = _compiler()
        # An editable install reads resources from the source tree: compile there.
        if self.editable_mode:
            target = TRANSLATIONS
        else:
            target = Path(self.build_lib) / "roundtable" / "resources" / "translations"
        target.mkdir(parents=True, exist_ok=True)
        for ts_file in sorted(TRANSLATIONS.glob("*.ts")):
            qm_file = target / f"{ts_file.stem}.qm"
            compiler.compile_with_python(ts_file, qm_file)
            self.announce(f"compiled {ts_file.name} -> {qm_file}", level=2)


setup(cmdclass={"build_py": BuildPyWithTranslations})
