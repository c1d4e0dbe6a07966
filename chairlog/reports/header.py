"""Page 1's header: title, clinic, the draft/signed/addendum banners, and the patient and
session details (patient, MRN, date of birth, sex, allergies, dosing weight; date, chair,
protocol and version, indication, nurses, record id and version, key times)."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from chairlog.present.times import local_time
from chairlog.reports.layout import BANNER, LABEL, RULE, SUBTITLE, TITLE, esc, gap, muted, p, scaled
from chairlog.reports.model import (
    RecordData,
    SignatureBlock,
    duration,
    num,
    record_time,
)


def _age(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def header(rec: RecordData, width: float, *, draft: bool,
           signature: SignatureBlock | None) -> list[Flowable]:
    s, c, tz, w = rec.session, rec.clinic, rec.tz, rec.words
    out: list[Flowable] = [
        Paragraph(esc(w.translate("record", "Ketamine infusion session record")), TITLE),
        Paragraph(esc(c.name) + (f" · {esc(c.address)}" if c.address else ""), SUBTITLE),
        gap(5),
    ]
    state = w.translate("clinical", s.state.label)
    banners: list[str] = []
    if draft or signature is None:
        banners.append(w.translate(
            "record", "UNSIGNED DRAFT — not signed by a physician (state: {state}). "
            "Not valid as the signed record.").format(state=state))
    else:
        banners.append(w.translate(
            "record", "Signed record — version {version}, signed {time} by {signer}").format(
            version=rec.version, time=local_time(signature.signed_at, tz, with_date=True),
            signer=signature.identity_in(w)))
    if s.imported_from_paper:
        banners.append(w.translate(
            "record", "Imported from paper — charted afterwards from the paper record; each "
            "entry keeps the time on paper and the time it was typed."))
    add = rec.current_addendum
    if add is not None:
        banners.append(w.translate(
            "record", "Addendum — supersedes version {version}: {reason}").format(
            version=add.supersedes_version, reason=add.reason))
    for text in banners:
        box = Table([[Paragraph(esc(text), BANNER)]], colWidths=[width])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"),
                                 ("TOPPADDING", (0, 0), (-1, -1), 4),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        out += [box, gap(3)]
    pt = s.patient
    session_day = s.checked_in_at.astimezone(tz).date()
    dob = "—"
    if pt.date_of_birth is not None:
        dob = w.translate("record", "{date} (age {age})").format(
            date=pt.date_of_birth.isoformat(), age=_age(pt.date_of_birth, session_day))
    allergies = (f"<b>{esc(pt.allergies)}</b>" if pt.allergies.strip()
                 else muted(w.translate("record", "none recorded")))
    proto = s.protocol
    units = rec.units
    weight = units.show_weight(s.weight_kg) if units.lb else f"{num(s.weight_kg)} kg"
    version = w.translate("record", "version {version}")
    status = (w.translate("record", "Signed (version {version})").format(version=rec.version)
              if signature and not draft else state)
    rows = [
        (w.translate("record", "Patient"), f"<b>{esc(pt.display_name)}</b>",
         w.translate("record", "Session date"),
         esc(session_day.isoformat()) + " " + muted(f"({c.timezone})")),
        (w.translate("record", "MRN"), esc(pt.mrn), w.translate("record", "Chair"),
         esc(s.chair.name)),
        (w.translate("record", "Date of birth"), esc(dob), w.translate("record", "Protocol"),
         f"{esc(proto.name)} "
         f"{muted('(' + version.format(version=s.protocol_version) + ')')}"),
        (w.translate("record", "Sex"), esc(w.translate("patient", pt.sex) if pt.sex else "—"),
         w.translate("record", "Indication"), esc(proto.indication or "—")),
        (w.translate("record", "Allergies"), allergies, w.translate("record", "Nurse(s)"),
         esc(", ".join(s.nurse_names) or s.nurse_name)),
        (w.translate("record", "Dosing weight"),
         f"<b>{weight}</b> " + muted(w.translate("record", "(measured for this session)")),
         w.translate("record", "Record"),
         f"<b>{esc(rec.record_id)}</b>, " + esc(version.format(version=rec.version))),
        (w.translate("record", "Checked in"), esc(record_time(rec, s.checked_in_at)),
         w.translate("record", "Infusion"),
         esc(_span(rec, s.infusion_started_at, s.infusion_stopped_at))),
        (w.translate("record", "Discharged"),
         esc(record_time(rec, s.discharged_at) if s.discharged_at else "—"),
         w.translate("record", "Status"), esc(status)),
    ]
    data = [[p(esc(a), LABEL), p(b), p(esc(cc), LABEL), p(d)] for a, b, cc, d in rows]
    info = Table(data, colWidths=scaled([0.14, 0.36, 0.13, 0.37], width), hAlign="LEFT")
    info.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                              ("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"),
                              ("LINEBELOW", (0, -1), (-1, -1), 0.8, "black"),
                              ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    out.append(info)
    return out


def _span(rec: RecordData, a: datetime | None, b: datetime | None) -> str:
    w = rec.words
    if a is None:
        return w.translate("record", "not started")
    if b is None:
        return f"{record_time(rec, a)} – " + w.translate("record", "running")
    return f"{record_time(rec, a)} – {record_time(rec, b)} ({duration(b - a)})"


