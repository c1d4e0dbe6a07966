"""How long ``chairlog audit verify`` takes, measured on a generated database and extrapolated
to the ten-year one (5.35 M audit rows).

    python -m bench.bench_audit --days 100          # about 0.2 M audit rows
    python -m bench.bench_audit --days 100 --full   # also every signature

Measured: the database-level verification (``chairlog.db.audit.verify_chain``: the hash
chain, the signatures it checks by default, every bound row of every table, the in-database
anchors and the journal), wall-clock, on a warm page cache (run once before timing). The
per-record cost is multiplied up to 5.35 M records: the verifier is one linear pass over the
chain plus one over each table (memory grows with the number of rows: the newest binding of
every row is held while the chain is walked). Generated databases hold placeholder PDFs, so
the check of signed PDFs (``audit verify`` opens the newest 200) is not part of this figure.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

TEN_YEAR_ROWS = 5_350_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--days", type=int, default=100)
    ap.add_argument("--full", action="store_true", help="verify every signature too")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="chairlog-bench-audit-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["CHAIRLOG_HOME"] = str(work / "home")
    from bench.gen_db import generate
    from chairlog.db import anchors
    from chairlog.db.audit import verify_chain
    from chairlog.db.audit_verify import Anchor
    from chairlog.services import open_app

    db = work / f"audit-{args.days}d.sqlite3"
    if not db.exists():
        t = time.perf_counter()
        generate(db, days=args.days, seed=42, quiet=True)
        print(f"generated {db} in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    app = open_app(f"sqlite:///{db}")
    try:
        journal = anchors.read(app.db.journal)
        ext = [Anchor("journal lines", f"journal {j.line_no}", j.seq, j.hash)
               for j in journal.lines]
        timings = []
        for _ in range(2):  # the first run warms the page cache
            t = time.perf_counter()
            with app.db.read() as s:
                report = verify_chain(s, external=ext, full=args.full)
            timings.append(time.perf_counter() - t)
        assert report.ok, report.problem
    finally:
        app.close()
    secs = timings[-1]
    bound = sum(n for _, n in report.bound_rows)
    per_row = secs / report.rows
    print(f"audit records {report.rows:,}, bound rows {bound:,}, signatures "
          f"{report.signatures_checked:,}, anchors {dict(report.anchors)}")
    print(f"verify: {secs:.2f} s ({per_row * 1e6:.1f} µs per record)")
    print(f"extrapolated to {TEN_YEAR_ROWS:,} records: {per_row * TEN_YEAR_ROWS:.0f} s "
          f"(target 60 s); load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
