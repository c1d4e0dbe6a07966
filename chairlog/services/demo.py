"""Demo data: a clinic a newcomer can try at once. Used by ``chairlog demo`` and the app's
demo mode. Times are laid out around "now", so the board shows live infusions."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from chairlog.clinical.clock import FixedClock
from chairlog.domain import ProtocolInfo, Role, UserInfo
from chairlog.services import accounts, authority, charting, doses, patients, protocols, sessions
from chairlog.services.context import Chairlog

DEMO_ACCOUNTS: tuple[tuple[str, str, str, Role, str], ...] = (
    ("admin", "demo-admin-1", "Morgan Reyes", Role.ADMIN, ""),
    ("ana", "demo-nurse-1", "Ana Müller", Role.NURSE, "RN"),
    ("ben", "demo-nurse-2", "Benoît Lefèvre", Role.NURSE, "RN"),
    ("okafor", "demo-doctor-1", "Chiamaka Okafor", Role.PHYSICIAN, "MD"),
)

DEMO_CA_PASSPHRASE = "demo-authority-1"
DEMO_CA_HOLDER = "Chiamaka Okafor, MD (medical director)"

DEMO_PATIENTS = (
    ("MRN-10001", "Ødegård", "Zoë", date(1979, 3, 14), "female", "Penicillin"),
    ("MRN-10002", "Núñez", "José", date(1966, 11, 2), "male", ""),
    ("MRN-10003", "Wiśniewska", "Łucja", date(1988, 6, 21), "female", "Latex"),
    ("MRN-10004", "O'Brien", "Siobhán", date(1972, 1, 30), "female", ""),
    ("MRN-10005", "Nguyễn", "Văn Minh", date(1990, 9, 9), "male", "Sulfa drugs"),
    ("MRN-10006", "Kowalczyk", "André", date(1958, 4, 17), "male", ""),
    ("MRN-10007", "Haddad", "Layla", date(1983, 12, 5), "female", "Ondansetron (rash)"),
    ("MRN-10008", "Björk", "Gunnar", date(1969, 7, 28), "male", ""),
)


@dataclass(frozen=True)
class DemoSummary:
    users: tuple[str, ...]
    sessions: int


def demo_accounts() -> list[tuple[str, str, str]]:
    """(username, password, role) of the demo accounts, for the login screen in demo mode."""
    return [(u, pw, r.value) for u, pw, _n, r, _c in DEMO_ACCOUNTS]


def fill_demo(
    app: Chairlog,
    *,
    seed: int = 7,
    sign: Callable[[Chairlog, UserInfo, int, str], Any] | None = None,
) -> DemoSummary:
    """Create the demo clinic on an empty database. ``sign`` (from chairlog.services.signoff)
    signs one record so every state is present."""
    real_clock = app.clock
    now = real_clock.now().replace(microsecond=0)
    clock = FixedClock(now - timedelta(days=3))
    app.clock = clock
    rng = random.Random(seed)
    try:
        admin = accounts.init_clinic(
            app,
            clinic_name="Harbourview Pain & Mood Clinic",
            timezone="America/Chicago",
            admin_username="admin",
            admin_full_name="Morgan Reyes",
            admin_password="demo-admin-1",
            ca_passphrase=DEMO_CA_PASSPHRASE,
            ca_holder=DEMO_CA_HOLDER,
            replace_pin=True,  # demo data is no evidence: a re-created demo file is re-pinned
            address="200 Harbour St, Suite 4, Chicago IL",
        )
        users: dict[str, UserInfo] = {"admin": admin}
        for uname, pw, name, role, creds in DEMO_ACCOUNTS[1:]:
            # demo passwords are printed for everyone: nobody is asked to change them
            accounts.add_user(
                app,
                admin,
                username=uname,
                full_name=name,
                role=role,
                password=pw,
                credentials=creds,
                must_change_password=False,
            )
            if role is Role.PHYSICIAN:
                authority.issue_certificate(app, uname, DEMO_CA_PASSPHRASE, pw)
            users[uname] = accounts.login(app, uname, pw)
        protos = protocols.install_default_protocols(app, admin)
        for i in range(1, 7):
            protocols.add_chair(app, admin, f"Chair {i}")
        chairs = protocols.list_chairs(app)
        pts = [
            patients.create_patient(
                app,
                users["ana"],
                mrn=m,
                family_name=f,
                given_name=g,
                date_of_birth=d,
                sex=sx,
                allergies=al,
            )
            for m, f, g, d, sx, al in DEMO_PATIENTS
        ]
        pain = next(p for p in protos if p.key == "chronic-pain-titrated")
        crps = next(p for p in protos if p.key == "crps-low-dose")
        trd = next(p for p in protos if p.key == "trd-0.5-over-40")
        nurse, nurse2, doc = users["ana"], users["ben"], users["okafor"]
        count = 0

        def full(
            pt: int,
            chair: int,
            proto: ProtocolInfo,
            start: datetime,
            minutes: int,
            stage: str,
            who: UserInfo = nurse,
        ) -> int:
            nonlocal count
            count += 1
            return _session(
                app,
                clock,
                rng,
                who,
                pts[pt].id,
                chairs[chair].id,
                proto,
                start,
                minutes,
                stage,
                weight=round(rng.uniform(55, 98), 1),
                now=now,
            )

        # finished sessions on earlier days (one will be signed)
        done1 = full(1, 0, crps, now - timedelta(days=2, hours=5), 240, "discharged")
        full(2, 1, pain, now - timedelta(days=1, hours=6), 180, "discharged", nurse2)
        full(7, 2, trd, now - timedelta(days=1, hours=4), 40, "discharged")
        # stopped early before the drug: blood pressure too high at check-in
        clock.set(now - timedelta(hours=7))
        s = sessions.start_session(
            app,
            nurse,
            patient_id=pts[5].id,
            chair_id=chairs[3].id,
            protocol_id=pain.id,
            weight_kg=88.0,
        )
        clock.advance(minutes=6)
        charting.record_vitals(
            app, nurse, s.id, {"hr": 96, "sbp": 186, "dbp": 112, "spo2": 97, "rr": 16}
        )
        clock.advance(minutes=4)
        sessions.stop_early(
            app,
            nurse,
            s.id,
            "BP 186/112 at check-in; physician advised rescheduling after GP review",
        )
        count += 1
        # today: one discharged and awaiting signature, and four chairs in use now
        full(3, 4, pain, now - timedelta(hours=6, minutes=30), 150, "discharged")
        full(0, 0, crps, now - timedelta(minutes=25), 240, "pre_infusion")
        full(4, 1, pain, now - timedelta(minutes=95), 240, "infusing")
        full(6, 2, crps, now - timedelta(minutes=100), 240, "paused", nurse2)
        full(5, 3, trd, now - timedelta(minutes=85), 40, "monitoring")
        if sign is not None:
            clock.set(now - timedelta(hours=2))
            sign(app, doc, done1, "demo-doctor-1")
    finally:
        app.clock = real_clock
    return DemoSummary(tuple(u for u, *_ in DEMO_ACCOUNTS), count)


def _session(
    app: Chairlog,
    clock: FixedClock,
    rng: random.Random,
    nurse: UserInfo,
    patient_id: int,
    chair_id: int,
    proto: ProtocolInfo,
    start: datetime,
    minutes: int,
    stage: str,
    weight: float,
    now: datetime,
) -> int:
    """Chart a realistic session from check-in up to ``stage``."""
    clock.set(start)
    s = sessions.start_session(
        app, nurse, patient_id=patient_id, chair_id=chair_id, protocol_id=proto.id, weight_kg=weight
    )
    sid = s.id
    base = {
        "hr": rng.randint(64, 84),
        "sbp": rng.randint(112, 134),
        "dbp": rng.randint(68, 84),
        "spo2": rng.randint(96, 99),
        "rr": rng.randint(12, 16),
    }
    items = proto.values.checklist
    for item in items if stage != "pre_infusion" else items[:4]:
        clock.advance(seconds=40)
        charting.complete_checklist_item(app, nurse, sid, item.key)
    clock.advance(minutes=2)
    charting.record_vitals(app, nurse, sid, base)
    clock.advance(minutes=1)
    charting.record_assessment(app, nurse, sid, "pain_nrs", rng.randint(6, 8))
    if stage == "pre_infusion":
        return sid
    clock.set(start + timedelta(minutes=15))
    values = proto.values
    doses.start_infusion(app, nurse, sid, values.start_rate_mg_per_kg_h)
    t0 = start + timedelta(minutes=15)
    interval = values.vitals_interval_min
    stop_at = t0 + timedelta(minutes=minutes)
    live_end = stop_at
    if stage in ("infusing", "paused"):
        live_end = now - timedelta(minutes=2)
    t = t0
    n = 0
    resolve_next: int | None = None
    while True:
        t += timedelta(minutes=interval)
        if t >= live_end:
            break
        n += 1
        clock.set(t)
        drift = min(n * 3, 22)
        charting.record_vitals(
            app,
            nurse,
            sid,
            {
                "hr": base["hr"] + rng.randint(0, 10),
                "sbp": base["sbp"] + rng.randint(0, drift),
                "dbp": base["dbp"] + rng.randint(0, drift // 2),
                "spo2": rng.randint(95, 99),
                "rr": base["rr"] + rng.randint(-2, 2),
            },
        )
        if n == 2 and values.target_rate_mg_per_kg_h > values.start_rate_mg_per_kg_h:
            clock.advance(minutes=1)
            doses.change_rate(
                app,
                nurse,
                sid,
                values.target_rate_mg_per_kg_h,
                note="Tolerating well; titrated to target",
            )
        if n == 3:
            clock.advance(minutes=1)
            charting.record_assessment(app, nurse, sid, "moaas", 5)
            charting.record_assessment(app, nurse, sid, "cadss6", items=[1, 1, 0, 1, 0, 0])
        if n == 4 and stage == "paused":
            clock.advance(minutes=2)
            se = charting.record_side_effect(
                app, nurse, sid, "nausea", "moderate", "paused", note="Retching, pale"
            )
            doses.pause_infusion(app, nurse, sid, "Nausea")
            clock.advance(minutes=2)
            charting.record_medication(
                app, nurse, sid, "ondansetron", 4, "mg", "IV", treats_entry_id=se.entry.id
            )
            return sid
        if n == 5 and stage != "paused":
            clock.advance(minutes=2)
            se = charting.record_side_effect(app, nurse, sid, "nausea", "mild", "rescue_med")
            clock.advance(minutes=1)
            charting.record_medication(
                app, nurse, sid, "ondansetron", 4, "mg", "IV", treats_entry_id=se.entry.id
            )
            resolve_next = se.entry.id
        if n == 6 and resolve_next is not None:
            charting.resolve_side_effect(app, nurse, resolve_next)
    if stage == "infusing":
        return sid
    clock.set(stop_at)
    doses.stop_infusion(app, nurse, sid)
    post_end = stop_at + timedelta(minutes=values.min_monitoring_min)
    if stage == "monitoring":
        post_end = min(post_end, now - timedelta(minutes=1))
    t = stop_at
    while True:
        t += timedelta(minutes=values.vitals_interval_after_min)
        if t > post_end:
            break
        clock.set(t)
        charting.record_vitals(
            app,
            nurse,
            sid,
            {
                "hr": base["hr"] + rng.randint(-3, 5),
                "sbp": base["sbp"] + rng.randint(-4, 8),
                "dbp": base["dbp"] + rng.randint(-3, 5),
                "spo2": rng.randint(96, 99),
                "rr": base["rr"],
            },
        )
    if stage == "monitoring":
        return sid
    clock.set(post_end + timedelta(minutes=2))
    charting.record_assessment(app, nurse, sid, "pain_nrs", rng.randint(1, 4), phase="after")
    charting.record_assessment(app, nurse, sid, "aldrete", items=[2, 2, 2, 2, 2], phase="discharge")
    clock.advance(minutes=3)
    charting.discharge(
        app,
        nurse,
        sid,
        criteria={k: True for k in charting.DISCHARGE_CRITERIA},
        escort_name=rng.choice(["Maria (sister)", "Tom (husband)", "Priya (friend)"]),
        instructions_given=True,
        instructions="No driving for 24 h; no alcohol or sedatives today.",
    )
    return sid
