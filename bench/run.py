"""Run the benchmarks and write the results table.

    python -m bench.run                 # scale 1.0: ten years (generated once, then reused)
    python -m bench.run --quick         # CI: scale 0.01, fewer repetitions (≈ 2 min)
    python -m bench.run --scale 0.1 --only startup,queries

Prints each figure (target, figure, baseline, ratio, pass/fail) and writes
``bench/results/latest.md`` and ``latest.json`` (``quick.md`` / ``quick.json`` with
``--quick``, so a CI run never overwrites the full-scale table). The exit code is 1 when a
benchmark failed to run (``error``), and with ``--strict`` also when a target is missed;
``unfinished`` figures (their code does not exist yet) do not fail the run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.common import Config, Figure, default_workdir, demo_db, generated_db, prepare

RESULTS = Path(__file__).resolve().parent / "results"
GROUPS = ("queries", "vitals", "startup", "pdf", "form")


def fmt(v: float | None, unit: str) -> str:
    if v is None:
        return "—"
    if unit == "s":
        return f"{v:.3f} s"
    if unit == "ms":
        return f"{v:.2f} ms" if v < 10 else f"{v:.1f} ms"
    return f"{v:.0f} {unit}"


def verdict(f: Figure) -> str:
    if f.status != "measured":
        return f.status.upper()
    return "pass" if f.passed else "FAIL"


def target_text(f: Figure) -> str:
    parts = []
    if f.target is not None:
        parts.append(f"≤ {fmt(f.target, f.unit)}")
    if f.ratio_target is not None:
        parts.append(f"≤ {f.ratio_target:g}× baseline")
    return ", ".join(parts) or "—"


def print_figure(f: Figure) -> None:
    ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
    print(f"[{verdict(f):>10}] {f.name}\n"
          f"             target {target_text(f)} | figure {fmt(f.value, f.unit)} | "
          f"baseline {fmt(f.baseline, f.unit)} | ratio {ratio}", flush=True)
    if f.note:
        print(f"             {f.note}", flush=True)


def markdown(figures: list[Figure], meta: dict[str, Any]) -> str:
    lines = [
        "# chairlog benchmark results",
        "",
        f"Run {meta['finished']} · scale {meta['scale']} ({meta['tenyear']['sessions']:,} "
        f"sessions, {meta['tenyear']['entries']:,} entries, {meta['tenyear']['audit_rows']:,} "
        f"audit rows, {meta['tenyear']['size_mb']:,} MB) · {meta['machine']} · "
        f"total {meta['seconds']:.0f} s · load average {meta['load_average'][0]:g} at the "
        f"start, {meta['load_average'][1]:g} at the end",
        "",
        "| Figure | Target | Measured | Baseline | Ratio | Result |",
        "|---|---|---|---|---|---|",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        base = f"{fmt(f.baseline, f.unit)} ({f.baseline_name})" if f.baseline else "—"
        lines.append(f"| {f.name} | {target_text(f)} | {fmt(f.value, f.unit)} | {base} | "
                     f"{ratio} | {verdict(f)} |")
    lines += ["", "Notes:", ""]
    lines += [f"- **{f.name}**: {f.note}" for f in figures if f.note]
    gen = meta["tenyear"]
    when = "reused from an earlier run" if gen["reused"] else "this run"
    lines += ["", f"Database generation (`bench/gen_db.py --scale {meta['scale']}`): "
              f"{gen['seconds']:.0f} s ({when})."]
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpus = os.cpu_count()
    return (f"{platform.system()} {platform.machine()}, {cpus} CPU, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def run_all(cfg: Config, only: set[str] | None = None,
            log: Callable[[str], None] = print) -> tuple[list[Figure], dict[str, Any]]:
    """Prepare the databases and run the chosen benchmark groups (all by default)."""
    from bench import bench_pdf, bench_queries, bench_startup, bench_vitals

    t0 = time.perf_counter()
    load_start = os.getloadavg()[0]
    prepare(cfg)
    log(f"work folder {cfg.workdir}")
    demo, demo_s = demo_db(cfg)
    log(f"demo database ready ({demo_s:.1f} s)")
    oneday, _ = generated_db(cfg, f"oneday-seed{cfg.seed}", days=1)
    tenyear, info = generated_db(cfg, f"tenyear-scale{cfg.scale:g}-seed{cfg.seed}",
                                 scale=cfg.scale)
    reused = info["reused"]
    counts = info["counts"]
    log(f"ten-year database (scale {cfg.scale:g}): {counts['sessions']:,} sessions, "
        f"{info['size_bytes'] / 1e6:,.0f} MB, generated in {info['seconds']:.0f} s"
        f"{' (reused)' if reused else ''}")
    label = "ten-year database" if cfg.scale == 1.0 else f"scale-{cfg.scale:g} database"
    groups: dict[str, Callable[[], list[Figure]]] = {
        "queries": lambda: bench_queries.run(cfg, tenyear, oneday, label),
        "vitals": lambda: bench_vitals.service(cfg, oneday),
        "startup": lambda: bench_startup.run(cfg, demo, oneday, tenyear, label),
        "pdf": lambda: bench_pdf.run(cfg, demo),
        "form": lambda: [bench_vitals.form(cfg, demo)],
    }
    figures: list[Figure] = []
    for name, fn in groups.items():
        if only and name not in only:
            continue
        log(f"-- {name}")
        try:
            got = fn()
        except Exception as exc:  # a benchmark that breaks is reported, never faked
            traceback.print_exc()
            got = [Figure(name, f"{name} benchmarks", "", status="error",
                          note=f"{type(exc).__name__}: {exc}")]
        for f in got:
            print_figure(f)
        figures += got
    meta = {
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": cfg.scale, "quick": cfg.quick, "seed": cfg.seed, "machine": machine(),
        "seconds": time.perf_counter() - t0,
        "load_average": [round(load_start, 2), round(os.getloadavg()[0], 2)],
        "tenyear": {"sessions": counts["sessions"], "patients": counts["patients"],
                    "entries": counts.get("rows.chart_entries", 0),
                    "audit_rows": counts.get("rows.audit_log", 0),
                    "size_mb": round(info["size_bytes"] / 1e6), "seconds": info["seconds"],
                    "reused": reused, "path": str(tenyear)},
    }
    return figures, meta


def write_results(figures: list[Figure], meta: dict[str, Any], stem: str,
                  folder: Path = RESULTS) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.json").write_text(json.dumps(
        {"meta": meta, "figures": [f.to_json() for f in figures]}, indent=2,
        ensure_ascii=False) + "\n", encoding="utf-8")
    md = folder / f"{stem}.md"
    md.write_text(markdown(figures, meta), encoding="utf-8")
    return md


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="chairlog benchmarks")
    ap.add_argument("--scale", type=float, default=None, help="1.0 = ten years (default)")
    ap.add_argument("--quick", action="store_true", help="scale 0.01, fewer repetitions")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--regen", action="store_true", help="regenerate the databases")
    ap.add_argument("--only", default="", help=f"comma-separated groups: {', '.join(GROUPS)}")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    scale = args.scale if args.scale is not None else (0.01 if args.quick else 1.0)
    cfg = Config(scale=scale, quick=args.quick, workdir=args.workdir or default_workdir(),
                 seed=args.seed, regen=args.regen)
    if args.quick:
        cfg.n_start, cfg.n_vitals, cfg.n_form, cfg.n_query, cfg.n_sign = 3, 100, 15, 10, 2
        cfg.memory_settle_s = 1.0
    only = {g.strip() for g in args.only.split(",") if g.strip()} or None
    figures, meta = run_all(cfg, only)
    if not args.no_write:
        path = write_results(figures, meta, "quick" if args.quick else "latest")
        print(f"results: {path}")
    failed_to_run = any(f.status == "error" for f in figures)
    missed = any(f.passed is False for f in figures)
    print(f"total {meta['seconds']:.0f} s")
    return 1 if failed_to_run or (args.strict and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
