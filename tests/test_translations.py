"""The Dutch translation is complete and consistent, up to date with the code, and compiles.

Checks over ``resources/translations/roundtable_nl.ts``: every message has a
finished, non-empty Dutch text whose placeholders (``%1``, ``%n``), HTML tags
and ``&`` accelerators match the English source; nothing obsolete lingers; and
``lupdate`` run over ``ui/`` now finds exactly the messages the file holds.
Then the pure-Python ``.qm`` writer that ``setup.py`` uses is compared with
Qt's own ``lrelease`` lookup by lookup.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

REPO = Path(__file__).resolve().parent.parent
DUTCH_TS = REPO / "resources" / "translations" / "roundtable_nl.ts"


def _load_build_translations() -> ModuleType:
    path = REPO / "packaging" / "build_translations.py"
    spec = importlib.util.spec_from_file_location("build_translations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bt = _load_build_translations()


@pytest.fixture(scope="module")
def dutch() -> list[bt.Message]:
    language, messages = bt.read_ts(DUTCH_TS)
    assert language == "nl"
    return messages


def _problems(messages: list[bt.Message], check: Callable[[str, str], str]) -> list[str]:
    """``context: source → translation: problem`` for each translation ``check`` objects to."""
    found = []
    for message in messages:
        for translation in message.translations:
            problem = check(message.source, translation)
            if problem:
                found.append(f"{message.context}: {message.source!r} → {translation!r}: {problem}")
    return found


# --- the .ts file --------------------------------------------------------------------


def test_every_message_has_a_finished_dutch_translation(dutch: list[bt.Message]) -> None:
    assert len(dutch) > 500  # the whole interface, not a sample
    unfinished = [
        f"{m.context}: {m.source!r}"
        for m in dutch
        if m.state != "" or not m.translations or not all(t.strip() for t in m.translations)
    ]
    assert unfinished == [], "untranslated (run packaging/build_translations.py update)"


def test_plural_messages_have_both_dutch_forms(dutch: list[bt.Message]) -> None:
    plurals = [m for m in dutch if m.numerus]
    assert plurals, "the interface has %n messages; none were found"
    wrong = [f"{m.context}: {m.source!r}" for m in plurals if len(m.translations) != 2]
    assert wrong == []


def test_no_obsolete_or_vanished_messages(dutch: list[bt.Message]) -> None:
    assert [m.source for m in dutch if not m.current] == []


def test_placeholders_match_the_source(dutch: list[bt.Message]) -> None:
    def check(source: str, translation: str) -> str:
        wanted = sorted(set(re.findall(r"%(?:\d+|n)", source)))
        got = sorted(set(re.findall(r"%(?:\d+|n)", translation)))
        return "" if wanted == got else f"placeholders {wanted} became {got}"

    assert _problems(dutch, check) == []


def test_html_tags_match_the_source(dutch: list[bt.Message]) -> None:
    def tags(text: str) -> list[str]:
        return sorted(re.findall(r"</?[a-z][^>]*>", text))

    def check(source: str, translation: str) -> str:
        return "" if tags(source) == tags(translation) else f"tags {tags(source)}"

    assert _problems(dutch, check) == []


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)", text.replace("&&", "")))


def test_accelerators_match_the_source(dutch: list[bt.Message]) -> None:
    def check(source: str, translation: str) -> str:
        if source.count("&&") != translation.count("&&"):
            return "a literal && was lost or added"
        if _accelerators(source) != _accelerators(translation):
            return "the & accelerator was lost or added"
        if re.search(r"&(\s|$)", translation.replace("&&", "")):
            return "& stands before a space"
        return ""

    assert _problems(dutch, check) == []


def test_the_ts_file_is_up_to_date_with_the_code(dutch: list[bt.Message], tmp_path: Path) -> None:
    """lupdate over ui/ now finds exactly the messages of the .ts, no more, no fewer."""
    if bt.find_tool("lupdate") is None:
        pytest.fail("pyside6-lupdate is not installed (it comes with PySide6)")
    fresh = tmp_path / "roundtable_nl.ts"
    bt.run_lupdate(fresh)
    _language, found = bt.read_ts(fresh)
    in_code = {(m.key, m.numerus) for m in found}
    in_file = {(m.key, m.numerus) for m in dutch}
    assert sorted(in_code - in_file) == [], (
        "messages in the code but not in the .ts: run packaging/build_translations.py update"
    )
    assert sorted(in_file - in_code) == [], "messages in the .ts that the code no longer has"


def test_no_string_slips_past_lupdate() -> None:
    """Calls lupdate cannot read: a context held in a variable, helper wrappers, bare headers.

    Such strings show in English in every language. Mark them where they are
    written: ``QT_TRANSLATE_NOOP("Context", "text")``, or
    ``QCoreApplication.translate("Context", "text")``.
    """
    helpers = {"_tr", "_noop", "_translate", "N_", "_"}

    def literal(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str)

    found = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.value if isinstance(node.func, ast.Subscript) else node.func
            name = getattr(func, "attr", None) or getattr(func, "id", "")
            args = node.args
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if name in {"translate", "QT_TRANSLATE_NOOP"} and len(args) >= 2:
                if literal(args[1]) and not literal(args[0]):
                    found.append(f"{where}: the context is not written out")
            elif name in helpers and args and literal(args[0]):
                found.append(f"{where}: {name}() hides the string from lupdate")
            elif name == "Column" and args and literal(args[0]) and str(args[0].value).strip():  # type: ignore[attr-defined]
                found.append(f"{where}: column header {args[0].value!r} not marked")  # type: ignore[attr-defined]
            elif name == "tr" and args and isinstance(args[0], ast.JoinedStr):
                found.append(f"{where}: an f-string inside tr() is never found")
    assert found == []


# --- compiling ------------------------------------------------------------------------


@pytest.fixture
def compiled(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """The Dutch .ts compiled twice: by lrelease and by the pure-Python writer."""
    lrelease = bt.find_tool("lrelease")
    if lrelease is None:
        pytest.fail("pyside6-lrelease is not installed (it comes with PySide6)")
    ts_copy = tmp_path / DUTCH_TS.name
    shutil.copyfile(DUTCH_TS, ts_copy)
    (by_qt,) = bt.compile_translations([ts_copy], quiet=True)
    by_python = bt.compile_with_python(ts_copy, tmp_path / "python.qm")
    yield by_qt, by_python


def test_python_qm_writer_agrees_with_lrelease(
    qapp: QCoreApplication, compiled: tuple[Path, Path], dutch: list[bt.Message]
) -> None:
    by_qt, by_python = QTranslator(), QTranslator()
    assert by_qt.load(str(compiled[0]))
    assert by_python.load(str(compiled[1]))
    assert by_python.language() == by_qt.language() == "nl"
    differences = []
    for message in dutch:
        for n in (0, 1, 2, 7) if message.numerus else (-1,):
            expected = by_qt.translate(message.context, message.source, message.comment or None, n)
            got = by_python.translate(message.context, message.source, message.comment or None, n)
            if not expected or got != expected:
                differences.append((message.context, message.source, n, expected, got))
    assert differences == []
    # The plural rule is Dutch (one form for 1, another for the rest).
    plural = next(m for m in dutch if m.numerus)
    one = by_python.translate(plural.context, plural.source, None, 1)
    many = by_python.translate(plural.context, plural.source, None, 2)
    assert (one, many) == plural.translations
    # A message that is not there stays untranslated.
    assert by_python.translate("MainWindow", "No such text") == ""


def test_elf_hash_is_qt_s() -> None:
    # Values read from a .qm that lrelease wrote.
    assert bt.elf_hash(b"Open") == 0x566BE
    assert bt.elf_hash(b"Hello") == 0x4EC32F
    assert bt.elf_hash(b"%n file(s)") == 0xD00BF39
    assert bt.elf_hash(b"") == 1  # never 0


def test_python_writer_refuses_a_language_without_known_plural_rules(tmp_path: Path) -> None:
    message = bt.Message("Ctx", "Yes", "", ("Tak",), False, "")
    with pytest.raises(bt.TranslationError, match=r"plural rules.*'pl'"):
        bt.write_qm([message], "pl", tmp_path / "x.qm")
    assert not (tmp_path / "x.qm").exists()


def test_reading_a_broken_ts_file_names_it(tmp_path: Path) -> None:
    broken = tmp_path / "roundtable_nl.ts"
    broken.write_text("<TS><context>", encoding="utf-8")
    with pytest.raises(
        bt.TranslationError, match=r"cannot read the translation file .*roundtable_nl\.ts"
    ):
        bt.read_ts(broken)
    with pytest.raises(bt.TranslationError, match="does not name its language"):
        bt.language_of(tmp_path / "roundtable.ts")


def test_update_lists_new_and_untranslated_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A .ts missing one message and with one undone: update adds it back and lists both."""
    text = DUTCH_TS.read_text(encoding="utf-8")
    blocks = re.findall(r"    <message>\n.*?    </message>\n", text, re.DOTALL)
    dropped = next(b for b in blocks if "<source>&amp;Preferences…</source>" in b)
    undone = next(b for b in blocks if "<source>&amp;About Roundtable</source>" in b)
    text = text.replace(dropped, "").replace(
        undone,
        re.sub(
            r"<translation>.*?</translation>",
            '<translation type="unfinished"></translation>',
            undone,
        ),
    )
    ts_copy = tmp_path / DUTCH_TS.name
    ts_copy.write_text(text, encoding="utf-8")

    (report,) = bt.update_translations([ts_copy])
    bt.print_report(report)

    # (Strings added to the code since the .ts was last updated show up too.)
    new = {(m.context, m.source) for m in report.new}
    untranslated = {(m.context, m.source) for m in report.untranslated}
    assert ("MainWindow", "&Preferences…") in new
    assert ("MainWindow", "&About Roundtable") not in new
    assert {("MainWindow", "&Preferences…"), ("MainWindow", "&About Roundtable")} <= untranslated
    printed = capsys.readouterr().out
    assert re.search(r"roundtable_nl\.ts: \d+ new, \d+ to translate, \d+ no longer used", printed)
    assert "[new] MainWindow: '&Preferences…'" in printed
    assert "[to do] MainWindow: '&About Roundtable'" in printed
    # The rest kept its translations, and no developer comments were glued on.
    _language, messages = bt.read_ts(ts_copy)
    assert sum(m.finished for m in messages) == len(messages) - len(untranslated)
    assert "<extracomment>" not in ts_copy.read_text(encoding="utf-8")


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert bt.main(["frobnicate"]) == 2
    assert "usage:" in capsys.readouterr().err
    assert bt.main(["--help"]) == 0
    with pytest.raises(bt.TranslationError, match="not a language code"):
        bt.ts_file_for("../nl")
