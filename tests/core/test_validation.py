"""The checks on typed values in roundtable.validation: what passes, what is refused, and
that every refusal is a ValidationError naming the field."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from roundtable.errors import ValidationError
from roundtable.validation import (
    localize,
    optional_text,
    require_text,
    validate_email,
    validate_language,
    validate_period,
    validate_timezone,
    validate_url,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# --- require_text / optional_text ------------------------------------------------------


def test_require_text_strips() -> None:
    assert require_text("  Privacy First \n", "name", "The name") == "Privacy First"


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_require_text_refuses_empty(value: str | None) -> None:
    with pytest.raises(ValidationError) as excinfo:
        require_text(value, "title", "The title")
    assert excinfo.value.field == "title"
    assert str(excinfo.value) == "The title is required."


def test_require_text_limits_length_after_stripping() -> None:
    assert require_text("  " + "x" * 10 + "  ", "name", "The name", max_length=10) == "x" * 10
    with pytest.raises(ValidationError) as excinfo:
        require_text("x" * 11, "name", "The name", max_length=10)
    assert excinfo.value.field == "name"
    assert str(excinfo.value) == "The name is too long (at most 10 characters)."


def test_require_text_default_limit_is_300() -> None:
    assert len(require_text("y" * 300, "f", "F")) == 300
    with pytest.raises(ValidationError):
        require_text("y" * 301, "f", "F")


@pytest.mark.parametrize(("value", "expected"), [(None, ""), ("", ""), ("  note ", "note")])
def test_optional_text_strips_and_allows_empty(value: str | None, expected: str) -> None:
    assert optional_text(value, "notes", "The notes") == expected


def test_optional_text_limits_length() -> None:
    assert optional_text("z" * 5, "notes", "The notes", max_length=5) == "z" * 5
    with pytest.raises(ValidationError) as excinfo:
        optional_text("z" * 6, "notes", "The notes", max_length=5)
    assert excinfo.value.field == "notes"
    assert "at most 5 characters" in str(excinfo.value)


# --- validate_email --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jan@example.org", "jan@example.org"),
        ("  Jan.de.Vries@Example.ORG  ", "Jan.de.Vries@Example.ORG"),  # case kept as typed
        ("first+tag@sub.example.co.uk", "first+tag@sub.example.co.uk"),
        ("MAILTO:info@privacyfirst.nl", "info@privacyfirst.nl"),
        ("mailto:info@privacyfirst.nl", "info@privacyfirst.nl"),
        ("o'brien@example.ie", "o'brien@example.ie"),
    ],
)
def test_validate_email_accepts_and_strips(value: str, expected: str) -> None:
    assert validate_email(value) == expected


@pytest.mark.parametrize("value", [None, "", "   ", "mailto:"])
def test_validate_email_empty_is_none(value: str | None) -> None:
    assert validate_email(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "jan",
        "jan@",
        "@example.org",
        "jan@example",
        "jan@example.o",
        "jan@@example.org",
        "jan@exa@mple.org",
        "jan de vries@example.org",
        "jan@example..org",
        "jan..vries@example.org",
        "jan@example.org.",
        "jan@example.org, piet@example.org",
        "Jan <jan@example.org>",
        '"jan"@example.org',
        "jan@[127.0.0.1]",
    ],
)
def test_validate_email_refuses(value: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_email(value, "contact_email")
    assert excinfo.value.field == "contact_email"
    assert "is not a valid e-mail address" in str(excinfo.value)


def test_validate_email_default_field_and_message_quotes_the_value() -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_email("not an address")
    assert excinfo.value.field == "email"
    assert str(excinfo.value) == "'not an address' is not a valid e-mail address."


def test_validate_email_refuses_over_320_characters() -> None:
    address = "a" * 64 + "@" + "b" * 252 + ".org"  # 321 characters
    assert len(address) == 321
    with pytest.raises(ValidationError):
        validate_email(address)
    assert validate_email(address[1:]) == address[1:]


@pytest.mark.parametrize("value", [".jan@example.org", "jan.@example.org", "jan@.example.org"])
def test_validate_email_refuses_a_dot_at_the_edge_of_a_part(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_email(value)


def test_validate_email_strips_after_mailto() -> None:
    assert validate_email("mailto: jan@example.org") == "jan@example.org"


# --- validate_timezone ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["Europe/Amsterdam", "  Europe/Brussels ", "UTC", "Asia/Tokyo"])
def test_validate_timezone_returns_the_zone(name: str) -> None:
    zone = validate_timezone(name)
    assert isinstance(zone, ZoneInfo)
    assert zone.key == name.strip()


@pytest.mark.parametrize("name", [None, "", "  "])
def test_validate_timezone_requires_a_name(name: str | None) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_timezone(name)
    assert excinfo.value.field == "timezone"
    assert str(excinfo.value) == "A time zone is required."


@pytest.mark.parametrize(
    "name", ["Mars/Olympus", "europe/amsterdam", "../etc/passwd", "/etc/localtime", "CEST+1"]
)
def test_validate_timezone_refuses_unknown_names(name: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_timezone(name, field="zone")
    assert excinfo.value.field == "zone"
    assert "is not a known time zone" in str(excinfo.value)
    assert "Europe/Amsterdam" in str(excinfo.value)


@pytest.mark.parametrize("name", ["Europe", "A" * 300])
def test_validate_timezone_refuses_folders_and_long_names(name: str) -> None:
    # ZoneInfo raises IsADirectoryError / OSError for these, not ZoneInfoNotFoundError.
    with pytest.raises(ValidationError) as excinfo:
        validate_timezone(name)
    assert excinfo.value.field == "timezone"


# --- validate_url ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.privacyfirst.nl", "https://www.privacyfirst.nl"),
        ("  http://example.org/a?b=c#d ", "http://example.org/a?b=c#d"),
        ("https://example.org:8443/path", "https://example.org:8443/path"),
        (None, ""),
        ("", ""),
        ("   ", ""),
    ],
)
def test_validate_url_accepts_web_addresses_and_empty(value: str | None, expected: str) -> None:
    assert validate_url(value, "website", "The website") == expected


@pytest.mark.parametrize(
    "value",
    [
        "www.example.org",
        "example.org",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "mailto:jan@example.org",
        "https://",
        "https:///path-only",
        "https://example.org/a b",
    ],
)
def test_validate_url_refuses(value: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_url(value, "online_url", "The online link")
    assert excinfo.value.field == "online_url"
    assert str(excinfo.value) == "The online link must be a web address starting with https://."


def test_validate_url_refuses_a_broken_ipv6_host() -> None:
    with pytest.raises(ValidationError):
        validate_url("https://[oops", "website", "The website")


@pytest.mark.parametrize("value", ["https://example.org/a\nb", "https://example.org/a\tb"])
def test_validate_url_refuses_other_whitespace(value: str) -> None:
    with pytest.raises(ValidationError):
        validate_url(value, "website", "The website")


# --- validate_language --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en", "en"),
        (" nl ", "nl"),
        ("pt-BR", "pt-BR"),
        ("zh-Hant-TW", "zh-Hant-TW"),
        ("fil", "fil"),
    ],
)
def test_validate_language_accepts_tags(value: str, expected: str) -> None:
    assert validate_language(value) == expected


@pytest.mark.parametrize("value", [None, "", "  "])
def test_validate_language_empty_is_empty(value: str | None) -> None:
    assert validate_language(value) == ""


@pytest.mark.parametrize("value", ["English", "e", "en_GB", "en-", "nl-x", "1en", "en GB"])
def test_validate_language_refuses(value: str) -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_language(value, "preferred_language")
    assert excinfo.value.field == "preferred_language"
    assert "is not a language code such as en or nl" in str(excinfo.value)


def test_validate_language_default_field() -> None:
    with pytest.raises(ValidationError) as excinfo:
        validate_language("Dutch")
    assert excinfo.value.field == "language"


# --- localize / validate_period ------------------------------------------------------


def test_localize_reads_naive_time_as_wall_time_in_the_zone() -> None:
    # 7 September 2023, 14:00 in Amsterdam is summer time (UTC+2).
    result = localize(datetime(2023, 9, 7, 14, 0), AMSTERDAM, "starts_at")
    assert result == datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert result.tzinfo is UTC
    # 27 November 2023 is winter time (UTC+1).
    assert localize(datetime(2023, 11, 27, 14, 0), AMSTERDAM, "starts_at") == datetime(
        2023, 11, 27, 13, 0, tzinfo=UTC
    )


def test_localize_converts_aware_time_to_utc_ignoring_the_zone() -> None:
    tokyo = datetime(2023, 9, 7, 21, 0, tzinfo=timezone(timedelta(hours=9)))
    result = localize(tokyo, AMSTERDAM, "starts_at")
    assert result == datetime(2023, 9, 7, 12, 0, tzinfo=UTC)
    assert result.utcoffset() == timedelta(0)


def test_validate_period_returns_utc_pair() -> None:
    start, end = validate_period(
        datetime(2023, 9, 7, 14, 0), datetime(2023, 9, 7, 16, 0), AMSTERDAM
    )
    assert (start, end) == (
        datetime(2023, 9, 7, 12, 0, tzinfo=UTC),
        datetime(2023, 9, 7, 14, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize("minutes", [0, -30])
def test_validate_period_refuses_an_end_not_after_the_start(minutes: int) -> None:
    start = datetime(2023, 9, 7, 14, 0)
    with pytest.raises(ValidationError) as excinfo:
        validate_period(start, start + timedelta(minutes=minutes), AMSTERDAM)
    assert excinfo.value.field == "ends_at"
    assert str(excinfo.value) == "The end must be after the start."


def test_validate_period_compares_in_utc_across_zones() -> None:
    # 14:00 in Amsterdam is 12:00 UTC; an end of 12:30 UTC given aware is after it.
    start, end = validate_period(
        datetime(2023, 9, 7, 14, 0), datetime(2023, 9, 7, 12, 30, tzinfo=UTC), AMSTERDAM
    )
    assert end - start == timedelta(minutes=30)
    with pytest.raises(ValidationError):
        validate_period(
            datetime(2023, 9, 7, 14, 0), datetime(2023, 9, 7, 11, 30, tzinfo=UTC), AMSTERDAM
        )


def test_validate_period_across_the_end_of_summer_time() -> None:
    # On 29 October 2023 the clocks in Amsterdam go back at 03:00: 01:30 -> 03:30 wall
    # time is three hours, not two.
    start, end = validate_period(
        datetime(2023, 10, 29, 1, 30), datetime(2023, 10, 29, 3, 30), AMSTERDAM
    )
    assert end - start == timedelta(hours=3)


def test_every_length_limit_is_read_from_its_column() -> None:
    """A column's declared length is the limit its cleaner applies: nothing to keep in step."""
    from roundtable.editing import LONG_TEXT_MAX, limit_of
    from roundtable.storage.models import InvitationEvent, Organisation, Person, Roundtable

    assert limit_of(Person.name) == Person.__table__.c.name.type.length == 200
    assert limit_of(Organisation.website) == 500
    assert limit_of(Roundtable.venue) == 2_000  # Text, with the app's own limit in info
    assert limit_of(InvitationEvent.reason) == 5_000
    assert limit_of(Person.notes) == LONG_TEXT_MAX


def test_no_cleaner_carries_a_number_of_its_own() -> None:
    """Record modules pass limit_of(Model.column), never a literal or a copied constant."""
    import ast
    from pathlib import Path

    cleaners = {"require_text", "optional_text", "clean_url", "clean_language"}
    core = Path(__file__).resolve().parents[2] / "roundtable"
    found = []
    for path in sorted(core.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in cleaners:
                for argument in node.args[2:]:
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, int):
                        found.append(f"{path.relative_to(core)}:{node.lineno}")
    assert found == []
