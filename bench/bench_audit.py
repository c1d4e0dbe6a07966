"""How long ``chairlog audit verify`` takes on the ten-year database (5.35 M audit records).

    python -m bench.bench_audit --db /tmp/ten-years.sqlite3   # a generated database
    python -m bench.bench_audit --days 100                    # about 0.2 M records, extrapolated
    python -m bench.bench_audit --db ... --full               # also every signature

Measured: the database-level verification (``chairlog.db.audit.verify_chain``: the hash
chain, the signatures it checks by default, every bound row of every table, the in-database
anchors and the journal), on a warm page cache (``--runs`` timed runs after one that warms
it): wall-clock, CPU seconds of this process and of the helper process that hashes the bound
rows (``getrusage``), records per second and peak RSS of each; ``all_runs`` holds, per run,
wall, CPU of this process, CPU of the helper and this process's CPU when its walk ended
(after it, it hashes the chunks the helper has not started). The load average is printed
with the figures: on a shared machine the wall-clock time is the CPU time stretched by the
other processes, so the CPU seconds say what a quiet 2-core machine would take (the larger
of the two processes' CPU times, as they run side by side). With ``--days`` the per-record
figures are multiplied up to 5.35 M records (the verifier is linear). Generated databases hold
placeholder PDFs, so the check of signed PDFs (``audit verify`` opens the newest
``audit_anchors.PDF_DEFAULT``, 200) is measured apart: a demo clinic is made in a temporary
folder and its signed record is checked as ``audit verify`` checks each one (the signature
against the clinic's authority, then the head inside it), 200 times; the sum is added to the
ten-year figure (``with_pdfs_s``). ``--out`` writes the figures as JSON and Markdown
(``bench/results``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

TEN_YEAR_ROWS = 5_350_000
TARGET_S = 60.0


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _pdf_check(n: int) -> tuple[float, float]:
    """(wall, CPU) seconds of checking ``n`` signed PDFs as ``audit verify`` checks each: a
    real one, from a demo clinic made in a temporary folder (its own data folder)."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="chairlog-bench-pdf-") as tmp:
        url = f"sqlite:///{tmp}/demo.sqlite3"
        env = {**os.environ, "CHAIRLOG_HOME": f"{tmp}/home", "CHAIRLOG_KEYRING": "file"}
        subprocess.run([sys.executable, "-m", "chairlog", "--db", url, "demo"], env=env,
                       check=True, stdout=subprocess.DEVNULL)
        code = f"""
import sys, time
from sqlalchemy import select
from chairlog.db.models import SignedRecord
from chairlog.reports.pdfinfo import read_audit_head
from chairlog.services import open_app
from chairlog.services.context import clinic_row
from chairlog.services.records import verify_record_pdf_with_ca
app = open_app({url!r})
with app.db.read() as s:
    ca = clinic_row(s).ca_cert_pem
    pdf = bytes(s.scalars(select(SignedRecord.pdf_bytes)).first())
app.close()
t, c = time.perf_counter(), time.process_time()
for _ in range({n}):
    r = verify_record_pdf_with_ca(pdf, ca)
    assert r.ok and r.covers_whole_file and read_audit_head(pdf) is not None
print(time.perf_counter() - t, time.process_time() - c)
"""
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                             capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--days", type=int, default=100)
    ap.add_argument("--db", type=Path, default=None, help="an existing generated database")
    ap.add_argument("--home", type=Path, default=None,
                    help="the CHAIRLOG_HOME it was generated with (default: beside --db)")
    ap.add_argument("--full", action="store_true", help="verify every signature too")
    ap.add_argument("--runs", type=int, default=1, help="timed runs after the warm-up run")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None, help="write <out>.json and <out>.md")
    ap.add_argument("--helper", action="store_true",
                    help="hash the tables in the helper process even on a small database, as "
                         "on the ten-year one (for a --days extrapolation of the two processes)")
    args = ap.parse_args(argv)
    if args.helper:
        from chairlog.db import audit_fast

        audit_fast.PARALLEL_ROWS = 0
    if args.db is not None:
        db = args.db
        os.environ["CHAIRLOG_HOME"] = str(args.home or db.parent / "home")
    else:
        work = args.workdir or Path(tempfile.mkdtemp(prefix="chairlog-bench-audit-"))
        work.mkdir(parents=True, exist_ok=True)
        os.environ["CHAIRLOG_HOME"] = str(work / "home")
        db = work / f"audit-{args.days}d.sqlite3"
        if not db.exists():
            from bench.gen_db import generate

            t = time.perf_counter()
            generate(db, days=args.days, seed=42, quiet=True)
            print(f"generated {db} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    from chairlog.db import anchors, audit_fast
    from chairlog.db.audit import verify_chain
    from chairlog.db.audit_verify import Anchor
    from chairlog.services import open_app

    walked: list[float] = []  # this process's CPU seconds when its walk ended (per run)
    steal = audit_fast._Tables.steal

    def timed_steal(self: audit_fast._Tables, progress: object) -> None:
        walked.append(_cpu()[0])
        steal(self, progress)  # type: ignore[arg-type]

    audit_fast._Tables.steal = timed_steal  # type: ignore[method-assign]
    load_start = os.getloadavg()
    app = open_app(f"sqlite:///{db}")
    runs = []
    try:
        journal = anchors.read(app.db.journal)
        ext = [Anchor("journal lines", f"journal {j.line_no}", j.seq, j.hash)
               for j in journal.lines]
        for _ in range(1 + args.runs):  # the first run warms the page cache
            cpu0 = _cpu()
            t = time.perf_counter()
            with app.db.read() as s:
                report = verify_chain(s, external=ext, full=args.full)
            wall = time.perf_counter() - t
            cpu1 = _cpu()
            walk = walked[-1] - cpu0[0] if walked else cpu1[0] - cpu0[0]
            walked.clear()
            runs.append((wall, cpu1[0] - cpu0[0], cpu1[1] - cpu0[1], walk))
            assert report.ok, report.problem
    finally:
        app.close()
    wall, cpu_main, cpu_helper, _ = min(runs[1:], key=lambda r: r[0])
    from chairlog.services.audit_anchors import PDF_DEFAULT

    pdf_wall, pdf_cpu = _pdf_check(PDF_DEFAULT)
    bound = sum(n for _, n in report.bound_rows)
    scale = TEN_YEAR_ROWS / report.rows
    quiet = max(cpu_main, cpu_helper)
    peak_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_helper = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    load_end = os.getloadavg()
    fig = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} CPUs",
        "python": platform.python_version(), "database": str(db),
        "records": report.rows, "bound_rows": bound,
        "signatures": report.signatures_checked, "anchors": dict(report.anchors),
        "full": args.full, "helper_forced": args.helper, "wall_s": round(wall, 2),
        "cpu_main_s": round(cpu_main, 2),
        "cpu_helper_s": round(cpu_helper, 2),
        "records_per_s": round(report.rows / wall), "records_per_cpu_s": round(
            report.rows / quiet),
        "peak_rss_main_mb": round(peak_main), "peak_rss_helper_mb": round(peak_helper),
        "extrapolated": scale > 1.05,
        "ten_year_wall_s": round(wall * scale, 1), "ten_year_quiet_s": round(quiet * scale, 1),
        "pdfs_checked": PDF_DEFAULT, "pdf_wall_s": round(pdf_wall, 2),
        "pdf_cpu_s": round(pdf_cpu, 2),
        "with_pdfs_s": round(wall * scale + pdf_wall, 1),
        "cpu_model": _cpu_model(),
        "target_s": TARGET_S, "load_start": load_start, "load_end": load_end,
        "all_runs": [[round(x, 2) for x in r] for r in runs],
    }
    how = "extrapolated from" if fig["extrapolated"] else "measured on"
    print(f"audit records {report.rows:,}, bound rows {bound:,}, signatures "
          f"{report.signatures_checked:,}, anchors {dict(report.anchors)}")
    print(f"verify: {wall:.1f} s wall ({report.rows / wall:,.0f} records/s), CPU {cpu_main:.1f} s "
          f"(walk) + {cpu_helper:.1f} s (table pass, helper process); peak RSS "
          f"{peak_main:.0f} MB (walk), children ≤ {peak_helper:.0f} MB (Linux counts the "
          "parent's pages at the fork before exec)")
    print(f"ten-year database ({how} {report.rows:,} records): {wall * scale:.0f} s wall at "
          f"load {load_start[0]:.1f}–{load_end[0]:.1f}; {quiet * scale:.0f} s on 2 quiet cores "
          f"(the larger CPU time); target {TARGET_S:.0f} s")
    print(f"with the newest {PDF_DEFAULT} signed PDFs checked ({pdf_wall:.1f} s wall, "
          f"{pdf_cpu:.1f} s CPU, measured on a real one): {wall * scale + pdf_wall:.0f} s")
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.with_suffix(".json").write_text(json.dumps(fig, indent=1) + "\n")
        args.out.with_suffix(".md").write_text(_markdown(fig))
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def _markdown(f: dict[str, object]) -> str:
    rows = [
        ("audit records / bound rows", f"{f['records']:,} / {f['bound_rows']:,}"),
        ("signatures checked", f"{f['signatures']:,}" + (" (--full)" if f["full"] else "")),
        ("anchors", ", ".join(f"{n} {k}" for k, n in dict(f["anchors"]).items())),  # type: ignore[call-overload]
        ("wall-clock", f"{f['wall_s']} s ({f['records_per_s']:,} records/s)"),
        ("CPU: walk / table pass (helper)", f"{f['cpu_main_s']} s / {f['cpu_helper_s']} s"),
        ("peak RSS: walk / helper (≤, see notes)",
         f"{f['peak_rss_main_mb']} MB / {f['peak_rss_helper_mb']} MB"),
        ("ten-year figure, wall at this load" + (" (extrapolated)" if f["extrapolated"] else ""),
         f"{f['ten_year_wall_s']} s"),
        ("ten-year figure, 2 quiet cores (larger CPU time)", f"{f['ten_year_quiet_s']} s"),
        (f"signed PDFs checked ({f['pdfs_checked']}, a real one; wall / CPU)",
         f"{f['pdf_wall_s']} s / {f['pdf_cpu_s']} s"),
        ("ten-year figure with the signed PDFs (wall)", f"{f['with_pdfs_s']} s"),
        ("target", f"{f['target_s']:.0f} s"),
    ]
    load = f"load {f['load_start'][0]:.2f} → {f['load_end'][0]:.2f}"  # type: ignore[index]
    lines = ["# Audit verification benchmark", "",
             f"{f['when']}, {f['machine']} ({f['cpu_model']}), Python {f['python']}, {load}", "",
             "| figure | value |", "|---|---|", *(f"| {a} | {b} |" for a, b in rows), ""]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
