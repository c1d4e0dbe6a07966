"""Read the record id and version back from a record PDF's document information.

The record PDF's /Subject is ``chairlog session record S-000123 version 2 (signed)``
(``record_pdf.subject_line``). Signing appends an incremental update but keeps the /Info
entries, so the id can be read from a signed file without extracting page text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

_SUBJECT = re.compile(r"\b(S-\d{6,})\s+version\s+(\d+)\b(?:\s+\((signed|unsigned draft)\))?")


@dataclass(frozen=True)
class RecordLabel:
    record_id: str
    version: int
    #: what the layout said it was; only a signature verification proves it is signed
    signed: bool


def read_record_label(pdf_bytes: bytes) -> RecordLabel | None:
    """The record id and version in the PDF's /Subject, or None (not a chairlog record)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        info = reader.trailer_view.get("/Info")
        subject = info.get_object().get("/Subject") if info is not None else None
    except Exception:
        return None
    if subject is None:
        return None
    match = _SUBJECT.search(str(subject))
    if match is None:
        return None
    return RecordLabel(match.group(1), int(match.group(2)), match.group(3) == "signed")


_HEAD = re.compile(r"\baudit-head (\d+) ([0-9a-f]{64})\b")


def read_audit_head(pdf_bytes: bytes) -> tuple[int, str] | None:
    """The audit chain head a signed record saw, from its /Keywords (inside the signed bytes:
    the signature covers the document information), or None."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        info = reader.trailer_view.get("/Info")
        keywords = info.get_object().get("/Keywords") if info is not None else None
    except Exception:
        return None
    match = _HEAD.search(str(keywords)) if keywords is not None else None
    return (int(match.group(1)), match.group(2)) if match else None
