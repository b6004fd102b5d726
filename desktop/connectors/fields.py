"""Carrier field paths → our field paths, from a per-carrier table of patterns.

Carriers name a refused field in their own words and with their own index style
(`plis[0].poids`, `parcels.0.actualWeight`); a table entry such as
`"documents_douaniers.articles.{i}.valeur": "customs.items[{i}].value"` maps it back onto the
field the clerk sees. Unknown fields map to "" (shown against the shipment as a whole).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_INDEX = re.compile(r"\[(\d+)\]")


def normalise_path(path: str) -> str:
    """`a[0].b` and `a.0.b` and `a/0/b` → `a.0.b`."""
    return _INDEX.sub(r".\1", path.strip().replace("/", ".")).strip(".")


def map_field(carrier_path: str, table: Mapping[str, str]) -> str:
    path = normalise_path(carrier_path)
    for pattern, ours in table.items():
        regex = "^" + re.escape(pattern).replace(r"\{i\}", r"(\d+)") + "$"
        match = re.match(regex, path)
        if match:
            return ours.replace("{i}", match.group(1)) if match.groups() else ours
    return ""


def suffix_map(path: str, table: Mapping[str, str]) -> str:
    """Like `map_field`, also trying the path without its leading segments (`plis.0.` …)."""
    parts = normalise_path(path).split(".")
    for start in range(len(parts)):
        found = map_field(".".join(parts[start:]), table)
        if found:
            return found
    return ""
