#!/usr/bin/env python3
"""Build and refresh the translations of Roundtable's user interface.

    python packaging/build_translations.py            compile every .ts to a .qm beside it
    python packaging/build_translations.py update     refresh the .ts files from ui/ (lupdate)
                                                      and list what still needs translating
    python packaging/build_translations.py update de  the same, starting roundtable_de.ts

The Qt Linguist sources (``resources/translations/roundtable_<lang>.ts``) are
kept in git; the compiled ``.qm`` files are not. Compiling uses PySide6's
``pyside6-lrelease`` when it is installed, and otherwise :func:`write_qm`, a
small pure-Python writer of the same format, which is also what ``setup.py``
uses when it builds a wheel (PySide6 is not in pip's isolated build
environment). Standard library only, so ``dev.py`` and ``setup.py`` can run it
before anything is installed; importable as well as runnable.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
#: The language the strings in the code are written in.
SOURCE_LANGUAGE = "en"
#: Where lupdate looks for translatable strings (ui/*.py and ui/**/*.py).
SOURCE_ROOTS = ("ui",)

USAGE = """usage:
  build_translations.py [compile]   compile resources/translations/*.ts to .qm files beside them
  build_translations.py update [LANGUAGE ...]
                                    refresh the .ts files from the code with lupdate and list
                                    the messages that are new or still untranslated; a
                                    LANGUAGE without a .ts file yet (e.g. de) starts one"""


class TranslationError(Exception):
    """A translation could not be read, refreshed or compiled; the message says why."""


# --- reading .ts files -------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One message of a .ts file: where it is used, its English text and its translation."""

    context: str
    source: str
    #: The disambiguation ("comment" in the .ts file); usually empty.
    comment: str
    #: One text, or one per plural form for a ``%n`` message.
    translations: tuple[str, ...]
    numerus: bool
    #: "" (finished), "unfinished", "vanished" or "obsolete".
    state: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def finished(self) -> bool:
        return self.state == "" and all(self.translations) and bool(self.translations)

    @property
    def current(self) -> bool:
        """Still used by the code (not marked vanished or obsolete)."""
        return self.state not in ("vanished", "obsolete")


def _text(element: ET.Element | None) -> str:
    """The text of a .ts element, with Qt's ``<byte value="…"/>`` escapes resolved."""
    if element is None:
        return ""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "byte":
            value = child.get("value", "")
            parts.append(chr(int(value[1:], 16) if value.startswith("x") else int(value)))
        parts.append(child.tail or "")
    return "".join(parts)


def read_ts(path: Path) -> tuple[str, list[Message]]:
    """The target language and the messages of the .ts file ``path``."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise TranslationError(f"cannot read the translation file {path}: {exc}") from None
    if root.tag != "TS":
        raise TranslationError(f"{path} is not a Qt Linguist translation file (no <TS> element).")
    messages = []
    for context in root.iter("context"):
        name = _text(context.find("name"))
        for message in context.iter("message"):
            translation = message.find("translation")
            numerus = message.get("numerus") == "yes"
            if translation is None:
                forms: tuple[str, ...] = ()
            elif numerus:
                forms = tuple(_text(form) for form in translation.iter("numerusform"))
            else:
                forms = (_text(translation),)
            messages.append(
                Message(
                    context=name,
                    source=_text(message.find("source")),
                    comment=_text(message.find("comment")),
                    translations=forms,
                    numerus=numerus,
                    state=translation.get("type", "") if translation is not None else "unfinished",
                )
            )
    return root.get("language", ""), messages


def language_of(ts_file: Path) -> str:
    """The language code in a translation file's name (``roundtable_nl.ts`` → ``nl``)."""
    stem = ts_file.stem
    if "_" not in stem:
        raise TranslationError(
            f"{ts_file.name} does not name its language; call it roundtable_<language>.ts."
        )
    return stem.split("_", 1)[1]


# --- writing .qm files ---------------------------------------------------------------

QM_MAGIC = bytes.fromhex("3CB86418CAEF9C95CD211CBF60A1BDDD")
# Block tags of a .qm file.
_LANGUAGE, _HASHES, _MESSAGES, _NUMERUS_RULES = 0xA7, 0x42, 0x69, 0x88
# Record tags inside the messages block.
_END, _TRANSLATION, _SOURCE_TEXT, _CONTEXT, _COMMENT = 1, 3, 6, 7, 8
# Qt's plural rules (qtranslator.cpp): which form a count takes. Languages
# written like English have two forms, "one" for exactly 1 and "other".
_Q_EQ, _Q_LEQ = 0x01, 0x03
_ENGLISH_STYLE = bytes([_Q_EQ, 1])
_FRENCH_STYLE = bytes([_Q_LEQ, 1])
NUMERUS_RULES = {
    **dict.fromkeys(
        ("en", "nl", "de", "da", "sv", "no", "nb", "nn", "fi", "it", "es", "el", "et", "eo"),
        _ENGLISH_STYLE,
    ),
    **dict.fromkeys(("fr", "pt_BR"), _FRENCH_STYLE),
}


def elf_hash(data: bytes) -> int:
    """The hash Qt's QTranslator looks messages up by (ELF hash; never 0)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _utf8_record(tag: int, text: str) -> bytes:
    data = text.encode("utf-8")
    return struct.pack(">BI", tag, len(data)) + data


def _utf16_record(tag: int, text: str) -> bytes:
    data = text.encode("utf-16-be")
    return struct.pack(">BI", tag, len(data)) + data


def _block(tag: int, data: bytes) -> bytes:
    return struct.pack(">BI", tag, len(data)) + data


def write_qm(messages: Iterable[Message], language: str, target: Path) -> int:
    """Write the translated ``messages`` as the Qt binary translation file ``target``.

    Writes what ``lrelease`` writes by default: every current message with a
    translation (unfinished ones too, as lrelease does), each with its
    context, source text and comment, so QTranslator finds it exactly; a hash
    table sorted by hash; the language and its plural rules. Returns the
    number of messages written.
    """
    base_language = language.split("_")[0]
    rules = NUMERUS_RULES.get(language, NUMERUS_RULES.get(base_language))
    if rules is None:
        raise TranslationError(
            f"no plural rules are known here for the language {language!r}; "
            "compile it with pyside6-lrelease instead."
        )
    records = bytearray()
    table: list[tuple[int, int]] = []
    count = 0
    for message in messages:
        if not message.current or not any(message.translations):
            continue
        offset = len(records)
        for translation in message.translations:
            records += _utf16_record(_TRANSLATION, translation)
        records += _utf8_record(_COMMENT, message.comment)
        records += _utf8_record(_SOURCE_TEXT, message.source)
        records += _utf8_record(_CONTEXT, message.context)
        records.append(_END)
        table.append((elf_hash((message.source + message.comment).encode("utf-8")), offset))
        count += 1
    table.sort()
    data = bytearray(QM_MAGIC)
    data += _block(_LANGUAGE, language.encode("utf-8"))
    if table:
        data += _block(_HASHES, b"".join(struct.pack(">II", h, o) for h, o in table))
        data += _block(_MESSAGES, bytes(records))
    data += _block(_NUMERUS_RULES, rules)
    target.write_bytes(bytes(data))
    return count


def compile_with_python(ts_file: Path, qm_file: Path | None = None) -> Path:
    """Compile ``ts_file`` with :func:`write_qm` (no Qt needed); the .qm written."""
    language, messages = read_ts(ts_file)
    qm_file = qm_file or ts_file.with_suffix(".qm")
    write_qm(messages, language or language_of(ts_file), qm_file)
    return qm_file


# --- Qt's tools ---------------------------------------------------------------------


def find_tool(name: str) -> Path | None:
    """PySide6's ``pyside6-<name>`` (lrelease, lupdate): beside this Python, else on PATH."""
    executable = f"pyside6-{name}" + (".exe" if sys.platform == "win32" else "")
    beside = Path(sys.executable).parent / executable
    if beside.exists():
        return beside
    found = shutil.which(executable)
    return Path(found) if found else None


def _run(command: Sequence[str | Path]) -> str:
    try:
        result = subprocess.run(
            [str(part) for part in command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise TranslationError(f"cannot run {command[0]}: {exc}") from None
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise TranslationError(f"{Path(command[0]).name} failed: {output}")
    return result.stdout


def ts_files() -> list[Path]:
    """The translation sources, ``resources/translations/*.ts``."""
    return sorted(TRANSLATIONS.glob("*.ts"))


def ts_file_for(language: str) -> Path:
    """Where the translation into ``language`` is kept (``nl`` → ``roundtable_nl.ts``)."""
    if not language.replace("_", "").isalpha():
        raise TranslationError(f"{language!r} is not a language code such as nl or pt_BR.")
    return TRANSLATIONS / f"roundtable_{language}.ts"


def source_files() -> list[Path]:
    """The Python files lupdate reads: ``ui/*.py`` and ``ui/**/*.py``."""
    return sorted(
        path
        for root in SOURCE_ROOTS
        for path in (ROOT / root).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def compile_translations(files: Sequence[Path] | None = None, *, quiet: bool = False) -> list[Path]:
    """Compile each .ts file (default: all) to a .qm beside it; the .qm files written.

    Uses pyside6-lrelease when it is installed, else the pure-Python writer.
    """
    written = []
    lrelease = find_tool("lrelease")
    for ts_file in files if files is not None else ts_files():
        qm_file = ts_file.with_suffix(".qm")
        if lrelease is not None:
            _run([lrelease, "-silent", ts_file, "-qm", qm_file])
        else:
            compile_with_python(ts_file, qm_file)
        written.append(qm_file)
        if not quiet:
            print(f"build_translations: wrote {qm_file.relative_to(ROOT)}")
    return written


def run_lupdate(ts_file: Path, sources: Sequence[Path] | None = None) -> None:
    """Refresh ``ts_file`` from the code: new messages added, vanished ones dropped."""
    lupdate = find_tool("lupdate")
    if lupdate is None:
        raise TranslationError(
            "pyside6-lupdate is not installed; install PySide6 (python3 dev.py test sets it up)."
        )
    files = sources if sources is not None else source_files()
    # A list file keeps the command line short on Windows.
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "sources.lst"
        listing.write_text("\n".join(str(p) for p in files) + "\n", encoding="utf-8")
        _run(
            [
                lupdate,
                "-silent",
                "-no-obsolete",
                "-locations",
                "relative",
                "-source-language",
                SOURCE_LANGUAGE,
                "-target-language",
                language_of(ts_file),
                f"@{listing}",
                "-ts",
                ts_file,
            ]
        )
    _drop_developer_comments(ts_file)


# lupdate takes "#:" comments for notes to translators, but here they are
# Sphinx attribute docs ("#: How often the marker is read, in ms"), which it
# glues onto whichever message follows: noise that would mislead a translator.
_EXTRA_COMMENT = re.compile(r"\n[ \t]*<extracomment>.*?</extracomment>", re.DOTALL)


def _drop_developer_comments(ts_file: Path) -> None:
    text = ts_file.read_text(encoding="utf-8")
    cleaned = _EXTRA_COMMENT.sub("", text)
    if cleaned != text:
        ts_file.write_text(cleaned, encoding="utf-8")


@dataclass(frozen=True)
class UpdateReport:
    """What an update found in one .ts file."""

    ts_file: Path
    new: list[Message]
    untranslated: list[Message]
    removed: list[tuple[str, str, str]]


def update_translations(files: Sequence[Path] | None = None) -> list[UpdateReport]:
    """Run lupdate for each .ts file (default: all); what is new, untranslated or gone."""
    reports = []
    for ts_file in files if files is not None else ts_files():
        before = {m.key for m in read_ts(ts_file)[1]} if ts_file.exists() else set()
        run_lupdate(ts_file)
        _language, after = read_ts(ts_file)
        keys = {m.key for m in after}
        reports.append(
            UpdateReport(
                ts_file=ts_file,
                new=[m for m in after if m.key not in before],
                untranslated=[m for m in after if not m.finished],
                removed=sorted(before - keys),
            )
        )
    return reports


def print_report(report: UpdateReport) -> None:
    """Print what an update found: counts, then each message still to translate."""
    name = (
        report.ts_file.relative_to(ROOT) if report.ts_file.is_relative_to(ROOT) else report.ts_file
    )
    print(
        f"{name}: {len(report.new)} new, {len(report.untranslated)} to translate, "
        f"{len(report.removed)} no longer used"
    )
    new_keys = {m.key for m in report.new}
    for message in report.untranslated:
        mark = "new" if message.key in new_keys else "to do"
        plural = " (plural)" if message.numerus else ""
        print(f"  [{mark}] {message.context}: {message.source!r}{plural}")
    for context, source, _comment in report.removed:
        print(f"  [gone] {context}: {source!r}")


def main(argv: Sequence[str]) -> int:
    command = argv[0] if argv else "compile"
    wrong = command not in ("compile", "update") or (command == "compile" and argv[1:])
    if command in ("-h", "--help", "help") or wrong:
        print(USAGE, file=sys.stderr)
        return 0 if command in ("-h", "--help", "help") else 2
    try:
        if command == "update":
            files = sorted({*ts_files(), *(ts_file_for(code) for code in argv[1:])})
            if not files:
                print("build_translations: no .ts files yet; name a language: update nl")
                return 1
            for report in update_translations(files):
                print_report(report)
            return 0
        if not ts_files():
            print(f"build_translations: no .ts files in {TRANSLATIONS}", file=sys.stderr)
            return 1
        compile_translations()
    except TranslationError as exc:
        print(f"build_translations: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(main(sys.argv[1:]))
