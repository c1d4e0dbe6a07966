"""The shift-change handover's content: every occupied chair's line and the page's foot
(built by ``services.handover``, drawn by ``reports.handover``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class HandoverRow:
    session_id: int
    chair: str
    patient: str
    protocol: str
    state: str
    in_chair: str
    rate: str
    dose: str
    last_vitals: str
    next_due: str
    open_items: tuple[str, ...]
    pending: tuple[str, ...]


@dataclass(frozen=True)
class Handover:
    clinic: str
    at: datetime
    printed: str  # the clinic-local time of the handover
    rows: tuple[HandoverRow, ...]
    free_chairs: tuple[str, ...]
    awaiting_signature: tuple[str, ...]
    returned: tuple[str, ...]
