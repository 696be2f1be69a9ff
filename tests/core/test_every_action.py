"""Undo proven for every action of the core, on the demo database.

Every action factory registered with :func:`roundtable.actions.action` needs a
sample in ``tests/core/action_samples/`` (a function that, given a session on the
demo database, prepares what the action needs and returns the action). For
each one: do → undo leaves the whole ``export-json`` document as it was, and
do → undo → redo gives the document ``do`` gave. The audit log is left out of
the comparison (it keeps what was done and says it was undone), and so is a
roundtable's SEQUENCE where the action changed it: calendars may have seen the
higher number, so undo and redo raise it again (with the row's version and
change time), as RFC 5546 asks; the test checks that it rose instead.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from roundtable import actions, context
from roundtable.actions import Action
from roundtable.demo import load_demo
from roundtable.storage.db import Database, open_database
from roundtable.storage.interchange import export_database

SAMPLES_DIR = Path(__file__).parent / "action_samples"
Sample = Callable[[Session], Action[Any]]

#: Columns of a roundtable row that a risen SEQUENCE takes along (see the docstring).
_RISING = ("sequence", "version", "updated_at", "updated_by")


def _load_samples() -> dict[str, Sample]:
    samples: dict[str, Sample] = {}
    for path in sorted(SAMPLES_DIR.glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"action_samples_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, sample in module.SAMPLES.items():
            assert name not in samples, f"two samples for {name}"
            samples[name] = sample
    return samples


SAMPLES = _load_samples()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    with context.frozen_clock(datetime(2026, 11, 29, 9, 0, tzinfo=UTC)):
        database = open_database(path)
        with database.transaction() as session:
            load_demo(session)
        database.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Any:
    copy = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, copy)
    database = open_database(copy)
    yield database
    database.close()


def _export(database: Database) -> dict[str, Any]:
    with database.transaction() as session:
        document = export_database(session)
    document.pop("audit_log")
    return document


def _without_risen(document: dict[str, Any], risen: set[int]) -> dict[str, Any]:
    roundtables = [
        {k: v for k, v in r.items() if k not in _RISING} if r["id"] in risen else r
        for r in document["roundtables"]
    ]
    return {**document, "roundtables": roundtables}


def _sequences(document: dict[str, Any]) -> dict[int, int]:
    return {r["id"]: r["sequence"] for r in document["roundtables"]}


def test_every_action_has_a_sample() -> None:
    registered = set(actions.registered_actions())
    assert sorted(registered - set(SAMPLES)) == [], "add a sample in tests/core/action_samples/"
    assert sorted(set(SAMPLES) - registered) == [], "a sample for an action that does not exist"


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_undo_puts_everything_back_and_redo_does_it_again(name: str, demo: Database) -> None:
    with context.frozen_clock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC)):
        with demo.transaction() as session:
            action = SAMPLES[name](session)
        assert action.name == name
        before = _export(demo)
    with context.frozen_clock(datetime(2026, 12, 1, 10, 0, tzinfo=UTC)):
        done = actions.perform(demo, action)
    after = _export(demo)
    assert done.changes, f"{name}: the sample changed nothing"
    computed = actions.kinds_of(done.changes.tables) - {"audit"}
    assert computed <= action.kinds, f"{name} touches {sorted(computed - action.kinds)} too"
    if not action.undoable:
        return
    risen = {
        rid for rid, seq in _sequences(after).items() if _sequences(before).get(rid, seq) != seq
    }
    with context.frozen_clock(datetime(2026, 12, 2, 10, 0, tzinfo=UTC)):
        actions.undo(demo, done)
    undone = _export(demo)
    assert _without_risen(undone, risen) == _without_risen(before, risen)
    for rid in risen:
        assert _sequences(undone)[rid] > _sequences(after)[rid]
    with context.frozen_clock(datetime(2026, 12, 3, 10, 0, tzinfo=UTC)):
        actions.redo(demo, done)
    redone = _export(demo)
    assert _without_risen(redone, risen) == _without_risen(after, risen)
