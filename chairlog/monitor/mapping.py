"""Monitor observations → chairlog vitals, driven by ``resources/monitor/codes.json``.

The code table and the units accepted for each field are data (an admin edits them with the
medical director). Rules, from shared/MONITORS-AND-FHIR.md §2:
- OBX-3's coding system says which table: ``MDC`` (IEEE 11073-10101 numeric), ``LN`` (LOINC),
  ``MDIL`` (Philips ``PPPP-cccc``, read as MDC ``(P << 16) + 0xcccc`` unless it is one of the
  private codes in the table), no system (Mindray PDS's own codes; a bare number ≥ 65536 is an
  MDC code). A code in no table is ignored (PVCs, ST, perfusion index…).
- an empty OBX-5, OBX-11 ``X``, or Mindray's ``-100`` means absent (never 0);
- the unit (OBX-6.1, else OBX-6.2; MDIL unit codes read as MDC) must be one the field
  accepts; an unknown or missing unit refuses that value (never guessed). Mindray PDS sends no
  units: its codes carry their unit in the table;
- convert exactly ((value − subtract) × multiply, as fractions), round half-up to the field's
  decimals, then check plausibility (refused and listed, never clamped);
- several codes for one field: the lowest rank with an accepted value wins (ECG heart rate
  before pulse rates); the code used is kept in ``sources``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from chairlog.clinical.vitals import MEASURED, PLAUSIBLE
from chairlog.monitor.hl7 import Message, Segment

FIELDS = MEASURED
MAX_REFUSED = 50
#: HL7's NM type: an optional sign, ASCII digits, at most one decimal point (no comma, unlike a
#: typed number: ``chairlog.clinical.numbers``); matched whole (``fullmatch``), so no
#: trailing newline and no other script's digits pass
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_MDIL = re.compile(r"^([0-9a-fA-F]{4})-([0-9a-fA-F]{4})$")
_SYSTEMS = {"MDC": "MDC", "ISO11073": "MDC", "IEEE11073": "MDC", "11073": "MDC",
            "LN": "LN", "LNC": "LN", "LOINC": "LN", "MDIL": "MDIL"}


@dataclass(frozen=True)
class Unit:
    codes: frozenset[str]
    subtract: Fraction
    multiply: Fraction


@dataclass(frozen=True)
class CodeEntry:
    system: str
    code: str
    field: str
    rank: int
    name: str
    unit: str | None = None


@dataclass(frozen=True)
class Table:
    decimals: dict[str, int]
    units: dict[str, tuple[Unit, ...]]  # by field
    codes: dict[tuple[str, str], CodeEntry]


def load_table(path: Path | None = None) -> Table:
    if path is None:
        return _default_table()
    return _parse_table(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _default_table() -> Table:
    from chairlog.paths import resources_dir

    return load_table(resources_dir() / "monitor" / "codes.json")


def _parse_table(d: dict[str, Any]) -> Table:
    units_by_quantity = {
        q: tuple(
            Unit(frozenset(u["codes"]), Fraction(u["subtract"]), Fraction(u["multiply"]))
            for u in lst
        )
        for q, lst in d["units"].items()
    }
    decimals = {f: int(v["decimals"]) for f, v in d["fields"].items()}
    units = {f: units_by_quantity[v["quantity"]] for f, v in d["fields"].items()}
    codes: dict[tuple[str, str], CodeEntry] = {}
    for system, table in d["codes"].items():
        for code, e in table.items():
            codes[(system, code.lower())] = CodeEntry(
                system, code, e["field"], int(e["rank"]), e["name"], e.get("unit")
            )
    return Table(decimals, units, codes)


@dataclass
class Reading:
    """What one message says about the vitals, after mapping."""

    values: dict[str, float | int | None] = field(default_factory=lambda: dict.fromkeys(FIELDS))
    sources: dict[str, str] = field(default_factory=dict)
    refused: list[dict[str, Any]] = field(default_factory=list)
    mapped: int = 0  # OBX with a mapped code and a value (accepted or refused)
    observations: int = 0  # OBX segments with any value

    @property
    def accepted(self) -> int:
        return sum(v is not None for v in self.values.values())


def identify(obx: Segment, msg: Message, table: Table) -> CodeEntry | None:
    code = msg.get(obx, 3, 1).strip()
    system = _SYSTEMS.get(msg.get(obx, 3, 3).strip().upper().replace(" ", "").replace("-", ""))
    if not code:
        return None
    if system == "MDIL":
        private = table.codes.get(("MDIL", code.lower()))
        if private is not None:
            return private
        m = _MDIL.match(code)
        return table.codes.get(("MDC", str(_mdil_to_mdc(m)))) if m else None
    if system is None and msg.get(obx, 3, 3).strip() == "":
        found = table.codes.get(("PDS", code.lower()))
        if found is not None:
            return found
        if code.isdigit() and int(code) >= 65536:
            return table.codes.get(("MDC", str(int(code))))
        return None
    if system is None:
        return None
    if system == "MDC" and code.isdigit():
        code = str(int(code))
    return table.codes.get((system, code.lower()))


def _mdil_to_mdc(m: re.Match[str]) -> int:
    return (int(m.group(1), 16) << 16) + int(m.group(2), 16)


def unit_token(obx: Segment, msg: Message) -> str:
    code = msg.get(obx, 6, 1).strip()
    text = msg.get(obx, 6, 2).strip()
    system = msg.get(obx, 6, 3).strip().upper()
    if system == "MDIL" or (_MDIL.match(code) and system in ("", "MDIL")):
        m = _MDIL.match(code)
        if m:
            return str(_mdil_to_mdc(m))
    return code or text


def _round(value: Fraction, decimals: int) -> Decimal:
    exp = Decimal(1).scaleb(-decimals)
    d = Decimal(value.numerator) / Decimal(value.denominator)
    return d.quantize(exp, rounding=ROUND_HALF_UP)


def read_vitals(msg: Message, table: Table | None = None) -> Reading:
    """Map every OBX of the message; see the module docstring for the rules."""
    t = table or _default_table()
    r = Reading()
    candidates: dict[str, list[tuple[int, int, float | int, str]]] = {}
    for order, obx in enumerate(msg.all("OBX")):
        raw = msg.get(obx, 5, 1).strip()
        status = msg.get(obx, 11, 1).strip().upper()
        if raw:
            r.observations += 1
        entry = identify(obx, msg, t)
        if entry is None or not raw or status == "X":
            continue
        if entry.system == "PDS" and _NUMBER.fullmatch(raw) and Fraction(raw) == -100:
            continue  # Mindray's "invalid" sentinel: absent
        r.mapped += 1
        code_text = f"{entry.system} {entry.code} {entry.name}"
        f = entry.field

        def refuse(reason: str, raw: str = raw, f: str = f, code_text: str = code_text) -> None:
            if len(r.refused) < MAX_REFUSED:  # a hostile message cannot bloat the set
                shown = "".join(c for c in raw[:40] if c.isprintable())
                r.refused.append({"field": f, "code": code_text, "value": shown,
                                  "reason": reason})

        if status in ("W", "D"):
            refuse(f"withdrawn by the device (OBX-11 {status})")
            continue
        if not _NUMBER.fullmatch(raw):
            refuse("not a number")
            continue
        token = entry.unit if entry.unit is not None else unit_token(obx, msg)
        unit = next((u for u in t.units[f] if token in u.codes), None)
        if unit is None:
            refuse("no unit given" if not token else f"unknown unit {token[:20]!r}")
            continue
        exact = (Fraction(raw) - unit.subtract) * unit.multiply
        rounded = _round(exact, t.decimals[f])
        rng = PLAUSIBLE[f]
        if not rng.low <= rounded <= rng.high:
            refuse(f"outside plausibility {rng.accepted()} ({rounded})")
            continue
        value: float | int = int(rounded) if t.decimals[f] == 0 else float(rounded)
        candidates.setdefault(f, []).append((entry.rank, order, value, code_text))
    for f, lst in candidates.items():
        _rank, _, value, code_text = min(lst)
        r.values[f] = value
        r.sources[f] = code_text
    sbp, dbp = r.values["sbp"], r.values["dbp"]
    if sbp is not None and dbp is not None and dbp >= sbp:
        r.refused.append({"field": "dbp", "code": r.sources.pop("dbp"), "value": str(dbp),
                          "reason": f"not below the systolic value ({sbp} mmHg)"})
        r.values["dbp"] = None
    return r
