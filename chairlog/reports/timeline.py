"""The full timeline, the history of signed versions, and the signature block.

The timeline lists every entry ever charted on the session, in charted-time order, with
clinic-local time and UTC offset, time from infusion start, and who charted it. Late entries
say when they were actually recorded. Corrected and entered-in-error entries stay in the
record, struck through, with the reason and who corrected them (nothing is ever erased).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Table, TableStyle

from chairlog.domain import EntryKind, EntryStatus, EntryView
from chairlog.domain.payloads import side_effect_data
from chairlog.present.times import local_time
from chairlog.present.vitals_text import entry_summary
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
    w = rec.words
    text = esc(entry_summary(e, rec.units, w.translate, w.language))
    tags = []
    if e.is_late:
        tags.append(w.translate("record", "<b>LATE ENTRY</b> — recorded {time}").format(
            time=esc(local_time(e.recorded_at, rec.tz))))
    if e.supersedes_id:
        tags.append(muted(w.translate("record", "correction of #{id}").format(id=e.supersedes_id)))
    if e.record_version > 1:
        tags.append(w.translate("record", "<b>addendum</b> (version {version})").format(
            version=e.record_version))
    if e.status is EntryStatus.CORRECTED:
        text = f"<strike>{text}</strike>"
        when = local_time(e.invalidated_at, rec.tz) if e.invalidated_at else "?"
        see = (w.translate("record", "; replaced by #{id}").format(id=e.superseded_by_id)
               if e.superseded_by_id else "")
        tags.append(w.translate("record", "<b>Corrected</b> by {user} at {time}: {reason}").format(
            user=esc(e.invalidated_by_name or "?"), time=esc(when),
            reason=esc(e.invalidation_reason or "")) + esc(see))
    elif e.status is EntryStatus.ENTERED_IN_ERROR:
        text = f"<strike>{text}</strike>"
        when = local_time(e.invalidated_at, rec.tz) if e.invalidated_at else "?"
        tags.append(w.translate(
            "record", "<b>Entered in error</b> — marked by {user} at {time}: {reason}").format(
            user=esc(e.invalidated_by_name or "?"), time=esc(when),
            reason=esc(e.invalidation_reason or "")))
    return "<br/>".join([text, *tags])


def timeline_rows(rec: RecordData) -> list[Row]:
    s, w = rec.session, rec.words
    rows: list[Row] = []
    for e in s.entries:
        rows.append((e.charted_at, e.id * 4, f"#{e.id}", _entry_markup(rec, e), e.user_name))
        effect = side_effect_data(e) if e.kind is EntryKind.SIDE_EFFECT else None
        resolved = effect.get("resolved_at") if effect is not None else None
        if effect is not None and resolved is not None:
            who = rec.user_names.get(effect.get("resolved_by_id") or 0, "")
            rows.append((resolved, e.id * 4 + 1, f"#{e.id}",
                         esc(w.translate("record", "Side effect resolved: {effect}").format(
                             effect=entry_summary(e, rec.units, w.translate,
                                                  w.language).split(";")[0])), who))
    alert = w.translate("record", "alert")
    for a in s.alerts:
        rows.append((a.raised_at, (a.entry_id or 0) * 4 + 2, alert,
                     w.translate("record", "<b>ALERT</b>: {message}").format(
                         message=esc(w.alert(a.message))), ""))
        if a.acknowledged_at is not None:
            rows.append((a.acknowledged_at, (a.entry_id or 0) * 4 + 3, alert,
                         esc(w.translate("record", "Alert acknowledged ({message}): {action}")
                             .format(message=w.alert(a.message), action=a.action_taken or "")),
                         a.acknowledged_by_name or ""))
    if s.stopped_early_at is not None:
        rows.append((s.stopped_early_at, 10**12, "",
                     esc(w.translate("record", "Session stopped before the infusion: {reason}")
                         .format(reason=s.stopped_early_reason or "")), ""))
    for r in s.signed_records:
        if r.record_version < rec.version:
            rows.append((r.signed_at, 10**12 - 1, "",
                         w.translate("record", "<b>Signed version {version}</b>: {meaning}")
                         .format(version=r.record_version, meaning=esc(r.meaning)),
                         r.signer_name))
    for ad in rec.addenda:
        if ad.version <= rec.version:
            rows.append((ad.opened_at, 10**12 + ad.version, "", w.translate(
                "record", "<b>Addendum opened</b> (version {version}, supersedes version "
                "{supersedes}): {reason}").format(version=ad.version,
                                                  supersedes=ad.supersedes_version,
                                                  reason=esc(ad.reason)), ad.opened_by))
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def timeline(rec: RecordData, width: float) -> list[Flowable]:
    rows = timeline_rows(rec)
    w = rec.words
    title = w.translate("record", "Timeline")
    if not rows:
        return section(title, [Paragraph(muted(w.translate("record", "No entries.")), BODY)])
    start = rec.session.infusion_started_at
    data: list[list[object]] = [[w.translate("record", "Time"),
                                 w.translate("record", "From start"), "#",
                                 w.translate("record", "Entry"), w.translate("record", "By")]]
    for at, _k, ident, markup, who in rows:
        data.append([record_time(rec, at), since_start(at, start), ident, p(markup), who])
    intro = Paragraph(muted(w.translate(
        "record", "Every entry in charted-time order. Struck-through entries were corrected "
        "or entered in error; they stay in the record with the reason.")), CELL)
    tbl = table(data, scaled([0.12, 0.07, 0.06, 0.55, 0.20], width), zebra=True)
    return [CondPageBreak(ORPHAN_PT), heading(title), intro, gap(2), tbl]


def signed_versions(rec: RecordData, width: float) -> list[Flowable]:
    earlier = [r for r in rec.session.signed_records if r.record_version < rec.version]
    if not earlier:
        return []
    w = rec.words
    rows: list[list[object]] = [[w.translate("record", "Version"), w.translate("record", "Signed"),
                                 w.translate("record", "Signer"),
                                 w.translate("record", "Meaning"),
                                 w.translate("record", "SHA-256 of the file")]]
    for r in earlier:
        extra = (" " + w.translate("record", "(addendum: {reason})").format(
            reason=r.addendum_reason)) if r.addendum_reason else ""
        rows.append([str(r.record_version), local_time(r.signed_at, rec.tz, with_date=True),
                     r.signer_name, r.meaning + extra,
                     p(f'<font size="6.2">{r.sha256[:32]} {r.sha256[32:]}</font>')])
    body: list[Flowable] = [
        Paragraph(muted(w.translate(
            "record", "Earlier signed versions stay stored unchanged and can be exported "
            "and verified on their own.")), CELL), gap(2),
        table(rows, scaled([0.08, 0.21, 0.17, 0.2, 0.34], width))]
    return section(w.translate("record", "Earlier signed versions of this record"), body)


def signature_block(rec: RecordData, width: float, signature: SignatureBlock | None,
                    spot_sink: list[tuple[int, tuple[float, ...]]]) -> list[Flowable]:
    w = rec.words
    title = w.translate("record", "Physician signature")
    if signature is None:
        box = Table([[Paragraph(w.translate(
            "record", "<b>UNSIGNED DRAFT.</b> This record has not been signed by a physician. "
            "It was exported for review and is not valid as the signed record."), BODY)]],
            colWidths=[width])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 6),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        return [KeepTogether([heading(title), box])]
    sig = signature
    add = rec.current_addendum
    version = w.translate("record", "{record}, version {version}").format(
        record=rec.record_id, version=rec.version)
    if add is not None:
        version += " — " + w.translate("record", "addendum superseding version {version}").format(
            version=add.supersedes_version)
    user = (" — " + w.translate("record", "username <b>{username}</b>").format(
        username=esc(sig.username))) if sig.username else ""
    rows = [
        (w.translate("record", "Signed by"), f"<b>{esc(sig.printed_name)}</b>" + user),
        (w.translate("record", "Date and time"),
         f"<b>{esc(local_time(sig.signed_at, rec.tz, with_date=True))}</b> "
         + muted(f"({rec.clinic.timezone})")),
        (w.translate("record", "Meaning"), f"<b>{esc(sig.meaning)}</b>"),
        (w.translate("record", "Comment"),
         esc(sig.comment) if sig.comment else muted(w.translate("record", "none"))),
        (w.translate("record", "Record"), esc(version)),
        (w.translate("record", "Audit chain head"),
         w.translate("record", "entry {seq}").format(seq=sig.audit_head_seq)
         + f', <font size="6.5">{esc(sig.audit_head_hash)}</font>'),
    ]
    if sig.certificate_fingerprint:
        issued = ""
        if sig.certificate_serial:
            when = (f" {sig.certificate_issued_at:%Y-%m-%d}"
                    if sig.certificate_issued_at is not None else "")
            by = (w.translate("record", ", authority unlocked by {user}").format(
                user=sig.certificate_issued_by) if sig.certificate_issued_by else "")
            issued = esc(w.translate("record", "serial {serial}, issued{when}{by}").format(
                serial=sig.certificate_serial, when=when, by=by)) + "<br/>"
        rows.append((w.translate("record", "Certificate"),
                     issued + 'SHA-256 <font size="6.5">'
                     f"{esc(sig.certificate_fingerprint)}</font>"))
    grid = Table([[p(esc(a), LABEL), p(b)] for a, b in rows],
                 colWidths=scaled([0.2, 0.8], width - 12), hAlign="LEFT")
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    statement = Paragraph(w.translate(
        "record", "Electronically signed with the signer's personal key (PAdES certification "
        "signature). The signature covers this whole file; any change to it invalidates the "
        "signature. Verify with <b>chairlog verify</b> or a PDF reader that trusts the "
        "clinic's signing authority."), SMALL)
    spot = SignatureSpot(SPOT_W, SPOT_H, spot_sink, w.translate("record", "digital signature"))
    inner = Table([[grid], [statement], [spot]], colWidths=[width])
    inner.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"),
                               ("TOPPADDING", (0, 0), (-1, -1), 4),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                               ("TOPPADDING", (0, 2), (0, 2), 10)]))
    return [KeepTogether([heading(title), inner])]

