"""Write resources/style.qss from the design tokens (chairlog/ui/tokens.py).

    python tools/gen_style.py [--check]

``--check`` writes nothing and exits 1 when the shipped file differs from what the tokens
make (the test suite checks the same: tests/ui/test_tokens.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "style.qss"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from chairlog.ui.style_sheet import app_sheet

    text = app_sheet()
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if current != text:
            print(f"{TARGET} is out of date: run python tools/gen_style.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TARGET.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
