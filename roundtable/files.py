"""Files the app and the command line write: whole or not at all, under safe names.

Every file Roundtable writes (exports, calendar files, letters, reports, PDFs)
goes through :func:`write_atomically`: the data goes to a temporary file beside
the target, is flushed to disk, and then renamed over the target in one step.
A full disk or a crash leaves the old file (or none), never half a file, and a
replaced file keeps its permissions.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from roundtable.errors import FileWriteError
from roundtable.i18n import _

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation

#: Characters kept in a file name made from a name or an address.
_SAFE = frozenset("@._-+")


def write_atomically(target: Path | str, data: bytes) -> Path:
    """Write ``data`` to ``target`` through a temporary file and a rename; the target.

    Raises :class:`FileWriteError` naming the file and the reason (a folder in
    the way, no permission, a full disk) with nothing changed.
    """
    path = Path(target).expanduser()
    if path.is_dir():
        raise FileWriteError(
            _("Cannot write {path}: it is a folder.").format(path=path), path, _("it is a folder")
        )
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        # os.open with 0o666 honours the umask, as a plain open() of the
        # target would (tempfile would make the file private to its owner).
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
    except OSError as exc:
        raise _error(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temporary)  # replacing a file keeps its permissions
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _error(path, exc) from exc
    return path


def write_text_atomically(target: Path | str, text: str) -> Path:
    """:func:`write_atomically` for text, as UTF-8."""
    return write_atomically(target, text.encode("utf-8"))


def _error(path: Path, exc: OSError) -> FileWriteError:
    reason = exc.strerror or str(exc)
    return FileWriteError(
        _("Cannot write {path}: {reason}.").format(path=path, reason=reason), path, reason
    )


def safe_file_name(name: str, suffix: str = "", *, fallback: str = "file") -> str:
    """A file name made from ``name`` (an address, a title): anything unsafe becomes ``_``."""
    stem = "".join(ch if ch.isalnum() or ch in _SAFE else "_" for ch in name).strip(".")
    return f"{stem or fallback}{suffix}"
