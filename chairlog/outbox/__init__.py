"""Charting that survives a server outage: the workstation outbox (issue 11.2).

``Outbox`` (``gateway``) is the one way the window's charting reaches the server: it calls the
service, and when the server cannot be reached keeps the entry durably on this workstation
(``store``), to replay it in order once the server is back. ``snapshot`` keeps the last board
read, so a window started during an outage can show the running infusions. Qt-free: the
window and the command line use it alike.
"""

from __future__ import annotations

from chairlog.outbox.gateway import (
    QUEUED_WORDS,
    NotQueueable,
    Outbox,
    Outcome,
    ReplayReport,
    database_label,
    waiting_words,
)
from chairlog.outbox.store import Entry, OutboxStore
from chairlog.outbox.usecases import USE_CASES

__all__ = [
    "QUEUED_WORDS", "USE_CASES", "Entry", "NotQueueable", "Outbox", "OutboxStore", "Outcome",
    "ReplayReport", "database_label", "waiting_words",
]
