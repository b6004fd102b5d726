"""The clerk's local calendar days as UTC instants (the history's date filters; stdlib only).

"The 3rd" runs from local midnight to the next local midnight, converted to UTC (what
`created_at` holds), so a label printed at 00:30 Paris time on the 3rd is on the 3rd even
though it is still the 2nd in UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo


def local_midnight(day: date, tz: tzinfo | None) -> datetime:
    """The aware instant a local day starts; `tz=None` means the machine's own zone."""
    if tz is None:
        return datetime.combine(day, time()).astimezone()  # the OS applies its DST rules
    return datetime.combine(day, time(), tzinfo=tz)
