"""The shift handover from the board (Ctrl+Shift+H): every chair on one page, previewed, printed
or saved as PDF (``services.handover``, ``reports.handover``).

Decisions: the PDF is built on the operation runner's interactive lane when the dialog opens (a
database read and reportlab) and shown with the same QtPdf preview as the sign queue; *Print…*
prints those same bytes (``ui.printing``), *Save PDF…* writes them; *Refresh* builds it again for a
later moment. Nothing here reads the database on the UI thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chairlog.services import handover
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.pdf_preview import PdfPreview
from chairlog.ui.printing import PrintFailed, print_pdf


class HandoverDialog(QDialog):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pdf: bytes | None = None
        self.busy = False
        self.setWindowTitle(translate("HandoverDialog", "Shift handover"))
        self.resize(1100, 760)
        self.preview = PdfPreview()
        self.status = QLabel()
        self.status.setObjectName("handoverStatus")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(translate("HandoverDialog", "Print…"))
        self.print_button.setObjectName("handoverPrint")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.ask_print)
        self.save_button = QPushButton(translate("HandoverDialog", "Save PDF…"))
        self.save_button.clicked.connect(self.ask_save)
        self.refresh_button = QPushButton(translate("HandoverDialog", "Refresh"))
        self.refresh_button.clicked.connect(self.build)
        close = QPushButton(translate("HandoverDialog", "Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row = QHBoxLayout()
        for b in (self.print_button, self.save_button, self.refresh_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        outer = QVBoxLayout(self)
        outer.addWidget(self.preview, 1)
        outer.addWidget(self.status)
        outer.addLayout(row)
        ctx.on_lock.append(self._on_lock)
        self.finished.connect(self._detach)
        self.build()

    def _enable(self) -> None:
        ready = self.pdf is not None and not self.busy
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        self.refresh_button.setEnabled(not self.busy)

    def build(self) -> None:
        """Build the handover for now, off the UI thread."""
        self.busy = True
        self._enable()
        self.preview.show_message(translate("HandoverDialog", "Preparing the handover…"))
        app = self.ctx.app
        self.ctx.runner.interactive(self, handover.handover_pdf, app).success(
            self._built).failure(self._failed)

    def _built(self, pdf: bytes) -> None:
        self.busy = False
        self.pdf = pdf
        if self.isVisible():
            self.preview.show_pdf(pdf)
        self.status.setText(
            translate("HandoverDialog", "Every chair as of now; Refresh for a later moment.")
        )
        self._enable()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.preview.show_message(
            translate("HandoverDialog", "The handover could not be prepared: {exc}").format(
                exc=error_text(exc))
        )
        self._enable()

    def ask_print(self) -> None:
        if self.pdf is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(translate("HandoverDialog", "Shift handover"))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the handover on ``printer``; says how it went."""
        if self.pdf is None:
            return 0
        try:
            pages = print_pdf(self.pdf, printer)
        except PrintFailed as exc:
            self.status.setText(translate("HandoverDialog", "Not printed: {exc}").format(
                exc=error_text(exc)))
            return 0
        self.status.setText(
            translate("HandoverDialog", "Printed the handover ({pages} page{value}).").format(
                pages=pages, value="s" if pages != 1 else ""
            )
        )
        return pages

    def ask_save(self) -> None:
        if self.pdf is None:
            return
        stamp = self.ctx.app.now().strftime("%Y%m%d-%H%M")
        from chairlog.ui.export_folder import ask_save_path

        path = ask_save_path(self, translate("HandoverDialog", "Save handover"),
                             f"handover-{stamp}.pdf", translate("HandoverDialog", "PDF (*.pdf)"))
        if path is not None:
            try:
                Path(path).write_bytes(self.pdf)
            except OSError as exc:
                self.status.setText(
                    translate("HandoverDialog", "Not saved: {strerror}").format(
                        strerror=exc.strerror
                    )
                )
                return
            self.status.setText(translate("HandoverDialog", "Saved to {path}.").format(path=path))

    def _on_lock(self) -> None:
        self.reject()  # patient names: never left on a locked screen

    def _detach(self, _result: int = 0) -> None:
        if self._on_lock in self.ctx.on_lock:
            self.ctx.on_lock.remove(self._on_lock)
