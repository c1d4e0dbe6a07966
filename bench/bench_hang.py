"""The window with its PostgreSQL server hung mid-save: the longest stall of the board's 1-s tick.

    python -m bench.bench_hang --pg-url postgresql+psycopg://postgres@127.0.0.1:54344/postgres

Creates a scratch database on that server, fills the demo clinic, opens the main window
(offscreen) signed in as the demo nurse with an infusing session's page open, then stops every
process of the server (SIGSTOP: the postmaster and its children, found through
``data_directory``'s ``postmaster.pid`` and ``pgrep -P``), types a vitals set and presses
Enter. It keeps the event loop running while the server stays stopped for ``--hold`` seconds,
then resumes it (SIGCONT) and waits for the window to recover. Printed: the longest gap between
two ticks of the board's 1-s timer, the longest UI-thread stall (a 10 ms probe timer), when the
save failed and with which words, when the "Server unreachable" banner appeared, and how long
after the resume it cleared. The server must be a throwaway one this user may signal
(``tools/pg.sh``'s ``start_throwaway_pg``).

Decisions:
- The runner's deadline is shortened to ``--deadline`` seconds (default 5; 20 in the window)
  so a run takes well under a minute; the figures measured (stalls) do not depend on it.
- Used by ``tests/reliability/test_pg_hang.py`` (``hang_scenario``) with the same code path.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

VITALS = ("74", "122", "78", "97", "15")


def server_pids(url: str) -> list[int]:
    """The postmaster of the server behind ``url`` and its children."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as c:
            data = c.exec_driver_sql("SHOW data_directory").scalar_one()
    finally:
        engine.dispose()
    postmaster = int((Path(data) / "postmaster.pid").read_text().split()[0])
    out = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True,
                         check=False).stdout
    return [postmaster, *(int(p) for p in out.split())]


def signal_all(pids: list[int], sig: signal.Signals) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            continue


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    import sqlalchemy as sa

    name = "hang_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@dataclass
class HangFigures:
    longest_tick_gap_s: float = 0.0
    longest_stall_ms: float = 0.0
    #: the same after the resume (re-reading and redrawing everything once)
    longest_stall_after_ms: float = 0.0
    #: when the longest stall while stopped began, in seconds after the stop
    longest_stall_at_s: float = 0.0
    #: the same probe with the server running, just before (the machine's own noise)
    longest_stall_baseline_ms: float = 0.0
    ticks: int = 0
    save_failed_after_s: float | None = None
    save_message: str = ""
    values_kept: bool = False
    banner_after_s: float | None = None
    banner: str = ""
    recovered_after_s: float | None = None
    saved_after_resume: bool = False
    notes: list[str] = field(default_factory=list)


def pump(seconds: float, until: Callable[[], bool] | None = None) -> bool:
    """Run the event loop for up to ``seconds`` (until ``until()`` holds, checked every 20 ms)."""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if until is not None and until():
            return True
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return until() if until is not None else True


def hang_scenario(window: Any, page: Any, stop: Callable[[], None], resume: Callable[[], None],
                  *, hold_s: float = 12.0, baseline_s: float = 2.5) -> HangFigures:
    """Stop the server, save vitals from ``page``, keep the loop running ``hold_s`` seconds,
    resume it and wait for recovery; the figures of the 1-s tick and the 10 ms probe."""
    from PySide6.QtCore import Qt, QTimer

    fig = HangFigures()
    ticks: list[float] = []
    probe: list[float] = []
    board = window.board
    board.ticked.connect(lambda: ticks.append(time.monotonic()))
    prober = QTimer()
    prober.setTimerType(Qt.TimerType.PreciseTimer)
    prober.setInterval(10)
    prober.timeout.connect(lambda: probe.append(time.monotonic()))
    prober.start()
    tb = time.monotonic()
    pump(baseline_s)  # the same window with the server running: the machine's own noise
    stop()
    t0 = time.monotonic()
    try:
        for name, value in zip(("hr", "sbp", "dbp", "spo2", "rr"), VITALS, strict=True):
            page.vitals.edits[name].setText(value)
        page.vitals.save()

        def watch() -> bool:
            now = time.monotonic() - t0
            if fig.banner_after_s is None and "Server unreachable since" in board.banner.text():
                fig.banner_after_s, fig.banner = now, board.banner.text()
            if fig.save_failed_after_s is None and "NOT saved" in page.message.text():
                fig.save_failed_after_s, fig.save_message = now, page.message.text()
            return False

        pump(hold_s, watch)  # the whole hold: the clock must keep ticking throughout
        fig.values_kept = tuple(page.vitals.edits[n].text()
                                for n in ("hr", "sbp", "dbp", "spo2", "rr")) == VITALS
    finally:
        resume()
    t1 = time.monotonic()
    ctx = window.ctx
    if pump(30.0, lambda: ctx.feed.unreachable_since is None and not board.banner.text()):
        fig.recovered_after_s = time.monotonic() - t1
    page.vitals.save()
    fig.saved_after_resume = pump(20.0, lambda: "Vitals saved" in page.message.text())
    prober.stop()
    during = [t for t in ticks if t >= t0 - 1.5]
    gaps = [b - a for a, b in pairwise(during)]
    fig.ticks = len(during)
    fig.longest_tick_gap_s = max(gaps, default=float("inf"))
    stalls = [(b - a, a - t0) for a, b in pairwise(probe) if t0 <= a < t1]
    worst = max(stalls, default=(0.0, 0.0))
    fig.longest_stall_ms, fig.longest_stall_at_s = worst[0] * 1000, worst[1]
    base = [b - a for a, b in pairwise(probe) if tb + 0.5 <= a < t0]
    fig.longest_stall_baseline_ms = max(base, default=0.0) * 1000
    after = [b - a for a, b in pairwise(probe) if a >= t1]
    fig.longest_stall_after_ms = max(after, default=0.0) * 1000
    return fig


def run(pg_url: str, *, hold_s: float, deadline_s: float) -> HangFigures:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from chairlog.services import accounts, demo, open_app, views
    from chairlog.ui.app import build_main_window
    from chairlog.ui.context import make_context

    qapp = QApplication.instance() or QApplication([])
    with scratch_database(pg_url) as url:
        app = open_app(url, demo=True)
        try:
            demo.fill_demo(app)
            ctx = make_context(app, demo=True)
            ctx.runner.deadline_s = deadline_s
            ctx.set_user(accounts.login(app, "ana", "demo-nurse-1"))
            window = build_main_window(ctx)
            window.resize(1600, 1000)
            window.show()
            running = [v for v in views.board(app) if v.state.value == "infusing"]
            ctx.runner.fast_ms = 10_000  # open the page in this event, then the window's 40 ms
            page = window.open_session(running[0].id)
            ctx.runner.fast_ms = 40
            pids = server_pids(url)
            fig = hang_scenario(window, page, lambda: signal_all(pids, signal.SIGSTOP),
                                lambda: signal_all(pids, signal.SIGCONT), hold_s=hold_s,
                                baseline_s=hold_s)
            window.quit_now()
            ctx.shutdown()
        finally:
            app.close()
    del qapp
    return fig


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pg-url", default=os.environ.get("CHAIRLOG_TEST_PG_URL", ""))
    ap.add_argument("--hold", type=float, default=12.0, help="seconds the server stays stopped")
    ap.add_argument("--deadline", type=float, default=5.0, help="the runner's deadline (s)")
    ap.add_argument("--out", type=Path, help="also write the figures here (JSON)")
    args = ap.parse_args()
    if not args.pg_url:
        ap.error("needs --pg-url (or CHAIRLOG_TEST_PG_URL): a throwaway PostgreSQL server")
    fig = run(args.pg_url, hold_s=args.hold, deadline_s=args.deadline)
    print(f"server stopped for {args.hold:.0f} s mid-save (runner deadline {args.deadline} s)")
    print(f"longest gap between 1-s board ticks: {fig.longest_tick_gap_s:.3f} s "
          f"({fig.ticks} ticks)")
    print(f"longest UI-thread stall while the server is stopped (10 ms probe): "
          f"{fig.longest_stall_ms:.0f} ms (at +{fig.longest_stall_at_s:.1f} s); after the "
          f"resume: {fig.longest_stall_after_ms:.0f} ms; server running, same window, "
          f"{args.hold:.0f} s before: {fig.longest_stall_baseline_ms:.0f} ms")
    print(f"save failed after: {fig.save_failed_after_s} s — {fig.save_message!r}; "
          f"typed values kept: {fig.values_kept}")
    print(f"banner after {fig.banner_after_s} s: {fig.banner!r}")
    print(f"recovered {fig.recovered_after_s} s after the resume; "
          f"saved after the resume: {fig.saved_after_resume}")
    if args.out is not None:
        load = os.getloadavg()[0]
        args.out.write_text(json.dumps({"hold_s": args.hold, "deadline_s": args.deadline,
                                        "load_average_1min": load, **asdict(fig)},
                                       indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
