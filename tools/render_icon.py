"""Render resources/icons/chairlog.png (256 px) from resources/icons/chairlog.svg with QtSvg.

Run after changing the SVG: ``python tools/render_icon.py``. The PNG is shipped because some
desktops (and PyInstaller's Windows/macOS icon conversion) want a bitmap.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "chairlog.svg"))
    if not renderer.isValid():
        print("render_icon: chairlog.svg is not a valid SVG", file=sys.stderr)
        return 1
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    ok = image.save(str(ICONS / "chairlog.png"))
    del app
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
