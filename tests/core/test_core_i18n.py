"""The core's messages in Dutch: the catalog is complete, and the core speaks it when asked.

Checks over ``resources/translations/core_nl.po`` like tests/test_translations.py
makes over the interface's ``.ts``: every ``_("…")``/``ngettext("…", "…", n)`` in
``roundtable/`` has a Dutch text with the same ``{placeholders}``, nothing obsolete
lingers, and only string literals are ever looked up. And no error a user can cause
is raised with an English message that bypasses ``_()``.
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


# --- every refusal goes through _() ----------------------------------------------------

#: Errors that are bugs, not something a user did or can fix: their messages stay English.
#: Classes of the core that derive from one of these count as such too (the translation
#: file's own CatalogError, the demo files' DemoDataError).
PROGRAMMING_ERRORS = frozenset(
    {
        "AssertionError",
        "AttributeError",
        "IndexError",
        "KeyError",
        "LookupError",
        "NotImplementedError",
        "RuntimeError",
        "StopIteration",
        "TypeError",
        "ValueError",
    }
)

#: argparse's usage errors: raised while the command line is parsed, before
#: ROUNDTABLE_LANGUAGE is read, and worded by argparse in English around our text,
#: like the help texts.
ARGPARSE_ERRORS = frozenset({"ArgumentError", "ArgumentTypeError"})


def _class_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _core_classes() -> dict[str, list[str]]:
    """Every class the core defines, with the names of its bases."""
    bases: dict[str, list[str]] = {}
    for path in _core_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.ClassDef):
                bases[node.name] = [n for b in node.bases if (n := _class_name(b))]
    return bases


def _derives(name: str, roots: frozenset[str], classes: dict[str, list[str]]) -> bool:
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in roots:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(classes.get(current, []))
    return False


def _is_exception_class(name: str, classes: dict[str, list[str]]) -> bool:
    import builtins

    builtin = getattr(builtins, name, None)
    if isinstance(builtin, type) and issubclass(builtin, BaseException):
        return True
    return name in classes and _derives(name, frozenset({"Exception", "BaseException"}), classes)


def _has_words(text: str) -> bool:
    # "{first}." or f"{where}: {reason}" join translated parts; they hold no words.
    return any(ch.isalpha() for ch in text)


def _untranslated(node: ast.expr | None, assigned: dict[str, list[ast.expr]]) -> bool:
    """Whether ``node`` builds a message with English words in it outside _()/ngettext()."""
    if node is None:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and _has_words(str(part.value)) for part in node.values
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr == "format":  # "…".format(…), but not _("…").format(…)
            return _untranslated(node.func.value, assigned)
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _untranslated(node.left, assigned) or _untranslated(node.right, assigned)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _untranslated(node.left, assigned)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body, assigned) or _untranslated(node.orelse, assigned)
    if isinstance(node, ast.Name):  # message = f"…"; raise SomeError(message)
        return any(_untranslated(value, {}) for value in assigned.get(node.id, []))
    return False


def _assignments(scope: ast.AST) -> dict[str, list[ast.expr]]:
    """What each plain name in ``scope`` is assigned (``message = …``, ``message += …``)."""
    found: dict[str, list[ast.expr]] = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found.setdefault(target.id, []).append(node.value)
        elif (
            isinstance(node, ast.AugAssign | ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            found.setdefault(node.target.id, []).append(node.value)
    return found


def _untranslated_refusals(
    path: Path, classes: dict[str, list[str]], root: Path = REPO
) -> list[str]:
    """``path:line Error`` for each user's error ``path`` raises (or builds, to raise
    later) with an English message that does not go through _() or ngettext()."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    exempt = PROGRAMMING_ERRORS | ARGPARSE_ERRORS
    scopes: list[ast.AST] = [tree]
    scopes += [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    offences: set[str] = set()
    for scope in scopes:
        assigned = _assignments(scope)
        raised = {id(n.exc) for n in ast.walk(scope) if isinstance(n, ast.Raise)}
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call):
                continue
            name = _class_name(node.func)
            if name is None or _derives(name, exempt, classes):
                continue
            if id(node) not in raised and not _is_exception_class(name, classes):
                continue  # an ordinary call, not an error being made
            messages = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "message")]
            if any(_untranslated(m, assigned if scope is not tree else {}) for m in messages):
                offences.add(f"{path.relative_to(root)}:{node.lineno} {name}")
    return sorted(offences)


def test_every_refusal_of_the_core_goes_through_the_translation_function() -> None:
    classes = _core_classes()
    modules = _core_modules()
    assert len(modules) > 50, "every module of the core is checked, not a sample"
    offences = [offence for path in modules for offence in _untranslated_refusals(path, classes)]
    assert offences == [], 'wrap the message: raise SomeError(_("…").format(…))'


def test_the_check_finds_each_way_of_writing_an_english_message(tmp_path: Path) -> None:
    module = tmp_path / "sample.py"
    module.write_text(
        "def refuse(name, count):\n"
        "    raise NotFoundError('No such person.')\n"
        "    raise NotFoundError(f'No person {name}.')\n"
        "    raise NotFoundError('No person {name}.'.format(name=name))\n"
        "    raise NotFoundError('No person ' + name + '.')\n"
        "    raise NotFoundError('No person %s.' % name)\n"
        "    message = f'{name} is gone.'\n"
        "    raise NotFoundError(message)\n"
        "    return ValidationError(message='Too long.')\n"
        "def fine(name, count):\n"
        "    raise NotFoundError(_('No person {name}.').format(name=name))\n"
        "    raise NotFoundError(ngettext('{n} item', '{n} items', count).format(n=count))\n"
        "    raise NotFoundError(f'{name}: {count}.')\n"
        "    raise ValueError(f'bad argument {name!r}')\n"
        "    raise CatalogError(f'line {count}: unknown keyword')\n"
        "    raise argparse.ArgumentTypeError('give a name')\n"
        "    print(f'Not an error {name}')\n",
        encoding="utf-8",
    )
    classes = {
        **_core_classes(),
        "NotFoundError": ["RoundtableError"],
        "ValidationError": ["RoundtableError"],
    }
    found = [line.split(":", 1)[1] for line in _untranslated_refusals(module, classes, tmp_path)]
    assert found == [
        "2 NotFoundError",
        "3 NotFoundError",
        "4 NotFoundError",
        "5 NotFoundError",
        "6 NotFoundError",
        "8 NotFoundError",
        "9 ValidationError",
    ]


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


def test_an_interchange_file_refused_in_dutch(tmp_path: Path, dutch: None) -> None:
    from roundtable.errors import InterchangeError
    from roundtable.storage.interchange_check import load_json_file, validate_document

    missing = tmp_path / "gone.json"
    with pytest.raises(InterchangeError) as caught:
        load_json_file(missing)
    assert str(caught.value) == f"Kan {missing} niet lezen: dat bestand bestaat niet."

    with pytest.raises(InterchangeError) as caught:
        validate_document({"format_version": 1, "people": [{"email": 3}], "roundtables": 2})
    assert str(caught.value).startswith("het hoogste niveau: de sleutel ")
    assert str(caught.value).endswith(" problemen).")


def test_the_same_interchange_refusal_in_english(tmp_path: Path) -> None:
    from roundtable.errors import InterchangeError
    from roundtable.storage.interchange_check import load_json_file

    missing = tmp_path / "gone.json"
    with pytest.raises(InterchangeError) as caught:
        load_json_file(missing)
    assert str(caught.value) == f"Cannot read {missing}: there is no such file."


def test_a_server_that_cannot_be_reached_in_dutch_and_english() -> None:
    from sqlalchemy.exc import OperationalError

    from roundtable.storage.server_errors import explain_server_error
    from roundtable.storage.urls import resolve_url

    url = resolve_url("postgresql+psycopg://anna@/rt")
    libpq = (
        'connection to server on socket "/run/pg/.s.PGSQL.5432" failed: No such file or directory'
    )
    exc = OperationalError("connect", {}, Exception(libpq))
    # A socket is named as such, without a port, in either language.
    assert explain_server_error(url, exc) == (
        "Cannot reach the database server at the local socket /run/pg/.s.PGSQL.5432: "
        "no server is listening there. Check the address and that the server is running."
    )
    i18n.set_language("nl")
    try:
        assert explain_server_error(url, exc) == (
            "Kan de databaseserver op de lokale socket /run/pg/.s.PGSQL.5432 niet bereiken: "
            "daar luistert geen server. Controleer het adres en of de server draait."
        )
    finally:
        i18n.set_language("en")


def test_a_template_error_in_dutch(dutch: None) -> None:
    from roundtable.errors import TemplateError
    from roundtable.publishing.templates import resolve_template

    with pytest.raises(TemplateError) as caught:
        resolve_template("  ", "html")
    assert str(caught.value) == "sjabloon: geen sjabloonnaam opgegeven"
    assert str(TemplateError("x", "statement.html", 12)) == "statement.html (regel 12): x"


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


def test_the_cli_reports_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable.cli import main

    database = str(tmp_path / "roundtable.sqlite3")
    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "nl")
    missing = tmp_path / "gone.json"
    assert main(["--db", database, "import-json", str(missing)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"roundtable: fout: Kan {missing} niet lezen: dat bestand bestaat niet."
    )
    assert main(["--db", database, "info"]) == 0
    out = capsys.readouterr().out
    assert "Schemaversie:" in out
    assert f"{database} (via --db)" in out
    assert "Rondetafelgesprekken:" in out
    assert main(["--db", database, "demo"]) == 0
    assert capsys.readouterr().out.startswith(
        "Het demoscenario is geladen: 4 rondetafelgesprekken, "
    )


# --- contacts, people and privacy (the second round) -----------------------------------


def test_a_contacts_file_refused_in_dutch_and_in_english() -> None:
    from roundtable.contacts.reading import read_contacts_bytes
    from roundtable.errors import ContactsError

    picture = b"\x89PNG\r\n\x1a\n" + bytes(32)
    with pytest.raises(ContactsError) as caught:
        read_contacts_bytes(picture, "people.png")
    assert str(caught.value) == (
        "people.png is a PNG image, not a CSV or vCard file. Save or export the "
        "contacts as CSV or vCard (.vcf) and import that file."
    )
    i18n.set_language("nl")
    try:
        with pytest.raises(ContactsError) as caught:
            read_contacts_bytes(picture, "people.png")
        assert str(caught.value) == (
            "people.png is een PNG-afbeelding, geen CSV- of vCard-bestand. Sla de contacten "
            "op of exporteer ze als CSV of vCard (.vcf) en importeer dat bestand."
        )
        with pytest.raises(ContactsError, match=r"^Het bestand is leeg: er valt niets te"):
            read_contacts_bytes(b"  \n")
    finally:
        i18n.set_language("en")


def test_a_contacts_preview_in_dutch_and_in_english(sqlite_db: Database) -> None:
    from roundtable.contacts import planning, reading
    from roundtable.contacts.layouts import FIELD_LABELS, Field, field_label
    from roundtable.contacts.source import describe_source
    from roundtable.people import persons

    with sqlite_db.transaction() as session:
        persons.create_person(session, "Anna de Wit", email="anna@example.org", role="Chair")
    data = b"Name;E-mail;Role\nAnna de Wit;anna@example.org;Policy officer\n"

    def preview() -> tuple[str, planning.ImportPlan, planning.ImportPlan]:
        source = reading.read_contacts_bytes(data, "people.csv")
        with sqlite_db.transaction() as session:
            plan = planning.plan_import(session, source)
            unnamed = planning.plan_import(session, source, [Field.IGNORE] * 3)
        return describe_source(source), plan, unnamed

    # The English labels the app translates itself are the core's English messages.
    assert [field_label(f) for f in Field] == list(FIELD_LABELS.values())
    described, plan, unnamed = preview()
    assert described == "CSV, UTF-8, semicolon-separated, 1 row"
    assert plan.rows[0].changes == (("Role", "Chair", "Policy officer"),)
    assert plan.rows[0].reason == "updates role"
    assert unnamed.warnings[0].startswith("No column is mapped to a name")

    i18n.set_language("nl")
    try:
        described, plan, unnamed = preview()
    finally:
        i18n.set_language("en")
    assert described == "CSV, UTF-8, gescheiden door puntkomma’s, 1 rij"
    assert plan.rows[0].changes == (("Functie", "Chair", "Policy officer"),)
    assert plan.rows[0].reason == "werkt functie bij"
    assert unnamed.warnings[0].startswith("Geen enkele kolom is aan een naam gekoppeld")


def test_a_merge_refused_in_dutch_and_in_english(sqlite_db: Database, clock: object) -> None:
    from roundtable.people import merging, persons
    from roundtable.privacy import erasure

    with sqlite_db.transaction() as session:
        jan = persons.create_person(session, "Jan de Vries")
        gone = persons.create_person(session, "Piet Klein")
        with pytest.raises(ValidationError) as caught:
            merging.plan_merge(session, jan, jan)
        assert str(caught.value) == (
            "Cannot merge Jan de Vries with themselves: choose two different people."
        )
        erasure.erase_person(session, gone)
        i18n.set_language("nl")
        try:
            with pytest.raises(ValidationError) as caught:
                merging.plan_merge(session, jan, jan)
            assert str(caught.value) == (
                "Kan Jan de Vries niet met zichzelf samenvoegen: kies twee verschillende personen."
            )
            with pytest.raises(ValidationError) as caught:
                merging.plan_merge(session, jan, gone)
            assert str(caught.value) == (
                f"Kan persoon #{gone.id} niet samenvoegen: de gegevens van deze persoon zijn "
                "gewist op 29 nov 2026, dus niemand kan ermee worden samengevoegd."
            )
        finally:
            i18n.set_language("en")


def test_where_an_erasure_replaces_a_name_in_dutch_and_the_report_in_english(
    sqlite_db: Database, clock: object
) -> None:
    from datetime import date

    from roundtable.meetings import follow_ups, lifecycle
    from roundtable.people import persons
    from roundtable.privacy import access, erasure

    with sqlite_db.transaction() as session:
        person = persons.create_person(session, "Joris Hendriks", email="joris@example.org")
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        follow_ups.add_follow_up(
            session, roundtable, date(2026, 3, 5), "Joris Hendriks sent the slides."
        )
        english = erasure.plan_erasure(session, person)
        i18n.set_language("nl")
        try:
            dutch = erasure.plan_erasure(session, person)
            report = access.subject_access_report(session, person)
        finally:
            i18n.set_language("en")
    [(mention, _after)] = english.text_changes
    assert mention.where == "Follow-up of “Project Clover” dated 5 Mar 2026, text"
    [(mention, after)] = dutch.text_changes
    assert mention.where == "Vervolg van “Project Clover” van 5 mrt 2026, tekst"
    assert after == f"Erased person #{person.id} sent the slides."  # data: English
    # The report is a file handed out: English whatever the language.
    assert [m["where"] for m in report["mentions"]] == [
        "Follow-up of “Project Clover” dated 5 Mar 2026, text"
    ]


def test_a_privacy_command_in_dutch_and_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable.cli import main

    database = str(tmp_path / "roundtable.sqlite3")
    assert main(["--db", database, "privacy", "retention", "12"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Set the retention period to 12 months.",
        "0 people are due for review.",
    ]
    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "nl")
    assert main(["--db", database, "privacy", "retention", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "De bewaartermijn is ingesteld op 1 maand.",
        "0 personen moeten een controle krijgen.",
    ]
    assert main(["--db", database, "privacy", "review"]) == 0
    assert capsys.readouterr().out == (
        "Niemand hoeft een privacycontrole te krijgen (bewaartermijn: 1 maand).\n"
    )
    assert main(["--db", database, "privacy", "audit", "--action", "contacts."]) == 0
    assert capsys.readouterr().out == "Het logboek heeft geen regels voor contacts.…\n"


def test_a_contacts_import_preview_on_the_command_line_in_dutch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from roundtable.cli import main

    database = str(tmp_path / "roundtable.sqlite3")
    people = tmp_path / "people.csv"
    people.write_text("Name,E-mail,Birthday\n,nobody@example.org,\nAnna,anna@example.org,\n")
    monkeypatch.setenv("ROUNDTABLE_LANGUAGE", "nl")
    assert main(["--db", database, "contacts", "import", str(people)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "people.csv gelezen: CSV, UTF-8, gescheiden door komma’s, 2 rijen.",
        "Kolommen:",
        "  Name    → Naam",
        "  E-mail  → E-mail",
        "  (1 andere kolom niet geïmporteerd)",
        "Regel 2: (geen naam) <nobody@example.org> weigeren: geen naam",
        "1 toe te voegen, 0 bij te werken, 0 overgeslagen als dubbel, 1 geweigerd.",
        "Er is niets geschreven; voer de opdracht opnieuw uit met --yes om te importeren.",
    ]


def test_saving_what_someone_deleted_is_refused_in_dutch(sqlite_db: Database, dutch: None) -> None:
    from roundtable.errors import ConcurrentEditError
    from roundtable.people import organisations
    from roundtable.storage.models import Organisation

    with sqlite_db.transaction() as session:
        org_id = organisations.create_organisation(session, "Short-lived NGO").id
    with sqlite_db.transaction() as session:
        mine = session.get(Organisation, org_id)
    with sqlite_db.transaction() as session:
        session.delete(session.get(Organisation, org_id))
    with pytest.raises(ConcurrentEditError) as caught, sqlite_db.transaction() as session:
        assert mine is not None
        session.add(mine)
        organisations.update_organisation(session, mine, notes="Too late.")
    assert str(caught.value) == (
        "De organisatie waaraan je werkte, is door iemand anders verwijderd. Je wijziging is "
        "niet opgeslagen; laad opnieuw om te zien wat er nu staat."
    )
    assert caught.value.entity_label == "de organisatie"


# --- calendar and lifecycle (the third round) -------------------------------------------

CALENDAR_DATA = REPO / "tests" / "data" / "ics"


def test_a_calendar_import_report_in_dutch_and_in_english(
    sqlite_db: Database, clock: object
) -> None:
    from datetime import datetime

    from roundtable.calendar.incoming import import_bytes
    from roundtable.meetings import invitations, lifecycle
    from roundtable.people import persons

    with sqlite_db.transaction() as session:
        anna = persons.create_person(session, "Anna de Wit", email="anna@digitalrights.example")
        roundtable = lifecycle.create_roundtable(
            session,
            title="Smart meters",
            organiser=anna,
            uid="rt-smartmeters-2026@roundtable.local",
        )
        lifecycle.schedule(
            session, roundtable, datetime(2026, 12, 10, 14), datetime(2026, 12, 10, 16)
        )
        tomas = persons.create_person(session, "Tomás Olsen", email="tomas@fairdata.example")
        invitations.mark_invited(
            session, invitations.add_invitation(session, roundtable, person=tomas)
        )
    counter = (CALENDAR_DATA / "counter-proposal.ics").read_bytes()

    def report() -> list[str]:
        # A proposed time changes nothing, so the same file can be read in either language.
        with sqlite_db.transaction() as session:
            first = import_bytes(session, counter, "counter.ics")
            second = import_bytes(session, b"Dear Anna, see you there.", "note.txt")
        return [*first.files[0].lines(), *second.files[0].lines(), second.summary, first.summary]

    assert report() == [
        "Tomás Olsen proposes 17 Dec 2026 15:00–17:00 (Europe/Amsterdam) instead of "
        "10 Dec 2026 14:00–16:00 for “Smart meters”. They wrote: “I teach on Thursday "
        "afternoons; would the 17th work?”. Nothing was changed; answer them, and reschedule "
        "if you agree.",
        "note.txt is not an iCalendar file (it does not start with BEGIN:VCALENDAR) nor an "
        "e-mail message; nothing was changed.",
        "1 file could not be used",
        "1 proposed new time to answer",
    ]
    i18n.set_language("nl")
    try:
        dutch = report()
    finally:
        i18n.set_language("en")
    assert dutch == [
        "Tomás Olsen stelt voor “Smart meters” te houden op 17 dec 2026 15:00–17:00 "
        "(Europe/Amsterdam) in plaats van 10 dec 2026 14:00–16:00. Diegene schreef erbij: "
        "“I teach on Thursday afternoons; would the 17th work?”. Er is niets veranderd; geef "
        "antwoord, en verzet het rondetafelgesprek als je het ermee eens bent.",
        "note.txt is geen iCalendar-bestand (het begint niet met BEGIN:VCALENDAR) en ook geen "
        "e-mailbericht; er is niets veranderd.",
        "1 bestand kon niet worden gebruikt",
        "1 voorgestelde nieuwe tijd te beantwoorden",
    ]


def test_a_refused_lifecycle_step_names_its_dates_in_dutch_and_stores_english(
    sqlite_db: Database, clock: object
) -> None:
    from datetime import datetime

    from roundtable.meetings import lifecycle

    with sqlite_db.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        i18n.set_language("nl")
        try:
            lifecycle.schedule(
                session, roundtable, datetime(2027, 3, 5, 14), datetime(2027, 3, 5, 16)
            )
            with pytest.raises(IllegalTransitionError) as dutch:
                lifecycle.schedule(
                    session, roundtable, datetime(2027, 5, 7, 14), datetime(2027, 5, 7, 16)
                )
            with pytest.raises(IllegalTransitionError) as too_early:
                lifecycle.mark_held(session, roundtable)
            with pytest.raises(ValidationError) as not_a_draft:
                lifecycle.delete_roundtable(session, roundtable)
        finally:
            i18n.set_language("en")
        with pytest.raises(IllegalTransitionError) as english:
            lifecycle.schedule(
                session, roundtable, datetime(2027, 5, 7, 14), datetime(2027, 5, 7, 16)
            )
        # The history is data: English, whatever the language the step was taken in.
        detail = roundtable.history[-1].detail
    assert str(dutch.value) == (
        "Kan “Project Clover” niet plannen: het is gepland op 5 mrt 2027 14:00–16:00; verzet "
        "het om het te verplaatsen."
    )
    assert str(too_early.value) == (
        "Kan “Project Clover” niet op 29 nov 2026 10:00 als gehouden markeren: het begint pas "
        "op 5 mrt 2027 14:00."
    )
    assert str(not_a_draft.value) == (
        "Kan “Project Clover” niet verwijderen: het is gepland; alleen een concept kan worden "
        "verwijderd. Gelast het in plaats daarvan af."
    )
    assert str(english.value) == (
        "Cannot schedule “Project Clover”: it is scheduled for 5 Mar 2027 14:00–16:00; "
        "reschedule it to move it."
    )
    assert detail == "5 Mar 2027 14:00–16:00 (Europe/Amsterdam)"


def test_deleting_a_roundtable_whose_invitations_went_out_is_refused_with_a_plural(
    sqlite_db: Database, dutch: None
) -> None:
    from roundtable.meetings import invitations, lifecycle
    from roundtable.people import persons

    with sqlite_db.transaction() as session:
        roundtable = lifecycle.create_roundtable(session, title="Project Clover")
        for name in ("Jan de Vries", "Piet Klein"):
            person = persons.create_person(session, name)
            invitations.mark_invited(
                session, invitations.add_invitation(session, roundtable, person=person)
            )
        with pytest.raises(ValidationError) as caught:
            lifecycle.delete_roundtable(session, roundtable)
    assert str(caught.value) == (
        "Kan “Project Clover” niet verwijderen: er zijn al 2 uitnodigingen verstuurd. Gelast "
        "het in plaats daarvan af."
    )
