"""The session state machine.

checked_in → pre_infusion → infusing ⇄ paused → monitoring → discharged → signed
signed → amending (an addendum is open) → signed
Before the infusion begins a session can end as ``stopped_early`` (with a reason), e.g. when a
contraindication is found at check-in; that record is signed like any other. An infusion that
is stopped before its planned end goes to ``monitoring`` (the patient must still be watched)
with the early-stop reason recorded on the stop event.
"""

from __future__ import annotations

from enum import StrEnum

from chairlog.errors import StateError
from chairlog.words import term, words


class SessionState(StrEnum):
    CHECKED_IN = "checked_in"
    PRE_INFUSION = "pre_infusion"
    INFUSING = "infusing"
    PAUSED = "paused"
    MONITORING = "monitoring"
    DISCHARGED = "discharged"
    STOPPED_EARLY = "stopped_early"
    SIGNED = "signed"
    AMENDING = "amending"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]


STATE_LABELS: dict[SessionState, str] = {
    SessionState.CHECKED_IN: "Checked in",
    SessionState.PRE_INFUSION: "Pre-infusion",
    SessionState.INFUSING: "Infusing",
    SessionState.PAUSED: "Paused",
    SessionState.MONITORING: "Monitoring",
    SessionState.DISCHARGED: "Discharged",
    SessionState.STOPPED_EARLY: "Stopped early",
    SessionState.SIGNED: "Signed",
    SessionState.AMENDING: "Addendum open",
}

S = SessionState
TRANSITIONS: dict[SessionState, frozenset[SessionState]] = {
    S.CHECKED_IN: frozenset({S.PRE_INFUSION, S.STOPPED_EARLY}),
    S.PRE_INFUSION: frozenset({S.INFUSING, S.STOPPED_EARLY}),
    S.INFUSING: frozenset({S.PAUSED, S.MONITORING}),
    S.PAUSED: frozenset({S.INFUSING, S.MONITORING}),
    S.MONITORING: frozenset({S.DISCHARGED}),
    S.DISCHARGED: frozenset({S.SIGNED}),
    S.STOPPED_EARLY: frozenset({S.SIGNED}),
    S.SIGNED: frozenset({S.AMENDING}),
    S.AMENDING: frozenset({S.SIGNED}),
}

#: States in which the session occupies its chair (one per chair, one per patient).
ACTIVE_STATES = frozenset({S.CHECKED_IN, S.PRE_INFUSION, S.INFUSING, S.PAUSED, S.MONITORING})
#: States in which chart entries may be added or corrected.
CHARTABLE_STATES = ACTIVE_STATES | {S.DISCHARGED, S.STOPPED_EARLY, S.AMENDING}
#: States awaiting a physician's signature.
SIGNABLE_STATES = frozenset({S.DISCHARGED, S.STOPPED_EARLY, S.AMENDING})


def can_transition(current: SessionState, target: SessionState) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def require_transition(current: SessionState, target: SessionState) -> None:
    if not can_transition(current, target):
        raise StateError(
            words("A session that is {label} cannot become {label2}.",
                  label=term(current.label.lower()), label2=term(target.label.lower()))
        )


def require_chartable(state: SessionState) -> None:
    if state not in CHARTABLE_STATES:
        raise StateError(
            words("This record is {label} and locked; open an addendum to add to it.",
                  label=term(state.label.lower()))
        )
