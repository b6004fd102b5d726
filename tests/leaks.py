"""What must never reach a person's eyes in the French interface: field ids, internal ids,
file names, English. Shared by tests/unit/test_message_leaks.py (the catalogue and every
message the rules produce) and tests/ui/test_french_ui.py (every string on every screen)."""

from __future__ import annotations

import re

FIELD_ID = re.compile(r"\b(customs|recipient|sender|options|parcel|settings)\.[a-z_]+")
INTERNAL_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # dangerous_goods, sale_of_goods
SERVICE_ID = re.compile(r"\b(?:delivengo|colissimo|novapost)-[a-z-]+")  # delivengo-profil-tracked
FILE_NAME = re.compile(r"\b[\w-]+\.(md|json|py|csv|txt|po|ttf)\b", re.I)
# Words that are English and never French (nor a brand or unit): one of them in a French
# sentence is an untranslated text ("export only", "cargo is over 30 kg", "timeout: no…").
ENGLISH_WORD = re.compile(
    r"\b(the|and|of|with|without|only|is|are|not|for|from|to|by|this|that|which|must|"
    r"cannot|none|default|generic|labels?|required|timeout|reply|status|error|warning|"
    r"invoice|over|under|should|will|was|has|have|expected|given|unknown|missing|invalid|"
    r"allowed|found|failed|printer|scale|weight|number|field|value|shipment|parcel)\b",
    re.I)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)s")  # "{unit_value}" is code, not shown
URL = re.compile(r"\S+://\S*")  # the printer and database URLs are the clerk's own
PATH = re.compile(r"(?<![\w/])/[\w.@+-]+(?:/[\w.@+-]*)+")  # and so are the folders


def shown_part(text: str) -> str:
    return PATH.sub("", URL.sub("", PLACEHOLDER.sub("", text)))


def has_id(text: str) -> bool:
    text = shown_part(text)
    return bool(FIELD_ID.search(text) or INTERNAL_ID.search(text) or SERVICE_ID.search(text))


def has_file_name(text: str) -> bool:
    return bool(FILE_NAME.search(shown_part(text)))


def english_words(text: str) -> list[str]:
    return ENGLISH_WORD.findall(shown_part(text))
