"""The series report's plain types (what the screen, the PDF and the CLI show)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from chairlog.domain import ClinicInfo, PatientInfo


@dataclass(frozen=True)
class SeriesSession:
    session_id: int
    record_id: str
    checked_in_at: datetime
    state: str
    protocol_key: str
    weight_kg: float
    pain_before: int | None
    pain_after: int | None
    ketamine_mg: float
    ketamine_mg_per_kg: float
    side_effects: dict[str, int]


@dataclass(frozen=True)
class SeriesReport:
    clinic: ClinicInfo
    patient: PatientInfo
    sessions: tuple[SeriesSession, ...]
    generated_at: datetime
    #: side-effect type → the label shown
    effect_labels: dict[str, str] = field(default_factory=dict)

    @property
    def ketamine_total_mg(self) -> float:
        return sum(s.ketamine_mg for s in self.sessions)

    @property
    def side_effect_counts(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for s in self.sessions:
            total.update(s.side_effects)
        return dict(sorted(total.items()))
