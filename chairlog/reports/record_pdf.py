"""The session record PDF (reportlab platypus).

Decisions:
- reportlab's invariant mode: no creation time, a fixed document ID, deterministic font
  subsets. An unsigned export is byte-for-byte the same for the same record, so it can be
  compared in tests and re-exported without spurious differences.
- Every page carries the record id and version, the patient's name and MRN, and
  "Page N of M" (the total is filled in when the document is saved, by ``_canvas_class``).
- A draft carries "UNSIGNED DRAFT" in the page header, a banner on page 1, a light
  diagonal watermark on every page, and a draft box where the signature would be.
- A signed version reserves a framed box in its signature block; ``render_record`` reports
  where it landed so the signing step can put the visible signature widget there.
- Paper is A4 or Letter; black and white only.
- The words are in the clinic's language when the record is rendered (``RecordData.words``,
  the window's catalog read without Qt); a signed record keeps the language it was signed
  in, since its stored bytes are never re-rendered. The PDF's /Subject and /Keywords stay
  English: they are machine-read (``pdfinfo``, ``chairlog verify``), not shown. Dates stay
  ISO (2026-03-02), times 24-hour with the UTC offset, numbers with a decimal point, in
  every language: the same figures as the window and the command line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from chairlog import __version__
from chairlog.reports.model import PAPER_SIZES, RecordData, SignatureBlock

Box = tuple[float, float, float, float]
MARGIN_MM = 15.0


@dataclass(frozen=True)
class RenderedRecord:
    pdf: bytes
    pages: int
    #: (page index, box in points) of the reserved signature box; None for a draft
    signature_box: tuple[int, Box] | None


def build_record_pdf(record: RecordData, *, paper: str = "A4", draft: bool = True,
                     signature: SignatureBlock | None = None) -> bytes:
    """The record as PDF bytes. ``draft`` marks it UNSIGNED DRAFT (forced when unsigned)."""
    return render_record(record, paper=paper, draft=draft, signature=signature).pdf


def render_record(record: RecordData, *, paper: str = "A4", draft: bool = True,
                  signature: SignatureBlock | None = None) -> RenderedRecord:
    from reportlab import Version as reportlab_version
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from chairlog.reports import deviations, header, sections, timeline
    from chairlog.reports.fonts import register_fonts

    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")
    draft = draft or signature is None
    register_fonts()
    size = A4 if paper == "A4" else LETTER
    margin = MARGIN_MM * mm
    out = io.BytesIO()
    w = record.words
    title = w.translate("record", "Ketamine infusion session record {record}").format(
        record=record.record_id)
    doc = BaseDocTemplate(
        out, pagesize=size, leftMargin=margin, rightMargin=margin, topMargin=margin + 8,
        bottomMargin=margin + 6, invariant=1, title=title, author=record.clinic.name,
        subject=subject_line(record, draft), creator=f"chairlog {__version__}",
        producer=f"chairlog {__version__} (ReportLab {reportlab_version})",
        keywords=["chairlog", "session record", record.record_id, f"version {record.version}",
                  *([f"audit-head {signature.audit_head_seq} {signature.audit_head_hash}"]
                    if signature is not None else [])],
        lang=w.language)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="record", frames=[frame],
                                       onPage=_decorate(record, draft))])
    w = doc.width
    spots: list[tuple[int, tuple[float, ...]]] = []
    story: list[Any] = []
    story += header.header(record, w, draft=draft, signature=signature)
    story += deviations.deviations(record, w)
    story += sections.checklist(record, w)
    story += sections.doses(record, w)
    story += sections.vitals(record, w)
    story += sections.alerts(record, w)
    story += sections.side_effects(record, w)
    story += sections.assessments(record, w)
    story += sections.discharge(record, w)
    story += sections.notes(record, w)
    story += timeline.timeline(record, w)
    story += timeline.signed_versions(record, w)
    story += timeline.signature_block(record, w, None if draft else signature, spots)
    counter: list[int] = []
    doc.build(story, canvasmaker=_canvas_class(record, draft, counter))
    box: tuple[int, Box] | None = None
    if spots:
        page, (x1, y1, x2, y2) = spots[-1]
        box = (page, (x1, y1, x2, y2))
    return RenderedRecord(out.getvalue(), counter[0] if counter else 0, box)


def subject_line(record: RecordData, draft: bool) -> str:
    """The PDF's /Subject: carries the record id and version (``chairlog verify`` reads it)."""
    state = "unsigned draft" if draft else "signed"
    return (f"chairlog session record {record.record_id} version {record.version} ({state})")


def _footer_text(record: RecordData) -> str:
    pt, w = record.session.patient, record.words
    dob = ""
    if pt.date_of_birth:
        dob = " · " + w.translate("record", "DOB {date}").format(date=pt.date_of_birth.isoformat())
    mrn = w.translate("record", "MRN {mrn}").format(mrn=pt.mrn)
    return f"{pt.display_name} · {mrn}{dob}"


def draft_words(record: RecordData) -> str:
    """"UNSIGNED DRAFT" in the record's language (page header, footer and watermark)."""
    return record.words.translate("record", "UNSIGNED DRAFT")


def _decorate(record: RecordData, draft: bool) -> Any:
    from reportlab.lib import colors

    from chairlog.reports.fonts import BOLD, REGULAR
    from chairlog.reports.watermark import draw_watermark

    w = record.words
    mark = draft_words(record)

    def on_page(canvas: Any, doc: Any) -> None:
        width, height = doc.pagesize
        left, right = doc.leftMargin, width - doc.rightMargin
        canvas.saveState()
        if draft:
            draw_watermark(canvas, width, height, mark)
        top = height - doc.topMargin + 10
        canvas.setFillColor(colors.black)
        canvas.setFont(BOLD, 8)
        canvas.drawString(left, top, record.clinic.name)
        canvas.setFont(REGULAR, 8)
        label = w.translate("record", "Session record {record} · version {version}").format(
            record=record.record_id, version=record.version)
        if draft:
            label = f"{mark} · {label}"
            canvas.setFont(BOLD, 8)
        canvas.drawRightString(right, top, label)
        canvas.setStrokeColor(colors.Color(0.5, 0.5, 0.5))
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 4, right, top - 4)
        bottom = doc.bottomMargin - 14
        canvas.line(left, bottom + 10, right, bottom + 10)
        canvas.setFont(REGULAR, 7.5)
        canvas.drawString(left, bottom, _footer_text(record))
        canvas.restoreState()

    return on_page


def _canvas_class(record: RecordData, draft: bool, counter: list[int]) -> Any:
    """A canvas that defers page output until the end, to print "Page N of M"."""
    from reportlab.pdfgen.canvas import Canvas

    from chairlog.reports.fonts import BOLD, REGULAR

    tag = f"{record.record_id} v{record.version}" + (f" · {draft_words(record)}" if draft else "")
    page_of = record.words.translate("record", "Page {page} of {pages}")

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            counter.append(total)
            for state in self._pages:
                self.__dict__.update(state)
                width = self._pagesize[0]
                right = width - MARGIN_MM * 72 / 25.4
                self.setFont(BOLD if draft else REGULAR, 7.5)
                self.drawRightString(right, MARGIN_MM * 72 / 25.4 + 6 - 14,
                                     f"{tag} · " + page_of.format(page=self._pageNumber,
                                                                   pages=total))
                super().showPage()
            super().save()

    return NumberedCanvas
