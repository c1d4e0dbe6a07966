"""The clinic's bedside policy that is protocol data, not code: the discharge criteria a nurse
ticks, the rescue medications offered with their usual dose, and the two warning thresholds of
the board ("vitals due soon", "dose limit near"). Each protocol carries them (its snapshot in a
session keeps what applied then); the defaults below are what a protocol without them gets.

Decisions:
- Defaults are the values chairlog always used, so old protocols and old sessions read as before:
  five discharge criteria, four rescue medications, due soon 2 minutes before, dose near at 90 %.
- A criterion's key is what a discharge entry stores (``criteria_json``); its label is what the
  nurse reads and the PDF prints. Default labels are translated in the window; a label a clinic
  writes itself is shown as written.
- Rescue-medication names are matched case-insensitively and without surrounding spaces when the
  nurse picks one; the preset only pre-fills the dose, unit and route, which stay editable.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from chairlog.clinical.checks import finite
from chairlog.errors import ValidationError
from chairlog.words import words


@dataclass(frozen=True)
class Criterion:
    """A discharge criterion: ``key`` as stored on the discharge entry, ``label`` as read."""

    key: str
    label: str


@dataclass(frozen=True)
class RescueMed:
    """A rescue medication offered at the bedside with its usual dose, unit and route, and the
    side effects (their codes: ``nausea``, ``agitation``…) it is suggested for."""

    name: str
    dose: float
    unit: str
    route: str
    treats: tuple[str, ...] = ()


DEFAULT_DISCHARGE_CRITERIA: tuple[Criterion, ...] = (
    Criterion("vitals_near_baseline", "Vitals within 20 % of baseline"),
    Criterion("alert_oriented", "Alert and oriented"),
    Criterion("steady_gait", "Walks steadily"),
    Criterion("nausea_controlled", "Nausea controlled"),
    Criterion("pain_acceptable", "Pain acceptable"),
)
DEFAULT_RESCUE_MEDS: tuple[RescueMed, ...] = (
    RescueMed("ondansetron", 4.0, "mg", "IV", ("nausea", "vomiting")),
    RescueMed("midazolam", 1.0, "mg", "IV", ("agitation", "dissociation", "hallucinations")),
    RescueMed("clonidine", 0.1, "mg", "PO"),
    RescueMed("labetalol", 10.0, "mg", "IV", ("hypertension", "tachycardia")),
)
#: default "vitals due soon" warning, minutes before the set is due
DEFAULT_DUE_SOON_MIN = 2.0
#: default "dose limit near" threshold, percent of the protocol's maximum total
DEFAULT_DOSE_NEAR_PCT = 90.0

ROUTES = ("IV", "PO", "SL", "IM", "SC", "ODT", "inhaled")
DOSE_UNITS = ("mg", "mcg", "g", "mL", "units")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


def criteria_from(items: Any) -> tuple[Criterion, ...]:
    """Discharge criteria from their stored form (a list of ``{"key", "label"}``); anything else
    is refused, naming the field. Keys are unique lower-case words (``steady_gait``)."""
    accepted = words("a list of 1 to 20 criteria, each with a key (lower-case letters, digits, "
                     "_) and a label of at most 200 characters; keys unique")
    if isinstance(items, str | bytes) or not isinstance(items, list | tuple) \
            or not 1 <= len(items) <= 20:
        raise ValidationError("discharge_criteria", items, accepted, words("discharge criteria"))
    out: list[Criterion] = []
    for c in items:
        if isinstance(c, Criterion):
            c = {"key": c.key, "label": c.label}
        if (not isinstance(c, Mapping) or set(c) != {"key", "label"}
                or not isinstance(c["key"], str) or not _KEY.fullmatch(c["key"])
                or not isinstance(c["label"], str) or not c["label"].strip()
                or len(c["label"]) > 200 or "\x00" in c["label"]):
            raise ValidationError("discharge_criteria", c, accepted, words("discharge criterion"))
        out.append(Criterion(c["key"], c["label"].strip()))
    keys = [c.key for c in out]
    if len(set(keys)) != len(keys):
        raise ValidationError("discharge_criteria", keys, accepted, words("discharge criteria"))
    return tuple(out)


def rescue_meds_from(items: Any) -> tuple[RescueMed, ...]:
    """Rescue-medication presets from their stored form (a list of ``{"name", "dose", "unit",
    "route"}`` with an optional ``"treats"`` list of side-effect codes); anything else is
    refused, naming the field. An empty list offers none."""
    accepted = words("a list of at most 30 medications, each with a name (at most 80 "
                     "characters, unique), a dose above 0, a unit ({units}), a route ({routes}) "
                     "and optionally the side effects it treats (codes)",
                     units=", ".join(DOSE_UNITS), routes=", ".join(ROUTES))
    if isinstance(items, str | bytes) or not isinstance(items, list | tuple) or len(items) > 30:
        raise ValidationError("rescue_meds", items, accepted, words("rescue medications"))
    out: list[RescueMed] = []
    for m in items:
        if isinstance(m, RescueMed):
            m = {"name": m.name, "dose": m.dose, "unit": m.unit, "route": m.route,
                 "treats": list(m.treats)}
        treats = m.get("treats", []) if isinstance(m, Mapping) else None
        if (not isinstance(m, Mapping) or not {"name", "dose", "unit", "route"} <= set(m)
                or set(m) - {"name", "dose", "unit", "route", "treats"}
                or isinstance(treats, str | bytes) or not isinstance(treats, list | tuple)
                or len(treats) > 20
                or not all(isinstance(t, str) and _KEY.fullmatch(t) for t in treats)
                or not isinstance(m["name"], str) or not m["name"].strip()
                or len(m["name"]) > 80 or "\x00" in m["name"]
                or isinstance(m["dose"], bool) or not isinstance(m["dose"], int | float)
                or not finite(m["dose"]) or not 0 < m["dose"] <= 10_000
                or m["unit"] not in DOSE_UNITS or m["route"] not in ROUTES):
            raise ValidationError("rescue_meds", m, accepted, words("rescue medication"))
        out.append(RescueMed(m["name"].strip(), float(m["dose"]), m["unit"], m["route"],
                             tuple(treats)))
    names = [m.name.lower() for m in out]
    if len(set(names)) != len(names):
        raise ValidationError("rescue_meds", names, accepted, words("rescue medications"))
    return tuple(out)


def check_warnings(due_soon_min: Any, dose_near_pct: Any) -> None:
    """The board's two warning thresholds: due soon 0–60 minutes before (0: no "due soon", only
    "overdue"), dose near at 50–100 % of the maximum total."""
    if (isinstance(due_soon_min, bool) or not isinstance(due_soon_min, int | float)
            or not finite(due_soon_min) or not 0 <= due_soon_min <= 60):
        raise ValidationError("vitals_due_soon_min", due_soon_min,
                              words("a number of minutes from 0 to 60"),
                              words("vitals due-soon warning"))
    if (isinstance(dose_near_pct, bool) or not isinstance(dose_near_pct, int | float)
            or not finite(dose_near_pct) or not 50 <= dose_near_pct <= 100):
        raise ValidationError("dose_near_pct", dose_near_pct,
                              words("a percentage from 50 to 100"), words("dose-near warning"))


def rescue_preset(meds: tuple[RescueMed, ...], name: str) -> RescueMed | None:
    """The preset for a medication name as typed or picked, if the protocol has one."""
    wanted = name.strip().lower()
    return next((m for m in meds if m.name.lower() == wanted), None)


def suggested_for(meds: tuple[RescueMed, ...], effect: str) -> RescueMed | None:
    """The first of the protocol's rescue medications suggested for a side effect (its code)."""
    return next((m for m in meds if effect in m.treats), None)
