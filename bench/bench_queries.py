"""Reading a ten-year database: find a patient, open their history, open a session.

The same service calls run on the ten-year and on the one-day database (same generator and
seed), each warm (one untimed call first, reported as ``first``), then N times (median).

To compare like with like, the ratio figures ask for the same amount of data on both
databases: the one-day database's patient with the most sessions, and on the ten-year
database a patient with that many sessions; the name searched is that patient's full name
typed without accents (``zhang wei``), the MRN is typed in full, and the session opened is
their latest. Two more figures have only the absolute target, for the heaviest realistic case
on the ten-year database: a family name alone (a common name: dozens of matches) and the
longest history in the database.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Config, Figure, median, percentile, url

RATIO_QUERIES = (
    ("query_name", "Find a patient by name"),
    ("query_mrn", "Find a patient by MRN"),
    ("query_history", "Open a patient's history (their session list)"),
    ("query_session", "Open a session (all entries, alerts, signatures)"),
)


def targets(db: Path, sessions: int | None = None) -> dict[str, Any]:
    """The patient with the most sessions, or (``sessions``) one with that many."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = ("SELECT patient_id, count(*) AS n FROM sessions GROUP BY patient_id")
        if sessions is None:
            row = con.execute(f"{counts} ORDER BY n DESC, patient_id LIMIT 1").fetchone()
        else:
            row = con.execute(f"{counts} ORDER BY abs(n - ?), patient_id LIMIT 1",
                              (sessions,)).fetchone()
        pid, n = row
        mrn, family, given = con.execute(
            "SELECT mrn, family_name, given_name FROM patients WHERE id = ?", (pid,)).fetchone()
        sid = con.execute("SELECT id FROM sessions WHERE patient_id = ? ORDER BY "
                          "(state = 'signed') DESC, checked_in_at DESC LIMIT 1",
                          (pid,)).fetchone()[0]
    finally:
        con.close()
    from chairlog.services.patients import fold

    return {"patient_id": pid, "sessions": n, "mrn": mrn, "family": fold(family),
            "full_name": fold(f"{family} {given}"), "session_id": sid}


def _calls(app: Any, t: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    from chairlog.services import patients, views

    return {
        "query_name": lambda: patients.search_patients(app, t["full_name"]),
        "query_mrn": lambda: patients.search_patients(app, t["mrn"]),
        "query_history": lambda: views.list_sessions(app, patient_id=t["patient_id"]),
        "query_session": lambda: views.get_session(app, t["session_id"]),
        "query_family": lambda: patients.search_patients(app, t["family"]),
    }


def measure(n: int, variants: dict[str, tuple[Path, dict[str, Any]]]
            ) -> dict[str, dict[str, dict[str, Any]]]:
    """Every call on every variant (database, targets), interleaved round by round so that a
    change in the machine's load hits all variants alike."""
    from chairlog.services import open_app

    apps = {k: open_app(url(db)) for k, (db, _t) in variants.items()}
    out: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in variants}
    try:
        calls = {k: _calls(apps[k], t) for k, (_db, t) in variants.items()}
        for key in calls[next(iter(calls))]:
            runs: dict[str, list[float]] = {k: [] for k in variants}
            for k in variants:
                t0 = time.perf_counter()
                result = calls[k][key]()
                size = len(result) if isinstance(result, list) else len(result.entries)
                out[k][key] = {"first_ms": (time.perf_counter() - t0) * 1000, "rows": size}
            for _ in range(n):
                for k in variants:
                    t0 = time.perf_counter()
                    calls[k][key]()
                    runs[k].append((time.perf_counter() - t0) * 1000)
            for k in variants:
                out[k][key] |= {"median_ms": median(runs[k]), "p90_ms": percentile(runs[k], 90)}
    finally:
        for app in apps.values():
            app.close()
    return out


def run(cfg: Config, tenyear: Path, oneday: Path, tenyear_label: str) -> list[Figure]:
    small_t = targets(oneday)
    big_t = targets(tenyear, sessions=small_t["sessions"])
    longest_t = targets(tenyear)
    got = measure(cfg.n_query, {"small": (oneday, small_t), "big": (tenyear, big_t),
                                "longest": (tenyear, longest_t)})
    small, big, longest = got["small"], got["big"], got["longest"]
    figures = []
    for key, name in RATIO_QUERIES:
        b, s = big[key], small[key]
        figures.append(Figure(
            key, f"{name}, {tenyear_label}", "ms", target=50.0, value=b["median_ms"],
            baseline=s["median_ms"], baseline_name="same call, same result size, one-day database",
            ratio_target=2.0,
            note=(f"N={cfg.n_query} warm, median; first call {b['first_ms']:.1f} ms; "
                  f"{b['rows']} rows/entries (one-day: {s['rows']})"),
            extra={"tenyear": b, "oneday": s}))
    fam, hist = longest["query_family"], longest["query_history"]
    figures += [
        Figure("query_family", f"Find a patient by a common family name alone, {tenyear_label}",
               "ms", target=50.0, value=fam["median_ms"],
               note=(f"“{longest_t['family']}”: {fam['rows']} shown of its matches; first call "
                     f"{fam['first_ms']:.1f} ms; N={cfg.n_query}")),
        Figure("query_history_longest", f"Open the longest history, {tenyear_label}", "ms",
               target=50.0, value=hist["median_ms"],
               note=(f"{longest_t['sessions']} sessions; first call {hist['first_ms']:.1f} ms; "
                     f"N={cfg.n_query}")),
    ]
    figures[0].extra["targets"] = {"tenyear": big_t, "oneday": small_t, "longest": longest_t}
    return figures
