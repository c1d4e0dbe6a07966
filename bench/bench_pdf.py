"""The record PDF of a 4-hour session: export (unsigned draft) and physician sign-off.

The session is charted through the services on a copy of the demo database, with a fixed
clock: baseline, a 240-minute infusion with vitals every 5 min (and 60 min of monitoring at
the same rate), and 60 other entries (checklist, titration, pause/resume, side effects and a
rescue medication, sedation / dissociation / pain scores, notes, discharge). Several such
sessions are charted so that signing can be timed more than once (a record is signed once).

Export: ``records.export_record`` — the first call (which imports reportlab and loads the
fonts) is reported separately from the median of the following calls. Signing:
``signoff.sign_session`` with the physician's password, which includes decrypting the
physician's key (scrypt, a deliberate cost, timed on its own too).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import (
    DEMO_DOCTOR,
    DEMO_NURSE,
    Config,
    Figure,
    copy_db,
    median,
    missing_module,
    timed,
    unfinished,
    url,
)

OTHER_ENTRIES = 60


def chart_four_hour_session(app: Any, clock: Any, nurse: Any, patient_id: int, chair_id: int,
                            protocol_id: int, start: datetime) -> tuple[int, int]:
    """Returns (session id, number of entries). Non-vitals entries: exactly OTHER_ENTRIES."""
    from chairlog.services import charting, doses, sessions

    clock.set(start)
    s = sessions.start_session(app, nurse, patient_id=patient_id, chair_id=chair_id,
                               protocol_id=protocol_id, weight_kg=74.0)
    sid = s.id
    other = 0
    for item in s.protocol.checklist:
        clock.advance(seconds=30)
        charting.complete_checklist_item(app, nurse, sid, item.key)
        other += 1
    clock.advance(minutes=2)
    charting.record_vitals(app, nurse, sid, {"hr": 74, "sbp": 124, "dbp": 78, "spo2": 98,
                                             "rr": 14})
    charting.record_assessment(app, nurse, sid, "pain_nrs", 7)
    charting.record_assessment(app, nurse, sid, "mood_nrs", 4)
    other += 2
    t0 = start + timedelta(minutes=15)
    clock.set(t0)
    doses.start_infusion(app, nurse, sid, 0.5)
    other += 1
    side: dict[int, Any] = {}
    for minute in range(5, 241, 5):
        clock.set(t0 + timedelta(minutes=minute))
        drift = min(minute // 10, 16)
        charting.record_vitals(app, nurse, sid, {"hr": 76 + minute % 7, "sbp": 124 + drift,
                                                 "dbp": 78 + drift // 2, "spo2": 97, "rr": 14})
        clock.advance(seconds=40)
        if minute == 15:
            doses.change_rate(app, nurse, sid, 1.0, note="Tolerating well; titrated")
            other += 1
        elif minute == 30:
            doses.change_rate(app, nurse, sid, 1.25, note="Pain still 5/10")
            other += 1
        elif minute == 50:
            side[0] = charting.record_side_effect(app, nurse, sid, "nausea", "moderate",
                                                  "rescue_med").entry.id
            charting.record_medication(app, nurse, sid, "ondansetron", 4, "mg", "IV",
                                       treats_entry_id=side[0])
            other += 2
        elif minute == 75:
            charting.resolve_side_effect(app, nurse, side[0])
        elif minute == 100:
            side[1] = charting.record_side_effect(app, nurse, sid, "dizziness", "mild",
                                                  "paused").entry.id
            doses.pause_infusion(app, nurse, sid, "Dizziness")
            other += 2
        elif minute == 110:
            doses.resume_infusion(app, nurse, sid)
            charting.resolve_side_effect(app, nurse, side[1])
            other += 1
        elif minute == 150:
            charting.record_side_effect(app, nurse, sid, "headache", "mild", "none")
            other += 1
        if minute % 30 == 0:
            charting.record_assessment(app, nurse, sid, "moaas", 5)
            other += 1
        if minute % 60 == 0:
            charting.record_assessment(app, nurse, sid, "cadss6", items=[1, 1, 0, 1, 0, 0])
            charting.record_assessment(app, nurse, sid, "pain_nrs", max(2, 7 - minute // 60))
            other += 2
    clock.set(t0 + timedelta(minutes=240))
    doses.stop_infusion(app, nurse, sid)
    other += 1
    for minute in range(5, 61, 5):
        clock.set(t0 + timedelta(minutes=240 + minute))
        charting.record_vitals(app, nurse, sid, {"hr": 74, "sbp": 126, "dbp": 79, "spo2": 98,
                                                 "rr": 14})
    clock.advance(minutes=1)
    charting.record_assessment(app, nurse, sid, "pain_nrs", 3, phase="after")
    charting.record_assessment(app, nurse, sid, "aldrete", items=[2, 2, 2, 2, 2],
                               phase="discharge")
    other += 2
    notes_needed = OTHER_ENTRIES - other - 1  # the discharge entry is the last one
    for i in range(notes_needed):
        charting.add_note(app, nurse, sid, f"Observation {i + 1}: resting comfortably, "
                          "eyes closed, responds to voice.")
    clock.advance(minutes=2)
    v = charting.discharge(app, nurse, sid, criteria={k: True for k in charting.DISCHARGE_CRITERIA},
                           escort_name="Maria Núñez (sister)", instructions_given=True,
                           instructions="No driving for 24 h; no alcohol or sedatives today.")
    return sid, len(v.session.entries)


def run(cfg: Config, demo: Path) -> list[Figure]:
    name_export = "Export the PDF of a 4-hour session (vitals every 5 min, 60 other entries)"
    name_sign = "Sign it (PAdES, physician's key unlocked with the password)"
    missing = missing_module("chairlog.services.records", "chairlog.services.signoff",
                             "chairlog.reports.record_pdf")
    if missing:
        why = f"{missing} does not exist yet"
        return [unfinished("pdf_export", name_export, "s", why, target=0.5),
                unfinished("pdf_sign", name_sign, "s", why, target=0.5)]
    from chairlog.clinical.clock import FixedClock
    from chairlog.services import accounts, keys, open_app, patients, protocols, records, signoff

    n_sign = cfg.n_sign
    db = copy_db(demo, cfg.workdir / "scratch-pdf.sqlite3")
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
    clock = FixedClock(start)
    app = open_app(url(db), clock=clock)
    try:
        nurse = accounts.login(app, *DEMO_NURSE)
        doctor = accounts.login(app, *DEMO_DOCTOR)
        proto = next(p for p in protocols.list_protocols(app) if p.key == "chronic-pain-titrated")
        chair = protocols.list_chairs(app)[-1]
        sids = []
        for i in range(n_sign):
            pt = patients.create_patient(app, nurse, mrn=f"BENCH-PDF-{i + 1}",
                                         family_name="Wiśniewska", given_name=f"Łucja {i + 1}",
                                         date_of_birth="1975-04-12", sex="female")
            sid, n_entries = chart_four_hour_session(app, clock, nurse, pt.id, chair.id,
                                                     proto.id, start + timedelta(hours=6 * i))
            sids.append(sid)
        clock.set(start + timedelta(hours=6 * n_sign + 1))
        first, pdf = timed(lambda: records.export_record(app, sids[0]))
        exports = [timed(lambda: records.export_record(app, sids[0]))[0] for _ in range(5)]
        unlock = [timed(lambda: keys.unlock_signing_key(app, doctor, DEMO_DOCTOR[1])
                         .close())[0] for _ in range(2)]
        signs = []
        for sid in sids:
            clock.advance(minutes=5)
            signs.append(timed(lambda s=sid: signoff.sign_session(app, doctor, s,
                                                                   DEMO_DOCTOR[1]))[0])
        signed = records.export_record(app, sids[0])
    finally:
        app.close()
    return [
        Figure("pdf_export", name_export, "s", target=0.5, value=median(exports),
               note=(f"median of 5 after a first call of {first:.2f} s (reportlab import, "
                     f"fonts); {n_entries} entries, {len(pdf) // 1024} kB"),
               extra={"first_s": first, "runs_s": exports, "entries": n_entries,
                      "pdf_bytes": len(pdf)}),
        Figure("pdf_sign", name_sign, "s", target=0.5, value=median(signs),
               note=(f"median of {len(signs)} sessions (first {signs[0]:.2f} s incl. pyHanko "
                     f"import); of which key unlock (scrypt) ≈ {median(unlock):.2f} s; "
                     f"signed file {len(signed) // 1024} kB"),
               extra={"runs_s": signs, "key_unlock_s": unlock, "signed_bytes": len(signed)}),
    ]

