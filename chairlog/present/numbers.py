"""One rule for writing a dose, a rate or a volume: significant digits by size, never
scientific notation, no trailing zeros.

Decisions: 100 and above as whole numbers (3150 mg/h, 297 mg); 10 to 100 with one decimal
(52.5 mg); 1 to 10 with two (1.13 mg/kg/h); below 1 with three (0.35 mg/kg, 0.125). Halves
round up (1.125 → 1.13), as a nurse rounds by hand, not to even as Python's ``round`` does.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def decimals_for(value: float) -> int:
    a = abs(value)
    if a >= 100:
        return 0
    if a >= 10:
        return 1
    if a >= 1:
        return 2
    return 3


def fmt(value: float | int | None, decimals: int | None = None, *, dash: str = "—") -> str:
    """``value`` as a chart writes it; ``decimals`` fixes the places instead of the size rule
    (trailing zeros still dropped). None, NaN and infinities read as ``dash``."""
    if value is None or isinstance(value, bool):
        return dash
    try:
        v = float(value)
    except OverflowError:
        return dash
    if not math.isfinite(v):
        return dash
    places = decimals_for(v) if decimals is None else max(decimals, 0)
    q = Decimal(repr(v)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text


def fmt_unit(value: float | int | None, unit: str, decimals: int | None = None) -> str:
    """``fmt`` with its unit: "52.5 mg", "1.13 mg/kg/h"; a dash alone for no value."""
    text = fmt(value, decimals)
    return text if text == "—" else f"{text} {unit}"
