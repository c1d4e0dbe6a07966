"""What the FHIR builder works from, and the small pieces every resource shares.

Qt-free and database-free: the builder (``fhir.build_bundle``) is a pure function of a
``FhirInput`` read by ``exports``.

Decisions:
- Stable ids: every resource id is a UUID 5 of the clinic (its name and row id), the record id
  (``S-000123``) and what the resource stands for (an entry id, a segment's first dose entry,
  a user id…), so exporting the same record twice gives the same ids, and two clinics never
  share one. Renaming the clinic changes the ids (documented in README).
- Times are ISO 8601 in the clinic's time zone, with its offset, to the second.
- A monitor's values reach the record only as a vitals entry a nurse validated
  (``services.monitor``: a pending set is not a chart entry), whose text starts "monitor
  DEVICE, control id ID": that text is the one place a device is read from. (Earlier code also
  read ``source``/``device_id``/``validated``… data keys no entry kind has, and skipped entries
  "not validated": never true, removed with the typed payloads.)
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chairlog.domain import ClinicInfo, EntryKind, EntryView, SessionView
from chairlog.domain.payloads import vitals_data

Json = dict[str, Any]


@dataclass(frozen=True)
class Person:
    """A chairlog account as the export shows it (Practitioner)."""

    id: int
    username: str
    full_name: str
    credentials: str
    role: str


@dataclass(frozen=True)
class DocumentInfo:
    """One record PDF: the bytes ``chairlog export`` writes (or a signed version's)."""

    version: int
    pdf: bytes
    signed: bool
    signer_id: int | None = None
    signed_at: datetime | None = None
    meaning: str = ""


@dataclass(frozen=True)
class FhirInput:
    clinic: ClinicInfo
    view: SessionView
    people: Mapping[int, Person]
    nurse_id: int
    #: the PDF the DocumentReference describes (current version) and the earlier signed
    #: versions it replaces (oldest first)
    document: DocumentInfo | None
    earlier: tuple[DocumentInfo, ...] = ()
    #: the instant of the export: open infusion segments and in-progress totals stop here
    as_of: datetime | None = None
    #: device key → label, for monitor-sourced values (filled from the entries' data)
    devices: dict[str, str] = field(default_factory=dict)


class Ids:
    """Stable ``urn:uuid:`` ids for one record of one clinic."""

    def __init__(self, clinic: ClinicInfo, record: str) -> None:
        self.ns = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:chairlog:clinic:{clinic.id}:{clinic.name}")
        self.record = record

    def clinic_scoped(self, *parts: object) -> str:
        """Ids of things that outlive one record (patient, practitioners, devices)."""
        return str(uuid.uuid5(self.ns, "/".join(str(p) for p in parts)))

    def of(self, *parts: object) -> str:
        return str(uuid.uuid5(self.ns, "/".join(str(p) for p in (self.record, *parts))))


def ref(resource_id: str, display: str | None = None) -> Json:
    out: Json = {"reference": f"urn:uuid:{resource_id}"}
    if display:
        out["display"] = display
    return out


def coding(system: str, code: str, display: str | None = None) -> Json:
    out: Json = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def concept(codings: list[Json], text: str | None = None) -> Json:
    out: Json = {}
    if codings:
        out["coding"] = codings
    if text:
        out["text"] = text
    return out


def quantity(value: float, ucum: str, unit: str | None = None) -> Json:
    from chairlog.services.fhir_codes import UCUM

    return {"value": _number(value), "unit": unit or ucum, "system": UCUM, "code": ucum}


def _number(value: float) -> float | int:
    """JSON numbers without float noise: 12.0 → 12, 0.1 + 0.2 → 0.3 (to 1e-9)."""
    if float(value).is_integer():
        return int(value)
    return round(float(value), 9)


class Clock:
    """Times in the clinic's zone with its offset."""

    def __init__(self, tz: str) -> None:
        self.zone = ZoneInfo(tz)

    def at(self, value: datetime) -> str:
        """To the second, with the microseconds when there are any (no rounding, so the
        segments' rate × duration is exactly the record's cumulative dose)."""
        return value.astimezone(self.zone).isoformat()


_ODD_SPACE = re.compile(r"[^\S \r\n\t]")


def fhir_text(value: str) -> str:
    """A FHIR ``string`` allows only space, CR, LF and TAB as white space (the R4 regex
    allows those and non-space characters): any other (no-break space, line separator…)
    becomes a space."""
    return _ODD_SPACE.sub(" ", value)


def fhir_code(value: str) -> str:
    """A FHIR ``code``: no leading, trailing or repeated white space."""
    return re.sub(r"\s+", "-", fhir_text(value).strip().lower()) or "unknown"


def prune(node: Any) -> Any:
    """Drop empty strings, lists and objects (FHIR forbids them) and clean white space."""
    if isinstance(node, dict):
        out = {k: prune(v) for k, v in node.items()}
        return {k: v for k, v in out.items() if v not in ("", [], {}, None)}
    if isinstance(node, list):
        items = [prune(v) for v in node]
        return [v for v in items if v not in ("", [], {}, None)]
    if isinstance(node, str):
        return fhir_text(node)
    return node


def chain_root(view: SessionView) -> dict[int, int]:
    """Entry id → id of the first entry of its correction chain (the stable identity)."""
    by_id = {e.id: e for e in view.entries}
    out: dict[int, int] = {}
    for e in view.entries:
        cur = e
        while cur.supersedes_id is not None and cur.supersedes_id in by_id:
            cur = by_id[cur.supersedes_id]
        out[e.id] = cur.id
    return out


def exported_entries(view: SessionView) -> list[EntryView]:
    """The entries that become resources: active ones and those entered in error. A corrected
    entry (superseded) is represented by its replacement, which keeps the chain's id and has
    the FHIR status ``amended``; its original values stay in the signed PDF."""
    return sorted((e for e in view.entries if e.status.value != "corrected"),
                  key=lambda e: (e.charted_at, e.id))


def device_of(e: EntryView) -> tuple[str, str] | None:
    """The monitor an entry's values came from: (key, label); None for values typed by a
    person. A validated monitor set carries "monitor DEVICE, control id ID" at the start of its
    text (``services.monitor``)."""
    if e.kind is not EntryKind.VITALS:
        return None
    text = vitals_data(e).get("text") or ""
    if text.startswith("monitor "):
        device = text[len("monitor "):].split(", control id", 1)[0].strip()
        if device:
            return device, device
    return None


def devices_of(view: SessionView) -> dict[str, str]:
    """Every monitor the session's entries came from (validated sets): key → label."""
    out: dict[str, str] = {}
    for e in view.entries:
        dev = device_of(e)
        if dev is not None:
            out.setdefault(dev[0], dev[1])
    return out
