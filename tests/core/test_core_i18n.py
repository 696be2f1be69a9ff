"""The core's messages in Dutch: the catalog is complete, and the core speaks it when asked.

Checks over ``resources/translations/core_nl.po`` like tests/test_translations.py
makes over the interface's ``.ts``: every ``_("…")``/``ngettext("…", "…", n)`` in
``roundtable/`` has a Dutch text with the same ``{placeholders}``, nothing obsolete
lingers, and only string literals are ever looked up.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from roundtable import i18n
from roundtable.errors import IllegalTransitionError, ValidationError
from roundtable.i18n import CatalogError, parse_po
from roundtable.storage.db import Database

REPO = Path(__file__).resolve().parents[2]
CORE = REPO / "roundtable"
DUTCH_PO = REPO / "resources" / "translations" / "core_nl.po"


@pytest.fixture
def dutch() -> Iterator[None]:
    i18n.set_language("nl")
    yield
    i18n.set_language("en")


# --- the literals the core looks up ----------------------------------------------------


def _calls(tree: ast.AST) -> Iterator[tuple[str, ast.Call]]:
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "ngettext"}
        ):
            yield node.func.id, node


def _core_modules() -> list[Path]:
    return sorted(p for p in CORE.rglob("*.py") if "migrations" not in p.parts)


def _lookups() -> tuple[set[str], set[tuple[str, str]], list[str]]:
    """The singular msgids, the plural pairs, and the calls whose argument is no literal."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    not_literal: list[str] = []
    for path in _core_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for name, call in _calls(tree):
            where = f"{path.relative_to(REPO)}:{call.lineno}"
            wanted = 1 if name == "_" else 2
            args = call.args[:wanted]
            literal = all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args)
            if len(args) != wanted or not literal:
                not_literal.append(where)
                continue
            texts = [a.value for a in args if isinstance(a, ast.Constant)]
            if name == "_":
                singles.add(texts[0])
            else:
                plurals.add((texts[0], texts[1]))
    return singles, plurals, not_literal


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def catalog() -> i18n.Catalog:
    return parse_po(DUTCH_PO.read_text(encoding="utf-8"), DUTCH_PO.name)


def _raw_msgids() -> list[str]:
    """Every msgid in the PO file, translated or not (the header's empty one left out)."""
    text = DUTCH_PO.read_text(encoding="utf-8")
    found = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines() if not line.startswith("#")]
        collecting, parts = False, []
        for line in lines:
            if line.startswith("msgid "):
                collecting, parts = True, [line[len("msgid ") :]]
            elif line.startswith('"') and collecting:
                parts.append(line)
            else:
                collecting = False
        joined = "".join(ast.literal_eval(p) for p in parts)
        if joined:
            found.append(joined)
    return found


def test_the_core_looks_up_only_string_literals() -> None:
    singles, plurals, not_literal = _lookups()
    assert len(singles) > 100, "the core's messages are wrapped, not a sample"
    assert plurals, "the core has plural messages; none were found"
    assert not_literal == [], "pass the English template, format afterwards"


def test_every_core_message_has_a_dutch_translation(catalog: i18n.Catalog) -> None:
    singles, plurals, _ = _lookups()
    missing = sorted(m for m in singles if not catalog.messages.get(m, "").strip())
    missing += sorted(f"{s} / {p}" for s, p in plurals if (s, p) not in catalog.plurals)
    assert missing == [], "add these to resources/translations/core_nl.po"


def test_placeholders_match(catalog: i18n.Catalog) -> None:
    wrong = [
        f"{m!r} → {t!r}"
        for m, t in catalog.messages.items()
        if _placeholders(m) != _placeholders(t)
    ]
    for (singular, plural), forms in catalog.plurals.items():
        for form in forms:
            if _placeholders(form) - (_placeholders(singular) | _placeholders(plural)):
                wrong.append(f"{singular!r} → {form!r}")
        if _placeholders(forms[1]) != _placeholders(plural):
            wrong.append(f"{plural!r} → {forms[1]!r}")
    assert wrong == []


def test_no_obsolete_or_duplicate_messages() -> None:
    singles, plurals, _ = _lookups()
    used = singles | {s for s, _ in plurals}
    msgids = _raw_msgids()
    assert sorted(m for m in msgids if m not in used) == [], "obsolete: remove from core_nl.po"
    assert sorted({m for m in msgids if msgids.count(m) > 1}) == [], "listed twice"


# --- the reader ------------------------------------------------------------------------


def test_the_reader_understands_plurals_escapes_and_continued_strings() -> None:
    text = r"""# a comment
msgid ""
msgstr ""
"Language: nl\n"

msgid "Say \"hi\"\n"
"twice."
msgstr "Zeg \"hoi\"\n"
"twee keer."

msgid "{n} person"
msgid_plural "{n} people"
msgstr[0] "{n} persoon"
msgstr[1] "{n} personen"

#, fuzzy
msgid "Unsure"
msgstr "Onzeker"

msgid "Untranslated"
msgstr ""
"""
    catalog = parse_po(text)
    assert catalog.messages == {'Say "hi"\ntwice.': 'Zeg "hoi"\ntwee keer.'}
    assert catalog.plurals == {("{n} person", "{n} people"): ["{n} persoon", "{n} personen"]}


def test_the_reader_names_the_line_of_a_broken_file() -> None:
    with pytest.raises(CatalogError, match=r"broken.po, line 2: unknown keyword 'msgtxt'"):
        parse_po('msgid "a"\nmsgtxt "b"\n', "broken.po")
    with pytest.raises(CatalogError, match="line 1: expected a quoted string"):
        parse_po("msgid a\n")


# --- the language ----------------------------------------------------------------------


def test_english_is_the_default_and_an_unknown_language_is_refused() -> None:
    assert i18n.language() == "en"
    assert i18n._("{label} is required.") == "{label} is required."
    assert i18n.ngettext("{count} person", "{count} people", 2) == "{count} people"
    with pytest.raises(ValueError, match=r"^Unknown language 'fr'; choose one of en, nl\.$"):
        i18n.set_language("fr")
    assert i18n.language() == "en"


def test_a_validation_error_in_dutch(dutch: None) -> None:
    from roundtable.validation import require_text, validate_email

    with pytest.raises(ValidationError) as caught:
        validate_email("anna@@example")
    assert str(caught.value) == "'anna@@example' is geen geldig e-mailadres."
    assert caught.value.field == "email"
    with pytest.raises(ValidationError, match=r"^Naam is verplicht\.$"):
        require_text("  ", "name", i18n._("Name"))


def test_english_messages_stay_as_they_were() -> None:
    from roundtable.validation import validate_email

    with pytest.raises(ValidationError, match=r"^'x' is not a valid e-mail address\.$"):
        validate_email("x")


def test_a_lifecycle_refusal_in_dutch(sqlite_db: Database, dutch: None) -> None:
    from roundtable.meetings import lifecycle

    with sqlite_db.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        with pytest.raises(IllegalTransitionError) as caught:
            lifecycle.mark_held(session, roundtable)
    assert str(caught.value) == (
        "Kan “Project Clover” niet als gehouden markeren: het is nog een concept; plan het eerst."
    )


def test_the_same_refusal_in_english(sqlite_db: Database) -> None:
    from roundtable.meetings import lifecycle

    with sqlite_db.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        with pytest.raises(IllegalTransitionError) as caught:
            lifecycle.mark_held(session, roundtable)
    assert str(caught.value) == (
        "Cannot mark “Project Clover” as held: it is still a draft; schedule it first."
    )


def test_contact_import_reasons_in_dutch(sqlite_db: Database, dutch: None) -> None:
    from roundtable.contacts import planning, reading

    data = (
        b"Name,E-mail\nAnna de Wit,anna@example.org\n,nobody@example.org\n"
        b"Anna Wit,anna@example.org\n"
    )
    source = reading.read_contacts_bytes(data, "people.csv")
    with sqlite_db.transaction() as session:
        plan = planning.plan_import(session, source)
    reasons = {row.line: row.reason for row in plan.rows}
    assert reasons == {2: "", 3: "geen naam", 4: "zelfde e-mailadres als regel 2"}
    assert planning.summary_line(plan) == (
        "1 toe te voegen, 0 bij te werken, 1 overgeslagen als dubbel, 1 geweigerd"
    )


def test_an_erasure_plan_in_dutch(sqlite_db: Database, dutch: None) -> None:
    from roundtable.people import persons
    from roundtable.privacy import erasure

    with sqlite_db.transaction() as session:
        person = persons.create_person(
            session, "Jan de Vries", email="jan@example.org", phone="+31 20 123 4567"
        )
        plan = erasure.plan_erasure(session, person)
    labels = [label for label, _old, _new in plan.field_changes]
    assert labels == ["Naam", "E-mailadres", "Telefoon"]
    assert plan.label == f"Erased person #{person.id}"  # data, stays as it is


# --- the command line -------------------------------------------------------------------


def test_the_cli_speaks_dutch_only_when_roundtable_language_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable.cli import main

    database = str(tmp_path / "roundtable.sqlite3")
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")  # never followed: scripts read our output
    monkeypatch.delenv("ROUNDTABLE_LANGUAGE")
    assert main(["--db", database, "privacy", "keep", "999"]) == 2
    assert capsys.readouterr().err.strip().endswith("No person with id or e-mail address '999'.")

    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "nl")
    assert main(["--db", database, "privacy", "keep", "999"]) == 2
    assert capsys.readouterr().err.strip().endswith("Geen persoon met id of e-mailadres '999'.")
    assert i18n.language() == "en"  # restored for whoever calls main() next

    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "fr")  # unknown: English, with a logged warning
    assert main(["--db", database, "privacy", "keep", "999"]) == 2
    assert capsys.readouterr().err.strip().endswith("No person with id or e-mail address '999'.")
