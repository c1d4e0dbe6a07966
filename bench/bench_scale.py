"""Scale benchmark (issue 11.7): one PostgreSQL server, many workstations charting at once.

    python -m bench.bench_scale            # 20 workstations × 8 chairs, 2 minutes
    python -m bench.bench_scale --quick    # 4 workstations × 2 chairs, ≈ 30 s in all

Starts its own PostgreSQL server (Debian's server programs, tools/pg.sh's way: a throwaway
folder, a Unix socket, fsync off — the commit path of the client is what is measured, not the
disk), sets up a clinic with one running infusion per chair, then runs two phases of the same
length with the same rhythm: **one workstation alone** (the baseline), then **all of them**.
Each workstation is its own process with its own data folder; it charts through the outbox
gateway (the window's path) at the clinic's rhythm (CLINICAL.md) compressed 60×: vitals every
5–15 min, a dose change every 15–40 min, a side effect now and then, notes. Its dose changes
carry the version it last read, and every workstation also titrates its neighbour's first chair
(two nurses on one chair), so conflicts do happen.

Figures: p50/p99 save latency (alone and all), entries acknowledged vs found on the server
(0 lost), conflicts raised vs silent overwrites (two acknowledged dose changes made from the
same session version: 0), and p99(all) / p99(alone) ≤ 2×. Writes ``bench/results/scale.md`` and
``scale.json`` (``scale-quick.*`` with --quick); ``--splits FILE`` also keeps every save's time
split (``bench.scale_probe``: CPU, run-queue wait, chain-lock wait, statements, commit, anchors,
the server backend's CPU, and ``late``: how long after its due time the save started;
``python -m bench.scale_probe FILE`` reads it), and ``scale.json``
has the split of the slowest 1 % against the rest (``tail_alone``, ``tail_all``).

Decisions (what makes the two phases comparable; no cost a nurse feels is left out):
- The baseline runs 3 × as long as the together phase (``--alone-seconds``; 360 s, ≈ 510
  saves): at 120 s it had ≈ 170 saves, so its "p99" was the second-slowest save, and one
  unlucky save (a cold first one, a neighbour's burst on the shared machine) moved the ratio
  by a factor of two. The together phase keeps its length (20 × ≈ 180 saves).
- After signing in, each workstation reads the board (``views.board``), as the window does
  before a nurse can open a chair: its first save then finds the view's statements compiled
  and the protocol snapshots parsed, as the window's first save does. The save itself is
  measured whole, cold parts included (the first save of each process still compiles the
  write's statements).
- Every chair is mid-infusion when a phase starts (the set-up started them all), so the
  rhythm is taken as already running: the first entry of each kind falls at a random point of
  one of its intervals (vitals within 0–15 clinic minutes, about 5 on average, as for a chair
  whose last set was some minutes ago). Until 2026-12-04 every chair's first vitals fell in
  the first 5 clinic minutes, twice the steady rate for the phase's first seconds: a burst
  no clinic's board has, since no 160 infusions start in the same 5 minutes.
- The workstations of a phase start charting at one instant and stop at one instant: each waits
  2 s past the phase's end before writing its results and exiting, so that no process's exit
  (interpreter teardown, ≈ 0.1 s of CPU) runs beside another's last saves. Before, the
  slowest saves of a 10-workstation run were the last ones (at 59.5–60 s of 60 s).
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
PASSWORD = "bench-pass-1"
COMPRESSION = 60.0
VITALS = {"hr": 72, "sbp": 120, "dbp": 78, "spo2": 98, "rr": 14}


# ---- the server ---------------------------------------------------------------------------

class Server:
    """A throwaway PostgreSQL server on a Unix socket (stopped and removed by ``close``)."""

    def __init__(self, port: int = 54397) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
        if not found:
            raise SystemExit("PostgreSQL server programs not found (apt-get install postgresql)")
        self.bin = Path(found[-1])
        self.root = Path(tempfile.mkdtemp(prefix="chairlog-bench-pg."))
        os.chmod(self.root, 0o777)
        self.port = port
        self._sh(f"'{self.bin}/initdb' -D '{self.root}/data' -A trust -U postgres "
                 f">'{self.root}/initdb.log' 2>&1")
        self._sh(f"'{self.bin}/pg_ctl' -D '{self.root}/data' -w -l '{self.root}/server.log' "
                 f"-o \"-p {port} -k {self.root} -c listen_addresses='' -c fsync=off "
                 f"-c max_connections=200\" start >/dev/null")
        self.url = f"postgresql+psycopg://postgres@/postgres?host={self.root}&port={port}"

    def _sh(self, cmd: str) -> None:
        if os.getuid() == 0:
            subprocess.run(["chown", "postgres", str(self.root)], check=True)
            subprocess.run(["su", "postgres", "-s", "/bin/bash", "-c", cmd], check=True)
        else:
            subprocess.run(["bash", "-c", cmd], check=True)

    def close(self) -> None:
        try:
            self._sh(f"'{self.bin}/pg_ctl' -D '{self.root}/data' -m fast -w stop >/dev/null")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


# ---- set-up -------------------------------------------------------------------------------

def setup(url: str, workstations: int, chairs: int) -> dict[str, Any]:
    """A clinic with one nurse per workstation and one infusing session per chair."""
    from chairlog.services import accounts, charting, doses, open_app, protocols, sessions
    from chairlog.services import patients as pts

    app = open_app(url)
    try:
        admin = accounts.init_clinic(app, clinic_name="Scale Clinic", timezone="Europe/Berlin",
                                     admin_username="admin", admin_full_name="Ada Admin",
                                     admin_password=PASSWORD, ca_passphrase="bench-authority-1")
        proto = protocols.install_default_protocols(app, admin)[0]
        plan: dict[str, Any] = {"workstations": []}
        for w in range(workstations + 1):  # the last one is the baseline's, alone
            name = f"nurse{w:02d}"
            accounts.add_user(app, admin, username=name, full_name=f"Nurse {w}", role="nurse",
                              password=PASSWORD, must_change_password=False)
            nurse = accounts.login(app, name, PASSWORD)
            ids = []
            for c in range(chairs):
                chair = protocols.add_chair(app, admin, f"Chair {w}-{c}")
                p = pts.create_patient(app, nurse, mrn=f"S{w:02d}{c:02d}",
                                       family_name=f"Family{w}-{c}", given_name="Given")
                s = sessions.start_session(app, nurse, patient_id=p.id, chair_id=chair.id,
                                           protocol_id=proto.id, weight_kg=80.0)
                for item in s.protocol.checklist:
                    charting.complete_checklist_item(app, nurse, s.id, item.key)
                charting.record_vitals(app, nurse, s.id, VITALS)
                charting.record_assessment(app, nurse, s.id, "pain_nrs", 6)
                doses.start_infusion(app, nurse, s.id, 0.3)
                ids.append(s.id)
            plan["workstations"].append({"nurse": name, "sessions": ids})
        for i, ws in enumerate(plan["workstations"][:workstations]):  # a neighbour's chair
            ws["shared"] = plan["workstations"][(i + 1) % workstations]["sessions"][0]
        plan["workstations"][-1]["shared"] = None
        return plan
    finally:
        app.close()


# ---- one workstation (a child process) ----------------------------------------------------

def workstation(url: str, spec: dict[str, Any], seconds: float, seed: int, out: Path) -> None:
    """Sign in, say ``ready``, read the common start time from stdin, chart at the compressed
    rhythm for ``seconds``; write what was saved."""
    from bench.scale_probe import Probe
    from chairlog.errors import ConflictError, StorageError
    from chairlog.outbox import Outbox
    from chairlog.services import accounts, open_app, views

    app = open_app(url)
    probe = Probe(app.db)
    # 20 sign-ins at once all append to the one audit chain: one that waited past the lock
    # timeout is tried again, as the nurse would
    for attempt in range(5):
        try:
            nurse = accounts.login(app, spec["nurse"], PASSWORD)
            break
        except StorageError:
            if attempt == 4:
                raise
            time.sleep(1 + attempt)
    box = Outbox(app)
    views.board(app)  # what the window reads at sign-in, before the nurse can chart
    rnd = random.Random(seed)
    minute = 60.0 / COMPRESSION
    # per chair: the next time of each kind of entry (seconds from the start)
    todo: list[tuple[float, str, int]] = []
    every = {"vitals": (5, 15), "rate": (15, 40), "side_effect": (30, 90), "note": (20, 45)}

    def first(kind: str) -> float:
        """The rhythm is already running (every chair is mid-infusion): the first entry of a
        kind falls at a random point of one of its intervals."""
        return rnd.random() * rnd.uniform(*every[kind]) * minute

    for sid in spec["sessions"]:
        todo += [(first(kind), kind, sid) for kind in ("vitals", "rate", "side_effect", "note")]
    if spec.get("shared"):
        todo.append((first("rate"), "rate", spec["shared"]))
    saved: list[dict[str, Any]] = []
    latencies: list[float] = []
    splits: list[dict[str, Any]] = []
    nth: Counter[int] = Counter()
    conflicts = 0
    rates: dict[int, float] = {}
    print("ready", flush=True)
    start_at = float(sys.stdin.readline())
    while time.time() < start_at:
        time.sleep(0.01)
    t0 = time.monotonic()
    while True:
        todo.sort()
        when, kind, sid = todo.pop(0)
        if when > seconds:
            break
        delay = t0 + when - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        kwargs: dict[str, Any] = {"session_id": sid}
        name = {"vitals": "record_vitals", "rate": "change_rate",
                "side_effect": "record_side_effect", "note": "add_note"}[kind]
        if kind == "vitals":
            kwargs["values"] = {**VITALS, "hr": rnd.randint(60, 100), "sbp": rnd.randint(105, 140)}
        elif kind == "rate":
            version = views.get_session(app, sid).version  # what the nurse's screen shows
            rates[sid] = round(min(1.0, max(0.1, rates.get(sid, 0.3) + rnd.choice((-.05, .05)))),
                               2)
            kwargs |= {"rate": rates[sid], "expected_version": version}
        elif kind == "side_effect":
            kwargs |= {"effect_type": rnd.choice(("nausea", "dizziness", "dissociation")),
                       "severity": "mild", "action_taken": "none"}
        else:
            kwargs["text"] = f"patient comfortable ({rnd.randint(1, 10**6)})"
        at = time.monotonic() - t0
        started = probe.start()
        t = time.perf_counter()
        try:
            outcome = box.submit(name, kwargs, nurse)
        except ConflictError:
            conflicts += 1
        else:
            latencies.append(time.perf_counter() - t)
            splits.append(probe.take(started) | {"at": round(at, 3), "late": round(at - when, 3),
                                                 "kind": kind,
                                                 "nth_of_chair": nth[sid], "ws": seed})
            nth[sid] += 1
            entry = outcome.result.entry
            saved.append({"session": sid, "kind": entry.kind.value, "entry": entry.id,
                          "queued": outcome.queued, "seen": kwargs.get("expected_version"),
                          "hr": kwargs.get("values", {}).get("hr"),
                          "rate": kwargs.get("rate")})
        low, high = every[kind]
        todo.append((when + rnd.uniform(low, high) * minute, kind, sid))
    # every workstation stops charting by ``seconds``; none tears down (its interpreter's exit
    # takes CPU) while another may still be saving
    time.sleep(max(0.0, t0 + seconds + 2.0 - time.monotonic()))
    out.write_text(json.dumps({"latencies": latencies, "saved": saved, "splits": splits,
                               "conflicts": conflicts}))
    box.close()
    app.close()


def phase(url: str, specs: list[dict[str, Any]], seconds: float, work: Path,
          label: str) -> list[dict[str, Any]]:
    """Run one process per spec for ``seconds`` from a common start; their results."""
    procs = []
    for i, spec in enumerate(specs):
        home = work / f"{label}-ws{i:02d}"
        home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "CHAIRLOG_HOME": str(home), "CHAIRLOG_KEYRING": "file"}
        out = home / "result.json"
        procs.append((subprocess.Popen(
            [sys.executable, "-m", "bench.bench_scale", "--child", json.dumps(
                {"url": url, "spec": spec, "seconds": seconds, "seed": i, "out": str(out)})],
            cwd=Path(__file__).resolve().parents[1], env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE), out))
    for p, _ in procs:  # every child imported, connected and signed in
        assert p.stdout is not None
        if p.stdout.readline().strip() != "ready":
            raise RuntimeError("a workstation did not start")
    start_at = time.time() + 0.5
    for p, _ in procs:
        assert p.stdin is not None
        p.stdin.write(f"{start_at}\n")
        p.stdin.flush()
    results = []
    for p, out in procs:
        rc = p.wait(timeout=seconds + 600)
        if rc != 0:
            raise RuntimeError(f"a workstation exited with {rc}")
        results.append(json.loads(out.read_text()))
    return results


def check(url: str, results: list[dict[str, Any]]) -> dict[str, int]:
    """Every acknowledged entry on the server with what was typed; overwrites counted."""
    from sqlalchemy import select

    from chairlog.db.models import ChartEntry
    from chairlog.services import open_app

    saved = [s for r in results for s in r["saved"]]
    app = open_app(url)
    try:
        with app.db.read() as s:
            rows = {e.id: e for e in s.scalars(select(ChartEntry).where(
                ChartEntry.id.in_([x["entry"] for x in saved])))}
    finally:
        app.close()
    found = 0
    for x in saved:
        e = rows.get(x["entry"])
        if e is None or e.session_id != x["session"] or e.status != "active":
            continue
        if x["hr"] is not None and e.hr != x["hr"]:
            continue
        if x["rate"] is not None and e.rate_mg_per_kg_h != x["rate"]:
            continue
        found += 1
    same_version = Counter((x["session"], x["seen"]) for x in saved if x["seen"] is not None)
    return {"acknowledged": len(saved), "found": found,
            "queued": sum(1 for x in saved if x["queued"]),
            "conflicts": sum(r["conflicts"] for r in results),
            "silent_overwrites": sum(n - 1 for n in same_version.values() if n > 1)}


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[max(0, min(len(s) - 1, round(p / 100 * len(s) + 0.5) - 1))] * 1000 if s else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="4 workstations × 2 chairs, ≈ 30 s")
    ap.add_argument("--workstations", type=int, default=None)
    ap.add_argument("--chairs", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=None)
    ap.add_argument("--alone-seconds", type=float, default=None,
                    help="the baseline's length (default: 3 × --seconds)")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--splits", type=Path, default=None,
                    help="also write every save's time split (bench.scale_probe) here")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        c = json.loads(args.child)
        workstation(c["url"], c["spec"], c["seconds"], c["seed"], Path(c["out"]))
        return 0
    n_ws = args.workstations or (4 if args.quick else 20)
    n_chairs = args.chairs or (2 if args.quick else 8)
    seconds = args.seconds or (5.0 if args.quick else 120.0)
    alone_s = args.alone_seconds or 3 * seconds
    from bench.scale_probe import summary

    t_all = time.perf_counter()
    load0 = os.getloadavg()
    server = Server()
    work = Path(tempfile.mkdtemp(prefix="chairlog-bench-scale."))
    # the set-up and the final check run in this process: their data folder (workstation key,
    # anchor journal) is the run's own, never the user's
    os.environ["CHAIRLOG_HOME"] = str(work / "setup-home")
    os.environ["CHAIRLOG_KEYRING"] = "file"
    try:
        t = time.perf_counter()
        plan = setup(server.url, n_ws, n_chairs)
        setup_s = time.perf_counter() - t
        print(f"set-up: {n_ws} workstations × {n_chairs} chairs in {setup_s:.0f} s", flush=True)
        alone = phase(server.url, [plan["workstations"][-1]], alone_s, work, "alone")
        print("phase 1 (one workstation alone) done", flush=True)
        together = phase(server.url, plan["workstations"][:n_ws], seconds, work, "all")
        print(f"phase 2 ({n_ws} workstations) done", flush=True)
        lat1 = [x for r in alone for x in r["latencies"]]
        latn = [x for r in together for x in r["latencies"]]
        counts = check(server.url, alone + together)
        split1 = [x for r in alone for x in r["splits"]]
        splitn = [x for r in together for x in r["splits"]]
        if args.splits:
            args.splits.write_text(json.dumps({"alone": split1, "all": splitn}))
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)
    load1 = os.getloadavg()
    p99_1, p99_n = pct(lat1, 99), pct(latn, 99)
    ratio = p99_n / p99_1 if p99_1 else float("inf")
    ok = (counts["found"] == counts["acknowledged"] and counts["silent_overwrites"] == 0
          and ratio <= 2.0)
    res = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{os.uname().nodename} {os.uname().machine} {os.cpu_count()} CPUs",
        "load": [round(load0[0], 2), round(load1[0], 2)],
        "workstations": n_ws, "chairs_each": n_chairs, "seconds": seconds,
        "alone_seconds": alone_s,
        "compression": COMPRESSION, "setup_s": round(setup_s, 1),
        "saves_alone": len(lat1), "saves_all": len(latn),
        "p50_alone_ms": round(pct(lat1, 50), 2), "p99_alone_ms": round(p99_1, 2),
        "p50_all_ms": round(pct(latn, 50), 2), "p99_all_ms": round(p99_n, 2),
        "max_all_ms": round(max(latn, default=0) * 1000, 2),
        "p99_ratio": round(ratio, 2), **counts, "pass": ok,
        "tail_alone": summary(split1), "tail_all": summary(splitn),
        "total_s": round(time.perf_counter() - t_all, 1),
    }
    write(res, args.out, "scale-quick" if args.quick else "scale")
    for k, v in res.items():
        print(f"{k}: {v}")
    return 0 if ok else 1


def write(res: dict[str, Any], folder: Path, stem: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    rows = [
        ("workstations × chairs × duration",
         f"{res['workstations']} × {res['chairs_each']} × {res['seconds']:g} s "
         f"(rhythm ×{res['compression']:g}); alone {res['alone_seconds']:g} s",
         "20 × 8 × 120 s; alone 360 s"),
        ("saves: alone / all", f"{res['saves_alone']} / {res['saves_all']}", ""),
        ("save latency p50 / p99, one workstation alone",
         f"{res['p50_alone_ms']} / {res['p99_alone_ms']} ms", "baseline"),
        ("save latency p50 / p99 / max, all workstations",
         f"{res['p50_all_ms']} / {res['p99_all_ms']} / {res['max_all_ms']} ms", ""),
        ("p99 all / p99 alone", f"{res['p99_ratio']}×", "≤ 2×"),
        ("entries acknowledged / found on the server",
         f"{res['acknowledged']} / {res['found']}", "0 lost"),
        ("dose changes refused as conflicts / silent overwrites",
         f"{res['conflicts']} / {res['silent_overwrites']}", "0 overwrites"),
        ("entries queued in an outbox (server unreachable)", str(res["queued"]), "0"),
        ("pass", "yes" if res["pass"] else "NO", ""),
    ]
    md = ["# Scale benchmark (one PostgreSQL server, many workstations)", "",
          f"{res['when']}, {res['machine']}, load {res['load'][0]} → {res['load'][1]}, "
          f"set-up {res['setup_s']} s, total {res['total_s']} s", "",
          "| figure | value | target |", "|---|---|---|"]
    md += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    for phase in ("alone", "all"):
        t = res.get(f"tail_{phase}") or {}
        if t:
            md += ["", f"Slowest 1 % ({t['slowest']} saves), {phase}, mean ms: "
                   + ", ".join(f"{k} {v}" for k, v in t["slow"].items())
                   + "; the rest: " + ", ".join(f"{k} {v}" for k, v in t["rest"].items())
                   + f"; among them first saves of a process: {t['slow_first_of_process']}"
                     f", of a chair: {t['slow_first_of_chair']}, in the phase's first 5 s: "
                     f"{t['slow_in_first_5s']}."]
    md += ["", "Method: the baseline runs 3 × as long as the together phase (so its p99 is "
           "not the second-slowest of ≈ 170 saves); every workstation reads the board after "
           "signing in, as the window does; no workstation exits before the phase's end; "
           "saves are measured whole (see the module's decisions). The split of a save "
           "(bench.scale_probe): cpu = the thread's CPU, runq = runnable but waiting for a "
           "core, lock = waiting in the statement that takes the audit chain's lock, sql / "
           "commit = waiting for the server in the other statements / the commit, anchor = "
           "writing journal lines (fsync), server_* = the server backend's CPU and run-queue "
           "wait; blocked = the rest (negative under heavy load: the parts overlap a little)."]
    (folder / f"{stem}.md").write_text("\n".join(md) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
