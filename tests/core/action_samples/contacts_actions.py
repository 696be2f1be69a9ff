"""Samples of roundtable.contacts.actions (see README.md)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from roundtable.actions import Action
from roundtable.contacts import actions as c
from roundtable.contacts.planning import ImportPlan, RowAction, plan_import
from roundtable.contacts.reading import read_contacts_file
from roundtable.people import persons

DATA = Path(__file__).resolve().parents[2] / "data" / "contacts"


def _import(session: Session) -> Action[object]:
    """google.csv on the demo: people added, one demo person updated, an organisation added."""
    persons.create_person(session, "Jan de Vries", email="jan.devries@privacyfirst.example")
    session.flush()
    plan: ImportPlan = plan_import(session, read_contacts_file(DATA / "google.csv"))
    assert plan.count(RowAction.ADD) and plan.count(RowAction.UPDATE) and plan.new_organisations
    return c.import_contacts(plan)


SAMPLES = {
    "contacts.actions.import_contacts": _import,
    "contacts.actions.record_export": lambda s: c.record_export("vcard", 45, "/home/a/people.vcf"),
}

__all__ = ["SAMPLES", "Action"]
