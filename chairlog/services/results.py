"""What a charting call returns: the saved entry, the alerts it raised, the session as
committed (read in the same transaction, so the window needs no second read) and what it
changed (the window's change feed publishes it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from chairlog.db.models import InfusionSession
from chairlog.domain import AlertView, EntryView, SessionView
from chairlog.services.views import load_view

#: what ``discharge`` announces once its transaction committed; automatic backups subscribe
SESSION_DISCHARGED = "session.discharged"


@dataclass(frozen=True)
class Changed:
    """One thing a use case changed: the entity's kind (as in ``Chairlog.notify``) and id."""

    what: str
    id: int


@dataclass(frozen=True)
class ChartResult:
    """What a charting call saved: the entry, any alerts it raised, the refreshed session and
    what changed (the session; a discharge adds ``SESSION_DISCHARGED``)."""

    entry: EntryView
    alerts: tuple[AlertView, ...]
    session: SessionView
    changes: tuple[Changed, ...] = ()


def _result(
    s: Session, sess: InfusionSession, entry_id: int, alert_ids: Sequence[int] = ()
) -> ChartResult:
    view = load_view(s, sess)
    entry = next(e for e in view.entries if e.id == entry_id)
    alerts = tuple(a for a in view.alerts if a.id in set(alert_ids))
    return ChartResult(entry, alerts, view, (Changed("session", view.id),))
