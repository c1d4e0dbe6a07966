"""Try to open a database and report the outcome as one JSON line: ``python try_open.py URL``.

Used where the attempt must run as a different process (e.g. without root's power to write to
read-only files)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))


def main(url: str) -> None:
    from chairlog.errors import ChairlogError
    from chairlog.services import open_app

    try:
        open_app(url).close()
    except ChairlogError as exc:
        print(json.dumps({"error": type(exc).__name__, "message": str(exc)}))
        return
    print(json.dumps({"error": None, "message": "opened"}))


if __name__ == "__main__":
    main(sys.argv[1])
