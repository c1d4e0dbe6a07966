"""The record's "Deviations" section, on its first page: everything the physician must see
before signing (``services.deviations`` decides what counts)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from chairlog.domain import DEVIATION_KINDS
from chairlog.reports.layout import BODY, esc, muted, scaled, section, table
from chairlog.reports.model import RecordData

TITLES = DEVIATION_KINDS


def deviations(rec: RecordData, width: float) -> list[Flowable]:
    devs = rec.deviations
    if not devs:
        return section("Deviations", [Paragraph(muted(
            "None: no override, ceiling refusal, early discharge, late entry, correction, "
            "alert or missed vitals interval."), BODY)])
    rows: list[list[object]] = [["Kind", "What"]]
    for d in devs:
        rows.append([TITLES.get(d.kind, d.kind), d.text])
    head = Paragraph(esc(f"{len(devs)} item(s) for the physician's review."), BODY)
    return section("Deviations", [head, table(rows, scaled([0.18, 0.82], width))],
                   keep=len(rows) < 8)
