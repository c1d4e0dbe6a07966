"""Start-up and memory, measured in fresh processes (what a nurse waits for after a restart).

Method: the parent starts ``python -c CHILD`` and takes the wall time from spawning it to
reading the child's "ready" line. The child builds the app the way ``run_gui`` does (style
sheet, ``open_app`` on an existing database, context, main window — sign-in is replaced by
setting the user, so the password hash, a deliberate cost of about a tenth of a second, is
reported separately), shows the window and processes events until the board's first tile
has been painted. The baseline child shows a bare QMainWindow the same way, until painted.
The child also reports its own elapsed time (``perf_counter`` at the top of the script),
which heavy modules were imported by then, and, in memory mode, its RSS after the board has
run for a few seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import Config, Figure, median, missing_module, unfinished

HEAVY = ("reportlab", "pyhanko", "pyhanko_certvalidator", "alembic", "matplotlib")

CHILD = r'''
import time
_t0 = time.perf_counter()
import json, sys
mode, db, settle = sys.argv[1], sys.argv[2], float(sys.argv[3])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
qapp = QApplication(sys.argv[:1])

class Painted(QObject):
    seen = False
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            Painted.seen = True
        return False

painted = Painted()
info = {}
if mode == "bare":
    w = QMainWindow()
    w.resize(1600, 1000)
    w.installEventFilter(painted)
    w.show()
else:
    stages = info["stages_s"] = {"qapplication": time.perf_counter() - _t0}
    from chairlog.services import accounts, open_app
    from chairlog.ui.app import apply_style, build_main_window
    from chairlog.ui.context import make_context
    stages["imports"] = time.perf_counter() - _t0
    apply_style(qapp)
    stages["style"] = time.perf_counter() - _t0
    app = open_app("sqlite:///" + db)
    stages["open_app"] = time.perf_counter() - _t0
    ctx = make_context(app)
    # a real sign-in (an actor is only ever the result of one): the nurse's password check
    # is part of what a start costs
    ctx.set_user(accounts.login(app, "ana", "demo-nurse-1"))
    w = build_main_window(ctx)
    stages["main_window"] = time.perf_counter() - _t0
    w.show()
    # the board reads its chairs off the UI thread (the operation runner): ready means the
    # first tile, with its data, painted
    while not w.board.chairs:
        qapp.processEvents()
        if time.perf_counter() - _t0 > 120:
            print("NOT READY: the board had no chairs within 120 s", flush=True)
            sys.exit(1)
    stages["board_read"] = time.perf_counter() - _t0
    first = w.board.tiles[w.board.chairs[0].id]
    first.installEventFilter(painted)
    first.update()
    w.board.focus_first_tile()
while not Painted.seen:
    qapp.processEvents()
    if time.perf_counter() - _t0 > 120:
        print("NOT READY: the window did not paint within 120 s", flush=True)
        sys.exit(1)
ready = time.perf_counter() - _t0
info["child_s"] = ready
info["heavy_modules"] = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
if mode != "bare":
    info["tiles"] = len(w.board.tiles)
    info["running"] = len(w.board.views)
print("READY " + json.dumps(info), flush=True)
info = {}
if mode != "bare":
    t = time.perf_counter()
    accounts.login(app, "ana", "demo-nurse-1")
    info["sign_in_s"] = time.perf_counter() - t
def _done():
    # the window asks before closing while sessions run (Qt 6's quit() is cancelled by a
    # close that is refused): close it the way a confirmed quit does, then quit
    if hasattr(w, "quit_now"):
        w.quit_now()
    qapp.quit()
if settle > 0:
    QTimer.singleShot(int(settle * 1000), _done)
    qapp.exec()
    status = open("/proc/self/status").read().split("\n")
    kb = {l.split(":")[0]: int(l.split()[1]) for l in status if l.startswith(("VmRSS", "VmHWM"))}
    info["rss_mb"] = kb["VmRSS"] / 1024
    info["peak_rss_mb"] = kb["VmHWM"] / 1024
print("MORE " + json.dumps(info), flush=True)
'''


def run_child(cfg: Config, mode: str, db: Path | None, settle: float = 0.0,
              importtime: bool = False) -> dict[str, Any]:
    """One fresh process; returns the child's report plus ``wall_s`` (spawn → ready)."""
    code = CHILD.replace("set(HEAVY)", repr(set(HEAVY)))
    args = [sys.executable, *(["-X", "importtime"] if importtime else []), "-c", code, mode,
            str(db or ""), str(settle)]
    with tempfile.TemporaryFile("w+") as errfile:
        t = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errfile, text=True,
                                env=cfg.env())
        assert proc.stdout is not None
        line = proc.stdout.readline()
        wall = time.perf_counter() - t
        out = proc.stdout.read()
        proc.wait(timeout=120)
        errfile.seek(0)
        err = errfile.read()
    if not line.startswith("READY "):
        raise RuntimeError(f"start-up child ({mode}) failed:\n{line}{out}{err[-3000:]}")
    info: dict[str, Any] = json.loads(line[6:])
    info["wall_s"] = wall
    more = [ln for ln in out.splitlines() if ln.startswith("MORE ")]
    if not more:
        raise RuntimeError(f"start-up child ({mode}) did not finish:\n{out}{err[-3000:]}")
    info.update(json.loads(more[0][5:]))
    if importtime:
        info["importtime"] = top_imports(err)
    return info


def top_imports(stderr: str, n: int = 12) -> list[tuple[str, float]]:
    """The slowest top-level imports (cumulative ms) from ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [p.strip() for p in line[len("import time:"):].split("|")]
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2]
        if not name.startswith(" "):  # imported by the script itself (not nested)
            rows.append((name.strip(), cumulative / 1000))
    return sorted(rows, key=lambda r: -r[1])[:n]


def interleaved(cfg: Config, dbs: dict[str, Path | None], n: int
                ) -> dict[str, list[dict[str, Any]]]:
    """``n`` rounds, each starting every variant once: a change in the machine's load during
    the run hits all of them alike, so the ratios stay meaningful on a busy machine."""
    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in dbs}
    for db in dbs.values() if cfg.warmup else ():  # OS file cache: Qt libraries, pages
        run_child(cfg, "bare" if db is None else "board", db)
    for _ in range(n):
        for k, db in dbs.items():
            runs[k].append(run_child(cfg, "bare" if db is None else "board", db))
    return runs


def _stages(runs: list[dict[str, Any]]) -> str:
    keys = list(runs[0].get("stages_s", {}))
    meds = {k: median([r["stages_s"][k] for r in runs]) for k in keys}
    prev, parts = 0.0, []
    for k in keys:
        parts.append(f"{k} {(meds[k] - prev) * 1000:.0f}")
        prev = meds[k]
    parts.append(f"show+paint {(median([r['child_s'] for r in runs]) - prev) * 1000:.0f}")
    return ", ".join(parts) + " ms"


def run(cfg: Config, demo: Path, oneday: Path, tenyear: Path, tenyear_label: str) -> list[Figure]:
    name_cold = "Cold start to an interactive board (demo database)"
    name_big = f"Start-up on the {tenyear_label}"
    name_mem = "Memory with 8 running sessions on the board"
    missing = missing_module("chairlog.ui.app", "chairlog.ui.main_window")
    if missing:
        why = f"{missing} does not exist yet"
        return [unfinished("cold_start", name_cold, "s", why, target=0.8, ratio_target=3.0),
                unfinished("start_tenyear", name_big, "s", why, ratio_target=1.1),
                unfinished("memory", name_mem, "MB", why, target=250)]
    n = cfg.n_start
    runs = interleaved(cfg, {"bare": None, "demo": demo, "oneday": oneday, "tenyear": tenyear}, n)
    profile = run_child(cfg, "board", demo, importtime=True)
    wall = {k: median([r["wall_s"] for r in v]) for k, v in runs.items()}
    first = runs["demo"][0]
    big = runs["tenyear"][0]
    figures = [
        Figure("cold_start", name_cold, "s", target=0.8, value=wall["demo"],
               baseline=wall["bare"], ratio_target=3.0,
               baseline_name="bare QApplication + empty QMainWindow, same method",
               note=(f"N={n} fresh processes, median of spawn → first tile painted "
                     f"(in-script: {_stages(runs['demo'])}); sign-in (password hash, excluded) "
                     f"{first['sign_in_s'] * 1000:.0f} ms; heavy modules at ready: "
                     f"{', '.join(first['heavy_modules']) or 'none'}"),
               extra={"runs_s": [r["wall_s"] for r in runs["demo"]],
                      "baseline_runs_s": [r["wall_s"] for r in runs["bare"]],
                      "stages": _stages(runs["demo"]), "heavy_modules": first["heavy_modules"],
                      "importtime_top_ms": profile["importtime"], "running": first["running"]}),
        Figure("start_tenyear", name_big, "s", value=wall["tenyear"], baseline=wall["demo"],
               baseline_name="cold start on the demo database (above)", ratio_target=1.1,
               note=(f"N={n}, same method, interleaved; {big['running']} running sessions on "
                     f"the board (demo: {first['running']}); against the one-day database "
                     f"with the same 8 running sessions: {wall['tenyear'] / wall['oneday']:.2f}×"
                     f" ({wall['oneday']:.3f} s); in-script: {_stages(runs['tenyear'])}"),
               extra={"runs_s": [r["wall_s"] for r in runs["tenyear"]],
                      "oneday_runs_s": [r["wall_s"] for r in runs["oneday"]]}),
    ]
    mem = [run_child(cfg, "board", tenyear, settle=cfg.memory_settle_s)
           for _ in range(cfg.n_memory)]
    worst = max(mem, key=lambda r: r["rss_mb"])
    figures.append(Figure(
        "memory", name_mem, "MB", target=250, value=worst["rss_mb"],
        note=(f"RSS after the board ran {cfg.memory_settle_s:g} s ({worst['running']} running "
              f"sessions, {tenyear_label}), worst of {len(mem)}; "
              f"peak {worst['peak_rss_mb']:.0f} MB"),
        extra={"rss_mb": [r["rss_mb"] for r in mem],
               "peak_rss_mb": [r["peak_rss_mb"] for r in mem]}))
    return figures
