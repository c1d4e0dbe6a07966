"""What a charting call returns: the saved entry, the alerts it raised and the session as
committed (read in the same transaction, so the window needs no second read)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chairlog.db.models import InfusionSession
from chairlog.services.domain import AlertView, EntryView, SessionView
from chairlog.services.views import load_view


@dataclass(frozen=True)
class ChartResult:
    """What a charting call saved: the entry, any alerts it raised, and the refreshed session."""

    entry: EntryView
    alerts: tuple[AlertView, ...]
    session: SessionView


def _result(
    s: Session, sess: InfusionSession, entry_id: int, alert_ids: Sequence[int] = ()
) -> ChartResult:
    view = load_view(s, sess)
    entry = next(e for e in view.entries if e.id == entry_id)
    alerts = tuple(a for a in view.alerts if a.id in set(alert_ids))
    return ChartResult(entry, alerts, view)
