"""Write chairlog.ico (Windows) and chairlog.icns (macOS) from the shipped PNG icon, into the
folder given (default: this folder's build/icons), for the PyInstaller spec's ``icon=``.
Uses Pillow (installed with reportlab). Usage: python tools/bundle/make_icons.py [FOLDER]"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

from chairlog import paths


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/icons")
    out.mkdir(parents=True, exist_ok=True)
    png = Image.open(paths.resource("icons/chairlog.png")).convert("RGBA")
    png.save(out / "chairlog.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (256, 256)])
    png.save(out / "chairlog.icns")
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
