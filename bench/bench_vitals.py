"""Recording one vitals set: through the service, and from the session view's vitals form.

Service: ``charting.record_vitals`` (validate, insert, alerts, audit row, commit with fsync,
return the refreshed session), rotating over the 8 live sessions of a copy of the one-day
database so that sessions grow to a realistic ≈ 100 entries, not to hundreds. Baseline: one
plain ``sqlite3`` INSERT + COMMIT of a vitals-sized row, on the same disk, same pragmas (WAL,
synchronous=FULL, BEGIN IMMEDIATE).

Form: the main window with the infusing demo session open; QTest types the five numbers into
the vitals fields and presses Enter; the time runs until the save has been applied to the page
and the events it posted (board refresh, repaint) have been processed.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

from bench.common import (
    DEMO_NURSE,
    Config,
    Figure,
    copy_db,
    median,
    missing_module,
    percentile,
    unfinished,
    url,
)


def _values(rng: random.Random) -> dict[str, int]:
    """Within every protocol's thresholds and near any baseline: no alert dialog."""
    return {"hr": rng.randint(68, 82), "sbp": rng.randint(118, 128),
            "dbp": rng.randint(72, 80), "spo2": rng.randint(96, 99), "rr": rng.randint(12, 16)}


def sqlite_baseline(folder: Path, n: int) -> list[float]:
    path = folder / "scratch-baseline.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE vitals (id INTEGER PRIMARY KEY, session_id INTEGER, "
                "charted_at TEXT, hr INTEGER, sbp INTEGER, dbp INTEGER, spo2 INTEGER, rr INTEGER)")
    rng = random.Random(1)
    times = []
    for i in range(n + 5):
        v = _values(rng)
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO vitals (session_id, charted_at, hr, sbp, dbp, spo2, rr) "
                    "VALUES (?, datetime('now'), ?, ?, ?, ?, ?)",
                    (i % 8, v["hr"], v["sbp"], v["dbp"], v["spo2"], v["rr"]))
        con.execute("COMMIT")
        if i >= 5:
            times.append(time.perf_counter() - t)
    con.close()
    return times


def service_times(cfg: Config, oneday: Path, n: int,
                  pragmas: dict[str, int] | None = None) -> tuple[list[float], list[int]]:
    """Seconds per ``record_vitals`` call, and the live sessions' sizes afterwards."""
    from chairlog.services import accounts, charting, open_app, views

    db = copy_db(oneday, cfg.workdir / "scratch-vitals.sqlite3")
    app = open_app(url(db), sqlite_pragmas=pragmas)
    try:
        nurse = accounts.login(app, *DEMO_NURSE)
        live = [v.id for v in views.board(app)]
        rng = random.Random(2)
        for sid in live:  # warm-up: caches, first statements
            charting.record_vitals(app, nurse, sid, _values(rng))
        times = []
        for i in range(n):
            sid = live[i % len(live)]
            values = _values(rng)
            t = time.perf_counter()
            charting.record_vitals(app, nurse, sid, values)
            times.append(time.perf_counter() - t)
        sizes = [len(v.entries) for v in views.board(app)]
    finally:
        app.close()
    return times, sizes


def service(cfg: Config, oneday: Path) -> list[Figure]:
    times, sizes = service_times(cfg, oneday, cfg.n_vitals)
    no_sync, _ = service_times(cfg, oneday, max(20, cfg.n_vitals // 5), {"synchronous": 0})
    live = len(sizes)
    base = sqlite_baseline(cfg.workdir, cfg.n_vitals)
    ms = [t * 1000 for t in times]
    base_ms = [t * 1000 for t in base]
    name = "Recording one vitals set through the service (validate, insert, audit, fsync commit)"
    note = (f"N={cfg.n_vitals}, rotating over {live} live sessions (now {min(sizes)}–"
            f"{max(sizes)} entries each); without the fsync (synchronous=OFF) the same call "
            f"takes {median(no_sync) * 1000:.1f} ms, so the time is the work in Python "
            "(validation, ORM, audit hash, the session view returned), not the disk")
    return [
        Figure("vitals_service", name + ", median", "ms", target=5.0, value=median(ms),
               baseline=median(base_ms), ratio_target=2.0, note=note,
               baseline_name="plain sqlite3 INSERT + COMMIT, WAL, synchronous=FULL, same disk",
               extra={"p90_ms": percentile(ms, 90), "max_ms": max(ms),
                      "no_fsync_median_ms": median(no_sync) * 1000}),
        Figure("vitals_service_p99", name + ", p99", "ms", target=20.0, value=percentile(ms, 99),
               baseline=percentile(base_ms, 99), baseline_name="same baseline, p99", note=note),
    ]


def form(cfg: Config, demo: Path) -> Figure:
    name = "Recording one vitals set from the vitals form (keys, Enter, saved and shown)"
    missing = missing_module("chairlog.ui.app", "chairlog.ui.session.page",
                             "chairlog.ui.session.vitals_form")
    if missing:
        return unfinished("vitals_form", name, "ms", f"{missing} does not exist yet", target=30.0)
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from chairlog.services import accounts, open_app, views
    from chairlog.ui.app import apply_style, build_main_window
    from chairlog.ui.context import make_context

    qapp = QApplication.instance() or QApplication([])
    assert isinstance(qapp, QApplication)
    apply_style(qapp)
    db = copy_db(demo, cfg.workdir / "scratch-form.sqlite3")
    app = open_app(url(db))
    ctx = make_context(app)
    # each save is shown in the event that made it, however long it takes (the window waits
    # 40 ms, then shows it later): the figure is the whole time from Enter to the saved page
    ctx.runner.fast_ms = 10_000
    window = None
    try:
        ctx.set_user(accounts.login(app, *DEMO_NURSE))
        window = build_main_window(ctx)
        window.show()
        sid = next(v.id for v in views.board(app) if v.state.value == "infusing")
        page = window.open_session(sid)
        assert page is not None
        vitals = page.vitals  # type: ignore[attr-defined]
        for _ in range(5):
            qapp.processEvents()
        rng = random.Random(3)
        times = []
        for i in range(cfg.n_form + 3):
            values = _values(rng)
            before = page.view.latest_vitals  # type: ignore[attr-defined]
            t = time.perf_counter()
            vitals.focus_first()
            for field in ("hr", "sbp", "dbp", "spo2", "rr"):
                edit = vitals.edits[field]
                QTest.keyClicks(edit, str(values[field]))
            QTest.keyClick(vitals.edits["rr"], Qt.Key.Key_Return)
            qapp.processEvents()
            qapp.processEvents()
            dt = time.perf_counter() - t
            latest = page.view.latest_vitals  # type: ignore[attr-defined]
            shown = vitals.previous["hr"].text()
            if latest is None or latest is before or latest.data["hr"] != values["hr"] \
                    or shown != f"prev {values['hr']}":
                raise RuntimeError(f"vitals form: set {i} not saved/shown ({shown!r})")
            if i >= 3:
                times.append(dt)
        entries = len(page.view.entries)  # type: ignore[attr-defined]
    finally:
        if window is not None:
            window.board.stop()
            window.close()
            window.deleteLater()
        qapp.processEvents()
        ctx.shutdown()
        app.close()
    ms = [t * 1000 for t in times]
    return Figure("vitals_form", name, "ms", target=30.0, value=median(ms),
                  note=(f"N={cfg.n_form}, main window with the session open (board refresh "
                        f"included); p90 {percentile(ms, 90):.1f} ms; session grew to {entries} "
                        "entries"),
                  extra={"p90_ms": percentile(ms, 90), "max_ms": max(ms)})
