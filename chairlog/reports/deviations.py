"""The record's "Deviations" section, on its first page: everything the physician must see
before signing (``services.deviations`` decides what counts)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

from chairlog.domain import DEVIATION_KINDS
from chairlog.present.catalog import QT_TRANSLATE_NOOP
from chairlog.reports.layout import BODY, esc, muted, scaled, section, table
from chairlog.reports.model import RecordData

TITLES = DEVIATION_KINDS
# the kinds' titles as the record prints them, in context "record" (same words as TITLES)
KIND_WORDS = (
    QT_TRANSLATE_NOOP("record", "Override"), QT_TRANSLATE_NOOP("record", "Ceiling refusal"),
    QT_TRANSLATE_NOOP("record", "Checklist"), QT_TRANSLATE_NOOP("record", "Discharge"),
    QT_TRANSLATE_NOOP("record", "Late entry"), QT_TRANSLATE_NOOP("record", "Correction"),
    QT_TRANSLATE_NOOP("record", "Entered in error"), QT_TRANSLATE_NOOP("record", "Alert"),
    QT_TRANSLATE_NOOP("record", "Missed vitals"), QT_TRANSLATE_NOOP("record", "Imported"),
)


def deviations(rec: RecordData, width: float) -> list[Flowable]:
    devs, w = rec.deviations, rec.words
    title = w.translate("record", "Deviations")
    if not devs:
        return section(title, [Paragraph(muted(w.translate(
            "record", "None: no override, ceiling refusal, early discharge, late entry, "
            "correction, alert or missed vitals interval.")), BODY)])
    rows: list[list[object]] = [[w.translate("record", "Kind"), w.translate("record", "What")]]
    for d in devs:
        rows.append([w.translate("record", TITLES.get(d.kind, d.kind)), w.message(d.text)])
    head = Paragraph(esc(w.translate("record", "{count} item(s) for the physician's review.")
                         .format(count=len(devs))), BODY)
    return section(title, [head, table(rows, scaled([0.18, 0.82], width))],
                   keep=len(rows) < 8)
