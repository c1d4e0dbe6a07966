"""Hostile input at the chair: every charting service given random numbers (negative, NaN,
infinite, huge, as text) and strings (empty, 10 000 characters, control characters, RTL, emoji,
SQL) either saves exactly what it was given (read back through ``views.get_session``) or
refuses with a ChairlogError naming the field, writing nothing. See helpers/hostile.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.clinical.dosing import RateUnit, convert_rate
from chairlog.clinical.policy import DEFAULT_RESCUE_MEDS, DOSE_UNITS, ROUTES
from chairlog.clinical.scales import SCALES, Scale
from chairlog.domain.describe import ACTIONS, SEVERITIES, SIDE_EFFECTS
from chairlog.services import charting, doses, views
from tests.reliability.helpers.dbs import CHECK, PASSWORD, VITALS
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
    plausible_number,
    record_ids,
    text_or,
)

VITAL_RANGES = {"hr": (20, 250), "sbp": (50, 300), "dbp": (20, 200), "spo2": (50, 100),
                "rr": (4, 60), "etco2": (5, 100), "temp_c": (30, 43)}
UNITS = [u.value for u in RateUnit]

RESCUE_NAMES = [m.name for m in DEFAULT_RESCUE_MEDS]


def stored(app: Any, session_id: int, entry_id: int) -> Any:
    return next(e for e in views.get_session(app, session_id).entries if e.id == entry_id)


def text_back(raw: Any) -> str | None:
    return raw.strip() or None


def blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print("\n" + line)


hostile_vitals = st.fixed_dictionaries(
    {k: number_in(lo, hi, integer=k != "temp_c") for k, (lo, hi) in VITAL_RANGES.items()
     if k not in ("etco2", "temp_c")},
    optional={"etco2": st.one_of(st.none(), number_in(5, 100, integer=True)),
              "temp_c": st.one_of(st.none(), number_in(30, 43)),
              "rhythm": st.one_of(st.none(), hostile_text), "unknown_key": anything})
plausible_vitals = st.fixed_dictionaries(
    {"hr": plausible_number(20, 250, integer=True), "sbp": plausible_number(90, 300, integer=True),
     "dbp": plausible_number(20, 89, integer=True), "spo2": plausible_number(50, 100, integer=True),
     "rr": plausible_number(4, 60, integer=True)},
    optional={"etco2": st.one_of(st.none(), st.just(""), plausible_number(5, 100, integer=True)),
              "temp_c": st.one_of(st.none(), plausible_number(30, 43)),
              "rhythm": st.one_of(st.none(), notes)})
vitals_sets = mostly(plausible_vitals, hostile_vitals)


def _plausible_assessment(sc: Scale) -> st.SearchStrategy[tuple[Any, ...]]:
    spec = SCALES[sc]
    items = (st.one_of(st.none(), st.lists(st.integers(spec.item_low, spec.item_high),
                                           min_size=spec.items, max_size=spec.items))
             if spec.items else st.none())
    return st.tuples(st.just(sc.value), st.integers(spec.low, spec.high), items,
                     st.one_of(st.none(), st.sampled_from(charting.PHASES)), notes)


assessments = mostly(
    st.sampled_from(list(Scale)).flatmap(_plausible_assessment),
    st.tuples(text_or([s.value for s in Scale]),
              st.one_of(st.none(), number_in(-5, 24, integer=True)),
              st.one_of(st.none(), st.lists(number_in(0, 4, integer=True), max_size=7)),
              st.one_of(st.none(), text_or(charting.PHASES)), hostile_text))


def test_vitals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(values=vitals_sets)
        def run(values: dict[str, Any]) -> None:
            s = pool.get("infusing")
            unknown = [str(k) for k in values if k not in (*VITAL_RANGES, "rhythm")]
            r = h.attempt(lambda: charting.record_vitals(h.app, h.st.nurse, s.id, values),
                          ["values", *VITAL_RANGES, "rhythm", *unknown])
            assert r is None or not unknown, "an unknown key was accepted"
            if r is None:
                return
            e = stored(h.app, s.id, r.entry.id)
            assert e == r.entry
            for k in ("hr", "sbp", "dbp", "spo2", "rr"):
                assert e.data[k] == int(as_number(values[k])) and type(e.data[k]) is int
            etco2, temp = values.get("etco2"), values.get("temp_c")
            assert e.data["etco2"] == (None if blank(etco2) else int(as_number(etco2)))
            assert e.data["temp_c"] == (None if blank(temp) else round(as_number(temp), 1))
            rhythm = values.get("rhythm")
            assert e.data["rhythm"] == (text_back(rhythm) if isinstance(rhythm, str) else None)

        run()
        report(capsys, h.summary("record_vitals"))


def test_assessments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(case=assessments)
        def run(case: tuple[Any, ...]) -> None:
            scale, score, items, phase, note = case
            s = pool.get("infusing")
            r = h.attempt(lambda: charting.record_assessment(
                h.app, h.st.nurse, s.id, scale, score, items=items, phase=phase, note=note),
                ["scale", "score", "items", "phase", "note"])
            if r is None:
                return
            e = stored(h.app, s.id, r.entry.id)
            assert e == r.entry
            assert e.data["scale"] == scale and e.data["text"] == text_back(note)
            itemised = SCALES[Scale(scale)].items and items is not None
            expected = (sum(int(as_number(i)) for i in items) if itemised
                        else int(as_number(score)))
            assert e.data["score"] == expected
            assert e.data["phase"] == (phase or "during")

        run()
        report(capsys, h.summary("record_assessment"))


def test_side_effects_medications_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(kind=st.sampled_from(["side_effect", "medication", "note"]),
               effect=text_or(SIDE_EFFECTS), severity=text_or(SEVERITIES),
               action=text_or(ACTIONS), drug=st.one_of(text_or(RESCUE_NAMES), hostile_text),
               amount=number_in(0, 100), unit=text_or(DOSE_UNITS), route=text_or(ROUTES),
               treats=st.one_of(st.none(), record_ids), note=notes)
        def run(kind: str, effect: Any, severity: Any, action: Any, drug: Any, amount: Any,
                unit: Any, route: Any, treats: Any, note: Any) -> None:
            s = pool.get("infusing")
            app, nurse = h.app, h.st.nurse
            if kind == "side_effect":
                r = h.attempt(lambda: charting.record_side_effect(
                    app, nurse, s.id, effect, severity, action, note=note),
                    ["effect_type", "severity", "action_taken", "note"])
                expect = {"effect_type": effect, "severity": severity, "action_taken": action,
                          "text": text_back(note) if r else None}
            elif kind == "medication":
                r = h.attempt(lambda: charting.record_medication(
                    app, nurse, s.id, drug, amount, unit, route, treats_entry_id=treats,
                    note=note), ["drug", "dose_amount", "dose_unit", "route", "treats_entry_id",
                                 "note"])
                expect = {"drug": drug.strip() if r else None,
                          "dose_amount": as_number(amount) if r else None,
                          "dose_unit": unit, "route": route, "treats_entry_id": treats}
            else:
                r = h.attempt(lambda: charting.add_note(app, nurse, s.id, note), ["text"])
                expect = {"text": text_back(note)}
            if r is None:
                return
            e = stored(app, s.id, r.entry.id)
            assert e == r.entry
            assert {k: e.data[k] for k in expect} == expect

        run()
        report(capsys, h.summary("record_side_effect / record_medication / add_note"))


def test_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)
        keys = [c.key for c in pool.get("pre_infusion").protocol.checklist]

        @HOSTILE
        @given(key=text_or(keys), done=mostly(st.booleans(), anything), why=notes)
        def run(key: Any, done: Any, why: Any) -> None:
            s = pool.get("pre_infusion")
            r = h.attempt(lambda: charting.complete_checklist_item(
                h.app, h.st.nurse, s.id, key, done=done, skip_reason=why),
                ["item_key", "skip_reason", "done"])
            if r is None:
                return
            e = stored(h.app, s.id, r.entry.id)
            assert e == r.entry
            assert e.data["item_key"] == key and e.data["done"] is bool(done)
            assert e.data["text"] == text_back(why)

        run()
        report(capsys, h.summary("complete_checklist_item"))


def test_doses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path, chairs=2) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(action=st.sampled_from(["start", "rate", "bolus", "pause", "resume", "stop"]),
               rate=number_in(0, 3), unit=text_or(UNITS), bolus=number_in(0, 40),
               override=st.one_of(st.just(""), notes), note=notes,
               resume_rate=st.booleans())
        def run(action: str, rate: Any, unit: Any, bolus: Any, override: Any, note: Any,
                resume_rate: bool) -> None:
            app, nurse = h.app, h.st.nurse
            h.app.clock.advance(minutes=1)
            state = {"start": "pre_infusion", "pause": "infusing"}.get(action, "infusing")
            s = pool.get(state)
            if action == "resume":
                doses.pause_infusion(app, nurse, s.id, "for the resume example")
            calls = {
                "start": lambda: doses.start_infusion(app, nurse, s.id, rate, unit,
                                                      override_reason=override, note=note,
                                                  checked_by=CHECK),
                "rate": lambda: doses.change_rate(app, nurse, s.id, rate, unit,
                                                  override_reason=override, note=note,
                                                  checked_by=CHECK),
                "bolus": lambda: doses.give_bolus(app, nurse, s.id, bolus,
                                                  override_reason=override, note=note,
                                                  checked_by=CHECK),
                "pause": lambda: doses.pause_infusion(app, nurse, s.id, note),
                "resume": lambda: doses.resume_infusion(
                    app, nurse, s.id, rate if resume_rate else None, unit),
                "stop": lambda: doses.stop_infusion(app, nurse, s.id, note),
            }
            r = h.attempt(calls[action], ["rate", "unit", "bolus_mg", "override_reason", "note",
                                          "total", "skip_reason", "checklist", "charted_at"])
            if r is None:
                return
            e = stored(app, s.id, r.entry.id)
            assert e == r.entry
            assert r.session == views.get_session(app, s.id)
            if action in ("start", "rate") or (action == "resume" and resume_rate):
                want = convert_rate(as_number(rate), RateUnit(unit), s.weight_kg,
                                    s.protocol.concentration_mg_per_ml)
                assert (e.data["rate_mg_per_kg_h"], e.data["rate_mg_per_h"],
                        e.data["rate_ml_per_h"]) == (want.mg_per_kg_h, want.mg_per_h,
                                                     want.ml_per_h)
            if action == "bolus":
                assert e.data["bolus_mg"] == as_number(bolus)
            if action in ("start", "rate", "bolus"):
                assert e.data["override_reason"] == text_back(override)
            if action in ("pause", "stop") and note.strip():
                assert e.data["text"] == note.strip()

        run()
        report(capsys, h.summary("doses.start/change_rate/give_bolus/pause/resume/stop"))


def test_alert_acknowledgement(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(what=notes, which=mostly(st.none(), record_ids))
        def run(what: Any, which: Any) -> None:
            s = pool.get("infusing")
            raised = charting.record_vitals(h.app, h.st.nurse, s.id,
                                            {**VITALS, "sbp": 200, "dbp": 100}).alerts
            alert_id = raised[0].id if which is None else which
            a = h.attempt(lambda: charting.acknowledge_alert(h.app, h.st.nurse, alert_id, what),
                          ["action_taken", "alert_id"])
            if a is None:
                return
            # a random id may name another session's alert: read it back from its own session
            back = next(x for x in views.get_session(h.app, a.session_id).alerts
                        if x.id == alert_id)
            assert back == a and a.action_taken == what.strip()

        run()
        report(capsys, h.summary("acknowledge_alert"))


def test_discharge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = list(charting.DISCHARGE_CRITERIA)
    with hostile_clinic(tmp_path, chairs=2) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(criteria=st.one_of(st.just(dict.fromkeys(keys, True)), st.dictionaries(
                   st.one_of(st.sampled_from(keys), hostile_text),
                   st.one_of(st.booleans(), anything), max_size=6)),
               escort=mostly(st.just("Sam Escort"), hostile_text),
               given_=mostly(st.just(True), st.booleans()), instructions=notes)
        def run(criteria: dict[Any, Any], escort: Any, given_: bool, instructions: Any) -> None:
            s = pool.get("monitoring")
            r = h.attempt(lambda: charting.discharge(
                h.app, h.st.nurse, s.id, criteria=criteria, escort_name=escort,
                instructions_given=given_, instructions=instructions,
                authorised_by=("drlee", PASSWORD), authorisation_reason="Early: test"),
                ["criteria", "escort_name", "instructions_given", "instructions"])
            if r is None:
                return
            e = stored(h.app, s.id, r.entry.id)
            assert e == r.entry and r.session.state.value == "discharged"
            assert e.data["escort_name"] == escort.strip()
            assert e.data["criteria_json"] == {k: bool(criteria.get(k, False)) for k in keys}
            assert e.data["text"] == text_back(instructions)

        run()
        report(capsys, h.summary("discharge"))
