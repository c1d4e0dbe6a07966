"""A PDF shown in the window: its pages rendered to images, one under the other.

Decisions:
- Rendered with QtPdf (the ``PySide6-Pdf`` wheel). Without it the preview says so; nothing that
  uses a preview (signing, the handover sheet) depends on it.
- Pages are rendered at the viewport's width, at most ``PREVIEW_MAX_PX`` (legible at a step
  away on a 1920 px screen, two pages never side by side), and at least 300 px.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from chairlog.ui.i18n import translate

try:  # QtPdf ships in the separate PySide6-Pdf wheel
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # pragma: no cover - depends on the installation
    QPdfDocument = None  # type: ignore[misc,assignment]

PREVIEW_MAX_PX = 820


class PdfPreview(QScrollArea):
    """The pages of a PDF, rendered to images, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._inner = QWidget()
        self._pages = QVBoxLayout(self._inner)
        self._pages.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWidget(self._inner)
        self.page_count = 0

    def _clear(self) -> None:
        while self._pages.count():
            item = self._pages.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.page_count = 0

    def show_message(self, text: str) -> None:
        self._clear()
        label = QLabel(text)
        label.setWordWrap(True)
        label.setObjectName("previewMessage")
        self._pages.addWidget(label)

    def show_pdf(self, data: bytes) -> int:
        """Render every page; returns the number of pages shown."""
        if QPdfDocument is None:
            self.show_message(
                translate(
                    "PdfPreview",
                    "The preview needs the Qt PDF module (PySide6-Pdf). Signing "
                    "works without it; export the record to read it.",
                )
            )
            return 0
        self._clear()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        doc = QPdfDocument(self)
        doc.load(buffer)
        if doc.status() != QPdfDocument.Status.Ready:
            self.show_message(translate("PdfPreview", "The record could not be displayed."))
            doc.deleteLater()
            buffer.deleteLater()
            return 0
        width = max(min(self.viewport().width() - 24, PREVIEW_MAX_PX), 300)
        for index in range(doc.pageCount()):
            size = doc.pagePointSize(index)
            height = int(width * size.height() / max(size.width(), 1.0))
            image = doc.render(index, QSize(width, height))
            page = QLabel()
            page.setObjectName("previewPage")
            page.setPixmap(QPixmap.fromImage(image))
            page.setFrameShape(QLabel.Shape.Box)
            self._pages.addWidget(page)
        self.page_count = doc.pageCount()
        doc.close()
        doc.deleteLater()
        buffer.deleteLater()
        return self.page_count
