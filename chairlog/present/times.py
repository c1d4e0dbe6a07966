"""Times and durations as a person reads them: clinic-local time with its UTC offset, and
durations, each kind of figure in one form wherever it is shown.

Decisions (one form per kind of figure, on the board, in the session view, in dialogs, on the
lock screen, in the CLI and the PDF):
- a running timer, the big figure of a session (in the chair, on the infusion, paused for,
  since the stop): :func:`timer_text`, always ``H:MM:SS``, so its width does not change when
  the hour is reached;
- every other duration told as a clock figure (planned, left, to go, next vitals in, overdue
  by, minimum monitoring): :func:`clock_text`, ``M:SS`` under an hour, ``H:MM:SS`` from an
  hour (``40:00``, ``4:00:00``);
- a duration in prose (how long ago, how late): :func:`duration_text`, ``35 min`` /
  ``1 h 05 min``, rounded to the nearest minute (:func:`whole_minutes`)."""

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


def whole_minutes(td: timedelta) -> int:
    """The minutes a duration in prose shows: rounded to the nearest minute."""
    return round(td.total_seconds() / 60)


def duration_text(td: timedelta) -> str:
    """``1 h 05 min`` from an hour up, else ``35 min`` (rounded to the minute)."""
    minutes = whole_minutes(td)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def timer_text(td: timedelta | None) -> str:
    """A running timer: ``H:MM:SS`` (``-H:MM:SS`` when negative); ``—`` for None."""
    if td is None:
        return "—"
    total = int(td.total_seconds())
    sign = "-" if total < 0 else ""
    h, rem = divmod(abs(total), 3600)
    m, s = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{s:02d}"


def clock_text(td: timedelta) -> str:
    """Any other duration as a clock figure: ``M:SS`` under an hour, else ``H:MM:SS``; never
    negative (an overdue figure is passed as how much it is overdue)."""
    total = max(int(td.total_seconds()), 0)
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
