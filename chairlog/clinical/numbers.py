"""Numbers as a person types them: the one rule for every field a number is typed into
(vitals, scores, rates, doses, weights, temperatures), in the window, on the command line and
through the service API.

Decisions:
- Accepted: an optional sign, ASCII digits with at most one decimal separator, ``.`` or ``,``
  (the decimal comma of a German, French or Spanish keyboard), spaces around; at least one
  digit: ``70,5``, `` 98.6 ``, ``+5``, ``.5``, ``5.`` are numbers.
- Refused, so the field is named with what it accepts: exponents (``1e2``), digit grouping
  (``1_000``, ``1,000.5``), digits of other scripts (``٩٩``, full-width ``９９``), ``nan``,
  ``inf``, hexadecimal, booleans. Python's ``float()`` reads most of these as numbers; a
  charted value must be what the nurse reads back, so a typo is refused, never reinterpreted.
- A value that already is a number (the service API, JSON) is taken if it is finite and not a
  bool; the range check is the caller's.
"""

from __future__ import annotations

import math
from typing import Any


def decimal_text(raw: str) -> str | None:
    """The typed text as a plain decimal with a point (``"70,5"`` → ``"70.5"``), or None."""
    s = raw.strip().replace(",", ".")
    body = s[1:] if s[:1] in ("+", "-") else s
    digits = body.replace(".", "", 1)
    if not digits or not digits.isascii() or not digits.isdigit():
        return None
    return s


def parse_float(raw: Any) -> float | None:
    """A typed or given number as a float, or None if it is not one (see the module)."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    if not isinstance(raw, str):
        return None
    text = decimal_text(raw)
    return None if text is None else float(text)
