"""Where a scale-benchmark save's time goes (issue 11.7): a split recorded per save.

Installed in each workstation process of ``bench.bench_scale``. Per save, in ms: ``cpu``
(``time.thread_time``), ``runq`` (waiting for a core while runnable: the thread's
``/proc/…/schedstat``), and the time blocked (neither running nor runnable: waiting for the
server) in the statement reading the audit chain's head ``FOR UPDATE`` (``lock``: the chain's
lock, waited for behind another workstation's commit), in the other statements (``sql``), in
the commit (``commit``), and in writing anchor lines (``anchor``: sign and fsync; ``anchors``
counts them); ``blocked`` is the rest. The server backends' CPU and run-queue wait over the
save (``server_cpu``, ``server_runq``) come from their ``/proc/PID/schedstat``; ``gc`` is
Python's collector (``gc.callbacks``), inside ``cpu``. :func:`summary` splits the slowest saves.
"""

from __future__ import annotations

import gc
import os
import statistics
import threading
import time
from typing import Any

from sqlalchemy import event

from chairlog.db.engine import ChairlogSession, Database

PARTS = ("cpu", "runq", "lock", "sql", "commit", "anchor", "blocked", "server_cpu",
         "server_runq", "gc")


def _schedstat(path: str) -> tuple[float, float]:
    """(CPU, run-queue wait) in seconds of one thread or process (``/proc/…/schedstat``)."""
    try:
        with open(path, "rb") as f:
            cpu, runq, _n = f.read().split()
    except (OSError, ValueError):
        return (0.0, 0.0)
    return (int(cpu) / 1e9, int(runq) / 1e9)


class Probe:
    """Counters the engine's events add to; :meth:`take` reads and resets them.

    Each window (a statement, the commit) is split into time on a core, time waiting for a
    core (both from ``/proc/thread-self/schedstat``) and the rest: blocked, i.e. waiting for
    the server's answer (its work, its wait for the chain's lock, its own wait for a core).
    The server backends' CPU and run-queue wait over the save come from their ``/proc/PID/
    schedstat`` (the backend of every connection this process opened)."""

    def __init__(self, db: Database) -> None:
        engine = db.engine
        self.me = f"/proc/{os.getpid()}/task/{threading.get_native_id()}/schedstat"
        self.backends: list[str] = []
        self.acc: dict[str, float] = {}
        self._w = (0.0, 0.0, 0.0)
        self._c = (0.0, 0.0, 0.0)
        self._t_gc = 0.0
        self._is_lock = False
        engine.dispose()  # connections opened before: their backends are learnt anew
        event.listen(engine, "connect", self._connected)
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)
        event.listen(engine, "commit", self._commit_start)
        gc.callbacks.append(self._on_gc)

        event.listen(ChairlogSession, "after_commit", self._commit_end)
        anchor = db.anchor

        def timed_anchor(*a: Any, **kw: Any) -> None:
            t = time.perf_counter()
            try:
                anchor(*a, **kw)
            finally:
                self.acc["anchor"] = self.acc.get("anchor", 0.0) + time.perf_counter() - t
                self.acc["anchors"] = self.acc.get("anchors", 0) + 1

        db.anchor = timed_anchor  # type: ignore[method-assign]

    def _connected(self, dbapi_conn: Any, _rec: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("SELECT pg_backend_pid()")
        self.backends.append(f"/proc/{cur.fetchone()[0]}/schedstat")
        cur.close()
        dbapi_conn.commit()

    def _mark(self) -> tuple[float, float, float]:
        # the CPU clock is exact; schedstat's run time lags until the next tick, but its
        # run-queue wait is exact while the thread runs (added when it got its core)
        return (time.perf_counter(), time.thread_time(), _schedstat(self.me)[1])

    def _blocked(self, since: tuple[float, float, float]) -> float:
        now = self._mark()
        return (now[0] - since[0]) - (now[1] - since[1]) - (now[2] - since[2])

    def _before(self, _conn: Any, _cur: Any, stmt: str, *_a: Any) -> None:
        self.acc["statements"] = self.acc.get("statements", 0) + 1
        self._is_lock = ("FOR UPDATE" in stmt and "audit_head" in stmt) \
            or "pg_advisory_xact_lock" in stmt
        self._w = self._mark()

    def _after(self, *_a: Any) -> None:
        part = "lock" if self._is_lock else "sql"
        self.acc[part] = self.acc.get(part, 0.0) + self._blocked(self._w)

    def _commit_start(self, _conn: Any) -> None:
        self._c = self._mark()

    def _commit_end(self, _s: Any) -> None:
        if self._c[0]:
            self.acc["commit"] = self.acc.get("commit", 0.0) + self._blocked(self._c)
            self._c = (0.0, 0.0, 0.0)

    def _on_gc(self, phase: str, _info: dict[str, Any]) -> None:
        if phase == "start":
            self._t_gc = time.perf_counter()
        elif self._t_gc:
            self.acc["gc"] = self.acc.get("gc", 0.0) + time.perf_counter() - self._t_gc
            self._t_gc = 0.0

    def _server(self) -> tuple[float, float]:
        got = [_schedstat(b) for b in self.backends]
        return (sum(c for c, _ in got), sum(r for _, r in got))

    def start(self) -> tuple[tuple[float, float, float], tuple[float, float]]:
        self.acc = {}
        return self._mark(), self._server()

    def take(self, started: tuple[tuple[float, float, float], tuple[float, float]]
             ) -> dict[str, float]:
        (t0, cpu0, runq0), (scpu0, srunq0) = started
        t, cpu, runq = self._mark()
        scpu, srunq = self._server()
        a = self.acc
        out = {"ms": t - t0, "cpu": cpu - cpu0, "runq": runq - runq0,
               "lock": a.get("lock", 0.0), "sql": a.get("sql", 0.0),
               "commit": a.get("commit", 0.0), "anchor": a.get("anchor", 0.0),
               "server_cpu": scpu - scpu0,
               "server_runq": srunq - srunq0, "gc": a.get("gc", 0.0)}
        # an anchor's time is mostly its fsync (blocked), a little CPU: counted as blocked
        out["blocked"] = out["ms"] - out["cpu"] - out["runq"] - out["lock"] - out["sql"] \
            - out["commit"] - out["anchor"]
        return {k: round(v * 1000, 2) for k, v in out.items()} | {
            "statements": int(a.get("statements", 0)), "anchors": int(a.get("anchors", 0))}


def summary(saves: list[dict[str, Any]], share: float = 0.01) -> dict[str, Any]:
    """The slowest ``share`` of ``saves`` against the rest: mean parts, kinds, first saves."""
    if not saves:
        return {}
    ranked = sorted(saves, key=lambda x: x["ms"], reverse=True)
    n = max(1, round(len(ranked) * share))
    slow, rest = ranked[:n], ranked[n:] or ranked
    first: dict[int, dict[str, Any]] = {}
    for x in sorted(saves, key=lambda x: x["at"]):
        first.setdefault(x["ws"], x)

    def parts(xs: list[dict[str, Any]]) -> dict[str, float]:
        return {p: round(statistics.mean(x[p] for x in xs), 1) for p in ("ms", *PARTS)}

    return {
        "slowest": n, "slow": parts(slow), "rest": parts(rest),
        "slow_first_of_process": sum(1 for x in slow if x is first.get(x["ws"])),
        "slow_first_of_chair": sum(1 for x in slow if x["nth_of_chair"] == 0),
        "slow_in_first_5s": sum(1 for x in slow if x["at"] < 5.0),
        "slow_kinds": dict(sorted({k: sum(1 for x in slow if x["kind"] == k)
                                   for k in {x["kind"] for x in slow}}.items())),
        "first_of_chair_ms": round(statistics.mean(
            x["ms"] for x in saves if x["nth_of_chair"] == 0), 1),
        "later_ms": round(statistics.mean(
            [x["ms"] for x in saves if x["nth_of_chair"] > 0] or [0.0]), 1),
    }


def report(splits: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Per phase: percentiles, without each process's first save, per 10 s of the phase, and
    the slowest 1 % one by one with the saves of other processes that overlapped them."""
    from bench.bench_scale import pct

    def p(xs: list[float], q: float) -> float:
        return pct([x / 1000 for x in xs], q)

    keys = ("ms", *PARTS, "statements", "anchors")
    out = []
    for phase, saves in splits.items():
        if not saves:
            continue
        ms = [x["ms"] for x in saves]
        out.append(f"== {phase}: {len(saves)} saves, p50 {p(ms, 50):.1f} p99 {p(ms, 99):.1f} "
                   f"max {max(ms):.1f} ms")
        first: dict[int, dict[str, Any]] = {}
        for x in sorted(saves, key=lambda x: x["at"]):
            first.setdefault(x["ws"], x)
        warm = [x["ms"] for x in saves if first[x["ws"]] is not x]
        out.append(f"   without each process's first save: p99 {p(warm, 99):.1f} ms; first "
                   f"saves: {sorted(round(x['ms']) for x in first.values())}")
        for lo in range(0, int(max(x["at"] for x in saves)) + 1, 10):
            b = [x for x in saves if lo <= x["at"] < lo + 10]
            if b:
                mean = {k: statistics.mean(x[k] for x in b) for k in PARTS}
                out.append(f"   {lo:3d}-{lo + 10:3d} s: {len(b):4d} saves, p50 "
                           f"{p([x['ms'] for x in b], 50):6.1f} p99 "
                           f"{p([x['ms'] for x in b], 99):6.1f}; mean "
                           + " ".join(f"{k} {mean[k]:.1f}" for k in
                                      ("cpu", "runq", "lock", "server_runq")))
        ranked = sorted(saves, key=lambda x: -x["ms"])
        slow = ranked[:max(1, len(saves) // 100)]
        spans = [(x["at"], x["at"] + x["ms"] / 1000, x["ws"]) for x in saves]
        out.append("   the slowest 1 %:")
        for x in slow:
            a, b_ = x["at"], x["at"] + x["ms"] / 1000
            over = sum(1 for s0, s1, w in spans if s0 < b_ and s1 > a and w != x["ws"])
            out.append("    " + " ".join(f"{k} {x[k]}" for k in keys)
                       + f" | at {x['at']} s {x['kind']} chair's #{x['nth_of_chair']} "
                         f"process {x['ws']}, {over} saves of others overlapping")
        rest = ranked[len(slow):] or ranked
        out.append("   the rest, mean: " + " ".join(
            f"{k} {statistics.mean(x[k] for x in rest):.1f}" for k in keys))
    return out


if __name__ == "__main__":  # python -m bench.scale_probe SPLITS.json (bench_scale --splits)
    import json
    import sys

    with open(sys.argv[1], encoding="utf-8") as f:
        print("\n".join(report(json.load(f))))
