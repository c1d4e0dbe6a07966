"""Weight and temperature in the clinic's chosen units: the one place that converts.

Everything stored stays in kg and °C (the database, the services, the command line, the
exports). The clinic may choose to *type* weights in lb and to *read and type* temperatures in
°F (``ClinicInfo.weight_unit`` / ``temperature_unit``); this module turns what the nurse types
into the stored unit and the stored value into what the screen shows.

Decisions:
- Exact factors: 1 lb = 0.45359237 kg (the international pound, exact by definition);
  °F = °C × 9/5 + 32. Arithmetic is done in fractions and rounded half-up once (as
  ``present.numbers.fmt`` rounds), so 98.6 °F is 37.0 °C and not 36.99999.
- A weight typed in lb is stored in kg with 4 decimals (0.1 g). The error is at most 0.00011 lb,
  so a weight typed with up to two decimals in lb re-displays exactly as typed (154 lb →
  69.8532 kg → 154 lb). Dose calculations use that stored kg, never the lb figure.
- Weights in lb are shown with at most 2 decimals, the kg alongside with 2 ("154 lb
  (69.85 kg)"), so every figure on screen and paper still names the dosing kg.
- Temperatures are stored at 0.1 °C (the chart's precision, ``clinical.vitals``); a typed °F is
  converted and rounded to 0.1 °C before the service sees it, and °F is shown with one decimal
  from the stored °C. One step of 0.1 °C is 0.18 °F, so a typed 98.7 °F is stored as 37.1 °C and
  reads back as 98.8 °F: the screen always shows what is stored, never the typed text.
- The plausibility limits are the stored-unit limits converted and rounded *inward* to 0.1 in the
  chosen unit (2–400 kg → 4.5–881.8 lb; 30–43 °C → 86–109.4 °F), so a value accepted in lb or
  °F is always inside the stored-unit range. A refused value raises ``ValidationError`` naming
  the field and the range in the chosen unit.
- Typed text: surrounding spaces ignored, a comma is a decimal point ("70,5"), NaN, infinities,
  signs where no sign makes sense, and anything that is not a plain number are refused.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from chairlog.clinical.numbers import decimal_text
from chairlog.errors import ValidationError
from chairlog.present.numbers import fmt
from chairlog.words import words

if TYPE_CHECKING:
    from chairlog.domain import EntryView

KG_PER_LB = Fraction("0.45359237")
#: plausibility of a dosing weight, in kg (the services' limit)
WEIGHT_LOW_KG, WEIGHT_HIGH_KG = 2.0, 400.0
#: plausibility of a body temperature, in °C (``clinical.vitals.PLAUSIBLE["temp_c"]``)
TEMP_LOW_C, TEMP_HIGH_C = 30.0, 43.0
#: decimals of a stored weight converted from lb, and of a stored temperature
KG_DECIMALS = 4
TEMP_C_DECIMALS = 1

WEIGHT_UNITS = ("kg", "lb")
TEMPERATURE_UNITS = ("C", "F")


def _exact(value: float | int | str | Fraction) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(str(value))


def _round(value: Fraction, places: int, rounding: str = ROUND_HALF_UP) -> float:
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return float(d.quantize(Decimal(1).scaleb(-places), rounding=rounding))


def lb_to_kg(lb: float | int | str | Fraction, places: int | None = KG_DECIMALS) -> float:
    """Pounds to kilograms, rounded half-up to ``places`` (None: unrounded)."""
    kg = _exact(lb) * KG_PER_LB
    return float(kg) if places is None else _round(kg, places)


def kg_to_lb(kg: float | int | str | Fraction, places: int | None = None) -> float:
    lb = _exact(kg) / KG_PER_LB
    return float(lb) if places is None else _round(lb, places)


def c_to_f(c: float | int | str | Fraction, places: int | None = None) -> float:
    f = _exact(c) * Fraction(9, 5) + 32
    return float(f) if places is None else _round(f, places)


def f_to_c(f: float | int | str | Fraction, places: int | None = TEMP_C_DECIMALS) -> float:
    """Fahrenheit to Celsius, rounded half-up to ``places`` (the stored 0.1 °C by default)."""
    c = (_exact(f) - 32) * Fraction(5, 9)
    return float(c) if places is None else _round(c, places)


def parse_number(text: Any) -> Fraction | None:
    """A plain decimal number as typed ("154", "70,5", " 98.6 "), exactly; None if it is not one
    (empty, words, NaN, infinity, exponent notation, a bool)."""
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int | float):
        return Fraction(str(text)) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    s = decimal_text(text)  # the one rule for typed numbers (chairlog.clinical.numbers)
    return None if s is None else Fraction(s)


def _inward(low: Fraction, high: Fraction) -> tuple[float, float]:
    return _round(low, 1, ROUND_CEILING), _round(high, 1, ROUND_FLOOR)


@dataclass(frozen=True)
class Units:
    """The clinic's choice: ``weight`` "kg" | "lb" (entry), ``temperature`` "C" | "F"."""

    weight: str = "kg"
    temperature: str = "C"

    def __post_init__(self) -> None:
        if self.weight not in WEIGHT_UNITS:
            raise ValueError(f"weight unit {self.weight!r}: one of {', '.join(WEIGHT_UNITS)}")
        if self.temperature not in TEMPERATURE_UNITS:
            raise ValueError(f"temperature unit {self.temperature!r}: C or F")

    @classmethod
    def of(cls, clinic: Any) -> Units:
        """The units of a ``ClinicInfo`` (an unknown value reads as the stored unit)."""
        w = getattr(clinic, "weight_unit", "kg")
        t = getattr(clinic, "temperature_unit", "C")
        return cls(w if w in WEIGHT_UNITS else "kg", t if t in TEMPERATURE_UNITS else "C")

    @property
    def lb(self) -> bool:
        return self.weight == "lb"

    @property
    def fahrenheit(self) -> bool:
        return self.temperature == "F"

    @property
    def weight_symbol(self) -> str:
        return self.weight

    @property
    def temperature_symbol(self) -> str:
        return "°F" if self.fahrenheit else "°C"

    # ---- weight -----------------------------------------------------------------------
    def weight_limits(self) -> tuple[float, float]:
        """The accepted weight range in the chosen unit."""
        if not self.lb:
            return WEIGHT_LOW_KG, WEIGHT_HIGH_KG
        return _inward(_exact(WEIGHT_LOW_KG) / KG_PER_LB, _exact(WEIGHT_HIGH_KG) / KG_PER_LB)

    def weight_accepted(self) -> str:
        low, high = self.weight_limits()
        return words("a number from {low} to {high} {unit}", low=fmt(low, 1), high=fmt(high, 1),
                     unit=self.weight_symbol)

    def weight_to_kg(self, text: Any, field: str = "weight_kg") -> Any:
        """What the service is given for a typed weight: in kg clinics the text as typed (the
        service checks it and names the field); in lb clinics the stored kg, after checking the
        lb range here (``ValidationError`` naming ``field`` and the range in lb)."""
        if not self.lb:
            return text
        label = words("weight (lb)")
        n = parse_number(text)
        low, high = self.weight_limits()
        if n is None or not _exact(low) <= n <= _exact(high):
            raise ValidationError(field, text, self.weight_accepted(), label)
        return lb_to_kg(n)

    def typed_kg(self, text: Any) -> float | None:
        """The kg a typed weight means, or None if it is not a plain number (no range check:
        for live hints such as the comparison with the last weight)."""
        n = parse_number(text)
        if n is None:
            return None
        return lb_to_kg(n) if self.lb else float(n)

    def weight_number(self, kg: float | None) -> str:
        """A stored kg in the chosen unit, without the unit ("154"; kg by the size rule)."""
        if kg is None or not math.isfinite(kg):
            return fmt(None)
        return fmt(kg_to_lb(kg, 2), 2) if self.lb else fmt(kg)

    def show_weight(self, kg: float | None) -> str:
        """"154 lb (69.85 kg)" in lb clinics, "69.85 kg" in kg clinics (at most 2 decimals)."""
        if kg is None or not math.isfinite(kg):
            return fmt(None)
        if self.lb:
            return f"{self.weight_number(kg)} lb ({fmt(kg, 2)} kg)"
        return f"{fmt(kg, 2)} kg"

    # ---- temperature ----------------------------------------------------------------------
    def temperature_limits(self) -> tuple[float, float]:
        if not self.fahrenheit:
            return TEMP_LOW_C, TEMP_HIGH_C
        return _inward(_exact(c_to_f(TEMP_LOW_C)), _exact(c_to_f(TEMP_HIGH_C)))

    def temperature_accepted(self) -> str:
        low, high = self.temperature_limits()
        return words("{low}–{high} {unit}", low=fmt(low, 1), high=fmt(high, 1),
                     unit=self.temperature_symbol)

    def temperature_to_c(self, text: Any, field: str = "temp_c") -> Any:
        """What the service is given for a typed temperature: in °C clinics the text as typed;
        in °F clinics the °C (0.1), after checking the °F range here. Empty stays None."""
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        if not self.fahrenheit:
            return text
        n = parse_number(text)
        low, high = self.temperature_limits()
        if n is None:
            raise ValidationError(field, text,
                                  words("a number, {range}", range=self.temperature_accepted()),
                                  words("temperature"))
        if not _exact(low) <= n <= _exact(high):
            raise ValidationError(field, text, self.temperature_accepted(), words("temperature"))
        return f_to_c(n)

    def temperature_number(self, c: float | None) -> str:
        """A stored °C in the chosen unit with one decimal, no unit ("98.6", "37.0")."""
        if c is None or isinstance(c, bool) or not math.isfinite(c):
            return fmt(None)
        value = c_to_f(c, 1) if self.fahrenheit else c
        return f"{value:.1f}"

    def show_temperature(self, c: float | None) -> str:
        text = self.temperature_number(c)
        return text if text == fmt(None) else f"{text} {self.temperature_symbol}"

    # ---- chart lines --------------------------------------------------------------------
    def summary(self, entry: EntryView) -> str:
        """An entry's one-line summary with the temperature in the chosen unit (the stored
        summary is in °C; only a vitals set with a temperature is re-described)."""
        from chairlog.domain.payloads import EntryKind, vitals_data

        if not self.fahrenheit or entry.kind is not EntryKind.VITALS:
            return entry.summary
        data = vitals_data(entry)
        if data.get("temp_c") is None:
            return entry.summary
        from chairlog.domain.describe import describe

        return describe("vitals", data, units=self)


#: the stored units, for code that has no clinic at hand (tests, tools)
STORED = Units()
