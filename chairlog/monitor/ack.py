"""The acknowledgement chairlog sends back (original mode: MSA-1 AA, AE or AR).

``MSH|^~\\&|CHAIRLOG|<clinic>|<MSH-3>|<MSH-4>|<now>||ACK^R01^ACK|<id>|P|<MSH-12>`` then
``MSA|<code>|<MSH-10 of the message>|<text>`` and one ``ERR`` per refused value (HL7 2.5+
ERR-3/ERR-4/ERR-8 layout: ``ERR|||207^Application internal error^HL70357|W||||<text>``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import UTC, datetime

from chairlog.monitor.hl7 import Message, escape

_counter = itertools.count(1)


def build_ack(
    code: str,
    control_id: str,
    text: str = "",
    *,
    msg: Message | None = None,
    errors: Sequence[str] = (),
    now: datetime | None = None,
    clinic: str = "",
) -> bytes:
    when = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d%H%M%S+0000")
    their_app = their_fac = ""
    version = "2.6"
    if msg is not None:
        their_app = msg.msh.raw(3)
        their_fac = msg.msh.raw(4)
        version = msg.get(msg.msh, 12) or version
    ack_id = f"CL{when[:14]}{next(_counter) % 1_000_000:06d}"
    msh = "|".join([
        "MSH", "^~\\&", "CHAIRLOG", escape(clinic[:60]), _safe(their_app), _safe(their_fac),
        when, "", "ACK^R01^ACK", ack_id, "P", escape(version[:10]),
    ])
    msa = "|".join(["MSA", code, escape(control_id[:199]), escape(text[:200])])
    segs = [msh, msa]
    severity = "E" if code != "AA" else "W"
    for e in errors[:20]:
        segs.append(f"ERR|||207^Application internal error^HL70357|{severity}||||{escape(e[:200])}")
    return ("\r".join(segs) + "\r").encode("utf-8")


def _safe(raw: str) -> str:
    """An echoed field, kept as sent when it is plain (its components included)."""
    return "".join(c for c in raw[:180] if c.isprintable() and c != "|" and c != "\r")
