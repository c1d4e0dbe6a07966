"""Protocol templates: the clinic's editable defaults for a kind of session.

A session stores a snapshot of the protocol's values as used, so editing a protocol later
never changes a past record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any

from chairlog.clinical.checks import finite
from chairlog.clinical.policy import (
    DEFAULT_DISCHARGE_CRITERIA,
    DEFAULT_DOSE_NEAR_PCT,
    DEFAULT_DUE_SOON_MIN,
    DEFAULT_RESCUE_MEDS,
    Criterion,
    RescueMed,
    check_warnings,
    criteria_from,
    rescue_meds_from,
)
from chairlog.clinical.vitals import AlertThresholds, check_text
from chairlog.errors import ValidationError
from chairlog.words import term, words


class DoseMode(StrEnum):
    RATE = "rate"  # a rate in mg/kg/h, titrated
    FIXED = "fixed"  # a fixed dose in mg/kg given over N minutes


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    required: bool = True


DEFAULT_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem("identity", "Identity confirmed (two identifiers)"),
    ChecklistItem("consent", "Consent on file"),
    ChecklistItem("npo", "Fasting (NPO) status checked"),
    ChecklistItem("weight", "Weight measured today"),
    ChecklistItem("medications", "Current medications reviewed"),
    ChecklistItem("contraindications", "Contraindications screened"),
    ChecklistItem("escort", "Escort for the ride home confirmed"),
    ChecklistItem("iv_site", "IV site checked"),
    ChecklistItem("monitor", "Cardiac monitor attached", required=False),
)


@dataclass(frozen=True)
class ProtocolValues:
    """Everything a session needs from its protocol."""

    name: str
    indication: str
    dose_mode: DoseMode = DoseMode.RATE
    start_rate_mg_per_kg_h: float = 0.5
    target_rate_mg_per_kg_h: float = 1.0
    max_rate_mg_per_kg_h: float = 2.0
    fixed_dose_mg_per_kg: float | None = None
    fixed_dose_minutes: float | None = None
    max_bolus_mg_per_kg: float | None = 0.35
    max_total_mg_per_kg: float = 8.0
    planned_duration_min: float = 240.0
    concentration_mg_per_ml: float = 1.0
    vitals_interval_min: float = 15.0
    vitals_interval_after_min: float = 15.0
    min_monitoring_min: float = 60.0
    #: hard ceilings nothing passes, not even an override; None: twice the maximum
    ceiling_rate_mg_per_kg_h: float | None = None
    ceiling_bolus_mg_per_kg: float | None = None
    ceiling_total_mg_per_kg: float | None = None
    #: the discharge score and the least score for discharge without a physician's authorisation
    discharge_scale: str = "aldrete"
    discharge_score_min: int = 9
    thresholds: AlertThresholds = field(default_factory=AlertThresholds)
    checklist: tuple[ChecklistItem, ...] = DEFAULT_CHECKLIST
    #: bedside policy (chairlog.clinical.policy): what a discharge asks, the rescue medications
    #: offered, and when the board warns "vitals due soon" and "dose limit near"
    discharge_criteria: tuple[Criterion, ...] = DEFAULT_DISCHARGE_CRITERIA
    rescue_meds: tuple[RescueMed, ...] = DEFAULT_RESCUE_MEDS
    vitals_due_soon_min: float = DEFAULT_DUE_SOON_MIN
    dose_near_pct: float = DEFAULT_DOSE_NEAR_PCT

    @property
    def ceiling_rate(self) -> float:
        c = self.ceiling_rate_mg_per_kg_h
        return c if c is not None else 2 * self.max_rate_mg_per_kg_h

    @property
    def ceiling_bolus(self) -> float | None:
        if self.ceiling_bolus_mg_per_kg is not None:
            return self.ceiling_bolus_mg_per_kg
        return None if self.max_bolus_mg_per_kg is None else 2 * self.max_bolus_mg_per_kg

    @property
    def ceiling_total(self) -> float:
        c = self.ceiling_total_mg_per_kg
        return c if c is not None else 2 * self.max_total_mg_per_kg

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["dose_mode"] = self.dose_mode.value
        d["checklist"] = [asdict(c) for c in self.checklist]
        d["discharge_criteria"] = [asdict(c) for c in self.discharge_criteria]
        d["rescue_meds"] = [asdict(m) for m in self.rescue_meds]
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ProtocolValues:
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        if "dose_mode" in kw:
            try:
                kw["dose_mode"] = DoseMode(kw["dose_mode"])
            except (ValueError, TypeError):
                raise ValidationError(
                    "dose_mode", kw["dose_mode"], words("rate or fixed"), words("dose mode")
                ) from None
        if "thresholds" in kw and not isinstance(kw["thresholds"], AlertThresholds):
            if not isinstance(kw["thresholds"], Mapping):
                raise ValidationError(
                    "thresholds", kw["thresholds"], words("a set of alert thresholds"),
                    words("thresholds")
                )
            kw["thresholds"] = AlertThresholds.from_mapping(kw["thresholds"])
        if "checklist" in kw:
            kw["checklist"] = _checklist(kw["checklist"])
        if "discharge_criteria" in kw:
            kw["discharge_criteria"] = criteria_from(kw["discharge_criteria"])
        if "rescue_meds" in kw:
            kw["rescue_meds"] = rescue_meds_from(kw["rescue_meds"])
        values = cls(**kw)
        values.validate()
        return values

    def validate(self) -> None:
        """Refuse a template that could not be used safely."""
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValidationError("name", self.name, words("a protocol name"),
                                  words("protocol name"))
        check_text("name", self.name, 120, words("protocol name"))
        if not isinstance(self.indication, str):
            raise ValidationError("indication", self.indication, words("text"), words("indication"))
        check_text("indication", self.indication, 500, words("indication"))
        criteria_from(self.discharge_criteria)
        rescue_meds_from(self.rescue_meds)
        check_warnings(self.vitals_due_soon_min, self.dose_near_pct)
        for item in self.checklist:
            check_text("key", item.key, 40, words("checklist item key"))
            check_text("label", item.label, 200, words("checklist item"))
        for name in ("fixed_dose_mg_per_kg", "fixed_dose_minutes", "max_bolus_mg_per_kg"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)
                                  or not finite(v) or not 0 < v <= 10_000):
                raise ValidationError(name, v, words("a number greater than 0, or none"),
                                      term(name.replace("_", " ")))
        positive = {
            "max_rate_mg_per_kg_h": words("max rate (mg/kg/h)"),
            "max_total_mg_per_kg": words("max total (mg/kg)"),
            "planned_duration_min": words("planned duration (min)"),
            "concentration_mg_per_ml": words("concentration (mg/mL)"),
            "vitals_interval_min": words("vitals interval (min)"),
            "vitals_interval_after_min": words("vitals interval after infusion (min)"),
        }
        for name, label in positive.items():
            v = getattr(self, name)
            if (isinstance(v, bool) or not isinstance(v, int | float) or not finite(v)
                    or v <= 0 or v > 10_000):
                raise ValidationError(name, v, words("a number greater than 0"), label)
        for name in ("start_rate_mg_per_kg_h", "target_rate_mg_per_kg_h", "min_monitoring_min"):
            v = getattr(self, name)
            if (isinstance(v, bool) or not isinstance(v, int | float) or not finite(v)
                    or v < 0 or v > 10_000):
                raise ValidationError(name, v, words("a number of 0 or more"),
                                      term(name.replace("_", " ")))
        for name in ("ceiling_rate_mg_per_kg_h", "ceiling_bolus_mg_per_kg",
                     "ceiling_total_mg_per_kg"):
            v = getattr(self, name)
            if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)
                                  or not finite(v) or not 0 < v <= 10_000):
                raise ValidationError(name, v, words("a number greater than 0, or none (twice "
                                                     "the maximum)"), term(name.replace("_", " ")))
        for ceiling, maximum, key in (
            (self.ceiling_rate, self.max_rate_mg_per_kg_h, "ceiling_rate_mg_per_kg_h"),
            (self.ceiling_bolus, self.max_bolus_mg_per_kg, "ceiling_bolus_mg_per_kg"),
            (self.ceiling_total, self.max_total_mg_per_kg, "ceiling_total_mg_per_kg"),
        ):
            if ceiling is not None and maximum is not None and ceiling < maximum:
                raise ValidationError(key, ceiling, words("at least the maximum ({maximum:g})",
                                                          maximum=maximum),
                                      term(key.replace("_", " ")))
        if self.discharge_scale not in ("aldrete", "padss"):
            raise ValidationError("discharge_scale", self.discharge_scale, words("aldrete or "
                                                                                 "padss"),
                                  words("discharge score"))
        if (isinstance(self.discharge_score_min, bool)
                or not isinstance(self.discharge_score_min, int)
                or not 0 <= self.discharge_score_min <= 10):
            raise ValidationError("discharge_score_min", self.discharge_score_min,
                                  words("a whole number from 0 to 10"),
                                  words("discharge score minimum"))
        if self.start_rate_mg_per_kg_h > self.max_rate_mg_per_kg_h:
            raise ValidationError(
                "start_rate_mg_per_kg_h",
                self.start_rate_mg_per_kg_h,
                words("at most the max rate ({max_rate_mg_per_kg_h} mg/kg/h)",
                      max_rate_mg_per_kg_h=self.max_rate_mg_per_kg_h),
                words("start rate"),
            )


def _checklist(items: Any) -> tuple[ChecklistItem, ...]:
    """Checklist items from their stored form; anything else is refused, naming the field."""
    accepted = words("a list of items, each with a key, a label and whether it is required")
    if isinstance(items, str | bytes) or not isinstance(items, list | tuple):
        raise ValidationError("checklist", items, accepted, words("checklist"))
    out: list[ChecklistItem] = []
    for c in items:
        if isinstance(c, ChecklistItem):
            out.append(c)
            continue
        if (not isinstance(c, Mapping) or set(c) - {"key", "label", "required"}
                or not isinstance(c.get("key"), str) or not str(c["key"]).strip()
                or not isinstance(c.get("label"), str) or not str(c["label"]).strip()
                or not isinstance(c.get("required", True), bool)):
            raise ValidationError("checklist", c, accepted, words("checklist item"))
        out.append(ChecklistItem(c["key"], c["label"], c.get("required", True)))
    return tuple(out)
