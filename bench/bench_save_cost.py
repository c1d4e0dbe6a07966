"""What one chart save costs (issue 11.7): client CPU, server CPU, statements, the audit lock.

    python -m bench.bench_save_cost                 # 300 saves on 8 chairs
    python -m bench.bench_save_cost --profile 25    # and the 25 costliest functions (cProfile)

Starts a throwaway PostgreSQL server and sets up a clinic (``bench.bench_scale``'s ``Server``
and ``setup``), then charts ``--saves`` entries of the scale benchmark's mix in one process
through the outbox gateway (``Outbox.submit``, the window's path): vitals, a dose change
carrying the version the screen showed, a side effect, a note, in the proportions of the
scale benchmark's rhythm (every 5–15, 15–40, 30–90 and 20–45 clinic minutes). Prints, per
save: client CPU (``time.process_time``), wall time, the server's CPU (every server process,
from ``/proc``), SQL statements (``before_cursor_execute``), and how long the audit chain's
lock was held (from the statement taking it to the commit's return). CPU and statement counts
do not depend on the machine's load; wall times do (the load is printed beside them).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: the scale benchmark's rhythm: (kind, mean minutes between two of them on one chair)
MIX = (("vitals", 10.0), ("rate", 27.5), ("side_effect", 60.0), ("note", 32.5))


def _server_cpu(root: Path) -> float:
    """CPU seconds used so far by the PostgreSQL server's processes (postmaster children)."""
    try:
        postmaster = int((root / "data" / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == postmaster or int(d.name) == postmaster:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def run(saves: int, chairs: int, seed: int, profile: int, port: int) -> dict[str, Any]:
    from sqlalchemy import event

    from bench.bench_scale import PASSWORD, VITALS, Server, pct, setup
    from chairlog.db.engine import ChairlogSession
    from chairlog.outbox import Outbox
    from chairlog.services import accounts, open_app, views

    home = Path(tempfile.mkdtemp(prefix="chairlog-bench-cost."))
    os.environ["CHAIRLOG_HOME"] = str(home)
    os.environ["CHAIRLOG_KEYRING"] = "file"
    server = Server(port)
    try:
        plan = setup(server.url, 1, chairs)
        spec = plan["workstations"][0]
        app = open_app(server.url)
        nurse = accounts.login(app, spec["nurse"], PASSWORD)
        box = Outbox(app, folder=home)
        counting = [False]
        statements = [0]
        lock_taken: list[float] = []
        held: list[float] = []

        def on_execute(_conn: Any, _cur: Any, stmt: str, *_a: Any) -> None:
            if counting[0]:
                statements[0] += 1
                # the chain's lock: the advisory lock, or the head's row lock
                if "pg_advisory_xact_lock" in stmt or ("FOR UPDATE" in stmt
                                                        and "audit_head" in stmt):
                    lock_taken.append(time.perf_counter())

        def on_commit(_s: Any) -> None:
            if counting[0] and lock_taken:
                held.append(time.perf_counter() - lock_taken[0])
                lock_taken.clear()

        event.listen(app.db.engine, "before_cursor_execute", on_execute)
        event.listen(ChairlogSession, "after_commit", on_commit)
        rnd = random.Random(seed)
        kinds = [k for k, _ in MIX]
        weights = [1 / m for _, m in MIX]
        rates: dict[int, float] = {}
        cpu: list[float] = []
        wall: list[float] = []
        per_kind: dict[str, list[tuple[float, int]]] = {k: [] for k in kinds}
        prof = cProfile.Profile(time.process_time) if profile else None  # CPU, not waits
        server0 = _server_cpu(server.root)
        for i in range(saves):
            sid = spec["sessions"][i % chairs]
            kind = rnd.choices(kinds, weights)[0]
            kwargs: dict[str, Any] = {"session_id": sid}
            if kind == "vitals":
                name = "record_vitals"
                kwargs["values"] = {**VITALS, "hr": rnd.randint(60, 100),
                                    "sbp": rnd.randint(105, 140)}
            elif kind == "rate":
                name = "change_rate"
                rates[sid] = round(min(1.0, max(0.1, rates.get(sid, 0.3)
                                                + rnd.choice((-.05, .05)))), 2)
                kwargs |= {"rate": rates[sid],
                           "expected_version": views.get_session(app, sid).version}
            elif kind == "side_effect":
                name = "record_side_effect"
                kwargs |= {"effect_type": rnd.choice(("nausea", "dizziness", "dissociation")),
                           "severity": "mild", "action_taken": "none"}
            else:
                name = "add_note"
                kwargs["text"] = f"patient comfortable ({rnd.randint(1, 10**6)})"
            n0 = statements[0]
            counting[0] = True
            c, t = time.process_time(), time.perf_counter()
            if prof is not None:
                prof.enable()
            outcome = box.submit(name, kwargs, nurse)
            if prof is not None:
                prof.disable()
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            counting[0] = False
            assert not outcome.queued
            per_kind[kind].append((cpu[-1], statements[0] - n0))
        server_s = _server_cpu(server.root) - server0
        box.close()
        app.close()
    finally:
        server.close()
        shutil.rmtree(home, ignore_errors=True)
    res: dict[str, Any] = {
        "saves": saves, "chairs": chairs, "load": os.getloadavg()[0],
        "cpu_ms": statistics.mean(cpu) * 1000, "cpu_p50_ms": pct(cpu, 50),
        "wall_ms": statistics.mean(wall) * 1000, "wall_p50_ms": pct(wall, 50),
        "wall_p99_ms": pct(wall, 99),
        "server_cpu_ms": server_s / saves * 1000,
        "statements": statements[0] / saves,
        "lock_held_p50_ms": pct(held, 50), "lock_held_p99_ms": pct(held, 99),
        "kinds": {k: (len(v), statistics.mean(c for c, _ in v) * 1000 if v else 0.0,
                      statistics.mean(n for _, n in v) if v else 0.0)
                  for k, v in per_kind.items()},
    }
    if prof is not None:
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(profile)
        stats.sort_stats("cumulative").print_stats(profile)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--saves", type=int, default=300)
    ap.add_argument("--chairs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--port", type=int, default=54398)
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="profile the saves and print the N costliest functions")
    args = ap.parse_args(argv)
    r = run(args.saves, args.chairs, args.seed, args.profile, args.port)
    print(f"{r['saves']} saves on {r['chairs']} chairs (load {r['load']:.2f})")
    print(f"client CPU per save: {r['cpu_ms']:.2f} ms mean, {r['cpu_p50_ms']:.2f} ms p50")
    print(f"server CPU per save: {r['server_cpu_ms']:.2f} ms")
    print(f"wall per save: {r['wall_ms']:.2f} ms mean, {r['wall_p50_ms']:.2f} ms p50, "
          f"{r['wall_p99_ms']:.2f} ms p99")
    print(f"statements per save: {r['statements']:.2f}")
    print(f"audit lock held (lock → commit): {r['lock_held_p50_ms']:.2f} ms p50, "
          f"{r['lock_held_p99_ms']:.2f} ms p99")
    for k, (n, c, st) in r["kinds"].items():
        print(f"  {k:12s} {n:4d} saves, {c:6.2f} ms CPU, {st:5.2f} statements")
    return 0


if __name__ == "__main__":
    sys.exit(main())
