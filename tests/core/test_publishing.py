"""The template engine: the sandbox, error messages, escaping, footnotes, dates,
the template folders and rendering statements and letters from the database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from test_views import build_world

from roundtable.errors import NotFoundError, RoundtableError, TemplateError
from roundtable.publishing import render, templates
from roundtable.publishing.render import Rendered, names_in, render_for_roundtable, render_statement
from roundtable.publishing.templates import (
    copy_template,
    escape_markdown,
    list_templates,
    user_template_dir,
)
from roundtable.statements import records
from roundtable.storage.db import Database
from roundtable.text import format_date


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.j2"
    path.write_text(text, encoding="utf-8")
    return path


def _render(db: Database, path: Path, **kwargs: object) -> Rendered:
    """Render the world's statement (built on first use) with the template at ``path``."""
    with db.transaction() as session:
        try:
            statement = records.get_statement(session, "talk")
        except NotFoundError:
            statement = build_world(session)
        return render_statement(session, statement, path, **kwargs)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# errors


def test_sandbox_refuses_python_internals(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "evil.html", "ok\n{{ ''.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError) as caught:
        _render(db, path)
    error = caught.value
    assert error.template_name == "evil.html"
    assert error.line == 2
    assert "access to attribute '__class__' of 'str' object is unsafe" in error.message
    assert str(error).startswith("evil.html (line 2): ")


def test_sandbox_refuses_mutating_the_views(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "m.txt", "{% set x = [1] %}\n{{ x.append(2) }}")
    with pytest.raises(
        TemplateError, match=r"m\.txt \(line 2\): .*'append' of 'list' object is unsafe"
    ):
        _render(db, path)


def test_undefined_variable_names_template_and_line(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "statement.html", "<h1>{{ statement.title }}</h1>\n\n{{ foo }}\n")
    with pytest.raises(TemplateError) as caught:
        _render(db, path)
    assert str(caught.value) == "statement.html (line 3): 'foo' is undefined"
    assert (caught.value.template_name, caught.value.line) == ("statement.html", 3)


def test_undefined_attribute_is_an_error_too(db: Database, tmp_path: Path) -> None:
    path = _write(tmp_path, "a.txt", "{{ statement.nonsense }}")
    with pytest.raises(TemplateError, match=r"a\.txt \(line 1\): .*has no attribute 'nonsense'"):
        _render(db, path)


def test_syntax_error_gives_the_line(db: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path, "broken.md", "# Title\n{% for x in statement.sections %}\n{{ x.heading }}\n"
    )
    with pytest.raises(TemplateError) as caught:
        _render(db, path)
    assert caught.value.template_name == "broken.md"
    assert caught.value.line is not None and caught.value.line >= 2
    assert "endfor" in caught.value.message


def test_unknown_template_name_is_a_clear_error(db: Database) -> None:
    with db.transaction() as session, pytest.raises(TemplateError) as caught:
        render_statement(session, build_world(session), "nosuch.html")
    assert "no template named 'nosuch.html'" in str(caught.value)


def test_a_template_file_without_the_j2_suffix_renders(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("{{ statement.title }}", encoding="utf-8")
    assert _render(db, path).text == "About the talk"


def test_a_language_code_never_names_a_folder_outside(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = tmp_path / "builtin"
    _write(builtin / "en", "x.txt", "en")
    _write(tmp_path, "x.txt", "outside")
    monkeypatch.setattr(templates, "_builtin_root", lambda: builtin)
    with db.transaction() as session:
        assert render_statement(session, build_world(session), "x.txt", language="..").text == "en"


def test_a_template_file_must_say_its_format(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "plain.j2"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(TemplateError, match="format"):
        _render(db, path)


def test_error_in_an_included_template_names_that_template(db: Database, tmp_path: Path) -> None:
    _write(tmp_path, "part.html", "fine\nfine\n{{ missing }}")
    path = _write(tmp_path, "main.html", "{% include 'part.html' %}")
    with pytest.raises(TemplateError) as caught:
        _render(db, path)
    assert (caught.value.template_name, caught.value.line) == ("part.html", 3)


# ---------------------------------------------------------------------------
# escaping


def test_html_output_escapes_a_name_with_a_script(db: Database, tmp_path: Path) -> None:
    template = (
        "{% for rt in roundtables %}{% for i in rt.named_invitees %}<li>{{ i.name }}</li>"
        "{% endfor %}{% endfor %}"
    )
    html_out = _render(db, _write(tmp_path, "x.html", template))
    assert "<script>" not in html_out.text
    assert "Bob &lt;script&gt;alert(1)&lt;/script&gt;" in html_out.text
    assert html_out.format == "html"
    # The pre-export check sees through the escaping.
    assert "Bob <script>alert(1)</script>" in html_out.names
    # Text output is not HTML-escaped; Markdown escapes with the markdown filter.
    txt = _render(db, _write(tmp_path, "x.txt", template))
    assert "<li>Bob <script>alert(1)</script></li>" in txt.text
    md = _render(
        db,
        _write(
            tmp_path,
            "x.md",
            "{% for i in roundtables[0].named_invitees %}- {{ i.name | markdown }}\n{% endfor %}",
        ),
    )
    assert r"- Bob \<script\>alert(1)\</script\>" in md.text


def test_escape_markdown() -> None:
    assert escape_markdown("a *b* [c](d) `e` _f_") == r"a \*b\* \[c\](d) \`e\` \_f\_"
    assert escape_markdown("# not a heading\n1. not a list\n- no") == (
        "\\# not a heading\n1\\. not a list\n\\- no"
    )
    assert escape_markdown("well-known 3.5") == "well-known 3.5"


# ---------------------------------------------------------------------------
# footnotes


CITING = """\
{% for s in statement.sections %}
{% for p in s.paragraphs %}
{% for seg in p %}{% if seg.cite %}[{{ cite(seg.cite) }}]{% else %}{{ seg.text }}{% endif %}{% endfor %}

{% endfor %}
{% endfor %}
Also [{{ cite('c') }}] and [{{ cite('a') }}].
Sources:
{% for r in cited() %}
{{ loop.index }}. {{ r.title }}
{% endfor %}
"""


def test_cite_numbers_by_first_citation_and_cited_lists_only_those(
    db: Database, tmp_path: Path
) -> None:
    out = _render(db, _write(tmp_path, "s.txt", CITING)).text
    assert "First claim.[1] Second claim.[2]" in out
    assert "Again b.[1]" in out
    assert "Also [3] and [2]." in out
    assert out.endswith("Sources:\n1. Source B\n2. Source A\n3. Source C, never cited\n")


def test_cited_leaves_out_references_never_cited(db: Database, tmp_path: Path) -> None:
    template = "{{ cite('b') }}{{ cite('b') }}|{% for r in cited() %}{{ r.key }};{% endfor %}"
    assert _render(db, _write(tmp_path, "c.txt", template)).text == "11|b;"


def test_cite_of_an_unknown_key_names_the_key_and_line(db: Database, tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(db, _write(tmp_path, "k.html", "\n{{ cite('nope') }}"))
    assert caught.value.line == 2
    assert "'nope'" in caught.value.message
    assert "a, b, c" in caught.value.message


# ---------------------------------------------------------------------------
# dates and language


def test_format_date_in_english_and_dutch() -> None:
    assert format_date(date(2023, 12, 3), "en") == "3 December 2023"
    assert format_date(date(2023, 12, 3), "nl") == "3 december 2023"
    assert format_date(datetime(2023, 11, 27, 14, 0), "en", weekday=True) == (
        "Monday 27 November 2023"
    )
    assert format_date(date(2023, 11, 27), "nl", weekday=True) == "maandag 27 november 2023"
    assert format_date(date(2023, 8, 17), "en", year=False) == "17 August"
    assert format_date(date(2023, 3, 1), "fr") == "1 March 2023"  # unknown language: English


def test_date_filter_follows_the_render_language(db: Database, tmp_path: Path) -> None:
    template = (
        "{% for u in statement.updates %}{{ u.dated | date }};{% endfor %}"
        "{{ roundtables[0].starts_at | date(weekday=true) }} {{ roundtables[0].starts_at | time }}"
        "|{{ language }}"
    )
    path = _write(tmp_path, "d.txt", template)
    assert _render(db, path).text == (
        "1 November 2023;3 December 2023;Thursday 7 September 2023 14:00|en"
    )
    assert _render(db, path, language="nl").text == (
        "1 november 2023;3 december 2023;donderdag 7 september 2023 14:00|nl"
    )


def test_about_rounds_large_counts() -> None:
    assert [templates.about(n) for n in (3, 19, 38, 42, 153)] == [3, 19, 40, 40, 150]


# ---------------------------------------------------------------------------
# the naming rule in output


def test_names_lists_every_name_in_the_output(db: Database, tmp_path: Path) -> None:
    template = (
        "{{ our }} met {{ roundtables[0].host }}. "
        "{% for n in roundtables[0].agenda[0].notes %}{{ n.text }} ({{ n.speaker }}) {% endfor %}"
        "{{ roundtables[0].invited_count }} invited, {{ roundtables[0].unnamed_count }} unnamed."
    )
    out = _render(db, _write(tmp_path, "n.txt", template))
    assert out.names == ["Our NGO", "HostCo", "Bob <script>alert(1)</script>"]
    assert "Carol Secret" not in out.text
    # Text typed into the statement is checked as well.
    assert names_in("We spoke with carol secret.", ["Carol Secret", "Carol"]) == [
        "Carol",
        "Carol Secret",
    ]
    assert names_in("Caroline", ["Carol"]) == []


# ---------------------------------------------------------------------------
# the template folders


def test_user_folder_takes_precedence_over_builtin(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = tmp_path / "builtin"
    _write(builtin / "en", "statement.html", "builtin en")
    _write(builtin / "nl", "statement.html", "builtin nl")
    _write(builtin, "neutral.txt", "neutral {{ language }}")
    monkeypatch.setattr(templates, "_builtin_root", lambda: builtin)
    with db.transaction() as session:
        statement = build_world(session)
        assert render_statement(session, statement).text == "builtin en"
        assert render_statement(session, statement, language="nl").text == "builtin nl"
        assert render_statement(session, statement, "neutral.txt").text == "neutral en"
        # "statement" (Statement.template_name) means the HTML statement.
        assert render_statement(session, statement, "statement").template_name == "statement.html"

        _write(user_template_dir(), "statement.html", "mine for all languages")
        assert render_statement(session, statement, language="nl").text == "mine for all languages"
        _write(user_template_dir() / "nl", "statement.html", "mine in Dutch")
        assert render_statement(session, statement, language="nl").text == "mine in Dutch"
        assert render_statement(session, statement).text == "mine for all languages"

    infos = {(t.name, t.language, t.builtin) for t in list_templates()}
    assert infos == {
        ("statement.html", "", False),
        ("statement.html", "nl", False),
        ("statement.html", "en", True),
        ("statement.html", "nl", True),
        ("neutral.txt", "", True),
    }
    assert list_templates()[0].builtin is False  # the user's own come first


def test_copy_template_into_the_user_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builtin = tmp_path / "builtin"
    _write(builtin / "nl", "minutes.html", "{# Notulen #}\nbuiltin minutes")
    monkeypatch.setattr(templates, "_builtin_root", lambda: builtin)
    assert user_template_dir().parts[-2:] == ("Roundtable", "templates")

    copy = copy_template("minutes.html", language="nl")
    assert copy == user_template_dir() / "nl" / "minutes.html.j2"
    assert copy.read_text(encoding="utf-8") == "{# Notulen #}\nbuiltin minutes"
    mine = [t for t in list_templates() if not t.builtin]
    assert [(t.name, t.format, t.language, t.path, t.description) for t in mine] == [
        ("minutes.html", "html", "nl", copy, "Notulen")
    ]
    copy.write_text("edited", encoding="utf-8")
    with pytest.raises(TemplateError, match="already a copy"):
        copy_template("minutes.html", language="nl")
    assert copy.read_text(encoding="utf-8") == "edited"
    with pytest.raises(TemplateError, match="no built-in template"):
        copy_template("nothing.html")


# ---------------------------------------------------------------------------
# letters and handouts


def test_render_for_roundtable_per_invitee(db: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "letter.txt",
        "Dear {{ invitation.name }},\n{{ roundtable.title }} on {{ roundtable.starts_at | date }}"
        " hosted by {{ roundtable.host }}.\n{{ our }}\n",
    )
    with db.transaction() as session:
        statement = build_world(session)
        roundtable = statement.roundtables[0]
        carol = next(i for i in roundtable.invitations if i.invitee_name == "Carol Secret")
        letter = render_for_roundtable(session, roundtable, path, invitation=carol)
        handout = render_for_roundtable(
            session, roundtable, _write(tmp_path, "h.html", "{{ invitation is none }}")
        )
    assert letter.text == (
        "Dear Carol Secret,\nProject talk on 7 September 2023 hosted by HostCo.\nOur NGO\n"
    )
    assert letter.names == ["Carol Secret", "HostCo", "Our NGO"]
    assert letter.format == "txt"
    assert handout.text == "True"


def test_template_error_reads_as_a_sentence() -> None:
    assert str(TemplateError("'foo' is undefined", "statement.html", 12)) == (
        "statement.html (line 12): 'foo' is undefined"
    )
    assert str(TemplateError("no such file", "letter.txt")) == "letter.txt: no such file"
    assert isinstance(TemplateError("x"), RoundtableError)


def test_any_failure_inside_a_template_is_a_template_error(db: Database, tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(db, _write(tmp_path, "z.txt", "a\nb\n{{ 1 / 0 }}"))
    assert (caught.value.template_name, caught.value.line) == ("z.txt", 3)
    assert "division by zero" in caught.value.message


def test_a_language_without_templates_falls_back_to_english(sqlite_db: Database) -> None:
    from roundtable import demo
    from roundtable.statements import records

    with sqlite_db.transaction() as session:
        demo.load_demo(session)
        statement = records.get_statement(session, "tiktok-charm-offensive")
        rendered = render.render_statement(session, statement, "statement.txt", language="de")
    assert statement.title.upper() in rendered.text  # the plain-text title is in capitals
    assert "3 December 2023" in rendered.text  # English month names as the fallback
