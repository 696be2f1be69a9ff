"""Reading a contacts file: its kind (CSV or vCard) and encoding found, then handed
to the reader of its format (see :mod:`roundtable.contacts.formats`).
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import IO

from roundtable.contacts import formats
from roundtable.contacts.source import (
    _CHUNK,
    _CONTROL,
    _CP1252_UNDEFINED,
    _MAGIC,
    MAX_FILE_SIZE,
    SourceInput,
    SourceTable,
    not_text,
)
from roundtable.errors import ContactsError
from roundtable.i18n import _


def read_contacts_file(path: Path) -> SourceTable:
    """Read a CSV or vCard file; which one is decided by its content, not only its suffix.

    The file is read in chunks and never held in memory whole: once to check
    its encoding, once to parse it. Raises :class:`ContactsError` for a file
    that is missing, empty, too large, not text, not CSV or vCard, a vCard
    that is cut off, or a CSV with only a header.
    """
    path = Path(path)
    label = path.name or str(path)
    try:
        if path.is_dir():
            raise ContactsError(_("{path} is a folder, not a contacts file.").format(path=path))
        size = path.stat().st_size
    except FileNotFoundError:
        raise ContactsError(_("There is no file {path}.").format(path=path)) from None
    except OSError as exc:
        raise ContactsError(_cannot_read(path, exc)) from None
    if size > MAX_FILE_SIZE:
        raise ContactsError(
            _(
                "{file} is {size} MB; contacts files of more than {most} MB are not read. "
                "Split it into smaller files."
            ).format(
                file=label,
                size=f"{size / 1024 / 1024:.0f}",
                most=MAX_FILE_SIZE // 1024 // 1024,
            )
        )

    def opener() -> IO[bytes]:
        try:
            return path.open("rb")
        except OSError as exc:
            raise ContactsError(_cannot_read(path, exc)) from None

    try:
        return _read(SourceInput(label, path, opener))
    except OSError as exc:  # the disk failed between the chunks
        raise ContactsError(_cannot_read(path, exc)) from None


def _cannot_read(path: Path, exc: OSError) -> str:
    # The reason is the system's own wording (strerror), in its language.
    return _("Cannot read {name}: {reason}.").format(name=path, reason=exc.strerror or exc)


def read_contacts_bytes(data: bytes, name: str = "") -> SourceTable:
    """Read the contents of a CSV or vCard file; ``name`` names it in messages."""
    label = name or _("The file")
    return _read(SourceInput(label, Path(name) if name else None, lambda: io.BytesIO(data)))


def _read(source: SourceInput) -> SourceTable:
    with source.opener() as stream:
        head = stream.read(_CHUNK)
    if not head.strip():
        raise ContactsError(_empty(source))
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise ContactsError(
                _(
                    "{file} is {what}, not a CSV or vCard file. Save or export the "
                    "contacts as CSV or vCard (.vcf) and import that file."
                ).format(file=source.label, what=what())
            )
    encoding = _detect_encoding(source, head)
    text_head = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n")
    if not text_head:
        raise ContactsError(_empty(source))
    fmt = formats.for_reading(text_head, source.path)
    if fmt.recognises is None:  # read as plain text: first make sure it is not something else
        if text_head[0] == "<":
            raise ContactsError(
                _("{file} looks like a web page or XML document, not a CSV or vCard file.").format(
                    file=source.label
                )
            )
        if text_head[0] == "{":
            raise ContactsError(
                _("{file} looks like JSON, not a CSV or vCard file.").format(file=source.label)
            )
    assert fmt.reader is not None
    return fmt.reader(source, encoding, text_head)


def _empty(source: SourceInput) -> str:
    return _("{file} is empty: there is nothing to import.").format(file=source.label)


def _detect_encoding(source: SourceInput, head: bytes) -> str:
    """The file's encoding: from its byte order mark, else UTF-8, else Windows-1252.

    Scans the whole file once, chunk by chunk, and raises :class:`ContactsError`
    naming the first byte (and its line) that no tried encoding can read.
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # control bytes are normal in UTF-16: its decoder checks it
    has_bom = head.startswith(codecs.BOM_UTF8)
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    undefined: tuple[int, int] | None = None  # (line, byte) Windows-1252 cannot read
    line = 1
    with source.opener() as stream:
        while chunk := stream.read(_CHUNK):
            control = _CONTROL.search(chunk)
            if control is not None:
                at = line + chunk.count(b"\n", 0, control.start())
                raise ContactsError(not_text(source.label, chunk[control.start()], at))
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as exc:
                    utf8 = False
                    if has_bom:
                        at = line + chunk.count(b"\n", 0, max(exc.start, 0))
                        byte = chunk[max(exc.start, 0)] if exc.start < len(chunk) else chunk[-1]
                        raise ContactsError(
                            _(
                                "{file} cannot be read: it starts with a UTF-8 byte order "
                                "mark, but byte {byte} on line {line} is not UTF-8."
                            ).format(file=source.label, byte=f"0x{byte:02X}", line=at)
                        ) from None
            if undefined is None:
                found = _CP1252_UNDEFINED.search(chunk)
                if found is not None:
                    undefined = (
                        line + chunk.count(b"\n", 0, found.start()),
                        chunk[found.start()],
                    )
            line += chunk.count(b"\n")
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False  # the file ends in the middle of a character
    if utf8:
        return "utf-8-sig" if has_bom else "utf-8"
    if undefined is not None:
        raise ContactsError(not_text(source.label, undefined[1], undefined[0]))
    return "cp1252"
