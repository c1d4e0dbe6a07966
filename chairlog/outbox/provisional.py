"""What the window shows for an entry kept in the outbox: a provisional result shaped like a
charting call's (``entry``, ``alerts``, ``session``), so the form that saved it clears and
says what it saved, while the session view keeps the server's last state (``session`` is
None) and the message says plainly that the entry is not yet on the server.

Decision: no alert is raised for a queued vitals set (thresholds are judged by the server's
rules when it arrives, which raise the alert then); the nurse sees the values she typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chairlog.domain import AlertView, EntryKind, EntryStatus, EntryView, UserInfo

from .gateway import Outcome
from .usecases import by_name

_KINDS = {"record_vitals": EntryKind.VITALS, "record_assessment": EntryKind.ASSESSMENT,
          "complete_checklist_item": EntryKind.CHECKLIST,
          "record_side_effect": EntryKind.SIDE_EFFECT,
          "resolve_side_effect": EntryKind.SIDE_EFFECT, "record_medication": EntryKind.MEDICATION,
          "add_note": EntryKind.NOTE}
_WORDS = {"record_vitals": "vitals", "record_assessment": "score",
          "complete_checklist_item": "checklist item", "record_side_effect": "side effect",
          "resolve_side_effect": "side effect resolved", "record_medication": "medication",
          "add_note": "note", "start_infusion": "infusion start", "change_rate": "rate change",
          "pause_infusion": "pause", "resume_infusion": "resume", "stop_infusion": "stop",
          "give_bolus": "bolus"}


@dataclass(frozen=True)
class Provisional:
    """A queued entry as the form that saved it sees it."""

    outcome: Outcome
    entry: EntryView
    alerts: tuple[AlertView, ...] = ()
    session: Any = None

    @property
    def message(self) -> str:
        return f"{self.entry.summary}: {self.outcome.message}"


def provisional(outcome: Outcome, use_case: str, actor: UserInfo, session_id: int,
                charted_at: datetime, recorded_at: datetime) -> Provisional:
    return kept(outcome, use_case, actor.id, actor.full_name, session_id, charted_at,
                recorded_at)


def kept(outcome: Outcome, use_case: str, user_id: int, user_name: str, session_id: int,
         charted_at: datetime, recorded_at: datetime) -> Provisional:
    """The provisional result for a nurse known by id and name only (an offline sign-in)."""
    uc = by_name(use_case)
    word = _WORDS.get(uc.name, uc.name.replace("_", " "))
    entry = EntryView(id=0, session_id=session_id, kind=_KINDS.get(uc.name, EntryKind.DOSE),
                      charted_at=charted_at, recorded_at=recorded_at, user_id=user_id,
                      user_name=user_name, status=EntryStatus.ACTIVE, is_late=False,
                      summary=f"{word[0].upper()}{word[1:]} kept on this workstation",
                      record_version=0)
    return Provisional(outcome, entry)
