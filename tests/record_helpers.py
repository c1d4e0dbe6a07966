"""Build realistic, complete sessions through the services (with the FixedClock), for the
record PDF, sign-off, CLI and dialog tests; and read PDFs back with poppler."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from chairlog.services import charting, corrections, doses
from tests.conftest import Clinic, ready_to_infuse

CRITERIA = {k: True for k in charting.DISCHARGE_CRITERIA}


def discharged_session(c: Clinic, *, patient: Any = None, chair: int = 0, minutes: int = 60,
                       interval: int = 15, extras: bool = True) -> int:
    """A finished session: pre-infusion, infusion with a titration, vitals, a side effect
    treated and resolved, assessments, a corrected and an entered-in-error entry, a late
    entry, stop, post-infusion vitals, discharge. Returns the session id."""
    s = ready_to_infuse(c, patient=patient, chair=chair)
    sid = s.id
    app, nurse = c.app, c.nurse
    c.clock.advance(minutes=5)
    doses.start_infusion(app, nurse, sid, 0.5)
    elapsed = 0
    step = 0
    while elapsed + interval <= minutes:
        c.clock.advance(minutes=interval)
        elapsed += interval
        step += 1
        charting.record_vitals(app, nurse, sid, {"hr": 70 + step % 7, "sbp": 118 + step,
                                                 "dbp": 72 + step % 5, "spo2": 97, "rr": 14})
        if extras and step == 1:
            doses.change_rate(app, nurse, sid, 0.8, note="Tolerating well")
        if extras and step == 2:
            se = charting.record_side_effect(app, nurse, sid, "nausea", "mild", "rescue_med")
            charting.record_medication(app, c.nurse2, sid, "ondansetron", 4, "mg", "IV",
                                       treats_entry_id=se.entry.id)
            charting.record_assessment(app, nurse, sid, "moaas", 5)
            charting.record_assessment(app, nurse, sid, "cadss6", items=[1, 0, 1, 0, 0, 0])
            c.clock.advance(minutes=3)
            charting.resolve_side_effect(app, nurse, se.entry.id)
    if extras:
        wrong = charting.record_vitals(app, nurse, sid, {"hr": 150, "sbp": 121, "dbp": 75,
                                                         "spo2": 97, "rr": 14})
        corrections.correct_entry(app, nurse, wrong.entry.id, "Typo: HR was 105", hr=105)
        for alert in wrong.alerts:
            charting.acknowledge_alert(app, nurse, alert.id, "Typing error, corrected")
        note = charting.add_note(app, nurse, sid, "Patient asks for dim light & music <quiet>")
        corrections.mark_entered_in_error(app, nurse, note.entry.id, "Wrong patient's note")
        charting.add_note(app, nurse, sid, "Calm, talking with escort. BP < 140 & steady.")
        late_at = c.clock.now()
        c.clock.advance(minutes=20)
        charting.record_vitals(app, c.nurse2, sid, {"hr": 74, "sbp": 124, "dbp": 76, "spo2": 98,
                                                    "rr": 15}, charted_at=late_at)
    doses.stop_infusion(app, nurse, sid)
    for _ in range(4):
        c.clock.advance(minutes=15)
        charting.record_vitals(app, nurse, sid, {"hr": 68, "sbp": 116, "dbp": 70, "spo2": 98,
                                                 "rr": 13})
    charting.record_assessment(app, nurse, sid, "pain_nrs", 3, phase="after")
    charting.record_assessment(app, nurse, sid, "aldrete", items=[2, 2, 2, 2, 2],
                               phase="discharge")
    c.clock.advance(minutes=2)
    charting.discharge(app, nurse, sid, criteria=CRITERIA, escort_name="Maria (sister)",
                       instructions_given=True, instructions="No driving for 24 h.")
    return sid


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    """Run a poppler tool on ``pdf``; HOME is private so no user NSS database is used."""
    path = tmp_path / f"in-{tool}.pdf"
    path.write_bytes(pdf)
    env = {**os.environ, "HOME": str(tmp_path)}
    cmd = [tool, *args, str(path)] + (["-"] if tool == "pdftotext" else [])
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
    return done.stdout + done.stderr


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    return poppler("pdftotext", pdf, tmp_path, "-layout")


def flat(text: str) -> str:
    """Text with all runs of white space made one space (phrases wrapped in a cell join)."""
    return " ".join(text.split())


def nss_db(tmp_path: Path, ca_pem: bytes) -> Path:
    """A fresh NSS database trusting only the clinic authority (for pdfsig)."""
    db = tmp_path / "nssdb"
    db.mkdir(exist_ok=True)
    ca = tmp_path / "clinic-ca.pem"
    ca.write_bytes(ca_pem)
    env = {**os.environ, "HOME": str(tmp_path)}
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], check=True,
                   env=env, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{db}", "-n", "clinic", "-t", "C,C,C", "-i",
                    str(ca)], check=True, env=env, capture_output=True)
    return db


def flip(data: bytes, position: int) -> bytes:
    out = bytearray(data)
    out[position] ^= 0x01
    return bytes(out)
