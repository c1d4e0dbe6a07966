"""The session record PDF: content, reproducibility, pagination, fonts, black and white."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from chairlog.reports.model import local_time, record_id, since_start
from chairlog.reports.record_pdf import build_record_pdf, render_record
from chairlog.reports.timeline import timeline_rows
from chairlog.services import accounts, charting, doses, patients, records, sessions
from tests.conftest import Clinic, ready_to_infuse
from tests.record_helpers import CRITERIA, discharged_session, flat, pdf_text, poppler

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler missing")


def test_unsigned_export_is_reproducible_and_marked_draft(clinic: Clinic, tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    first = records.export_record(clinic.app, sid)
    clinic.clock.advance(hours=3)  # export time must not leak into the file
    second = records.export_record(clinic.app, sid)
    assert first == second
    assert first.startswith(b"%PDF-")
    text = pdf_text(first, tmp_path)
    assert "UNSIGNED DRAFT" in text
    label = records.read_label(first)
    assert label is not None and label.record_id == record_id(sid) and not label.signed


def test_unsigned_export_is_identical_in_another_process(clinic: Clinic) -> None:
    sid = discharged_session(clinic, extras=False)
    here = hashlib.sha256(records.export_record(clinic.app, sid)).hexdigest()
    code = ("import hashlib, sys\n"
            "from chairlog.services import open_app, records\n"
            "app = open_app(sys.argv[1])\n"
            "print(hashlib.sha256(records.export_record(app, int(sys.argv[2]))).hexdigest())\n")
    done = subprocess.run([sys.executable, "-c", code, clinic.app.db.url, str(sid)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == here


def test_header_and_clinical_sections(clinic: Clinic, tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    text = pdf_text(records.export_record(clinic.app, sid), tmp_path)
    for expected in ("Ketamine infusion session record", "Test Clinic", "Ødegård, Zoë", "M001",
                     "1980-05-01 (age 45)", "female", "Penicillin", "80 kg",
                     "Chair 1", "(version 1)", "Nina Nurse, RN", "Omar Øster, RN",
                     f"{record_id(sid)}, version 1", "Pre-infusion checklist and baseline",
                     "✓ done", "Baseline vitals", "Dose summary", "mg/kg/h", "mg/h", "mL/h",
                     "Cumulative dose", "Infusion running time", "Vital signs", "Alerts",
                     "Typing error, corrected", "Side effects", "Nausea", "Rescue medication",
                     "ondansetron 4 mg IV", "resolved", "Assessments", "MOAA/S",
                     "CADSS-6", "Modified Aldrete", "Pain NRS before 7 → after 3",
                     "Discharge", "Maria (sister)", "Written instructions given", "Notes",
                     "BP < 140 & steady.", "Timeline", "Physician signature"):
        assert expected in text, expected
    # a 60-minute infusion at 0.5 then 0.8 mg/kg/h for 80 kg: periods in all three units
    assert re.search(r"0\.5\s+40\s+40\s", text)
    assert re.search(r"0\.8\s+64\s+64\s", text)


def test_timeline_times_offsets_late_entries_and_corrections(clinic: Clinic,
                                                             tmp_path: Path) -> None:
    sid = discharged_session(clinic)
    rec = records.record_data(clinic.app, sid)
    text = pdf_text(records.export_record(clinic.app, sid), tmp_path)
    start = rec.session.infusion_started_at
    assert start is not None
    # clinic time zone Europe/Berlin: local time carries +01:00; time since infusion start
    assert re.search(re.escape(local_time(start, rec.tz)) + r"\s+\+0:00", text)
    one = flat(text)
    assert "LATE ENTRY — recorded" in one
    assert "Corrected by Nina Nurse, RN" in one and "Typo: HR was 105" in one
    assert "Entered in error — marked by Nina Nurse, RN" in one
    assert "Wrong patient's note" in one
    # the originals stay in the record, struck through
    rows = {ident: markup for _at, _k, ident, markup, _who in timeline_rows(rec)}
    struck = [m for m in rows.values() if m.startswith("<strike>")]
    assert len(struck) == 2
    assert any("HR 150" in m for m in struck)
    assert any("dim light &amp; music &lt;quiet&gt;" in m for m in struck)
    assert since_start(start - timedelta(minutes=7), start) == "−0:07"
    assert since_start(start + timedelta(hours=2, minutes=5), start) == "+2:05"


def test_four_hour_session_with_five_minute_vitals_paginates(clinic: Clinic,
                                                             tmp_path: Path) -> None:
    app, nurse, clock = clinic.app, clinic.nurse, clinic.clock
    s = ready_to_infuse(clinic)
    clock.advance(minutes=5)
    doses.start_infusion(app, nurse, s.id, 0.35)
    expected: set[tuple[int, int]] = set()
    for i in range(1, 49):  # every 5 min for 4 h
        clock.advance(minutes=5)
        v = {"hr": 60 + i % 30, "sbp": 100 + i, "dbp": 60 + i % 20, "spo2": 96 + i % 4, "rr": 14}
        charting.record_vitals(app, nurse, s.id, v)
        expected.add((v["sbp"], v["dbp"]))
    doses.stop_infusion(app, nurse, s.id)
    clock.advance(minutes=60)
    charting.record_vitals(app, nurse, s.id, {"hr": 70, "sbp": 99, "dbp": 61, "spo2": 98,
                                              "rr": 14})
    expected.add((99, 61))
    charting.record_assessment(app, nurse, s.id, "aldrete", items=[2, 2, 2, 2, 2])
    charting.discharge(app, nurse, s.id, criteria=CRITERIA, escort_name="Tom",
                       instructions_given=True)
    rendered = render_record(records.record_data(app, s.id), paper="A4", draft=True)
    assert rendered.pages > 1
    text = pdf_text(rendered.pdf, tmp_path)
    # every vitals row of the table: "HH:MM +01:00  +H:MM  HR  SBP/DBP  MAP ..."
    row = re.compile(r"^\s*\d\d:\d\d [+-]\d\d:\d\d\s+[+−]\d+:\d\d\s+\d+\s+(\d+)/(\d+)\s+\d+\s",
                     re.M)
    found = {(int(a), int(b)) for a, b in row.findall(text)}
    assert expected <= found
    assert f"Page 1 of {rendered.pages}" in text
    assert f"Page {rendered.pages} of {rendered.pages}" in text
    assert text.count(f"{record_id(s.id)} v1") == rendered.pages
    assert "Cumulative dose 112 mg = 1.4 mg/kg" in text  # 0.35 mg/kg/h × 80 kg × 4 h


def test_non_ascii_names_render_with_embedded_dejavu(clinic: Clinic, tmp_path: Path) -> None:
    p = patients.create_patient(clinic.app, clinic.nurse, mrn="M777", family_name="Nguyễn",
                                given_name="Văn Minh", allergies="Łatex (Wiśniewska protocol)")
    sid = discharged_session(clinic, patient=p, extras=False)
    pdf = records.export_record(clinic.app, sid)
    text = pdf_text(pdf, tmp_path)
    assert "Nguyễn, Văn Minh" in text
    assert "Łatex (Wiśniewska protocol)" in text
    assert "Omar Øster" not in text  # nurse2 charted nothing in this session
    fonts = poppler("pdffonts", pdf, tmp_path)
    assert "DejaVuSans" in fonts and "DejaVuSans-Bold" in fonts
    for line in fonts.splitlines():
        if "DejaVu" in line:
            assert " yes " in line  # embedded


def test_paper_size_follows_clinic_setting_and_can_be_overridden(clinic: Clinic,
                                                                 tmp_path: Path) -> None:
    sid = discharged_session(clinic, extras=False)
    a4 = poppler("pdfinfo", records.export_record(clinic.app, sid), tmp_path)
    assert "595.276 x 841.89 pts (A4)" in a4
    accounts.update_clinic(clinic.app, clinic.admin,
                           expected_version=accounts.get_clinic(clinic.app).version,
                           paper_size="Letter")
    letter = poppler("pdfinfo", records.export_record(clinic.app, sid), tmp_path)
    assert "612 x 792 pts (letter)" in letter
    forced = poppler("pdfinfo", records.export_record(clinic.app, sid, paper="A4"), tmp_path)
    assert "(A4)" in forced
    with pytest.raises(ValueError):
        build_record_pdf(records.record_data(clinic.app, sid), paper="A5")


def test_stopped_early_record_shows_the_reason(clinic: Clinic, tmp_path: Path) -> None:
    s = sessions.start_session(clinic.app, clinic.nurse, patient_id=clinic.patient2.id,
                               chair_id=clinic.chairs[1].id,
                               protocol_id=clinic.protocols["chronic-pain-titrated"].id,
                               weight_kg=70)
    sessions.stop_early(clinic.app, clinic.nurse, s.id, "BP 190/115 at check-in")
    text = pdf_text(records.export_record(clinic.app, s.id), tmp_path)
    assert "Session ended before the infusion" in text
    assert "BP 190/115 at check-in" in text
    assert "No ketamine dose recorded." in text
    assert "Núñez, José" in text


def test_vitals_chart_is_greyscale_and_series_differ_without_colour(clinic: Clinic) -> None:
    from reportlab.graphics.shapes import Group

    from chairlog.reports.chart import SERIES, vitals_chart

    sid = discharged_session(clinic)
    drawing = vitals_chart(records.record_data(clinic.app, sid), 500)
    assert drawing is not None
    seen = 0

    def walk(node: object) -> None:
        nonlocal seen
        for child in getattr(node, "contents", []):
            if isinstance(child, Group):
                walk(child)
                continue
            for attr in ("strokeColor", "fillColor"):
                col = getattr(child, attr, None)
                if col is not None:
                    seen += 1
                    assert col.red == col.green == col.blue, (child, attr, col)

    walk(drawing)
    assert seen > 100
    styles = {(marker, tuple(dash or ())) for _k, _l, marker, dash in SERIES}
    assert len(styles) == len(SERIES)
    assert len({marker for _k, _l, marker, _d in SERIES}) == len(SERIES)


def test_reportlab_and_pyhanko_are_not_imported_at_start() -> None:
    code = ("import sys, chairlog.cli, chairlog.services.signoff, chairlog.services.records, "
            "chairlog.cli.records\n"
            "bad = [m for m in ('reportlab', 'pyhanko') if m in sys.modules]\n"
            "assert not bad, bad\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
