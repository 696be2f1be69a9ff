"""Contacts as vCard: 2.1, 3.0 and 4.0 read (folded lines, quoted-printable, charsets,
grouped properties), 3.0 written.
"""

from __future__ import annotations

import base64
import binascii
import quopri
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from roundtable import __version__
from roundtable.contacts.export import people_for_export
from roundtable.contacts.layouts import VCARD_COLUMNS, guess_mapping
from roundtable.contacts.source import (
    SourceInput,
    SourceRow,
    SourceTable,
    encoding_label,
    text_stream,
)
from roundtable.errors import ContactsError
from roundtable.i18n import _, ngettext


@dataclass
class _Card:
    line: int
    fn: str = ""
    given: str = ""
    additional: str = ""
    family: str = ""
    organisation: str = ""
    title: str = ""
    role: str = ""
    note: str = ""
    kind: str = ""
    emails: list[tuple[int, str]] = field(default_factory=list)
    phones: list[tuple[int, str]] = field(default_factory=list)
    languages: list[tuple[int, str]] = field(default_factory=list)

    def columns(self) -> dict[str, str]:
        return {
            "Full name (FN)": self.fn,
            "Given name (N)": self.given,
            "Additional names (N)": self.additional,
            "Family name (N)": self.family,
            "E-mail (EMAIL)": _preferred(self.emails),
            "Organisation (ORG)": self.organisation,
            "Title (TITLE)": self.title,
            "Role (ROLE)": self.role,
            "Phone (TEL)": _preferred(self.phones),
            "Language (LANG)": _preferred(self.languages),
            "Note (NOTE)": self.note,
        }


def _preferred(values: list[tuple[int, str]]) -> str:
    """The most preferred value (lowest rank), the first of equals; "" for none."""
    return min(values, key=lambda item: item[0])[1] if values else ""


def _unfold(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Logical vCard lines with the number of the physical line each starts on.

    A line starting with a space or tab continues the previous one (RFC 6350
    folding). In a quoted-printable value a line ending in "=" is a soft line
    break: the next line continues it whatever it starts with (vCard 2.1, as
    Outlook writes it).
    """
    current: str | None = None
    start = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if current is not None and current.endswith("=") and _is_quoted_printable(current):
            current = current[:-1] + line
            continue
        if current is not None and line[:1] in (" ", "\t"):
            current += line[1:]
            continue
        if current is not None:
            yield start, current
        current, start = line, number
    if current is not None:
        yield start, current


def _is_quoted_printable(line: str) -> bool:
    split = _split_property_line(line)
    return split is not None and "QUOTED-PRINTABLE" in split[0].upper()


def _split_property_line(line: str) -> tuple[str, str] | None:
    """(name and parameters, value) split at the first colon outside quotes, or ``None``."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    return None


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
            current.append(char)
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


_ENCODING_PARAMS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}


def _parse_property(line: str) -> tuple[str, dict[str, list[str]], str] | None:
    """(NAME without group, PARAMS upper-cased keys, raw value), or ``None`` without a colon."""
    split = _split_property_line(line)
    if split is None:
        return None
    head, value = split
    name, *raw_params = _split_outside_quotes(head, ";")
    name = name.rpartition(".")[2].strip().upper()  # "item1.EMAIL" is an EMAIL
    params: dict[str, list[str]] = {}
    for raw in raw_params:
        key, equals, values = raw.partition("=")
        if not equals:  # vCard 2.1 writes bare parameters: "TEL;WORK;PREF:…"
            bare = key.strip().upper()
            key, values = ("ENCODING" if bare in _ENCODING_PARAMS else "TYPE"), bare
        params.setdefault(key.strip().upper(), []).extend(
            v.strip().strip('"') for v in _split_outside_quotes(values, ",")
        )
    return name, params, value


def _decode_value(params: Mapping[str, list[str]], value: str) -> str | None:
    """The property's text with its transfer encoding undone; ``None`` when it is broken."""
    encoding = (params.get("ENCODING") or [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(value.encode("utf-8"))
    elif encoding in ("B", "BASE64"):
        try:
            data = base64.b64decode("".join(value.split()), validate=False)
        except (binascii.Error, ValueError):
            return None
    else:
        return value
    charset = (params.get("CHARSET") or [""])[0]
    for candidate in (charset, "utf-8", "cp1252"):
        if not candidate:
            continue
        try:
            return data.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append(_ESCAPES.get(following, "\\" + following))
        else:
            out.append(char)
    return "".join(out)


def _split_structured(text: str) -> list[str]:
    """Components of a structured value (N, ORG) split at unescaped semicolons, unescaped."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == ";":
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(char)
    parts.append(_unescape("".join(current)))
    return parts


def _rank(params: Mapping[str, list[str]]) -> int:
    """Lower is more preferred: vCard 4.0 PREF=1..100, vCard 3.0 and 2.1 TYPE=pref."""
    for value in params.get("PREF", ()):
        if value.isdigit():
            return int(value)
    if any(value.upper() == "PREF" for value in params.get("TYPE", ())):
        return 1
    return 101


@dataclass
class _CardCounts:
    """What the reader passed over, for the warnings."""

    photos: int = 0
    logos: int = 0
    several_emails: int = 0
    not_people: int = 0


def _read_card_property(card: _Card, line: str, counts: _CardCounts) -> None:
    parsed = _parse_property(line)
    if parsed is None:
        return  # base64 data of a vCard 2.1 PHOTO that was not indented, or noise
    name, params, raw = parsed
    if name == "PHOTO":
        counts.photos += 1
        return
    if name == "LOGO":
        counts.logos += 1
        return
    if name not in ("FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "ROLE", "NOTE", "LANG", "KIND"):
        return
    text = _decode_value(params, raw)
    if text is None:
        return
    if name in ("N", "ORG"):
        parts = [part.strip() for part in _split_structured(text)]
        if name == "N":
            parts += [""] * (3 - len(parts))
            card.family = " ".join(parts[0].replace(",", " ").split())
            card.given = " ".join(parts[1].replace(",", " ").split())
            card.additional = " ".join(parts[2].replace(",", " ").split())
        elif not card.organisation:
            card.organisation = parts[0]  # "Org;Department;Unit": the organisation itself
        return
    value = _unescape(text).strip()
    if not value:
        return
    if name == "EMAIL":
        card.emails.append((_rank(params), value))
    elif name == "TEL":
        card.phones.append((_rank(params), value.removeprefix("tel:")))
    elif name == "LANG":
        card.languages.append((_rank(params), value))
    elif name == "FN" and not card.fn:
        card.fn = value
    elif name == "TITLE" and not card.title:
        card.title = value
    elif name == "ROLE" and not card.role:
        card.role = value
    elif name == "NOTE":
        card.note = f"{card.note}\n{value}" if card.note else value
    elif name == "KIND":
        card.kind = value.lower()


def _cards(source: SourceInput, lines: Iterable[str], counts: _CardCounts) -> Iterator[_Card]:
    card: _Card | None = None
    for number, line in _unfold(lines):
        if not line.strip():
            continue
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                raise ContactsError(
                    _(
                        "{file} is broken: the card that begins on line {line} has no "
                        "END:VCARD before the next card begins on line {next}."
                    ).format(file=source.label, line=card.line, next=number)
                )
            card = _Card(line=number)
        elif upper == "END:VCARD":
            if card is None:
                raise ContactsError(
                    _(
                        "{file} is broken: line {line} ends a card that never began "
                        "(END:VCARD without BEGIN:VCARD)."
                    ).format(file=source.label, line=number)
                )
            yield card
            card = None
        elif card is None:
            raise ContactsError(
                _(
                    "{file} is broken: line {line} is outside any card "
                    "(between END:VCARD and BEGIN:VCARD)."
                ).format(file=source.label, line=number)
            )
        else:
            _read_card_property(card, line, counts)
    if card is not None:
        raise ContactsError(
            _(
                "{file} is broken: the card that begins on line {line} has no "
                "END:VCARD; the file may have been cut off."
            ).format(file=source.label, line=card.line)
        )


def read_vcard(source: SourceInput, encoding: str) -> SourceTable:
    counts = _CardCounts()
    found: list[dict[str, str]] = []
    lines: list[int] = []
    with source.opener() as binary, text_stream(binary, encoding, csv_mode=False) as stream:
        try:
            for card in _cards(source, stream, counts):
                if card.kind in ("org", "group", "location"):
                    counts.not_people += 1
                    continue
                if len(card.emails) > 1:
                    counts.several_emails += 1
                found.append(card.columns())
                lines.append(card.line)
        except UnicodeDecodeError as exc:
            raise ContactsError(
                _("{file} cannot be read: it is not valid {encoding} ({reason}).").format(
                    file=source.label, encoding=encoding_label(encoding), reason=exc.reason
                )
            ) from None
    if not found:
        raise ContactsError(
            _("{file} holds no contact cards: nothing to import.").format(file=source.label)
        )
    # Only the columns some card fills: a file without phone numbers shows no phone column.
    headers = tuple(
        name for name, _field in VCARD_COLUMNS if any(columns[name] for columns in found)
    )
    rows = tuple(
        SourceRow(line=line, cells=tuple(columns[name] for name in headers))
        for line, columns in zip(lines, found, strict=True)
    )
    warnings = []
    if counts.photos:
        warnings.append(
            ngettext(
                "{count} photo was skipped.", "{count} photos were skipped.", counts.photos
            ).format(count=counts.photos)
        )
    if counts.logos:
        warnings.append(
            ngettext(
                "{count} logo was skipped.", "{count} logos were skipped.", counts.logos
            ).format(count=counts.logos)
        )
    if counts.several_emails:
        warnings.append(
            ngettext(
                "{count} card has more than one e-mail address; "
                "the preferred (or else the first) one is used.",
                "{count} cards have more than one e-mail address; "
                "the preferred (or else the first) one is used.",
                counts.several_emails,
            ).format(count=counts.several_emails)
        )
    if counts.not_people:
        warnings.append(
            ngettext(
                "{count} card describes an organisation or group, not a person, and was left out.",
                "{count} cards describe an organisation or group, not a person, and were left out.",
                counts.not_people,
            ).format(count=counts.not_people)
        )
    if not headers:
        headers = ("Full name (FN)",)
        rows = tuple(SourceRow(line=row.line, cells=("",)) for row in rows)
    _layout, mapping = guess_mapping(headers)
    return SourceTable(
        path=source.path,
        kind="vcard",
        layout="vcard",
        encoding=encoding,
        delimiter="",
        headers=headers,
        rows=rows,
        mapping=mapping,
        warnings=tuple(warnings),
        name=source.label,
    )


def _escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets without splitting a character."""
    out = bytearray()
    width = 75
    chunk = bytearray()
    for char in line:
        encoded = char.encode("utf-8")
        if len(chunk) + len(encoded) > width:
            out += chunk + b"\r\n "
            chunk = bytearray()
            width = 74  # the leading space of a continuation line is one of its 75
        chunk += encoded
    out += chunk + b"\r\n"
    return bytes(out)


_PARTICLES = {
    "van", "de", "der", "den", "het", "ten", "ter", "von", "zu", "vom", "zum", "da", "di",
    "del", "della", "dos", "das", "du", "des", "la", "le", "af", "al", "bin", "ibn", "'t",
}  # fmt: skip


def _structured_name(name: str) -> tuple[str, str]:
    """(family, given) for vCard's N, a guess from the full name.

    The family name starts at the first lower-case particle ("Jan de Vries" →
    "de Vries"), else it is the last word. FN keeps the name as it is; N is
    there for address books that sort by family name.
    """
    words = name.split()
    if len(words) <= 1:
        return name.strip(), ""
    for index in range(1, len(words) - 1):
        if words[index] in _PARTICLES:
            return " ".join(words[index:]), " ".join(words[:index])
    return words[-1], " ".join(words[:-1])


def export_people_vcard(session: Session, people: Sequence[int] | None = None) -> bytes:
    """People as vCard 3.0, one card each, sorted by name; erased people are left out.

    vCard 3.0 (RFC 2426) rather than 4.0 because it is what the widest range of
    address books and mail programs import (Outlook, Apple Contacts, Google,
    Thunderbird). Lines end in CRLF and are folded at 75 octets; text values are
    escaped (backslash, comma, semicolon, line break). Each card holds FN, N,
    EMAIL, ORG, TITLE, TEL, NOTE and LANG where the person has them.
    """
    out = bytearray()
    for person in people_for_export(session, people):
        family, given = _structured_name(person.name)
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"PRODID:-//Roundtable//Roundtable {__version__}//EN",
            f"FN:{_escape_text(person.name)}",
            f"N:{_escape_text(family)};{_escape_text(given)};;;",
        ]
        if person.email:
            lines.append(f"EMAIL;TYPE=INTERNET:{_escape_text(person.email)}")
        if person.organisation is not None:
            lines.append(f"ORG:{_escape_text(person.organisation.name)}")
        if person.role:
            lines.append(f"TITLE:{_escape_text(person.role)}")
        if person.phone:
            lines.append(f"TEL;TYPE=WORK,VOICE:{_escape_text(person.phone)}")
        if person.preferred_language:
            lines.append(f"LANG:{_escape_text(person.preferred_language)}")
        if person.notes:
            lines.append(f"NOTE:{_escape_text(person.notes)}")
        lines.append("END:VCARD")
        for line in lines:
            out += _fold(line)
    return bytes(out)
