"""What a message is, who sent it and when it was observed (MSH, PV1, OBR, OBX-14/18).

Refusals with AR (the message is not one chairlog takes): not MSH, MSH-2 not ``^~\\&``, MSH-9
not ORU^R01, no MSH-10, MSH-11 not P (training or debugging data is never charted), MSH-12 not
an HL7 v2 version. Refusals with AE (content): an observation time that is not a date/time.

Device key (issue 16 rule): OBX-18.1 of the first OBX that carries one, else MSH-3.2 (the
sender's universal id), else MSH-3.1 + ":" + the PV1-3 bed (component 3, as sent, e.g. Mindray's
``ICU&1&3232237756&4601&&1``; ``bed:`` + bed when MSH-3.1 is empty), else MSH-3.1. A clinic can
make a key unique per sender address (``monitor key-rule KEY peer``): the key becomes
``KEY@<peer address>`` (a vendor that sends the same identity from every bed); or per device
serial carried in MSH-10 (``monitor key-rule KEY serial``): a control id such as
``SN40211-000981`` is the serial, a separator (``-``, ``_``, ``.`` or ``:``) and a counter, and the
key becomes ``KEY#SN40211``; a control id without a separator leaves the key as it is.

Observed at: the latest OBR-7, else the latest OBX-14, else MSH-7 (else the time received). A
time without an offset is in the clinic's time zone; an all-zero placeholder counts as no time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo

from chairlog.monitor.hl7 import Message, Refused

_DTM = re.compile(
    r"^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$"
)


def serial_of(control_id: str) -> str:
    """The device serial at the front of a control id "SERIAL<sep>COUNTER" ("" if none)."""
    cut = max(control_id.rfind(sep) for sep in "-_.:")
    if cut <= 0 or not control_id[cut + 1:].isdigit():
        return ""
    return control_id[:cut]


@dataclass(frozen=True)
class Envelope:
    control_id: str
    version: str
    sending_application: str
    device_key: str
    device_name: str
    observed_at: datetime | None
    header_only: bool


def parse_time(value: str, tz: tzinfo) -> datetime | None:
    """An HL7 DTM (``YYYY[MM[DD[HH[MM[SS[.S]]]]]][+/-ZZZZ]``); None if empty; ValueError if bad."""
    value = value.strip()
    if not value or value.strip("0") == "":
        return None  # empty, or a zero placeholder (sent by some monitors): no time
    m = _DTM.match(value)
    if m is None:
        raise ValueError(value)
    y, mo, d, h, mi, s, frac, off = m.groups()
    dt = datetime(
        int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0),
        int((frac or "0").ljust(6, "0")[:6]),
    )
    if off:
        sign = 1 if off[0] == "+" else -1
        delta = timedelta(hours=int(off[1:3]), minutes=int(off[3:5]))
        if delta > timedelta(hours=14) or int(off[3:5]) >= 60:
            raise ValueError(value)
        return (dt - sign * delta).replace(tzinfo=UTC)
    return dt.replace(tzinfo=tz).astimezone(UTC)


def printable(text: str, limit: int) -> str:
    """Text as stored and shown: printable characters only, at most ``limit`` (only the
    start of a long text is looked at: a 1 MiB field costs no more than a short one)."""
    return "".join(c for c in text[: limit * 4] if c.isprintable())[:limit].strip()


def inspect(msg: Message, tz: tzinfo, *, key_rules: dict[str, str] | None = None,
            peer: str = "") -> Envelope:
    msh = msg.msh
    control_id = printable(msg.get(msh, 10), 199)
    if msg.get(msh, 9, 1).strip().upper() != "ORU" or msg.get(msh, 9, 2).strip().upper() != "R01":
        raise Refused("AR", "MSH-9 message type must be ORU^R01", control_id)
    if not control_id:
        raise Refused("AR", "MSH-10 message control id is missing")
    processing = msg.get(msh, 11, 1).strip().upper()
    if processing not in ("", "P"):
        raise Refused("AR", f"MSH-11 processing id must be P (production), not {processing[:3]}",
                      control_id)
    version = msg.get(msh, 12, 1).strip()
    if not re.match(r"^2\.\d+(\.\d+)?$", version):
        raise Refused("AR", "MSH-12 version must be HL7 v2 (2.3.1 to 2.8)", control_id)
    app = printable(msg.get(msh, 3, 1), 200)
    key, name = "", ""
    for obx in msg.all("OBX"):
        if msg.get(obx, 18, 1).strip():
            key, name = msg.get(obx, 18, 1).strip(), printable(msg.get(obx, 18, 2), 200)
            break
    if not key:
        key = msg.get(msh, 3, 2).strip()
    if not key:
        bed = msg.get(msg.first("PV1"), 3, 3).strip()
        if bed:
            key = f"{app or 'bed'}:{bed}"
    if not key:
        key = app
    key = printable(key, 160)
    rule = (key_rules or {}).get(key)
    if key and rule == "peer" and peer:
        key = f"{key}@{peer}"[:200]
    elif key and rule == "serial":
        serial = serial_of(control_id)
        if serial:
            key = f"{key}#{serial}"[:200]
    header_only = not msg.all("OBX")
    try:
        obr_times = [parse_time(msg.get(o, 7), tz) for o in msg.all("OBR")]
        obx_times = [parse_time(msg.get(o, 14), tz) for o in msg.all("OBX")]
        msh_time = parse_time(msg.get(msh, 7), tz)
    except (ValueError, OverflowError) as exc:
        raise Refused("AE", f"observation time {printable(str(exc), 30)!r} is not an HL7 "
                            "date/time", control_id) from None
    observed = max((t for t in obr_times if t), default=None) \
        or max((t for t in obx_times if t), default=None) or msh_time
    return Envelope(control_id, version, app, key, name or app, observed, header_only)
