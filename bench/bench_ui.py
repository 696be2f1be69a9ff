"""How fast the desktop app is on a coordinator's database after years of work.

Builds (or reuses) the big database of ``bench/bigdb.py``, then measures, in
this process, with Qt's offscreen platform:

- opening the main window on it (construct, load every page, first paint);
- the core read models behind the pages;
- typing in the People filter (the time for each keystroke's re-filter);
- opening the November-sized invitation list of one roundtable;
- peak memory.

    .venv/bin/python bench/bench_ui.py [--rebuild] [PATH]

Figures, not pass/fail: targets live in the notes that quote these numbers.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def main(argv: list[str]) -> int:
    rebuild = "--rebuild" in argv
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0] if args else "/tmp/roundtable-bench.sqlite3")
    import bigdb

    if rebuild or not path.exists():
        started = time.perf_counter()
        bigdb.build(path).close()
        print(f"built the database        {_ms(time.perf_counter() - started)}  ({path})")

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["bench"])
    from roundtable.contacts import csv_format
    from roundtable.meetings import minutes_queries, queries
    from roundtable.people import duplicates
    from roundtable.people import queries as people_queries
    from roundtable.privacy import audit_log, retention
    from roundtable.storage.db import open_database

    started = time.perf_counter()
    database = open_database(path)
    opened = time.perf_counter() - started

    from roundtable_ui.main_window import MainWindow

    started = time.perf_counter()
    window = MainWindow()
    window.set_database(database)
    window.show()
    app.processEvents()
    window_time = time.perf_counter() - started

    timings: dict[str, float] = {}
    for name, query in (
        ("list_roundtables", queries.list_roundtables),
        ("list_people", people_queries.list_people),
        ("list_organisations", people_queries.list_organisations),
        ("list_action_items", minutes_queries.list_action_items),
        ("due_for_review", retention.due_for_review),
        ("count_due_for_review", retention.count_due_for_review),
        ("duplicate candidates", duplicates.find_duplicate_candidates),
        ("audit log", audit_log.list_audit_entries),
        ("export people as CSV", csv_format.export_people_csv),
    ):
        started = time.perf_counter()
        with database.transaction() as session:
            rows = query(session)
        size = len(rows) if not isinstance(rows, int) else rows
        timings[f"{name} ({size:,})"] = time.perf_counter() - started

    people_page = window.page("people")
    window.show_page("people")
    app.processEvents()
    search = people_page.people.search  # type: ignore[attr-defined]
    per_key: list[float] = []
    for text in ("a", "an", "ann", "anna", "anna ", "anna b", "anna ba", "anna bak"):
        started = time.perf_counter()
        search.setText(text)
        app.processEvents()
        per_key.append(time.perf_counter() - started)
    shown = people_page.people.proxy.rowCount()  # type: ignore[attr-defined]
    search.clear()

    started = time.perf_counter()
    window.show_page("privacy")
    app.processEvents()
    privacy_time = time.perf_counter() - started

    roundtables = window.page("roundtables")
    window.show_page("roundtables")
    target = roundtables.table.rows()[0].id  # type: ignore[attr-defined]
    started = time.perf_counter()
    roundtables.show_roundtable(target)  # type: ignore[attr-defined]
    app.processEvents()
    detail_time = time.perf_counter() - started

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"open database (at head)   {_ms(opened)}")
    print(f"main window, first page   {_ms(window_time)}")
    for name, seconds in timings.items():
        print(f"{name:<36}{_ms(seconds)}")
    print(
        f"people filter keystroke   {_ms(statistics.median(per_key))} median, "
        f"{_ms(max(per_key))} worst ({shown} of 5000 shown at the end)"
    )
    print(f"open a roundtable's tabs  {_ms(detail_time)}")
    print(f"privacy page, first show  {_ms(privacy_time)}")
    print(f"peak memory (RSS)         {peak_mb:8.1f} MB")
    window.close()
    database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
