"""Times and durations as a person reads them: clinic-local time with its UTC offset, and
durations in hours and minutes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def local_time(at: datetime, tz: ZoneInfo, *, with_date: bool = False) -> str:
    """Clinic-local time with its UTC offset: ``14:05 +01:00`` (or ``2026-03-02 14:05 +01:00``)."""
    loc = at.astimezone(tz)
    off = loc.strftime("%z")
    offset = f"{off[:3]}:{off[3:]}" if off else "+00:00"
    stamp = loc.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")
    return f"{stamp} {offset}"


def duration_text(td: timedelta) -> str:
    """``1 h 05 min`` from an hour up, else ``35 min`` (rounded to the minute)."""
    minutes = round(td.total_seconds() / 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
