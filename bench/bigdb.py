"""Make a database the size of a coordinator's after years of work.

5,000 people in 600 organisations, 500 roundtables, 20,000 invitations with
their history, questions, minutes and action items. Rows are written with
Core INSERTs in a few large batches (the lifecycle functions would take
minutes); the data is still valid, with one history row per status step.

    .venv/bin/python bench/bigdb.py /tmp/big.sqlite3
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from roundtable.storage.db import Database, open_database
from roundtable.storage.models import (
    ActionItem,
    AgendaItem,
    Invitation,
    InvitationEvent,
    MinuteNote,
    Organisation,
    Person,
    Question,
    Roundtable,
    RoundtableEvent,
)

PEOPLE = 5_000
ORGANISATIONS = 600
ROUNDTABLES = 500
INVITATIONS_PER_ROUNDTABLE = 40  # 500 × 40 = 20,000

FIRST = [
    "Anna",
    "Bram",
    "Carmen",
    "Daan",
    "Eva",
    "Fatima",
    "Gert",
    "Hanna",
    "Ilse",
    "Joris",
    "Karim",
    "Lotte",
    "Mees",
    "Noor",
    "Omar",
    "Pien",
    "Roos",
    "Sem",
    "Tess",
    "Zoë",
]
LAST = [
    "Bakker",
    "Jansen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "van Dijk",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "van der Meer",
]
KINDS = ["ngo", "company", "government", "parliament", "academic", "media", "other"]
STATUSES = ["accepted", "declined", "tentative", "no_response", "withdrawn", "attended", "no_show"]


def build(path: Path, seed: int = 7) -> Database:
    """Create (or replace) the big database at ``path`` and return it open."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(seed)
    database = open_database(path)
    now = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    stamp = {"created_at": now, "updated_at": now, "updated_by": "bench", "version": 1}
    with database.transaction() as session:
        session.execute(
            insert(Organisation),
            [
                {
                    "id": i,
                    "name": f"Organisation {i:04d}",
                    "kind": rng.choice(KINDS),
                    "notes": "",
                    "is_own": i == 1,
                    **stamp,
                }
                for i in range(1, ORGANISATIONS + 1)
            ],
        )
        session.execute(
            insert(Person),
            [
                {
                    "id": i,
                    "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                    "email": f"person{i}@example.org",
                    "organisation_id": rng.randint(1, ORGANISATIONS),
                    "role": rng.choice(["Policy officer", "Director", "Researcher", ""]),
                    "phone": "",
                    "preferred_language": rng.choice(["en", "nl"]),
                    "notes": "",
                    "lawful_basis": "legitimate_interest",
                    "consent_note": "",
                    **stamp,
                }
                for i in range(1, PEOPLE + 1)
            ],
        )
        roundtables, rt_events, invitations, inv_events = [], [], [], []
        questions, agenda, notes, actions = [], [], [], []
        invitation_id = event_id = 0
        for r in range(1, ROUNDTABLES + 1):
            start = now - timedelta(days=rng.randint(-120, 1500), hours=rng.randint(0, 6))
            held = start < now
            status = (
                "held" if held else rng.choice(["scheduled", "draft", "postponed", "cancelled"])
            )
            roundtables.append(
                {
                    "id": r,
                    "uid": f"bench-{r}@roundtable.local",
                    "sequence": 1,
                    "title": f"Roundtable {r}: {rng.choice(['AI', 'data retention', 'age checks', 'cloud', 'biometrics'])}",
                    "topic": "",
                    "host_organisation_id": rng.randint(1, ORGANISATIONS),
                    "venue": "The Hague",
                    "online_url": "",
                    "starts_at": start,
                    "ends_at": start + timedelta(hours=2),
                    "timezone": "Europe/Amsterdam",
                    "status": status,
                    "cancellation_reason": "",
                    "description": "",
                    "is_public": False,
                    **stamp,
                }
            )
            rt_events.append(
                {
                    "roundtable_id": r,
                    "at": start - timedelta(days=30),
                    "actor": "bench",
                    "action": "created",
                    "from_status": None,
                    "to_status": "draft",
                    "sequence": 0,
                    "reason": "",
                    "detail": "",
                }
            )
            for person_id in rng.sample(range(1, PEOPLE + 1), INVITATIONS_PER_ROUNDTABLE):
                invitation_id += 1
                final = (
                    rng.choice(STATUSES)
                    if held
                    else rng.choice(["invited", "accepted", "declined", "no_response"])
                )
                invitations.append(
                    {
                        "id": invitation_id,
                        "roundtable_id": r,
                        "person_id": person_id,
                        "organisation_id": None,
                        "role": "participant",
                        "status": final,
                        "consent_to_be_named": rng.random() < 0.2,
                        "notes": "",
                        **stamp,
                    }
                )
                sent = start - timedelta(days=21)
                steps = [(None, "not_sent"), ("not_sent", "invited")]
                if final != "invited":
                    steps.append(("invited", final))
                for k, (before, after) in enumerate(steps):
                    event_id += 1
                    inv_events.append(
                        {
                            "id": event_id,
                            "invitation_id": invitation_id,
                            "at": sent + timedelta(days=k),
                            "actor": "bench",
                            "party": "coordinator",
                            "source": "import",
                            "from_status": before,
                            "to_status": after,
                            "reason": "lack of enthusiasm" if after == "withdrawn" else "",
                        }
                    )
            for q in range(6):
                questions.append(
                    {
                        "roundtable_id": r,
                        "position": q,
                        "text": f"Question {q + 1} about the plans?",
                        "status": "submitted",
                        "answer": "",
                        "asked_by_organisation_id": 1,
                        **stamp,
                    }
                )
            if held:
                agenda_id = len(agenda) + 1
                agenda.append(
                    {"id": agenda_id, "roundtable_id": r, "position": 0, "title": "Update", **stamp}
                )
                notes.append(
                    {
                        "agenda_item_id": agenda_id,
                        "position": 0,
                        "kind": "note",
                        "text": "Discussed.",
                        "not_for_attribution": rng.random() < 0.3,
                        **stamp,
                    }
                )
                actions.append(
                    {
                        "roundtable_id": r,
                        "description": "Send the follow-up",
                        "due_on": (start + timedelta(days=14)).date(),
                        "done": rng.random() < 0.7,
                        **stamp,
                    }
                )
        for model, rows in (
            (Roundtable, roundtables),
            (RoundtableEvent, rt_events),
            (Invitation, invitations),
            (InvitationEvent, inv_events),
            (Question, questions),
            (AgendaItem, agenda),
            (MinuteNote, notes),
            (ActionItem, actions),
        ):
            session.execute(insert(model), rows)
    return database


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "path",
        nargs="?",
        default="/tmp/roundtable-big.sqlite3",
        help="the SQLite file to create (default: %(default)s)",
    )
    path = Path(parser.parse_args(argv).path)
    started = time.perf_counter()
    database = build(path)
    database.close()
    size = path.stat().st_size / 1e6
    print(
        f"built {path}: {PEOPLE} people, {ROUNDTABLES} roundtables, "
        f"{ROUNDTABLES * INVITATIONS_PER_ROUNDTABLE} invitations in "
        f"{time.perf_counter() - started:.1f} s ({size:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
