"""The full timeline, the history of signed versions, and the signature block.

The timeline lists every entry ever charted on the session, in charted-time order, with
clinic-local time and UTC offset, time from infusion start, and who charted it. Late entries
say when they were actually recorded. Corrected and entered-in-error entries stay in the
record, struck through, with the reason and who corrected them (nothing is ever erased).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from chairlog.domain import EntryStatus, EntryView
from chairlog.present.times import local_time
from chairlog.reports.layout import (
    BODY,
    CELL,
    LABEL,
    ORPHAN_PT,
    SMALL,
    SignatureSpot,
    esc,
    gap,
    heading,
    muted,
    p,
    scaled,
    section,
    table,
)
from chairlog.reports.model import (
    RecordData,
    SignatureBlock,
    record_time,
    since_start,
)

Row = tuple[datetime, int, str, str, str]  # at, order key, entry-id text, markup, who

#: Size of the box reserved for the visible digital-signature widget (points).
SPOT_W, SPOT_H = 230.0, 46.0


def _entry_markup(rec: RecordData, e: EntryView) -> str:
    text = esc(rec.units.summary(e))
    tags = []
    if e.is_late:
        tags.append(f"<b>LATE ENTRY</b> — recorded {esc(local_time(e.recorded_at, rec.tz))}")
    if e.supersedes_id:
        tags.append(muted(f"correction of #{e.supersedes_id}"))
    if e.record_version > 1:
        tags.append(f"<b>addendum</b> (version {e.record_version})")
    if e.status is EntryStatus.CORRECTED:
        text = f"<strike>{text}</strike>"
        when = local_time(e.invalidated_at, rec.tz) if e.invalidated_at else "?"
        see = f"; replaced by #{e.superseded_by_id}" if e.superseded_by_id else ""
        tags.append(f"<b>Corrected</b> by {esc(e.invalidated_by_name or '?')} at {esc(when)}: "
                    f"{esc(e.invalidation_reason or '')}{see}")
    elif e.status is EntryStatus.ENTERED_IN_ERROR:
        text = f"<strike>{text}</strike>"
        when = local_time(e.invalidated_at, rec.tz) if e.invalidated_at else "?"
        tags.append(f"<b>Entered in error</b> — marked by {esc(e.invalidated_by_name or '?')} "
                    f"at {esc(when)}: {esc(e.invalidation_reason or '')}")
    return "<br/>".join([text, *tags])


def timeline_rows(rec: RecordData) -> list[Row]:
    s = rec.session
    rows: list[Row] = []
    for e in s.entries:
        rows.append((e.charted_at, e.id * 4, f"#{e.id}", _entry_markup(rec, e), e.user_name))
        resolved = e.data.get("resolved_at") if e.kind.value == "side_effect" else None
        if resolved is not None:
            who = rec.user_names.get(e.data.get("resolved_by_id") or 0, "")
            rows.append((resolved, e.id * 4 + 1, f"#{e.id}",
                         esc(f"Side effect resolved: {e.summary.split(';')[0]}"), who))
    for a in s.alerts:
        rows.append((a.raised_at, (a.entry_id or 0) * 4 + 2, "alert",
                     f"<b>ALERT</b>: {esc(a.message)}", ""))
        if a.acknowledged_at is not None:
            rows.append((a.acknowledged_at, (a.entry_id or 0) * 4 + 3, "alert",
                         esc(f"Alert acknowledged ({a.message}): {a.action_taken or ''}"),
                         a.acknowledged_by_name or ""))
    if s.stopped_early_at is not None:
        rows.append((s.stopped_early_at, 10**12, "",
                     esc(f"Session stopped before the infusion: {s.stopped_early_reason or ''}"),
                     ""))
    for r in s.signed_records:
        if r.record_version < rec.version:
            rows.append((r.signed_at, 10**12 - 1, "",
                         f"<b>Signed version {r.record_version}</b>: {esc(r.meaning)}",
                         r.signer_name))
    for ad in rec.addenda:
        if ad.version <= rec.version:
            rows.append((ad.opened_at, 10**12 + ad.version, "",
                         f"<b>Addendum opened</b> (version {ad.version}, supersedes version "
                         f"{ad.supersedes_version}): {esc(ad.reason)}", ad.opened_by))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def timeline(rec: RecordData, width: float) -> list[Flowable]:
    rows = timeline_rows(rec)
    if not rows:
        return section("Timeline", [Paragraph(muted("No entries."), BODY)])
    start = rec.session.infusion_started_at
    data: list[list[object]] = [["Time", "From start", "#", "Entry", "By"]]
    for at, _k, ident, markup, who in rows:
        data.append([record_time(rec, at), since_start(at, start), ident, p(markup), who])
    intro = Paragraph(muted("Every entry in charted-time order. Struck-through entries were "
                            "corrected or entered in error; they stay in the record with the "
                            "reason."), CELL)
    tbl = table(data, scaled([0.12, 0.07, 0.06, 0.55, 0.20], width), zebra=True)
    return [CondPageBreak(ORPHAN_PT), heading("Timeline"), intro, gap(2), tbl]


def signed_versions(rec: RecordData, width: float) -> list[Flowable]:
    earlier = [r for r in rec.session.signed_records if r.record_version < rec.version]
    if not earlier:
        return []
    rows: list[list[object]] = [["Version", "Signed", "Signer", "Meaning", "SHA-256 of the file"]]
    for r in earlier:
        extra = f" (addendum: {r.addendum_reason})" if r.addendum_reason else ""
        rows.append([str(r.record_version), local_time(r.signed_at, rec.tz, with_date=True),
                     r.signer_name, r.meaning + extra,
                     p(f'<font size="6.2">{r.sha256[:32]} {r.sha256[32:]}</font>')])
    body: list[Flowable] = [
        Paragraph(muted("Earlier signed versions stay stored unchanged and can be exported "
                        "and verified on their own."), CELL), gap(2),
        table(rows, scaled([0.08, 0.21, 0.17, 0.2, 0.34], width))]
    return section("Earlier signed versions of this record", body)


def signature_block(rec: RecordData, width: float, signature: SignatureBlock | None,
                    spot_sink: list[tuple[int, tuple[float, ...]]]) -> list[Flowable]:
    if signature is None:
        box = Table([[Paragraph(
            "<b>UNSIGNED DRAFT.</b> This record has not been signed by a physician. It was "
            "exported for review and is not valid as the signed record.", BODY)]],
            colWidths=[width])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 6),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        return [KeepTogether([heading("Physician signature"), box])]
    sig = signature
    add = rec.current_addendum
    version = f"{rec.record_id}, version {rec.version}"
    if add is not None:
        version += f" — addendum superseding version {add.supersedes_version}"
    rows = [
        ("Signed by", f"<b>{esc(sig.printed_name)}</b>"
                      + (f" — username <b>{esc(sig.username)}</b>" if sig.username else "")),
        ("Date and time", f"<b>{esc(local_time(sig.signed_at, rec.tz, with_date=True))}</b> "
                          + muted(f"({rec.clinic.timezone})")),
        ("Meaning", f"<b>{esc(sig.meaning)}</b>"),
        ("Comment", esc(sig.comment) if sig.comment else muted("none")),
        ("Record", esc(version)),
        ("Audit chain head", f"entry {sig.audit_head_seq}, "
                             f'<font size="6.5">{esc(sig.audit_head_hash)}</font>'),
    ]
    if sig.certificate_fingerprint:
        issued = ""
        if sig.certificate_serial:
            when = (f" {sig.certificate_issued_at:%Y-%m-%d}"
                    if sig.certificate_issued_at is not None else "")
            by = f", authority unlocked by {sig.certificate_issued_by}" \
                if sig.certificate_issued_by else ""
            issued = esc(f"serial {sig.certificate_serial}, issued{when}{by}") + "<br/>"
        rows.append(("Certificate", issued + f'SHA-256 <font size="6.5">'
                                    f"{esc(sig.certificate_fingerprint)}</font>"))
    grid = Table([[p(a, LABEL), p(b)] for a, b in rows],
                 colWidths=scaled([0.2, 0.8], width - 12), hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    statement = Paragraph(
        "Electronically signed with the signer's personal key (PAdES certification "
        "signature). The signature covers this whole file; any change to it invalidates the "
        "signature. Verify with <b>chairlog verify</b> or a PDF reader that trusts the "
        "clinic's signing authority.", SMALL)
    spot = SignatureSpot(SPOT_W, SPOT_H, spot_sink, "digital signature")
    inner = Table([[grid], [statement], [spot]], colWidths=[width])
    inner.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 2), (0, 2), 10)]))
    return [KeepTogether([heading("Physician signature"), inner])]

