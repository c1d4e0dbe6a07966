"""Printing a PDF that ``reports/`` produced (the record, the handover) on a Qt printer.

Decisions:
- What is printed is the PDF itself, rendered page by page with QtPdf onto the printer at its
  resolution: the paper shows exactly what the file, the preview and a signed record show —
  one layout, not a second one drawn for the printer.
- The PDF is built on the operation runner's interactive lane (a database read and reportlab); the
  print dialog opens first, so nothing is built when the nurse cancels. The rendering runs on the UI
  thread (QPainter on a QPrinter must), a few hundred milliseconds a page.
- Tests print to a PDF file (``QPrinter.OutputFormat.PdfFormat``) without the dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from chairlog.errors import ChairlogError
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate

try:  # QtPdf ships in PySide6-Addons
    from PySide6.QtPdf import QPdfDocument
except ImportError:  # pragma: no cover - depends on the installation
    QPdfDocument = None  # type: ignore[misc,assignment]


class PrintFailed(ChairlogError):
    """The PDF could not be printed (no QtPdf, a damaged file, a printer refusing a page)."""


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of ``pdf`` on ``printer``, each scaled to fit its page; returns the
    number of pages printed."""
    if QPdfDocument is None:
        raise PrintFailed("Printing needs the Qt PDF module (PySide6-Addons); export the "
                          "PDF and print it from a PDF reader.")
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument()
    doc.load(buffer)
    try:
        if doc.status() != QPdfDocument.Status.Ready or doc.pageCount() == 0:
            raise PrintFailed("The document could not be read for printing.")
        first = doc.pagePointSize(0)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape
                                   if first.width() > first.height()
                                   else QPageLayout.Orientation.Portrait)
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("The printer could not be opened.")
        try:
            dpi = printer.resolution()
            for index in range(doc.pageCount()):
                if index:
                    printer.newPage()
                size = doc.pagePointSize(index)
                target = printer.pageRect(QPrinter.Unit.DevicePixel)
                scale = min(target.width() / size.width(), target.height() / size.height())
                w, h = int(size.width() * scale), int(size.height() * scale)
                # render at the printer's resolution, capped (a 1200-dpi printer needs no more)
                factor = min(dpi, 300) / 72.0
                image = doc.render(index, QSize(int(size.width() * factor),
                                                int(size.height() * factor)))
                painter.drawImage(QRectF(0, 0, w, h), image)
            return doc.pageCount()
        finally:
            painter.end()
    finally:
        doc.close()
        buffer.close()


def ask_and_print(ctx: UiContext, parent: QWidget, title: str, make_pdf: Callable[[], bytes],
                  done: Callable[[str], None]) -> QPrintDialog:
    """The print dialog; on OK build the PDF off the UI thread and print it. ``done`` gets one
    line to show (printed, or why not)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("printing", "Print {title}").format(title=title))

    def printed(pdf: bytes) -> None:
        try:
            pages = print_pdf(pdf, printer)
        except PrintFailed as exc:
            done(translate("printing", "Not printed: {exc}").format(exc=error_text(exc)))
            return
        done(
            translate("printing", "Printed {title} ({pages} page{value}).").format(
                title=title, pages=pages, value="s" if pages != 1 else ""
            )
        )

    def chosen(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            ctx.runner.interactive(parent, make_pdf).success(printed).failure(
                lambda exc: done(translate("printing", "Not printed: {exc}").format(
                    exc=error_text(exc))))

    dialog.finished.connect(chosen)
    dialog.setModal(True)
    dialog.show()
    return dialog
