"""Hostile input for the remaining service calls: ending a session early, a new weight,
editing a patient, a new chair and resolving a side effect. Each call is saved and read back
exactly, or refused naming the field with nothing written."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chairlog.services import charting, patients, protocols, sessions, views
from tests.reliability.helpers.dbs import ready_session
from tests.reliability.helpers.hostile import (
    HOSTILE,
    Sessions,
    anything,
    as_number,
    hostile_clinic,
    hostile_text,
    mostly,
    number_in,
    reasons,
    record_ids,
    text_or,
)


def report(capsys: pytest.CaptureFixture[str], line: str) -> None:
    with capsys.disabled():
        print("\n" + line)


def test_stop_early_and_change_weight(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)
        serial = iter(range(1, 10**6))

        @HOSTILE
        @given(weight=number_in(2, 400), reason=reasons, stop=st.booleans(),
               which=mostly(st.none(), record_ids))
        def run(weight: Any, reason: Any, stop: bool, which: Any) -> None:
            if stop:  # a fresh session checked in, ended before the infusion
                p = patients.create_patient(h.app, h.st.nurse, mrn=f"S-{next(serial)}",
                                            family_name="Early", given_name="Stop")
                chair = pool._free_chair()
                sid = ready_session(h.st, p, chair).id if which is None else which
                v = h.attempt(lambda: sessions.stop_early(h.app, h.st.nurse, sid, reason),
                              ["reason"])
                if v is None:
                    return
                assert v.state.value == "stopped_early" and v.stopped_early_reason == \
                    reason.strip()
                assert views.get_session(h.app, v.id) == v
                return
            s = pool.get("pre_infusion")
            sid = s.id if which is None else which
            v = h.attempt(lambda: sessions.change_weight(h.app, h.st.nurse, sid, weight, reason),
                          ["weight_kg", "reason"])
            if v is None:
                return
            assert v.weight_kg == pytest.approx(as_number(weight))
            assert views.get_session(h.app, v.id).weight_kg == v.weight_kg

        run()
        report(capsys, h.summary("stop_early / change_weight"))


def test_update_patient(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fields = ["family_name", "given_name", "date_of_birth", "sex", "allergies", "notes"]
    with hostile_clinic(tmp_path) as h:
        p0 = h.st.patients[0]

        @HOSTILE
        @given(changes=st.dictionaries(
            st.sampled_from([*fields, "mrn", "search_name", "id"]),
            st.one_of(mostly(st.text(min_size=1, max_size=40), hostile_text), anything,
                      text_or(patients.SEXES)), max_size=3),
            reason=reasons)
        def run(changes: dict[str, Any], reason: Any) -> None:
            now = patients.get_patient(h.app, p0.id)
            p = h.attempt(lambda: patients.update_patient(h.app, h.st.nurse, p0.id, now.version,
                                                          reason, **changes),
                          [*fields, "mrn", "search_name", "id", "reason"])
            if p is None:
                assert patients.get_patient(h.app, p0.id) == now
                return
            assert patients.get_patient(h.app, p0.id) == p
            for k, v in changes.items():
                got = getattr(p, k)
                if k in ("family_name", "given_name", "allergies", "notes"):
                    assert got == (v or "").strip()
                elif k == "sex":
                    assert got == v

        run()
        report(capsys, h.summary("update_patient"))


def test_add_chair(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:

        @HOSTILE
        @given(name=mostly(st.text(min_size=1, max_size=40), hostile_text))
        def run(name: Any) -> None:
            c = h.attempt(lambda: protocols.add_chair(h.app, h.st.admin, name), ["name"])
            if c is None:
                return
            assert c.name == name.strip()
            assert c in protocols.list_chairs(h.app)

        run()
        report(capsys, h.summary("add_chair"))


def test_resolve_side_effect(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with hostile_clinic(tmp_path) as h:
        pool = Sessions(h)

        @HOSTILE
        @given(which=mostly(st.none(), record_ids), minutes_ago=mostly(
            st.integers(0, 5), st.one_of(st.integers(-10**6, 10**6), anything)))
        def run(which: Any, minutes_ago: Any) -> None:
            s = pool.get("infusing")
            h.app.clock.advance(minutes=10)
            se = charting.record_side_effect(h.app, h.st.nurse, s.id, "nausea", "mild",
                                             "reassurance",
                                             charted_at=h.app.now() - timedelta(minutes=8))
            target = se.entry.id if which is None else which
            when = (h.app.now() - timedelta(minutes=minutes_ago)
                    if isinstance(minutes_ago, int) and abs(minutes_ago) < 10**5 else minutes_ago)
            r = h.attempt(lambda: charting.resolve_side_effect(h.app, h.st.nurse, target,
                                                               resolved_at=when),
                          ["resolved_at", "entry_id"])
            if r is None:
                return
            back = next(e for e in views.get_session(h.app, r.entry.session_id).entries
                        if e.id == r.entry.id)
            assert back == r.entry and back.data["resolved_at"] is not None

        run()
        report(capsys, h.summary("resolve_side_effect"))
