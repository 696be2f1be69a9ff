"""People and organisations as one choice ("asked by", "speaker", "owner") in a combo box.

The choices come from the core (:func:`roundtable.meetings.minutes_queries.party_choices`);
a combo box keys a person as ``"p:12"`` and an organisation as ``"o:3"``, and
:func:`party_ids` turns a key back into the two ids the core's actions take.
"""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import QCoreApplication

from roundtable.meetings import minutes_queries
from roundtable_ui.store import Store


def party_key(person_id: int | None, organisation_id: int | None) -> str | None:
    """A combo-box key for a person (``"p:12"``) or an organisation (``"o:3"``)."""
    if person_id is not None:
        return f"p:{person_id}"
    if organisation_id is not None:
        return f"o:{organisation_id}"
    return None


def party_ids(key: Hashable | None) -> tuple[int | None, int | None]:
    """``(person_id, organisation_id)`` of a :func:`party_key` (both ``None`` for none)."""
    if not key:
        return None, None
    kind, _, number = str(key).partition(":")
    if kind == "p":
        return int(number), None
    return None, int(number)


def party_items(store: Store, *, organisations: bool = True) -> list[tuple[str, str]]:
    """People (not erased), then organisations, as ``(key, label)`` for a :class:`SearchCombo`."""
    template = QCoreApplication.translate("Parties", "%1 (organisation)")
    items: list[tuple[str, str]] = []
    for choice in store.read(minutes_queries.party_choices, organisations=organisations):
        if choice.person_id is not None:
            label = (
                f"{choice.name} · {choice.organisation_name}"
                if choice.organisation_name
                else choice.name
            )
            items.append((f"p:{choice.person_id}", label))
        elif choice.organisation_id is not None:
            items.append((f"o:{choice.organisation_id}", template.replace("%1", choice.name)))
    return items


__all__ = ["party_ids", "party_items", "party_key"]
