"""Finding the data files shipped with Roundtable (templates, icons, demo data, schemas).

The repository keeps them in the top-level ``resources/`` folder; the build
installs that folder as the package ``roundtable.resources``, so the same
lookup works from a source checkout, an editable install and a wheel.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable


def resource_files() -> Traversable:
    """The root of the shipped ``resources/`` folder."""
    return files("roundtable.resources")


def read_resource_text(*parts: str) -> str:
    """The UTF-8 text of a shipped resource file, e.g. ``read_resource_text("demo", "x.csv")``."""
    node = resource_files()
    for part in parts:
        node = node / part
    return node.read_text(encoding="utf-8")
