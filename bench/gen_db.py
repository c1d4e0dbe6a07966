"""Generate a large, realistic chairlog database, fast and reproducibly from a seed.

    python -m bench.gen_db --scale 1.0 --seed 42 --out /tmp/ten-years.sqlite3

Scale 1.0 is ten years of an 8-chair clinic: 8 chairs × 6 sessions a day × 250 working days
× 10 years ≈ 120 000 sessions, ≈ 40 entries each, ≈ 6 000 patients, their audit chain.
``--days N`` sets the number of working days directly (``--days 1``: a one-day database).

Decisions:
- The schema comes from the migrations (``open_database``); the clinic, staff (with the demo
  accounts' usernames and passwords, so benchmarks can sign in), protocols and chairs are
  created through the services; everything else is bulk-inserted (see ``gen_writer``).
- Patients come in series (6 sessions two or three days apart), then boosters every few
  weeks; new patients fill the free chairs, so their number follows from the schedule.
- "Today" has ``--running`` chairs (default 8) with live sessions (pre-infusion, infusing,
  paused, monitoring) anchored at ``--now``; today's earlier sessions await signature.
"""

from __future__ import annotations

import argparse
import heapq
import itertools
import json
import os
import random
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench import names
from bench.gen_plan import MIN, SLOT_MIN, Person, Proto, SessionPlan
from bench.gen_writer import Writer, iso, ts
from chairlog.clinical.clock import FixedClock
from chairlog.services.patients import fold

TIMEZONE = "America/Chicago"
CHAIRS = 8
SLOTS_PER_DAY = 6
FIRST_SLOT = dtime(7, 0)
#: minutes since check-in of today's live sessions, one per chair: their state follows
RUNNING_OFFSETS = (6, 18, 30, 42, 55, 68, 80, 92)
PAUSED_CHAIR = 3  # its session is paused now (side effect at 20 min, resumed after now)
PROTOCOL_MIX = (("trd-0.5-over-40", 35), ("chronic-pain-titrated", 40), ("crps-low-dose", 25))
GENERATOR_VERSION = 1
DEMO_STAFF = (("admin", "demo-admin-1", "Morgan Reyes", "admin", ""),
              ("ana", "demo-nurse-1", "Ana Müller", "nurse", "RN"),
              ("ben", "demo-nurse-2", "Benoît Lefèvre", "nurse", "RN"),
              ("okafor", "demo-doctor-1", "Chiamaka Okafor", "physician", "MD"))


@dataclass
class PatientState:
    id: int
    proto: Proto
    weight: float
    escort: str
    left: int
    done: int = 0


@dataclass
class GenStats:
    path: str
    scale: float
    seed: int
    days: int
    running: int
    now: str
    seconds: float
    size_bytes: int
    counts: dict[str, int] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "generator_version": GENERATOR_VERSION}


def working_days(today: date, n: int, rng: random.Random) -> list[date]:
    """``n`` weekdays before ``today`` (about 10 closed days a year), oldest first."""
    out: list[date] = []
    d = today
    while len(out) < n:
        d -= timedelta(days=1)
        if d.weekday() < 5 and rng.random() >= 0.04:
            out.append(d)
    return out[::-1]


BENCH_CA_PASSPHRASE = "bench-authority-1"


def _setup(url: str, at: datetime) -> tuple[dict[str, Proto], list[tuple[int, str]],
                                            list[Person], list[Person]]:
    """Clinic, staff, protocols and chairs through the services (a handful of writes)."""
    from chairlog.services import accounts, authority, open_app, protocols

    app = open_app(url, clock=FixedClock(at))
    try:
        admin_u, admin_pw, admin_name, _r, _c = DEMO_STAFF[0]
        admin = accounts.init_clinic(app, clinic_name="Lakeside Infusion Center",
                                     timezone=TIMEZONE, admin_username=admin_u,
                                     admin_full_name=admin_name, admin_password=admin_pw,
                                     ca_passphrase=BENCH_CA_PASSPHRASE, replace_pin=True,
                                     address="1200 Lakeshore Dr, Chicago IL")
        nurses, doctors = [], []
        extra = [(f"{g[0]}{f}".lower().replace("'", "")[:20], "bench-staff-1", f"{g} {f}", role,
                  "RN" if role == "nurse" else "MD")
                 for role, pool in (("nurse", names.STAFF_NURSES[2:]),
                                    ("physician", names.STAFF_PHYSICIANS[1:])) for g, f in pool]
        for uname, pw, full, role, creds in list(DEMO_STAFF[1:]) + extra:
            uname = "".join(ch for ch in uname if ch.isascii() and ch.isalnum()) or uname
            u = accounts.add_user(app, admin, username=uname, full_name=full, role=role,
                                  password=pw, credentials=creds, must_change_password=False)
            if role == "physician":
                authority.issue_certificate(app, uname, BENCH_CA_PASSPHRASE, pw)
            p = Person(u.id, u.username)
            (nurses if role == "nurse" else doctors).append(p)
        protos = {}
        for info in protocols.install_default_protocols(app, admin):
            protos[info.key] = Proto(info.id, info.key, info.name, info.version, info.values,
                                     json.dumps(info.values.to_dict()))
        chairs = [protocols.add_chair(app, admin, f"Chair {i}") for i in range(1, CHAIRS + 1)]
        return protos, [(c.id, c.name) for c in chairs], nurses, doctors
    finally:
        app.close()


class Generator:
    def __init__(self, con: sqlite3.Connection, *, seed: int, now: int,
                 protos: dict[str, Proto], chairs: list[tuple[int, str]], nurses: list[Person],
                 doctors: list[Person]) -> None:
        self.rng = random.Random(seed)
        self.now, self.protos, self.chairs = now, protos, chairs
        self.nurses, self.doctors = nurses, doctors
        head = con.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
        ids = {t: con.execute(f"SELECT coalesce(max(id), 0) FROM {t}").fetchone()[0]
               for t in ("chart_entries", "alerts", "state_transitions", "signed_records")}
        from chairlog.paths import data_dir

        self.writer = Writer(con, (head[0], head[1]), ids, data_dir())
        self.due: list[tuple[int, int, int]] = []  # (due day, tie, patient)
        self.patients: dict[int, PatientState] = {}
        self.next_patient = con.execute("SELECT coalesce(max(id), 0) FROM patients").fetchone()[0]
        self.next_session = con.execute("SELECT coalesce(max(id), 0) FROM sessions").fetchone()[0]
        self.tie = itertools.count()
        self.events: list[tuple[int, int, str, Any]] = []
        self.later: list[tuple[int, int, str, Any]] = []  # signatures on later days

    def sink(self, at: int, kind: str, payload: Any) -> None:
        self.events.append((at, next(self.tie), kind, payload))

    def _new_patient(self, at: int, nurse: Person) -> PatientState:
        rng = self.rng
        self.next_patient += 1
        pid = self.next_patient
        fam, giv = rng.choice(names.FAMILY_NAMES), rng.choice(names.GIVEN_NAMES)
        dob = date(1938, 1, 1) + timedelta(days=rng.randint(0, 66 * 365))
        row = {"id": pid, "mrn": f"MRN-{100000 + pid}", "family_name": fam, "given_name": giv,
               "search_name": fold(f"{fam} {giv}"), "date_of_birth": dob.isoformat(),
               "sex": rng.choices(("female", "male", "other"), (60, 39, 1))[0],
               "allergies": rng.choice(names.ALLERGIES) if rng.random() < 0.25 else "",
               "notes": "", "created_at": ts(at), "version": 1}
        self.sink(at, "patient", (row, nurse))
        key = rng.choices([k for k, _ in PROTOCOL_MIX], [w for _, w in PROTOCOL_MIX])[0]
        series = 6 + min(int(rng.expovariate(1 / 14)), 120)
        escort = f"{rng.choice(names.GIVEN_NAMES)} ({rng.choice(names.ESCORTS)})"
        st = PatientState(pid, self.protos[key], round(rng.uniform(48, 118), 1), escort, series)
        self.patients[pid] = st
        return st

    def _pick_patients(self, day: int, n: int, first_at: int, nurse: Person) -> list[PatientState]:
        picked: list[PatientState] = []
        while self.due and self.due[0][0] <= day and len(picked) < n:
            picked.append(self.patients[heapq.heappop(self.due)[2]])
        while len(picked) < n:
            picked.append(self._new_patient(first_at - self.rng.randint(10, 40) * MIN, nurse))
        return picked

    def _after_session(self, day: int, p: PatientState) -> None:
        p.done += 1
        p.left -= 1
        if p.left > 0:
            gap = self.rng.randint(1, 3) if p.done < 6 else self.rng.randint(12, 35)
            heapq.heappush(self.due, (day + gap, next(self.tie), p.id))

    def day(self, index: int, d: date, *, today: bool, running: int) -> None:
        rng, tz = self.rng, ZoneInfo(TIMEZONE)
        first = int(datetime.combine(d, FIRST_SLOT, tz).timestamp())
        day_nurses = [self.nurses[(index + k) % len(self.nurses)] for k in range(4)]
        doctor = self.doctors[index % len(self.doctors)]
        slots: list[tuple[int, int, bool]] = []  # (start, chair index, live)
        for c in range(len(self.chairs)):
            live_start = self.now - RUNNING_OFFSETS[c] * MIN if today and c < running else None
            for k in range(SLOTS_PER_DAY):
                start = first + k * SLOT_MIN * MIN + rng.randint(0, 6) * MIN
                end = start + SLOT_MIN * MIN
                limit = live_start if live_start is not None else (self.now if today else None)
                if limit is None or end <= limit:
                    slots.append((start, c, False))
            if live_start is not None:
                slots.append((live_start, c, True))
        slots.sort()
        if not slots:
            return
        picked = self._pick_patients(index, len(slots), slots[0][0], day_nurses[0])
        for (start, c, live), p in zip(slots, picked, strict=True):
            self.next_session += 1
            plan = SessionPlan(self.sink, rng, self.now, sid=self.next_session, patient_id=p.id,
                               chair=self.chairs[c], proto=p.proto,
                               weight=round(p.weight + rng.uniform(-1.5, 1.5), 1),
                               nurse=day_nurses[c // 2], doctor=doctor, start=start,
                               escort=p.escort, ts=ts, iso=iso)
            plan.run(stop_early=not live and rng.random() < 0.01,
                     force_pause=live and c == PAUSED_CHAIR)
            self._after_session(index, p)
        self._write_until(first + 20 * 3600 if not today else self.now + 1)

    def _write_until(self, limit: int) -> None:
        """Write this day's events, and earlier-planned signatures that are now due, in order."""
        due = [e for e in self.events if e[0] < limit]
        for e in self.events:
            if e[0] >= limit:
                heapq.heappush(self.later, e)
        self.events = []
        while self.later and self.later[0][0] < limit:
            due.append(heapq.heappop(self.later))
        due.sort(key=lambda e: (e[0], e[1]))
        for at, _tie, kind, payload in due:
            self.writer.emit(at, kind, payload)
        self.writer.maybe_flush()


BULK_TABLES = ("chart_entries", "audit_log", "state_transitions", "alerts", "signed_records",
               "sessions", "patients")


def _drop_indexes(con: sqlite3.Connection) -> list[str]:
    """Secondary indexes of the bulk tables are dropped while loading and rebuilt at the end
    (one sort per index instead of millions of random b-tree inserts)."""
    marks = ",".join("?" * len(BULK_TABLES))
    rows = con.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT "
                       f"NULL AND tbl_name IN ({marks})", BULK_TABLES).fetchall()
    for name, _sql in rows:
        con.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in rows]


def generate(out: Path, *, scale: float = 1.0, seed: int = 42, days: int | None = None,
             running: int = 8, now: datetime | None = None, quiet: bool = False) -> GenStats:
    """Create ``out`` (which must not exist) and fill it. Returns counts and timings."""
    t0 = time.perf_counter()
    if out.exists():
        raise FileExistsError(f"{out} exists; remove it first (or pass --force)")
    n_days = days if days is not None else max(1, round(2500 * scale))
    now_dt = (now or datetime.now(UTC)).replace(microsecond=0)
    now_s = int(now_dt.timestamp())
    rng = random.Random(seed)
    local_today = now_dt.astimezone(ZoneInfo(TIMEZONE)).date()
    dates = working_days(local_today, n_days, rng)
    setup_at = datetime.combine(dates[0] - timedelta(days=30), dtime(12, 0), UTC)
    protos, chairs, nurses, doctors = _setup(f"sqlite:///{out}", setup_at)
    con = sqlite3.connect(out, isolation_level=None)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    con.execute("PRAGMA temp_store=MEMORY")
    indexes = _drop_indexes(con)
    gen = Generator(con, seed=seed, now=now_s, protos=protos, chairs=chairs, nurses=nurses,
                    doctors=doctors)
    for i, d in enumerate(dates):
        gen.day(i, d, today=False, running=0)
        if not quiet and i % 250 == 249:
            print(f"  {i + 1}/{n_days} days, {gen.writer.counts['entry']:,} entries, "
                  f"{time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    gen.day(len(dates), local_today, today=True, running=min(running, CHAIRS))
    gen._write_until(now_s + 1)
    gen.writer.flush()
    t_index = time.perf_counter()
    for sql in indexes:
        con.execute(sql)
    t_index = time.perf_counter() - t_index
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    counts = {k: v for k, v in sorted(gen.writer.counts.items())}
    counts["patients"] = len(gen.patients)
    counts["sessions"] = gen.next_session
    counts_timing = {"index_rebuild_s": round(t_index, 2)}
    return GenStats(str(out), scale, seed, n_days, running, now_dt.isoformat(),
                    round(time.perf_counter() - t0, 2), out.stat().st_size, counts,
                    counts_timing)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = ten years (2500 days)")
    ap.add_argument("--days", type=int, default=None, help="working days (overrides --scale)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--running", type=int, default=8, help="live sessions today (0–8)")
    ap.add_argument("--now", default=None, help="ISO time the live sessions are anchored at")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--force", action="store_true", help="replace an existing file")
    args = ap.parse_args(argv)
    if args.force:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.out) + suffix).unlink(missing_ok=True)
    os.environ.setdefault("CHAIRLOG_HOME", str(args.out.resolve().parent / "chairlog-home"))
    now = datetime.fromisoformat(args.now) if args.now else None
    stats = generate(args.out, scale=args.scale, seed=args.seed, days=args.days,
                     running=args.running, now=now)
    print(json.dumps(stats.to_json(), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
