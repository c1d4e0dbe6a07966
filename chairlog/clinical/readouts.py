"""What every screen and paper calls "vitals due soon", "vitals overdue" and "dose limit near":
one rule, read by the board's tiles, the session page's timer strip and the handover, so the
three never disagree about a chair.

Decisions:
- Due soon: the next set is due within 2 minutes (inclusive); overdue: its time has come
  (zero or less left). Nothing is due while no countdown runs (before the start, after the
  end).
- Dose limit near: the infusion has started and the cumulative dose has reached 90 % of the
  protocol's maximum total (mg/kg). The limit itself is enforced by the dose rules, not here.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

#: the next vitals set is "due soon" this long before its time
DUE_SOON = timedelta(minutes=2)
#: "dose limit near" from this fraction of the protocol's maximum total
DOSE_NEAR_FRACTION = 0.9


class Due(StrEnum):
    NONE = "none"
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"


def vitals_due(next_in: timedelta | None) -> Due:
    """Where the vitals countdown stands (``next_in``: time left, negative when overdue)."""
    if next_in is None:
        return Due.NONE
    if next_in <= timedelta(0):
        return Due.OVERDUE
    if next_in <= DUE_SOON:
        return Due.SOON
    return Due.OK


def dose_near(started: bool, cumulative_mg_per_kg: float, max_total_mg_per_kg: float) -> bool:
    """The cumulative dose is near the protocol's maximum total."""
    return started and cumulative_mg_per_kg >= DOSE_NEAR_FRACTION * max_total_mg_per_kg
