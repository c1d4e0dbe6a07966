"""Vital signs: plausibility limits (typing errors, refused) and alert thresholds (saved, alerted).

Plausibility limits are physical: a heart rate of 400 is a typo, not a patient. They are fixed
here. Alert thresholds are clinical policy: they come from the protocol, which the clinic's
medical director edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from chairlog.clinical.checks import finite
from chairlog.clinical.numbers import parse_float
from chairlog.errors import ValidationError
from chairlog.words import Words, recognise, words


@dataclass(frozen=True)
class Range:
    low: float
    high: float
    unit: str
    label: Words

    def accepted(self) -> Words:
        return words("{low:g}–{high:g} {unit}", low=self.low, high=self.high, unit=self.unit)


PLAUSIBLE: dict[str, Range] = {
    "hr": Range(20, 250, "/min", words("heart rate")),
    "sbp": Range(50, 300, "mmHg", words("systolic BP")),
    "dbp": Range(20, 200, "mmHg", words("diastolic BP")),
    "spo2": Range(50, 100, "%", words("SpO2")),
    "rr": Range(4, 60, "/min", words("respiratory rate")),
    "etco2": Range(5, 100, "mmHg", words("EtCO2")),
    "temp_c": Range(30, 43, "°C", words("temperature")),
}
#: the five signs every vitals set has; every measured value (with EtCO2 and temperature):
#: the one list of vitals fields (payload types, monitors, forms and the CLI take it from here)
REQUIRED = ("hr", "sbp", "dbp", "spo2", "rr")
MEASURED = tuple(PLAUSIBLE)
INTEGER_FIELDS = frozenset(MEASURED) - {"temp_c"}
RHYTHM_MAX_CHARS = 200
#: every key a vitals set may carry
VITALS_KEYS = (*PLAUSIBLE, "rhythm")


def refuse_unknown_keys(values: Mapping[str, Any]) -> None:
    """A key that is not a vital sign is refused, naming it (``temp`` is not ``temp_c``)."""
    if not isinstance(values, Mapping):
        raise ValidationError("values", values, words("a set of vital signs by name"),
                              words("vitals"))
    for key in values:
        if key not in VITALS_KEYS:
            raise ValidationError(str(key), values[key], words("one of: {choices}",
                                                                   choices=", ".join(VITALS_KEYS)),
                                  words("unknown vital sign"))


@dataclass(frozen=True)
class Vitals:
    hr: int
    sbp: int
    dbp: int
    spo2: int
    rr: int
    etco2: int | None = None
    temp_c: float | None = None
    rhythm: str | None = None

    @property
    def map_mmhg(self) -> float:
        """Mean arterial pressure, (SBP + 2·DBP) / 3."""
        return (self.sbp + 2 * self.dbp) / 3


def _number(field: str, raw: Any) -> float:
    rng = PLAUSIBLE[field]
    if isinstance(raw, bool):
        raise ValidationError(field, raw, rng.accepted(), rng.label)
    if isinstance(raw, str):
        typed = parse_float(raw)
        if typed is None:
            raise ValidationError(field, raw, words("a number, {rng}",
                                                    rng=rng.accepted()), rng.label)
        raw = typed
    if not isinstance(raw, int | float) or not finite(raw):
        raise ValidationError(field, raw, words("a number, {rng}", rng=rng.accepted()), rng.label)
    if field in INTEGER_FIELDS and float(raw) != int(raw):
        raise ValidationError(field, raw, words("a whole number, {rng}",
                                                rng=rng.accepted()), rng.label)
    if not rng.low <= raw <= rng.high:
        raise ValidationError(field, raw, rng.accepted(), rng.label)
    return float(raw)




def validate_vitals(values: Mapping[str, Any]) -> Vitals:
    """Check one set of vitals against the plausibility limits; return it typed.

    Raises ValidationError for the first refused field (naming it and the accepted range).
    """
    out: dict[str, Any] = {}
    for name in REQUIRED:
        raw = values.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            rng = PLAUSIBLE[name]
            raise ValidationError(name, raw, words("required, {rng}",
                                                   rng=rng.accepted()), rng.label)
        out[name] = int(_number(name, raw))
    for name in ("etco2", "temp_c"):
        raw = values.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            out[name] = None
            continue
        num = _number(name, raw)
        out[name] = int(num) if name in INTEGER_FIELDS else round(num, 1)
    if out["dbp"] >= out["sbp"]:
        raise ValidationError(
            "dbp", out["dbp"], words("below the systolic value ({sbp} mmHg)", sbp=out["sbp"]),
            words("diastolic BP"),
        )
    rhythm = values.get("rhythm")
    if rhythm is not None:
        if not isinstance(rhythm, str):
            raise ValidationError("rhythm", rhythm, words("text"), words("rhythm note"))
        rhythm = rhythm.strip() or None
        if rhythm is not None:
            check_text("rhythm", rhythm, RHYTHM_MAX_CHARS, words("rhythm note"))
    out["rhythm"] = rhythm
    return Vitals(**out)


def check_text(field: str, text: str, max_chars: int, label: str | Words | None = None) -> str:
    """Refuse control characters (except newline and tab) and over-long text."""
    if len(text) > max_chars:
        raise ValidationError(field, text, words("at most {max_chars} characters",
                                                 max_chars=max_chars), label)
    for ch in text:
        if (ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 or 0xD800 <= ord(ch) <= 0xDFFF:
            raise ValidationError(field, text, words("printable text (no control characters)"),
                                  label)
    return text


@dataclass(frozen=True)
class AlertThresholds:
    """Alert thresholds from the protocol. ``None`` disables a check."""

    sbp_max: int | None = 180
    dbp_max: int | None = 110
    hr_max: int | None = 120
    hr_min: int | None = 45
    spo2_min: int | None = 92
    rr_min: int | None = 8
    rr_max: int | None = 30
    sbp_rise_max: int | None = 40
    dbp_rise_max: int | None = 25
    predose_sbp_max: int | None = 140
    predose_dbp_max: int | None = 90
    moaas_min: int | None = 4  # MOAA/S at or below (moaas_min - 1) alerts: default ≤ 3

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> AlertThresholds:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass(frozen=True)
class Finding:
    """A threshold crossed by one vitals set."""

    code: str
    field: str
    message: str


# The alerts' sentences, stored as English text when raised (``alerts.message``) and read back
# in the clinic's language with :func:`alert_words`.
SBP_HIGH = words("Systolic {value} > {limit} mmHg: pause and notify physician")
DBP_HIGH = words("Diastolic {value} > {limit} mmHg: pause and notify physician")
HR_HIGH = words("Heart rate {value} > {limit}/min")
HR_LOW = words("Heart rate {value} < {limit}/min")
SPO2_LOW = words("SpO2 {value} % < {limit} %")
RR_LOW = words("Respiratory rate {value} < {limit}/min")
RR_HIGH = words("Respiratory rate {value} > {limit}/min")
SBP_RISE = words("Systolic rose {rise} mmHg over baseline {baseline}")
DBP_RISE = words("Diastolic rose {rise} mmHg over baseline {baseline}")
PREDOSE_BP = words("Pre-dose BP {sbp}/{dbp} above {sbp_max}/{dbp_max}: "
                   "physician review before starting")
MOAAS_LOW = words("MOAA/S {score}: deeper sedation than intended (alert at ≤ {limit})")
ALERT_TEMPLATES: tuple[str, ...] = (
    SBP_HIGH, DBP_HIGH, HR_HIGH, HR_LOW, SPO2_LOW, RR_LOW, RR_HIGH, SBP_RISE, DBP_RISE,
    PREDOSE_BP, MOAAS_LOW,
)


def alert_words(message: str) -> str:
    """A stored alert message back as the :class:`~chairlog.words.Words` of the template that
    wrote it (``chairlog.words.recognise``), for the window and the PDF to show in the clinic's
    language; the text as stored when no template wrote it."""
    return recognise(message, ALERT_TEMPLATES)


def evaluate_vitals(
    v: Vitals,
    t: AlertThresholds,
    baseline: Vitals | None = None,
    *,
    pre_dose: bool = False,
) -> list[Finding]:
    """Alert findings for one vitals set (empty when all is within thresholds)."""
    out: list[Finding] = []

    def hit(code: str, field: str, template: str, **params: object) -> None:
        out.append(Finding(code, field, Words(template, params)))

    if t.sbp_max is not None and v.sbp > t.sbp_max:
        hit("sbp_high", "sbp", SBP_HIGH, value=v.sbp, limit=t.sbp_max)
    if t.dbp_max is not None and v.dbp > t.dbp_max:
        hit("dbp_high", "dbp", DBP_HIGH, value=v.dbp, limit=t.dbp_max)
    if t.hr_max is not None and v.hr > t.hr_max:
        hit("hr_high", "hr", HR_HIGH, value=v.hr, limit=t.hr_max)
    if t.hr_min is not None and v.hr < t.hr_min:
        hit("hr_low", "hr", HR_LOW, value=v.hr, limit=t.hr_min)
    if t.spo2_min is not None and v.spo2 < t.spo2_min:
        hit("spo2_low", "spo2", SPO2_LOW, value=v.spo2, limit=t.spo2_min)
    if t.rr_min is not None and v.rr < t.rr_min:
        hit("rr_low", "rr", RR_LOW, value=v.rr, limit=t.rr_min)
    if t.rr_max is not None and v.rr > t.rr_max:
        hit("rr_high", "rr", RR_HIGH, value=v.rr, limit=t.rr_max)
    if baseline is not None:
        if t.sbp_rise_max is not None and v.sbp - baseline.sbp >= t.sbp_rise_max:
            hit("sbp_rise", "sbp", SBP_RISE, rise=v.sbp - baseline.sbp, baseline=baseline.sbp)
        if t.dbp_rise_max is not None and v.dbp - baseline.dbp >= t.dbp_rise_max:
            hit("dbp_rise", "dbp", DBP_RISE, rise=v.dbp - baseline.dbp, baseline=baseline.dbp)
    if pre_dose and (
        (t.predose_sbp_max is not None and v.sbp > t.predose_sbp_max)
        or (t.predose_dbp_max is not None and v.dbp > t.predose_dbp_max)
    ):
        hit("predose_bp", "sbp", PREDOSE_BP, sbp=v.sbp, dbp=v.dbp,
            sbp_max=t.predose_sbp_max, dbp_max=t.predose_dbp_max)
    return out


def moaas_finding(score: int, limit: int) -> Finding:
    """The alert of a MOAA/S score below the protocol's ``limit`` (it alerts at ≤ limit − 1)."""
    return Finding("moaas_low", "score", Words(MOAAS_LOW, {"score": score, "limit": limit - 1}))


def near_baseline(v: Vitals, baseline: Vitals, within_fraction: float = 0.2) -> bool:
    """Discharge criterion: HR, SBP and DBP each within ``within_fraction`` of baseline."""
    return all(
        abs(getattr(v, f) - getattr(baseline, f)) <= within_fraction * getattr(baseline, f)
        for f in ("hr", "sbp", "dbp")
    )
