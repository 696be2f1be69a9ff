"""What today's import does with the real files under tests/data/real/ (issue #14).

Not a test: a measurement. Each contacts file is read, planned and applied into a
fresh temporary database; each calendar file (or a short sequence of them, such as
a request and its cancellation) is imported into a fresh database. Per file it
prints what was found, what was stored, and every populated field that was neither
stored nor named in the preview or report: the "silent loss".

"Stored" is judged loosely: a source value counts as stored when its text (case and
spacing aside; for phones the digits) is found in one of the fields the person or
roundtable got. The source is read independently of Roundtable's readers, with the
encoding the README names for the file, so a wrong guess shows up as loss.

    .venv/bin/python bench/corpus_report.py [contacts|calendar] [FILE…]
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import quopri
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REAL = ROOT / "tests" / "data" / "real"

# The per-user folders and the actor, as the tests pin them.
_HOME = tempfile.mkdtemp(prefix="rt-corpus-home-")
for _name, _sub in (("HOME", ""), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
    os.environ[_name] = str(Path(_HOME, _sub))
os.environ.pop("ROUNDTABLE_DATABASE_URL", None)
os.environ["ROUNDTABLE_USER"] = "corpus"
os.environ["ROUNDTABLE_LANGUAGE"] = "en"

from sqlalchemy import select  # noqa: E402

from roundtable import i18n  # noqa: E402
from roundtable.calendar.incoming import import_files  # noqa: E402
from roundtable.contacts.applying import apply_import  # noqa: E402
from roundtable.contacts.layouts import Field  # noqa: E402
from roundtable.contacts.planning import RowAction, plan_import, summary_line  # noqa: E402
from roundtable.contacts.reading import read_contacts_file  # noqa: E402
from roundtable.contacts.source import describe_source  # noqa: E402
from roundtable.errors import RoundtableError  # noqa: E402
from roundtable.meetings import invitations, lifecycle  # noqa: E402
from roundtable.people import organisations, persons  # noqa: E402
from roundtable.storage.db import Database, open_database  # noqa: E402
from roundtable.storage.models import Person, Roundtable  # noqa: E402

i18n.set_language("en")

#: The true encoding of each file whose encoding is not UTF-8 (with or without BOM).
TRUE_ENCODING = {
    "thunderbird-utf16.csv": "utf-16",
    "thunderbird-shiftjis.csv": "shift_jis",
    "utf16-3.0.vcf": "utf-16-be",
    "thebat-2.1.vcf": "cp1250",
    "thunderbird-import-latin1.ics": "latin-1",
}

#: Calendar files read in order into one database (a request, then its follow-up).
SEQUENCES = [
    ("google-request-v1.ics", "google-request-v2-same-sequence.ics"),
    ("google-request-to-cancel.ics", "google-cancel.ics"),
    ("icloud-request-to-cancel.ics", "icloud-cancel.ics"),
    ("tbtest-request.eml", "tbtest-request-update-same-sequence.eml"),
    ("tbtest-request.eml", "tbtest-request-update-major.eml"),
    ("tbtest-request.eml", "tbtest-cancel.eml"),
    ("tbtest-request-recurring.eml", "tbtest-request-exception.eml"),
    ("tbtest-request-recurring.eml", "tbtest-cancel-recurring.eml"),
]

EMAIL_RE = re.compile(r"[^\s@<>,;:\"']+@[^\s@<>,;:\"']+\.[A-Za-z]{2,}")


def norm(text: str) -> str:
    return " ".join(text.casefold().split())


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def fresh_db() -> tuple[Database, Path]:
    folder = Path(tempfile.mkdtemp(prefix="rt-corpus-"))
    return open_database(folder / "roundtable.sqlite3", backup=False), folder


def found_in(value: str, stored: list[str]) -> bool:
    v = norm(value)
    if not v:
        return True
    blob = " | ".join(norm(s) for s in stored if s)
    if v in blob:
        return True
    d = digits(value)
    if len(d) >= 6 and any(d and d == digits(s) for s in stored if s):
        return True
    # "Doe;John;;;" and similar structured values: every part stored
    parts = [p.strip() for p in re.split(r"[;,]", v) if p.strip()]
    return bool(parts) and all(p in blob for p in parts)


# --- contacts --------------------------------------------------------------------------


def true_text(path: Path) -> str:
    data = path.read_bytes()
    encoding = TRUE_ENCODING.get(path.name)
    if encoding is None:
        encoding = "utf-8-sig"
    return data.decode(encoding, errors="replace").lstrip("\ufeff")


def csv_truth(text: str) -> tuple[list[str], list[list[str]], int]:
    """Header, rows and the number of lines above the header (a preamble)."""
    lines = text.splitlines(keepends=True)
    skip = 0
    # A preamble (LinkedIn's "Notes:") ends at the first line with 3+ delimiters.
    for number, line in enumerate(lines):
        if max(line.count(","), line.count(";"), line.count("\t")) >= 2 or len(lines) == 1:
            skip = number
            break
    body = "".join(lines[skip:])
    counts = {d: body.splitlines()[0].count(d) if body else 0 for d in ",;\t"}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    table = list(csv.reader(io.StringIO(body, newline=""), delimiter=delimiter))
    if not table:
        return [], [], skip
    return table[0], [row for row in table[1:] if any(cell.strip() for cell in row)], skip


def vcard_truth(text: str, qp_charset: str = "utf-8") -> list[tuple[int, list[tuple[str, str]]]]:
    """Each card (with the line of its BEGIN) as (property name, decoded value), 2.1 QP included."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[str] = []
    numbers: list[int] = []
    for number, line in enumerate(raw, start=1):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif lines and lines[-1].endswith("=") and "QUOTED-PRINTABLE" in lines[-1].upper():
            lines[-1] = lines[-1][:-1] + line  # soft line break
        else:
            lines.append(line)
            numbers.append(number)
    cards: list[tuple[int, list[tuple[str, str]]]] = []
    card: list[tuple[str, str]] | None = None
    begin = 0
    for number, line in zip(numbers, lines, strict=True):
        if ":" not in line:
            continue
        head, _, value = line.partition(":")
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            card, begin = [], number
            continue
        if upper == "END:VCARD":
            if card is not None:
                cards.append((begin, card))
            card = None
            continue
        if card is None:
            continue
        name, *params = head.split(";")
        name = name.split(".")[-1].upper()
        if "QUOTED-PRINTABLE" in head.upper():
            charset = next(
                (p.split("=", 1)[1] for p in params if p.upper().startswith("CHARSET=")), qp_charset
            )
            try:
                value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                    charset, "replace"
                )
            except LookupError:
                value = quopri.decodestring(value.encode("latin-1", "replace")).decode(
                    "utf-8", "replace"
                )
        value = value.replace("\\n", " ").replace("\\N", " ").replace("\\,", ",")
        value = value.replace("\\;", ";").replace("\\:", ":").replace("\\\\", "\\")
        card.append((name, value.strip()))
    return cards


#: vCard properties that say nothing about the person (or are warned about).
VCARD_NOISE = {
    "VERSION", "PRODID", "REV", "UID", "X-ABUID", "PHOTO", "LOGO", "SOUND", "KEY", "CLASS",
    "X-ABLABEL", "X-ABADR", "X-ABSHOWAS", "X-MOZILLA-HTML", "X-EVOLUTION-FILE-AS",
    "SORT-STRING", "X-MS-OL-DEFAULT-POSTAL-ADDRESS", "X-WAB-GENDER", "KIND", "SOURCE",
    "NAME", "PROFILE", "LABEL", "X-MS-CARDPICTURE", "CATEGORIES", "MAILER",
}  # fmt: skip
VCARD_NOISE_PREFIXES = (
    "X-AB",
    "X-COUCHDB",
    "X-FC",
    "X-ID",
    "X-ETAG",
    "X-MOZILLA",
    "X-EVOLUTION-FILE",
)


def kind_of(column: str, example: str) -> str:
    """What a lost column holds, for the fields the issue names."""
    c = column.casefold()
    if (" type" in c or "label" in c) and "@" not in example:
        return ""
    if EMAIL_RE.search(example) or "mail" in c:
        return "e-mail"
    if c in ("tel",) or any(w in c for w in ("phone", "mobile", "fax", "pager")):
        return "phone"
    if c in ("org", "title", "role") or any(
        w in c for w in ("company", "organi", "job", "department", "position")
    ):
        return "organisation/title"
    if c in ("n", "fn", "nickname") or "name" in c:
        return "name"
    return ""


def stored_people(db: Database) -> list[dict[str, str]]:
    with db.session() as session:
        out = []
        for p in session.scalars(select(Person).order_by(Person.id)):
            out.append(
                {
                    "name": p.name,
                    "email": p.email or "",
                    "organisation": p.organisation.name if p.organisation else "",
                    "role": p.role,
                    "phone": p.phone,
                    "language": p.preferred_language,
                    "notes": p.notes,
                }
            )
        return out


def report_contacts(path: Path) -> None:
    print(f"\n## contacts/{path.name}  ({path.stat().st_size} bytes)")
    db, _folder = fresh_db()
    try:
        source = read_contacts_file(path)
    except RoundtableError as exc:
        print(f"  REFUSED: {exc}")
        db.close()
        return
    print(f"  read as: {describe_source(source)}")
    truth_enc = TRUE_ENCODING.get(path.name)
    if truth_enc and codecs.lookup(truth_enc).name != codecs.lookup(source.encoding).name:
        print(f"  ENCODING: the file is {truth_enc}, read as {source.encoding} without a warning")
    mapped = [
        f"{h}→{m.value}"
        for h, m in zip(source.headers, source.mapping, strict=True)
        if m is not Field.IGNORE
    ]
    print(f"  mapped columns: {', '.join(mapped) or 'none'}")
    with db.transaction() as session:
        plan = plan_import(session, source)
        for warning in (*source.warnings, *plan.warnings):
            print(f"  warning: {warning}")
        print(f"  plan: {summary_line(plan)}")
        reasons = Counter(row.reason for row in plan.rows if row.action is RowAction.REJECT)
        for reason, count in reasons.most_common(3):
            print(f"    rejected ×{count}: {reason}")
        apply_import(session, plan)
    people = stored_people(db)
    db.close()
    fields = Counter()
    for person in people:
        for key in ("email", "name", "organisation", "role", "phone"):
            if person[key]:
                fields[key] += 1
    print(
        f"  stored: {len(people)} people; with "
        + ", ".join(
            f"{key} {fields[key]}" for key in ("email", "name", "organisation", "role", "phone")
        )
    )
    for person in people[:3]:
        print("    " + "; ".join(f"{k}={v!r}" for k, v in person.items() if v and k != "notes"))
    rejected_lines = {row.line for row in plan.rows if row.action is not RowAction.ADD}
    stored_all = [value for person in people for value in person.values()]
    loss: Counter[str] = Counter()
    examples: dict[str, str] = {}
    text = true_text(path)
    if source.kind == "csv":
        header, rows, skip = csv_truth(text)
        if skip:
            print(f"  (the file has {skip} line(s) above its header)")
        for index, row in enumerate(rows):
            line = skip + index + 2
            if line in rejected_lines:
                continue  # its rejection or skip is reported
            for column, cell in zip(header, row, strict=False):
                if cell.strip() and not found_in(cell, stored_all):
                    loss[column] += 1
                    examples.setdefault(column, cell.strip()[:40])
    else:
        cards = vcard_truth(text, TRUE_ENCODING.get(path.name, "utf-8"))
        print(f"  cards found (independent parse): {len(cards)}")
        for begin, card in cards:
            if begin in rejected_lines:
                continue  # its rejection or skip is reported
            for name, value in card:
                if name in VCARD_NOISE or name.startswith(VCARD_NOISE_PREFIXES):
                    continue
                if value and not found_in(value, stored_all):
                    loss[name] += 1
                    examples.setdefault(name, value[:40])
    if loss:
        print("  SILENT LOSS (populated, not stored, not reported):")
        for column, count in loss.most_common():
            kind = kind_of(column, examples[column])
            flag = f"  [{kind}]" if kind else ""
            print(f"    {column!r} ×{count}  e.g. {examples[column]!r}{flag}")
    else:
        print("  silent loss: none")


# --- calendar --------------------------------------------------------------------------


def calendar_text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".eml":
        import email
        import email.policy

        message = email.message_from_bytes(data, policy=email.policy.default)
        for part in message.walk():
            if part.get_content_type() in ("text/calendar", "application/ics"):
                payload = part.get_payload(decode=True)
                return payload.decode(part.get_content_charset() or "utf-8", "replace")
        return ""
    return data.decode(TRUE_ENCODING.get(path.name, "utf-8-sig"), "replace")


def calendar_truth(path: Path) -> tuple[int, list[object]]:
    import icalendar

    text = calendar_text(path)
    calendars = text.upper().count("BEGIN:VCALENDAR")
    try:
        components = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:
        print(f"  (icalendar cannot read it either: {exc})")
        return calendars, []
    events = [event for cal in components for event in cal.walk("VEVENT")]
    return calendars, events


def roundtable_state(db: Database) -> list[dict[str, object]]:
    with db.session() as session:
        out = []
        for rt in session.scalars(select(Roundtable).order_by(Roundtable.id)):
            if rt.host is not None and rt.host.is_own and rt.uid.startswith("corpus-own"):
                continue
            history = [
                f"{event.to_status.value}: {event.reason}"
                for invitation in rt.invitations
                for event in invitation.history
            ]
            out.append(
                {
                    "uid": rt.uid,
                    "title": rt.title,
                    "status": rt.status.value,
                    "starts_at": rt.starts_at.isoformat() if rt.starts_at else "",
                    "ends_at": rt.ends_at.isoformat() if rt.ends_at else "",
                    "timezone": rt.timezone,
                    "venue": rt.venue,
                    "online_url": rt.online_url,
                    "description": rt.description,
                    "host": rt.host.name if rt.host else "",
                    "organiser": f"{rt.organiser.name} <{rt.organiser.email}>"
                    if rt.organiser
                    else "",
                    "cancellation_reason": rt.cancellation_reason,
                    "invitations": [
                        f"{i.invitee_name} <{i.person.email if i.person else ''}> {i.status.value}"
                        for i in rt.invitations
                    ],
                    "history": history,
                }
            )
        return out


def prepare_for_reply(db: Database, events: list[object]) -> None:
    """Our own roundtable with the reply's UID, its attendees invited: what a reply answers."""
    from roundtable.calendar.messages import address_of, attendees_of

    with db.transaction() as session:
        own = organisations.create_organisation(session, "Corpus Own Org", is_own=True)
        organiser = persons.create_person(
            session, "Corpus Organiser", email="organiser@own.example", organisation=own
        )
        for event in events[:1]:
            rt = lifecycle.create_roundtable(
                session,
                title="Our roundtable",
                host=own,
                organiser=organiser,
                uid=str(event.get("UID")),
            )
            for attendee in attendees_of(event):
                address = address_of(attendee)
                if not address or persons.find_person_by_email(session, address):
                    continue
                person = persons.create_person(session, "Invitee " + address, email=address)
                invitation = invitations.add_invitation(session, rt, person=person)
                invitations.mark_invited(session, invitation)


#: Event properties that matter to a coordinator, and words a report uses when it names them.
CAL_PROPS = {
    "SUMMARY": (), "LOCATION": (), "DESCRIPTION": (), "URL": ("link",),
    "X-MICROSOFT-SKYPETEAMSMEETINGURL": ("link",), "X-GOOGLE-CONFERENCE": ("link",),
    "CONFERENCE": ("link",), "RRULE": ("repeat", "recurr", "series"),
    "RDATE": ("repeat", "recurr"), "EXDATE": ("repeat", "recurr", "exception"),
    "RECURRENCE-ID": ("occurrence",), "COMMENT": ("wrote", "comment"), "ATTACH": ("attach",),
}  # fmt: skip


#: Words with which a report would name what it did not keep (titles never contain these).
RECURRENCE_WORDS = ("repeating event", "recurrence", "series", "occurrences")


def file_loss(path: Path, state: list[dict], stored: list[str], report_text: str) -> list[str]:
    """The populated properties of ``path``'s event that are neither stored nor reported."""
    from roundtable.calendar.messages import address_of, attendees_of, params_of

    _calendars, events = calendar_truth(path)
    method = (re.findall(r"^METHOD:(\S+)", calendar_text(path), re.M) or [""])[0].upper()
    loss: list[str] = []
    if len(events) > 1:
        extra = [str(e.get("SUMMARY", "")) for e in events[1:]]
        loss.append(f"{len(events) - 1} more VEVENT(s) not imported: {extra}")
    for event in events[:1]:
        for prop, words in CAL_PROPS.items():
            if method in ("REPLY", "COUNTER", "CANCEL") and prop not in (
                "COMMENT",
                "RRULE",
                "RDATE",
                "EXDATE",
                "RECURRENCE-ID",
            ):
                continue  # an answer or a cancellation is about the event, not a new copy
            value = event.get(prop)
            if value is None:
                continue
            for item in value if isinstance(value, list) else [value]:
                text = str(item) if isinstance(item, str) else item.to_ical().decode()
                text = " ".join(text.split())
                if not text or found_in(text[:200], stored):
                    continue
                if prop in ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"):
                    words = RECURRENCE_WORDS
                if words and any(word in report_text for word in words):
                    continue
                loss.append(f"{prop}: {text[:70]!r}")
        start = event.get("DTSTART")
        if (
            method == "REQUEST"
            and start is not None
            and getattr(start, "params", {}).get("VALUE") == "DATE"
        ):
            loss.append(f"all-day DTSTART {start.to_ical().decode()} stored as a date-time (00:00)")
        organiser = event.get("ORGANIZER")
        if method == "REQUEST" and organiser is not None:
            real = params_of(organiser).get("EMAIL", "")
            relay = address_of(organiser)
            for rt in state:
                if (
                    real
                    and real.lower() != relay.lower()
                    and real.lower() not in rt["organiser"].lower()
                ):
                    loss.append(
                        f"ORGANIZER EMAIL={real} ignored: organiser stored as {rt['organiser'][:45]}…, "
                        f"host {rt['host']!r}"
                    )
        for attendee in attendees_of(event):
            params = params_of(attendee)
            address = address_of(attendee)
            for key in ("DELEGATED-TO", "DELEGATED-FROM"):
                if key in params and not found_in(params[key].removeprefix("mailto:"), stored):
                    loss.append(f"ATTENDEE {address} {key}={params[key]}")
            if params.get("PARTSTAT", "").upper() == "DELEGATED" and "delegat" not in report_text:
                loss.append(f"ATTENDEE {address} PARTSTAT=DELEGATED not recorded")
    return loss


def report_calendar(names: tuple[str, ...]) -> None:
    print(f"\n## calendar/{' → '.join(names)}")
    db, _folder = fresh_db()
    paths = [REAL / "calendar" / name for name in names]
    _first_calendars, first_events = calendar_truth(paths[0])
    methods = re.findall(r"^METHOD:(\S+)", calendar_text(paths[0]), re.M)
    if methods and methods[0].upper() in ("REPLY", "COUNTER"):
        prepare_for_reply(db, first_events)
        print("  (set up: our own roundtable with that UID, its attendees invited)")
    else:
        with db.transaction() as session:
            organisations.create_organisation(session, "Corpus Own Org", is_own=True)
    lines: list[str] = []
    outcomes: list[tuple[Path, bool, str]] = []
    for path in paths:
        calendars, events = calendar_truth(path)
        text = calendar_text(path)
        method = ",".join(re.findall(r"^METHOD:(\S+)", text, re.M)) or "none"
        prodid = (re.findall(r"^PRODID:(.*)$", text, re.M) or ["?"])[0].strip()
        print(
            f"  {path.name}: {calendars} calendar(s), {len(events)} event(s), METHOD {method}, PRODID {prodid}"
        )
        with db.transaction() as session:
            report = import_files(session, [path])
        for line in report.lines()[1:-1]:
            print(f"    report: {line}")
        lines.extend(report.lines())
        outcomes.append((path, report.failed, norm(" ".join(report.lines()))))
    state = roundtable_state(db)
    db.close()
    for rt in state:
        print(
            f"  stored roundtable: {rt['title']!r} {rt['status']}, {rt['starts_at']}–{rt['ends_at']} {rt['timezone']}"
        )
        print(
            f"    venue={rt['venue']!r} link={rt['online_url'][:60]!r} host={rt['host']!r} organiser={rt['organiser']!r}"
        )
        for invitation in rt["invitations"]:
            print(f"    invitation: {invitation}")
    stored = [str(v) for rt in state for v in rt.values() if isinstance(v, str)]
    stored += [s for rt in state for s in rt["invitations"] + rt["history"]]
    if not state:
        return  # refused or failed: the report says why
    loss: list[str] = []
    for path, failed, own_report in outcomes:
        if not failed:  # each file against what its own report said
            loss.extend(
                f"{path.name}: {item}" for item in file_loss(path, state, stored, own_report)
            )
    if loss:
        print("  SILENT LOSS (populated, not stored, not reported):")
        for item in loss:
            print(f"    {item}")
    else:
        print("  silent loss: none")


def main(argv: list[str]) -> None:
    which = argv[0] if argv and argv[0] in ("contacts", "calendar") else ""
    wanted = set(argv[1:] if which else argv)
    if which in ("", "contacts"):
        print("# Contacts")
        for path in sorted((REAL / "contacts").iterdir()):
            if path.suffix in (".csv", ".vcf") and (not wanted or path.name in wanted):
                report_contacts(path)
    if which in ("", "calendar"):
        print("\n# Calendar")
        in_sequence = {name for group in SEQUENCES for name in group}
        groups = [
            (p.name,)
            for p in sorted((REAL / "calendar").iterdir())
            if p.suffix in (".ics", ".eml") and p.name not in in_sequence
        ]
        for group in [*groups, *SEQUENCES]:
            if not wanted or wanted & set(group):
                report_calendar(group)


if __name__ == "__main__":
    main(sys.argv[1:])
