"""Render page 1 of the demo's signed session record as a PNG, for the documentation.

    python tools/render_record.py [--out docs/screenshots/signed-record-page1.png]
                                  [--pdf FILE.pdf] [--page N] [--dpi 60]

Builds a fresh demo clinic in a temporary CHAIRLOG_HOME (the user's data is never touched)
with a fixed clock, so the record shows the same times every run; the demo's signed record
is exported exactly as stored, checked with chairlog's verifier, and page N rendered with
poppler's ``pdftoppm -png -r DPI``. ``--pdf`` also keeps the signed PDF.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshots" / "signed-record-page1.png"
#: the demo's "now": the signed record was signed two hours before it
DEMO_NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--pdf", type=Path, help="also write the signed PDF here")
    parser.add_argument("--page", type=int, default=1)
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args(argv)
    if shutil.which("pdftoppm") is None:
        print("render_record: pdftoppm (poppler-utils) is needed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="chairlog-record-") as tmp:
        os.environ["CHAIRLOG_HOME"] = tmp
        pdf = signed_demo_record(Path(tmp))
        if args.pdf is not None:
            args.pdf.write_bytes(pdf)
        src = Path(tmp) / "record.pdf"
        src.write_bytes(pdf)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        stem = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", str(args.page),
                        "-l", str(args.page), "-singlefile", str(src), str(stem)], check=True)
        shutil.copyfile(stem.with_suffix(".png"), args.out)
    print(f"Wrote {args.out}")
    return 0


def signed_demo_record(tmp: Path) -> bytes:
    sys.path.insert(0, str(ROOT))
    from chairlog.clinical.clock import FixedClock
    from chairlog.clinical.states import SessionState
    from chairlog.services import demo, open_app, records, signoff
    from chairlog.services.views import list_sessions

    app = open_app(f"sqlite:///{tmp / 'demo.sqlite3'}", clock=FixedClock(DEMO_NOW))
    try:
        demo.fill_demo(app, sign=signoff.sign_for_demo)
        signed = [s for s in list_sessions(app) if s.state is SessionState.SIGNED]
        if len(signed) != 1:
            raise SystemExit(f"expected one signed demo session, found {len(signed)}")
        pdf = records.export_record(app, signed[0].id)
        check = records.verify_record_pdf(app, pdf)
        if not check.ok:
            raise SystemExit(f"the demo's signed record does not verify: {check.reason}")
        return pdf
    finally:
        app.close()


if __name__ == "__main__":
    raise SystemExit(main())
