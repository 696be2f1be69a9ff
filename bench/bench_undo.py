"""What the one undo mechanism costs: a 10 MB contacts import with and without its change set.

    .venv/bin/python bench/bench_undo.py [--rows N]

Writes a CSV of about 21,000 people (10 MB, the size tests/core/test_contacts.py
reads), plans the import, and then in the same run:

* the floor: ``apply_import`` in a plain transaction (what the app did before
  every change became an action);
* the action: ``roundtable.actions.perform(import_contacts(plan))``, which also
  notes every row for undo;
* its undo and its redo;
* a one-field edit as an action, the cost a keystroke's save pays.

Each on a fresh copy of the same empty database file, and prints the seconds
and the peak memory Python allocated (tracemalloc), with the action's cost
relative to the floor.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from roundtable import actions  # noqa: E402
from roundtable.contacts import actions as contacts_actions  # noqa: E402
from roundtable.contacts.applying import apply_import  # noqa: E402
from roundtable.contacts.planning import plan_import  # noqa: E402
from roundtable.contacts.reading import read_contacts_file  # noqa: E402
from roundtable.people import actions as people_actions  # noqa: E402
from roundtable.storage.db import Database, open_database  # noqa: E402


def _write_csv(path: Path, target_bytes: int, rows: int | None) -> int:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Name", "Email", "Organisation", "Role", "Phone", "Notes"])
        number = 0
        while (rows is None and handle.tell() < target_bytes) or (
            rows is not None and number < rows
        ):
            number += 1
            notes = f"Met at roundtable {number % 40}; " + "notes about the meeting " * 16
            writer.writerow(
                [
                    f"Person {number} Example",
                    f"person{number}@example.org",
                    f"Organisation {number % 200}",
                    "Policy officer",
                    f"+31 20 555 {number:05d}",
                    notes,
                ]
            )
    return number


def _timed(label: str, work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"{label:<46} {seconds:7.2f} s")
    return seconds, result


def _peak(work: Callable[[], Any]) -> int:
    """The peak memory Python allocated while ``work`` ran (tracemalloc slows it down)."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=None, help="rows instead of 10 MB")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="roundtable-bench-undo-"))
    try:
        source_file = work / "large.csv"
        rows = _write_csv(source_file, 10 * 1024 * 1024, args.rows)
        print(f"{rows} people, {source_file.stat().st_size / 2**20:.1f} MiB of CSV")
        empty = work / "empty.sqlite3"
        open_database(empty).close()
        source = read_contacts_file(source_file)

        def fresh(name: str) -> Database:
            copy = work / f"{name}.sqlite3"
            shutil.copyfile(empty, copy)
            return open_database(copy)

        def plain(database: Database) -> Callable[[], None]:
            plan = database.read(plan_import, source, source.mapping)

            def run() -> None:
                with database.transaction() as session:
                    apply_import(session, plan)

            return run

        def recorded(database: Database) -> Callable[[], Any]:
            plan = database.read(plan_import, source, source.mapping)
            return lambda: actions.perform(database, contacts_actions.import_contacts(plan))

        floor, _ = _timed("floor: apply_import, no change set", plain(fresh("floor")))
        action_db = fresh("action")
        seconds, done = _timed("action: perform(import_contacts), recorded", recorded(action_db))
        print(f"  {len(done.changes.rows)} rows in the change set")
        _timed("undo of the import", lambda: actions.undo(action_db, done))
        _timed("redo of the import", lambda: actions.redo(action_db, done))
        person_id = next(c.key[0] for c in done.changes.rows if c.table == "person")
        edits = []
        for attempt in range(21):
            started = time.perf_counter()
            actions.perform(
                action_db, people_actions.edit_person(person_id, role=f"Role {attempt}")
            )
            edits.append(time.perf_counter() - started)
        edits.sort()
        print(f"{'one-field edit as an action (median of 21)':<46} {edits[10] * 1000:7.1f} ms")
        action_db.close()
        floor_peak = _peak(plain(fresh("floor-memory")))
        action_peak = _peak(recorded(fresh("action-memory")))
        print(
            f"peak memory: floor {floor_peak / 2**20:.1f} MiB, "
            f"action {action_peak / 2**20:.1f} MiB (tracemalloc)"
        )
        print(
            f"the action against the floor: {seconds / floor:.2f}× the time, "
            f"{action_peak / floor_peak:.2f}× the peak memory"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
