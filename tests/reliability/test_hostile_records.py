"""Hostile input for corrections, entered-in-error, check-in and patient registration: saved
and read back exactly, or refused (naming the field) with nothing written."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.clinical.policy import DOSE_UNITS, ROUTES
from chairlog.domain.describe import ACTIONS, ENTRY_FIELDS, SEVERITIES, SIDE_EFFECTS
from chairlog.services import charting, corrections, doses, patients, sessions, views
from tests.reliability.helpers.dbs import CHECK, VITALS
from tests.reliability.helpers.hostile import (
    HOSTILE,
    Sessions,
    anything,
    as_number,
    hostile_clinic,
    hostile_text,
    mostly,
    notes,
    number_in,
    reasons,
    record_ids,
    text_or,
)

TEXT_FIELDS = {"text", "drug", "override_reason", "escort_name", "rhythm"}
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "hr": number_in(20, 250, integer=True), "sbp": number_in(90, 300, integer=True),
    "dbp": number_in(20, 89, integer=True), "spo2": number_in(50, 100, integer=True),
    "rr": number_in(4, 60, integer=True), "etco2": number_in(5, 100, integer=True),
    "temp_c": number_in(30, 43), "rhythm": notes, "text": notes, "drug": notes,
    "dose_amount": number_in(0, 50), "dose_unit": text_or(DOSE_UNITS), "route": text_or(ROUTES),
    "effect_type": text_or(SIDE_EFFECTS), "severity": text_or(SEVERITIES),
    "action_taken": text_or(ACTIONS), "score": number_in(0, 10, integer=True),
    "rate": number_in(0, 2), "unit": text_or(["mg/kg/h", "mg/h", "mL/h"]),
    "override_reason": notes, "done": st.booleans(),
}
KINDS = ["vitals", "note", "dose", "medication", "side_effect", "assessment", "checklist"]


def report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print("\n" + line)


def make_entry(h: Any, pool: Sessions, kind: str) -> Any:
    """A fresh entry of ``kind`` to correct (returns the session id and the entry view)."""
    app, nurse = h.app, h.st.nurse
    s = pool.get("infusing")
    make = {
        "vitals": lambda: charting.record_vitals(app, nurse, s.id, VITALS),
        "note": lambda: charting.add_note(app, nurse, s.id, "a note to correct"),
        # the pooled session runs for many examples: past its total, the limit needs a reason
        "dose": lambda: doses.change_rate(app, nurse, s.id, 0.6,
                                          override_reason="long test session",
                                          checked_by=CHECK),
        "medication": lambda: charting.record_medication(app, nurse, s.id, "ondansetron", 4,
                                                         "mg", "IV"),
        "side_effect": lambda: charting.record_side_effect(app, nurse, s.id, "nausea", "mild"),
        "assessment": lambda: charting.record_assessment(app, nurse, s.id, "pain_nrs", 5),
        "checklist": lambda: charting.complete_checklist_item(app, nurse, s.id, "consent"),
    }
    return s.id, make[kind]().entry


changes_for = st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(
    st.just(kind),
    st.dictionaries(mostly(st.sampled_from([f for f in FIELD_VALUES
                                            if f in ENTRY_FIELDS[kind] or
                                            (kind == "dose" and f in ("rate", "unit"))]
                                           or ["text"]),
                           st.sampled_from(["status", "id", "session_id", "bogus", "kind",
                                            "user_id", "supersedes_id", "hr", "text"])),
                    anything, max_size=3).flatmap(
        lambda d: st.fixed_dictionaries({k: mostly(FIELD_VALUES.get(k, anything), anything)
                                         for k in d}))))


def test_corrections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(case=changes_for, reason=reasons)
        def run(case: tuple[str, dict[str, Any]], reason: Any) -> None:
            kind, changes = case
            h.app.clock.advance(seconds=30)
            sid, old = make_entry(h, pool, kind)
            r = h.attempt(lambda: corrections.correct_entry(h.app, h.st.nurse, old.id, reason,
                                                            **changes),
                          # a dose correction can push the session's total over the protocol
                          # maximum: LimitExceeded names "total" (its documented field)
                          ["reason", "changes", *changes, *ENTRY_FIELDS[kind], "items",
                           *(["total"] if kind == "dose" else [])])
            if r is None:
                return
            v = views.get_session(h.app, sid)
            new = next(e for e in v.entries if e.id == r.entry.id)
            before = next(e for e in v.entries if e.id == old.id)
            assert new == r.entry and new.supersedes_id == old.id
            assert before.status.value == "corrected" and before.superseded_by_id == new.id
            assert before.data == old.data  # the original keeps its values
            for k, val in changes.items():
                if k in TEXT_FIELDS:  # None counts as empty text
                    assert new.data[k] == ((val or "").strip() or None)
                elif k in ("etco2", "temp_c") and (val is None or str(val).strip() == ""):
                    assert new.data[k] is None
                elif k in ("hr", "sbp", "dbp", "spo2", "rr", "etco2", "score"):
                    assert new.data[k] == int(as_number(val))
                elif k in ("dose_amount", "temp_c"):
                    want = round(as_number(val), 1) if k == "temp_c" else as_number(val)
                    assert new.data[k] == want
            for k in set(old.data) - set(changes) - {"rate_mg_per_kg_h", "rate_mg_per_h",
                                                    "rate_ml_per_h", "entered_unit"}:
                assert new.data[k] == old.data[k] or k in TEXT_FIELDS, k

        run()
        report(capsys, h.summary("correct_entry"))


def test_entered_in_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(kind=st.sampled_from(["vitals", "note", "dose", "medication"]), reason=reasons,
               which=mostly(st.none(), record_ids))
        def run(kind: str, reason: Any, which: Any) -> None:
            _sid, e = make_entry(h, pool, kind)
            target = e.id if which is None else which
            r = h.attempt(lambda: corrections.mark_entered_in_error(h.app, h.st.nurse, target,
                                                                    reason),
                          ["reason", "entry_id"])
            if r is None:
                return
            where = views.get_session(h.app, r.entry.session_id)  # any session's entry id
            back = next(x for x in where.entries if x.id == target)
            assert back == r.entry and back.status.value == "entered_in_error"
            assert back.invalidation_reason == reason.strip()
            assert target != e.id or back.data == e.data  # the values stay as charted

        run()
        report(capsys, h.summary("mark_entered_in_error"))


def test_start_session(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path, chairs=2) as h:
        made = iter(range(1, 10**6))

        @HOSTILE
        @given(weight=number_in(2, 400), use_chair=mostly(st.sampled_from([0, 1]).map(str),
                                                          record_ids),
               use_proto=mostly(st.sampled_from(["chronic-pain-titrated", "trd-0.5-over-40"]),
                                record_ids),
               new_patient=mostly(st.just(True), st.one_of(st.just(False), record_ids)))
        def run(weight: Any, use_chair: Any, use_proto: Any, new_patient: Any) -> None:
            st_ = h.st
            chair = st_.chairs[int(use_chair)].id if isinstance(use_chair, str) else use_chair
            proto = st_.protocols[use_proto].id if isinstance(use_proto, str) else use_proto
            if new_patient is True:
                patient = patients.create_patient(h.app, st_.nurse, mrn=f"S{next(made)}",
                                                  family_name="New", given_name="Patient").id
            else:
                patient = st_.patients[0].id if new_patient is False else new_patient
            v = h.attempt(lambda: sessions.start_session(
                h.app, st_.nurse, patient_id=patient, chair_id=chair, protocol_id=proto,
                weight_kg=weight), ["weight_kg", "patient_id", "chair_id", "protocol_id"])
            if v is None:
                return
            assert views.get_session(h.app, v.id) == v
            assert v.weight_kg == as_number(weight) and v.chair.id == chair
            assert v.patient.id == patient and v.state.value == "pre_infusion"
            sessions.stop_early(h.app, st_.nurse, v.id, "example over")

        run()
        report(capsys, h.summary("start_session"))


dates = st.one_of(st.dates(date(1900, 1, 1), date(2026, 3, 1)),
                  st.dates(date(1900, 1, 1), date(2026, 3, 1)).map(date.isoformat))
hostile_dates = st.one_of(st.dates(), st.datetimes(), hostile_text, anything,
                          st.sampled_from(["2020-13-01", "2020-02-30", "1899-12-31", "3000-01-01",
                                           "01/02/1980", " 1980-05-01 ", "19800501"]))


def test_create_patient(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        serial = iter(range(1, 10**6))

        @HOSTILE
        @given(mrn=mostly(st.just(None), hostile_text),
               family=mostly(st.text(min_size=1, max_size=30), hostile_text),
               given_=mostly(st.text(min_size=1, max_size=30), hostile_text),
               dob=mostly(st.one_of(st.none(), dates), hostile_dates),
               sex=text_or(patients.SEXES), allergies=notes, notes_=notes)
        def run(mrn: Any, family: Any, given_: Any, dob: Any, sex: Any, allergies: Any,
                notes_: Any) -> None:
            mrn = f"P-{next(serial)}" if mrn is None else mrn
            p = h.attempt(lambda: patients.create_patient(
                h.app, h.st.nurse, mrn=mrn, family_name=family, given_name=given_,
                date_of_birth=dob, sex=sex, allergies=allergies, notes=notes_),
                ["mrn", "family_name", "given_name", "date_of_birth", "sex", "allergies",
                 "notes"])
            if p is None:
                return
            assert patients.get_patient(h.app, p.id) == p
            assert (p.mrn, p.family_name, p.given_name) == (mrn.strip(), family.strip(),
                                                            given_.strip())
            assert p.date_of_birth == (date.fromisoformat(dob.strip()) if isinstance(dob, str)
                                       and dob.strip() else dob or None)
            assert not isinstance(p.date_of_birth, datetime)
            assert (p.sex, p.allergies, p.notes) == (sex, allergies.strip(), notes_.strip())

        run()
        report(capsys, h.summary("create_patient"))
