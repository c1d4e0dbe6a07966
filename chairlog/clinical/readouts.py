"""What every screen and paper calls "vitals due soon", "vitals overdue" and "dose limit near":
one rule, read by the board's tiles, the session page's timer strip and the handover, so the
three never disagree about a chair.

Both thresholds are protocol data (``vitals_due_soon_min``, ``dose_near_pct``; defaults 2 min
and 90 %, chairlog.clinical.policy), so a clinic sets them per protocol and a session keeps the
ones its protocol had.

Decisions:
- Due soon: the next set is due within the protocol's due-soon minutes (inclusive); overdue: its
  time has come (zero or less left). Nothing is due while no countdown runs (before the start,
  after the end).
- Dose limit near: the infusion has started and the cumulative dose has reached the protocol's
  dose-near percentage of its maximum total (mg/kg). The limit itself is enforced by the dose
  rules, not here.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from chairlog.clinical.protocol import ProtocolValues


class Due(StrEnum):
    NONE = "none"
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"


def vitals_due(next_in: timedelta | None, protocol: ProtocolValues) -> Due:
    """Where the vitals countdown stands (``next_in``: time left, negative when overdue)."""
    if next_in is None:
        return Due.NONE
    if next_in <= timedelta(0):
        return Due.OVERDUE
    if next_in <= timedelta(minutes=protocol.vitals_due_soon_min):
        return Due.SOON
    return Due.OK


def dose_near(started: bool, cumulative_mg_per_kg: float, protocol: ProtocolValues) -> bool:
    """The cumulative dose is near the protocol's maximum total."""
    # compared in percent × mg/kg, so 80 % of 6 is exactly 4.8 (not 4.800000000000001)
    return started and (cumulative_mg_per_kg * 100
                        >= protocol.dose_near_pct * protocol.max_total_mg_per_kg)
