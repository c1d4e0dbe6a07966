"""A session's whole life as a hypothesis state machine: dosing, vitals, notes, corrections,
entries marked in error, pauses, stop, discharge, sign-off and addenda, in random order and
with random values, time moving on between steps.

After every step:
- every signed version's stored PDF is byte-for-byte what it was when it was signed, and its
  SHA-256 is the one stored with the signature;
- the audit chain verifies;
- the cumulative dose the app shows equals an independent recomputation from the model below
  (boluses plus rate × time of every infusion period, corrections applied, entries marked in
  error left out);
- a refused call wrote nothing (row counts unchanged);
- a dose event's time correction is accepted exactly when the model's own reading of the
  timeline rule says the result is legal (start once, no rate change while paused, nothing
  after the stop, everything between check-in and the end of the session).

CI replays a fixed exploration (derandomized) and, in a second run, explores with a fresh seed
it prints (``CHAIRLOG_MACHINE_EXPLORE=1`` with ``--hypothesis-seed``).

Decisions (time: this test was the suite's longest, 165 s on one worker):
- Every life starts from a copy of one clinic with a session ready to infuse, built once per
  test process (``_template``, the way ``tests/template_db.py`` copies the clinic fixture:
  SQLite's backup API, the data folder's files under the copy's names, fresh sign-in tokens).
  A life used to build its own clinic (authority, certificate, CRL: about 1.1 s of 1.5 s).
- The audit check after every step is the whole ``verify_audit`` (chain, signatures, bound
  rows, every anchor), but a signed PDF's signature is verified once per distinct bytes and
  authority (``_remember_pdf_verdicts``): the bytes are proven unchanged at every step by
  ``signed_records_never_change``, so the verdict for them cannot differ. 40 % of the time
  went to verifying the same PDFs again at every step.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from chairlog import paths
from chairlog.clinical.clock import FixedClock
from chairlog.errors import ChairlogError, LimitExceeded, StateError, ValidationError
from chairlog.services import (
    charting,
    corrections,
    doses,
    open_app,
    records,
    signoff,
    views,
)
from tests import template_db
from tests.reliability.helpers.dbs import (
    PASSWORD,
    VITALS,
    audit_ok,
    counts,
    ready_session,
    set_up_clinic,
)

WEIGHT = 80.0
T0 = datetime.fromisoformat("2026-03-02T08:00:00+00:00")
CRITERIA = {k: True for k in charting.DISCHARGE_CRITERIA}
NOTES = st.text(st.characters(categories=["L", "N", "Zs", "P"]), min_size=1,
                max_size=40).filter(str.strip)
RATES = st.sampled_from([0.1, 0.15, 0.2, 0.3, 0.45, 0.5, 0.6, 0.8])


@dataclass
class Dose:
    """The model's own copy of one dose entry."""

    at: datetime
    action: str
    mg_per_kg_h: float | None = None
    bolus_mg: float | None = None
    seq: int = 0  # id of the first entry charted for this event (kept through corrections)


def model_mg(events: list[Dose], now: datetime) -> float:
    """Cumulative mg from first principles: boluses, plus each running period's rate × time."""
    total = sum(e.bolus_mg or 0.0 for e in events if e.action == "bolus")
    running: tuple[datetime, float] | None = None
    for e in sorted((e for e in events if e.action != "bolus"), key=lambda e: (e.at, e.seq)):
        if running is not None:
            total += running[1] * WEIGHT * (e.at - running[0]).total_seconds() / 3600
            running = None
        if e.action in ("start", "rate_change", "resume") and e.mg_per_kg_h:
            running = (e.at, e.mg_per_kg_h)
    if running is not None:
        total += running[1] * WEIGHT * (now - running[0]).total_seconds() / 3600
    return total


#: the legal successors of each phase, as the model reads the timeline rule
GRAMMAR = {
    "before": {"bolus": "before", "start": "running"},
    "running": {"bolus": "running", "rate_change": "running", "pause": "paused",
                "stop": "stopped"},
    "paused": {"bolus": "paused", "resume": "running", "stop": "stopped"},
    "stopped": {},
}


def model_legal(events: list[Dose], earliest: datetime, latest: datetime) -> bool:
    phase = "before"
    for e in sorted(events, key=lambda e: (e.at, e.seq)):
        if not earliest <= e.at <= latest or e.action not in GRAMMAR[phase]:
            return False
        phase = GRAMMAR[phase][e.action]
    return True


TALLY = {"sessions": 0, "steps": 0, "signatures": 0, "addenda": 0, "corrections": 0,
         "refusals": 0}


_TEMPLATE: dict[str, tuple[template_db.Template, int]] = {}


def _template() -> tuple[template_db.Template, int]:
    """The clinic (one chair, one patient) with a session ready to infuse, built once per test
    process in its own folder and data folder; and that session's id."""
    if "life" not in _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="chairlog-machine-template-"))
        atexit.register(shutil.rmtree, folder, True)
        home, url = folder / "home", f"sqlite:///{folder / 'template.sqlite3'}"
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("CHAIRLOG_HOME", str(home))
            app = open_app(url, clock=FixedClock(T0))
            try:
                st = set_up_clinic(app, chairs=1, patients=1)
                sid = ready_session(st, st.patients[0], st.chairs[0], weight=WEIGHT).id
            finally:
                app.close()
        _TEMPLATE["life"] = (template_db.Template(url, home, replace(st, app=None)), sid)
    return _TEMPLATE["life"]


class SessionLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="chairlog-machine-"))
        self.clock = FixedClock(T0)
        template, self.sid = _template()
        url = f"sqlite:///{self.folder / 'chairlog.sqlite3'}"
        template_db.copy_database(template.url, url)
        template_db.copy_home(template, paths.data_dir(), url)
        self.app = open_app(url, clock=self.clock)
        t = template.clinic
        self.st = replace(t, app=self.app, admin=template_db.fresh_actor(t.admin),
                          nurse=template_db.fresh_actor(t.nurse),
                          nurse2=template_db.fresh_actor(t.nurse2),
                          physician=template_db.fresh_actor(t.physician))
        self.state = "pre_infusion"
        self.doses: dict[int, Dose] = {}
        self.vitals: list[int] = []
        self.notes: list[int] = []
        self.signed: dict[int, str] = {}  # version -> sha256 of its PDF at signing
        self.checked_in = views.get_session(self.app, self.sid).checked_in_at
        self.discharged_at: datetime | None = None

    def teardown(self) -> None:
        TALLY["sessions"] += 1
        self.app.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ----------------------------------------------------------------- helpers
    def attempt(self, call: Any, *, may_refuse: tuple[type[BaseException], ...] = ()) -> Any:
        before = counts(self.app)
        self.last_refusal_was_limit = False
        try:
            return call()
        except may_refuse as e:
            assert counts(self.app) == before, "a refused call wrote something"
            TALLY["refusals"] += 1
            self.last_refusal_was_limit = isinstance(e, LimitExceeded)
            return None

    def dose(self, action: str, result: Any, rate: float | None = None,
             bolus: float | None = None) -> None:
        if result is not None:
            self.doses[result.entry.id] = Dose(self.clock.now(), action, rate, bolus,
                                               result.entry.id)

    # ----------------------------------------------------------------- rules
    @rule(minutes=st.integers(1, 40))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes=minutes)

    @precondition(lambda self: self.state == "pre_infusion")
    @rule(rate=RATES)
    def start(self, rate: float) -> None:
        r = doses.start_infusion(self.app, self.st.nurse, self.sid, rate)
        self.dose("start", r, rate)
        self.state = "infusing"

    @precondition(lambda self: self.state == "infusing")
    @rule(rate=RATES)
    def change_rate(self, rate: float) -> None:
        r = self.attempt(lambda: doses.change_rate(self.app, self.st.nurse, self.sid, rate),
                         may_refuse=(LimitExceeded,))
        if r is not None:
            self.dose("rate_change", r, rate)

    @precondition(lambda self: self.state in ("infusing", "paused"))
    @rule(mg=st.sampled_from([2.5, 5.0, 10.0]))
    def bolus(self, mg: float) -> None:
        r = self.attempt(lambda: doses.give_bolus(self.app, self.st.nurse, self.sid, mg),
                         may_refuse=(LimitExceeded,))
        self.dose("bolus", r, bolus=mg)

    @precondition(lambda self: self.state == "infusing")
    @rule()
    def pause(self) -> None:
        r = doses.pause_infusion(self.app, self.st.nurse, self.sid, "nausea")
        self.dose("pause", r)
        self.state = "paused"

    @precondition(lambda self: self.state == "paused")
    @rule()
    def resume(self) -> None:
        r = self.attempt(lambda: doses.resume_infusion(self.app, self.st.nurse, self.sid),
                         may_refuse=(LimitExceeded,))
        if r is not None:  # at the rate running before the pause, corrections included
            last = max((d for d in self.doses.values() if d.mg_per_kg_h),
                       key=lambda d: (d.at, d.seq))
            self.dose("resume", r, last.mg_per_kg_h)
            self.state = "infusing"

    @precondition(lambda self: self.state in ("infusing", "paused"))
    @rule()
    def stop(self) -> None:
        self.dose("stop", doses.stop_infusion(self.app, self.st.nurse, self.sid))
        self.state = "monitoring"

    @precondition(lambda self: self.state != "signed")
    @rule(hr=st.integers(55, 110), sbp=st.integers(100, 150), late=st.booleans())
    def vitals(self, hr: int, sbp: int, late: bool) -> None:
        values = {**VITALS, "hr": hr, "sbp": sbp}
        at = None
        if self.discharged_at is not None:  # after discharge: only a late entry before it
            if not late and self.clock.now() > self.discharged_at + timedelta(seconds=5):
                refused = self.attempt(lambda: charting.record_vitals(
                    self.app, self.st.nurse, self.sid, values), may_refuse=(ValidationError,))
                assert refused is None, "vitals after the discharge were accepted"
                return
            at = self.discharged_at - timedelta(minutes=1)
        r = charting.record_vitals(self.app, self.st.nurse, self.sid, values, charted_at=at)
        self.vitals.append(r.entry.id)
        for alert in r.alerts:
            charting.acknowledge_alert(self.app, self.st.nurse, alert.id, "Seen, rechecked")

    @precondition(lambda self: self.state != "signed")
    @rule(text=NOTES)
    def note(self, text: str) -> None:
        self.notes.append(charting.add_note(self.app, self.st.nurse, self.sid, text).entry.id)

    @precondition(lambda self: self.state != "signed" and bool(self.vitals))
    @rule(data=st.data(), hr=st.integers(55, 110))
    def correct_vitals(self, data: st.DataObject, hr: int) -> None:
        old = data.draw(st.sampled_from(self.vitals))
        r = corrections.correct_entry(self.app, self.st.nurse2, old, "Typo", hr=hr)
        self.vitals[self.vitals.index(old)] = r.entry.id
        TALLY["corrections"] += 1

    @precondition(lambda self: self.state in ("infusing", "paused", "monitoring") and any(
        d.action in ("start", "rate_change") for d in self.doses.values()))
    @rule(data=st.data(), rate=RATES)
    def correct_rate(self, data: st.DataObject, rate: float) -> None:
        old = data.draw(st.sampled_from(sorted(
            i for i, d in self.doses.items() if d.action in ("start", "rate_change"))))
        r = self.attempt(lambda: corrections.correct_entry(
            self.app, self.st.nurse, old, "Wrong rate charted", rate=rate),
            may_refuse=(LimitExceeded,))
        if r is not None:
            was = self.doses.pop(old)
            self.doses[r.entry.id] = Dose(was.at, was.action, rate, seq=was.seq)
            TALLY["corrections"] += 1

    @precondition(lambda self: self.state != "signed" and bool(self.doses))
    @rule(data=st.data(), shift=st.integers(-40, 40))
    def correct_dose_time(self, data: st.DataObject, shift: int) -> None:
        """Move a dose event in time: accepted exactly when the model finds the result legal."""
        old = data.draw(st.sampled_from(sorted(self.doses)))
        was = self.doses[old]
        new_at = was.at + timedelta(minutes=shift)
        moved = [d for i, d in self.doses.items() if i != old]
        moved.append(Dose(new_at, was.action, was.mg_per_kg_h, was.bolus_mg, was.seq))
        latest = self.discharged_at or self.clock.now() + timedelta(seconds=5)
        legal = model_legal(moved, self.checked_in, latest)
        r = self.attempt(lambda: corrections.correct_entry(
            self.app, self.st.nurse, old, "Time charted wrongly", charted_at=new_at),
            may_refuse=(ValidationError,))
        if r is None:
            if legal:  # only a limit (the total moves with the times) may refuse a legal one
                assert self.last_refusal_was_limit, f"legal move of {was.action} refused"
            return
        assert legal, f"an illegal move of the {was.action} to {new_at} was accepted"
        del self.doses[old]
        self.doses[r.entry.id] = Dose(new_at, was.action, was.mg_per_kg_h, was.bolus_mg,
                                      was.seq)
        TALLY["corrections"] += 1

    @precondition(lambda self: self.state == "paused")
    @rule(rate=RATES)
    def rate_change_while_paused_is_refused(self, rate: float) -> None:
        r = self.attempt(lambda: doses.change_rate(self.app, self.st.nurse, self.sid, rate),
                         may_refuse=(StateError,))
        assert r is None

    @precondition(lambda self: self.state != "signed" and bool(self.notes))
    @rule(data=st.data())
    def note_in_error(self, data: st.DataObject) -> None:
        old = data.draw(st.sampled_from(self.notes))
        corrections.mark_entered_in_error(self.app, self.st.nurse, old, "Wrong patient")
        self.notes.remove(old)

    @precondition(lambda self: self.state != "signed" and any(
        d.action == "bolus" for d in self.doses.values()))
    @rule(data=st.data())
    def bolus_in_error(self, data: st.DataObject) -> None:
        old = data.draw(st.sampled_from(sorted(
            i for i, d in self.doses.items() if d.action == "bolus")))
        corrections.mark_entered_in_error(self.app, self.st.nurse, old, "Charted twice")
        del self.doses[old]

    @precondition(lambda self: self.state == "monitoring")
    @rule()
    def discharge(self) -> None:
        app, nurse = self.app, self.st.nurse
        self.clock.advance(minutes=60)  # the protocol's minimum monitoring
        self.vitals.append(charting.record_vitals(app, nurse, self.sid, VITALS).entry.id)
        charting.record_assessment(app, nurse, self.sid, "pain_nrs", 3, phase="after")
        charting.record_assessment(app, nurse, self.sid, "aldrete", items=[2, 2, 2, 2, 2],
                                   phase="discharge")
        charting.discharge(app, nurse, self.sid, criteria=CRITERIA, escort_name="Sam",
                           instructions_given=True)
        self.discharged_at = self.clock.now()
        self.state = "discharged"

    @precondition(lambda self: self.state in ("infusing", "paused", "monitoring"))
    @rule()
    def to_the_end(self) -> None:
        """Stop (if running), discharge and sign in one step: with a dozen other rules to
        choose from, the whole life is otherwise reached by chance only."""
        if self.state in ("infusing", "paused"):
            self.stop()
        self.discharge()
        self.sign()

    @precondition(lambda self: self.state in ("discharged", "amending"))
    @rule()
    def sign(self) -> None:
        for alert in views.get_session(self.app, self.sid).open_alerts:
            charting.acknowledge_alert(self.app, self.st.nurse, alert.id, "Reviewed")
        info = signoff.sign_session(self.app, self.st.physician, self.sid, PASSWORD)
        assert info.record_version not in self.signed
        pdf = records.get_signed_pdf(self.app, self.sid, info.record_version)
        assert hashlib.sha256(pdf).hexdigest() == info.sha256
        self.signed[info.record_version] = info.sha256
        TALLY["signatures"] += 1
        self.state = "signed"

    @precondition(lambda self: self.state == "signed")
    @rule(text=NOTES)
    def addendum(self, text: str) -> None:
        signoff.open_addendum(self.app, self.st.nurse, self.sid, "Late information from escort")
        self.notes.append(charting.add_note(self.app, self.st.nurse, self.sid, text).entry.id)
        self.state = "amending"
        TALLY["addenda"] += 1

    @precondition(lambda self: self.state == "signed")
    @rule()
    def signed_record_refuses_charting(self) -> None:
        self.attempt(lambda: charting.add_note(self.app, self.st.nurse, self.sid, "late"),
                     may_refuse=(StateError,))
        assert self.state == "signed"

    # ----------------------------------------------------------------- invariants
    @invariant()
    def signed_records_never_change(self) -> None:
        TALLY["steps"] += 1
        for version, digest in self.signed.items():
            pdf = records.get_signed_pdf(self.app, self.sid, version)
            assert hashlib.sha256(pdf).hexdigest() == digest, f"version {version} changed"

    @invariant()
    def audit_chain_verifies(self) -> None:
        ok, problem = audit_ok(self.app)
        assert ok, problem

    @invariant()
    def cumulative_dose_matches_the_model(self) -> None:
        view = views.get_session(self.app, self.sid)
        now = self.clock.now()
        assert view.cumulative_mg(now) == pytest.approx(model_mg(list(self.doses.values()), now),
                                                        abs=1e-6)
        assert view.state.value == self.state


def _lives(explore: bool) -> int:
    """How many session lives a run plays. Decisions (CI time budget, 2 cores): the fixed
    exploration plays 40 lives of 40 steps; the fresh seeded exploration 15 lives of 60 steps
    (about a minute on CI; a fresh seed every run, so the lives add up across runs). The
    machine charts on SQLite files of its own, whatever ``CHAIRLOG_TEST_PG_URL`` says, so the
    PostgreSQL pass of ``tools/test.sh`` leaves it out (it would repeat the SQLite pass); the
    dialect's storage of the same calls is what the service, hostile-input and reliability
    suites check on PostgreSQL."""
    return 15 if explore else 40


def _remember_pdf_verdicts(monkeypatch: pytest.MonkeyPatch) -> dict[bytes, Any]:
    """``records.verify_record_pdf_with_ca`` (what the audit verifier calls for each signed
    PDF) verifies each distinct (PDF, authority) once; the same bytes get the same verdict."""
    real = records.verify_record_pdf_with_ca
    verdicts: dict[bytes, Any] = {}

    def verify(pdf_bytes: bytes, ca_pem: bytes, **kw: Any) -> Any:
        if kw:  # a chosen time or clock: not the audit verifier's call
            return real(pdf_bytes, ca_pem, **kw)
        key = hashlib.sha256(bytes(pdf_bytes)).digest() + hashlib.sha256(ca_pem).digest()
        if key not in verdicts:
            verdicts[key] = real(pdf_bytes, ca_pem)
        return verdicts[key]

    monkeypatch.setattr(records, "verify_record_pdf_with_ca", verify)
    return verdicts


@pytest.mark.slow
def test_session_life(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    explore = os.environ.get("CHAIRLOG_MACHINE_EXPLORE") == "1"
    verdicts = _remember_pdf_verdicts(monkeypatch)
    run_state_machine_as_test(SessionLife, settings=settings(
        max_examples=_lives(explore), stateful_step_count=60 if explore else 40,
        deadline=None, database=None,
        # CI replays; elsewhere (and in CI's second, seeded run) it explores
        derandomize=os.environ.get("CI") == "true"
        and os.environ.get("CHAIRLOG_MACHINE_EXPLORE") != "1",
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
    assert TALLY["signatures"] > 0 and TALLY["addenda"] > 0, TALLY  # the whole life was reached
    # every signed version's PDF went through the real verifier (once per distinct bytes)
    assert len(verdicts) >= TALLY["signatures"] and all(v.ok for v in verdicts.values())
    with capsys.disabled():
        print("\n[state machine] " + ", ".join(f"{v} {k}" for k, v in TALLY.items()))


@pytest.mark.sqlite_only
def test_refused_calls_are_not_errors_of_the_machine() -> None:
    """The machine's own refusal check notices a refusal that wrote something."""
    machine = SessionLife()
    try:
        def writes_then_refuses() -> None:
            charting.add_note(machine.app, machine.st.nurse, machine.sid, "half")
            raise ChairlogError("refused")

        with pytest.raises(AssertionError, match="wrote something"):
            machine.attempt(writes_then_refuses, may_refuse=(ChairlogError,))
    finally:
        machine.teardown()
