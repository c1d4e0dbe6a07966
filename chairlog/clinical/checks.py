"""Small input checks shared by the rules."""

from __future__ import annotations

import math


def finite(value: int | float) -> bool:
    """A finite number that a float can hold (a Python int beyond 1e308 cannot: refused)."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False
