"""``roundtable render`` and ``roundtable templates list|copy`` end to end through ``main([...])``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from roundtable import demo
from roundtable.cli import main
from roundtable.storage.db import open_database

SLUG = "tiktok-charm-offensive"


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    """The demo scenario in an SQLite file."""
    path = tmp_path / "demo.sqlite3"
    database = open_database(path)
    try:
        with database.transaction() as session:
            demo.load_demo(session)
    finally:
        database.close()
    return path


@pytest.fixture(autouse=True)
def _user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's templates folder inside the test's folder (platformdirs honours XDG)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from roundtable.publishing import templates

    folder = templates.user_template_dir()
    assert str(folder).startswith(str(tmp_path)), folder
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(err: str, *fragments: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("roundtable: error: ")
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_render_html_by_default_names_what_it_contains(
    capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out.html"
    code, out, err = run(capsys, "render", SLUG, "--db", str(db_file), "-o", str(target))
    assert code == 0, err
    html = target.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert "TikTok" in html
    assert f"to {target}" in out
    names_line = next(line for line in out.splitlines() if line.startswith("Names in this output"))
    assert "Digital Rights Collective" in names_line or names_line != "Names in this output: none."


def test_render_by_id_markdown_by_extension_and_text_by_option(
    capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path
) -> None:
    md = tmp_path / "out.md"
    code, out, err = run(capsys, "render", SLUG, "--db", str(db_file), "-o", str(md))
    assert code == 0, err
    text = md.read_text(encoding="utf-8")
    assert "<html" not in text.lower()
    assert "[^1]" in text  # Markdown footnotes
    assert "(MD, statement.md" in out

    txt = tmp_path / "plain"
    code, out, err = run(
        capsys, "render", "1", "--format", "txt", "--db", str(db_file), "-o", str(txt)
    )
    assert code == 0, err
    plain = txt.read_text(encoding="utf-8")
    assert "[1]" in plain
    assert "<p>" not in plain and "<sup" not in plain


def test_render_to_standard_output(capsys: pytest.CaptureFixture[str], db_file: Path) -> None:
    code, out, err = run(
        capsys, "render", SLUG, "--template", "statement.md", "--db", str(db_file), "-o", "-"
    )
    assert code == 0, err
    assert "TikTok" in out
    assert "Names in this output" not in out  # stdout holds the document only


def test_render_pdf_through_the_real_command(db_file: Path, tmp_path: Path) -> None:
    """A separate process: the command starts its own offscreen Qt application."""
    target = tmp_path / "statement.pdf"
    script = "import sys; from roundtable.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {
        **__import__("os").environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", script, "render", SLUG, "--db", str(db_file), "-o", str(target)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    assert "(PDF, statement.html" in result.stdout


def test_template_file_error_names_template_and_line(
    capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "broken.html.j2"
    bad.write_text("<p>{{ statement.title }}</p>\n<p>{{ statement.no_such_field }}</p>\n")
    target = tmp_path / "out.html"
    code, _out, err = run(
        capsys, "render", SLUG, "-t", str(bad), "--db", str(db_file), "-o", str(target)
    )
    assert code == 2
    one_line_error(err, "broken.html", "line 2", "no_such_field")
    assert not target.exists()


def test_sandbox_refuses_unsafe_attributes(
    capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path
) -> None:
    evil = tmp_path / "evil.txt.j2"
    evil.write_text("{{ ''.__class__.__mro__ }}\n")
    code, _out, err = run(
        capsys, "render", SLUG, "-t", str(evil), "--db", str(db_file), "-o", str(tmp_path / "x.txt")
    )
    assert code == 2
    one_line_error(err, "evil.txt", "unsafe")


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--template", "statement.md", "--format", "pdf"], "writes MD"),
        (["--format", "pdf", "-o", "-"], "standard output"),
        (["--template", "nothing/here.html.j2"], "no template file"),
    ],
)
def test_render_refuses_contradictions(
    capsys: pytest.CaptureFixture[str],
    db_file: Path,
    tmp_path: Path,
    extra: list[str],
    fragment: str,
) -> None:
    argv = ["render", SLUG, "--db", str(db_file), *extra]
    if "-o" not in extra:
        argv += ["-o", str(tmp_path / "out.pdf")]
    code, _out, err = run(capsys, *argv)
    assert code == 2
    one_line_error(err, fragment)


def test_render_unknown_statement(
    capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path
) -> None:
    code, _out, err = run(
        capsys, "render", "no-such-slug", "--db", str(db_file), "-o", str(tmp_path / "o.html")
    )
    assert code == 2
    one_line_error(err, "no-such-slug")


def test_templates_list_and_copy_then_the_copy_wins(
    capsys: pytest.CaptureFixture[str], db_file: Path, tmp_path: Path, _user_templates: Path
) -> None:
    code, out, err = run(capsys, "templates", "list")
    assert code == 0, err
    assert out.splitlines()[0].split()[:3] == ["Name", "Format", "Language"]
    for name in ("statement.html", "statement.md", "statement.txt"):
        assert name in out
    assert f"Your templates folder: {_user_templates}" in out

    code, out, err = run(capsys, "templates", "copy", "statement.txt")
    assert code == 0, err
    copied = next(_user_templates.rglob("statement.txt*"))
    assert str(copied) in out
    copied.write_text("MY OWN {{ statement.title }}\n", encoding="utf-8")

    code, out, err = run(capsys, "templates", "list")
    assert "yours" in out

    target = tmp_path / "mine.txt"
    code, out, err = run(capsys, "render", SLUG, "--db", str(db_file), "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("MY OWN TikTok")

    code, _out, err = run(capsys, "templates", "copy", "statement.txt")
    assert code == 2  # never overwrites the user's copy
    assert "statement.txt" in err
    assert copied.read_text(encoding="utf-8").startswith("MY OWN")


def test_templates_without_subcommand_shows_usage(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "templates")
    assert code == 2
    assert "list or copy" in err
