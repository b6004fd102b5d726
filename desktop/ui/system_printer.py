"""The system printer (`system:` default queue, `system://QueueName`) for PDF labels.

Each PDF page is rasterised with pypdfium2 at the printer's own resolution and painted on a
`QPrinter` at its exact physical size: 100 % scale, never "fit to page", so a 10×15 cm label
prints 10×15 cm. QPainter may paint on a QPrinter outside the GUI thread (Qt
"Threads and QObjects": QImage, QPrinter and QPicture are thread-safe paint devices), so
`send` runs in the task runner like every other transport.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.domain.printing import PrinterStatus

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0  # PDF user space unit (ISO 32000-1 §8.3.2.3)
LABEL_SIZE_MM = (100.0, 150.0)  # the 10×15 cm thermal label


class SystemPrinterError(OSError):
    def __init__(self, url: str, message: str):
        self.url = url
        super().__init__(f"{url}: {message}")


def queue_name(url: str) -> str:
    """"" for the default queue (`system:`, `system://`), else the queue name."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "system":
        raise ValueError(f"not a system printer URL: {url!r}")
    return unquote(parts.netloc or parts.path.lstrip("/"))


class SystemPrinterTransport:
    """A `PrinterTransport`; `output_file` prints to a PDF file instead (tests, previews)."""

    def __init__(self, url: str = "system:", output_file: str | Path | None = None):
        self.url = url
        self.queue = queue_name(url)
        self.output_file = Path(output_file) if output_file else None

    def send(self, payload: bytes, job_name: str = "") -> str:
        if not bytes(payload[:5]) == b"%PDF-":
            raise SystemPrinterError(self.url, "the system printer prints PDF labels only; "
                                               "choose the label format 'pdf'")
        import pypdfium2  # a PDF rasteriser, needed only when printing: not at start

        printer = self._printer(job_name)
        document = pypdfium2.PdfDocument(bytes(payload))
        try:
            painter = QPainter()
            for index in range(len(document)):
                page = document[index]
                width_mm, height_mm = (v / PT_PER_INCH * MM_PER_INCH for v in page.get_size())
                _set_page(printer, width_mm, height_mm)
                if index == 0:
                    if not painter.begin(printer):
                        raise SystemPrinterError(self.url, "the printer refused the job")
                elif not printer.newPage():
                    raise SystemPrinterError(self.url, "the printer refused a new page")
                _paint_page(painter, page, printer.resolution(), width_mm, height_mm)
                page.close()
            if painter.isActive() and not painter.end():
                raise SystemPrinterError(self.url, "the job could not be finished")
        finally:
            document.close()
        return str(self.output_file) if self.output_file else (printer.printerName()
                                                              or self.queue or "system")

    def status(self) -> PrinterStatus:
        if self.output_file:
            return PrinterStatus(True, str(self.output_file))
        info = self._info()
        if info is None or info.isNull():
            what = f"« {self.queue} »" if self.queue else "par défaut / default"
            return PrinterStatus(False, f"no system printer {what}")
        state = info.state()
        if state == QPrinter.PrinterState.Error:
            return PrinterStatus(False, f"{info.printerName()}: error")
        if state == QPrinter.PrinterState.Aborted:
            return PrinterStatus(False, f"{info.printerName()}: aborted")
        return PrinterStatus(True, info.printerName())

    def _info(self) -> QPrinterInfo | None:
        if self.queue:
            info = QPrinterInfo.printerInfo(self.queue)
            return None if info.isNull() else info
        info = QPrinterInfo.defaultPrinter()
        return None if info.isNull() else info

    def _printer(self, job_name: str) -> QPrinter:
        if self.output_file:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.output_file))
        else:
            info = self._info()
            if info is None:
                raise SystemPrinterError(self.url, "printer not found")
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        printer.setDocName(job_name or "Comptoir")
        printer.setFullPage(True)  # origin at the paper corner: no margins added by Qt
        printer.setColorMode(QPrinter.ColorMode.GrayScale)
        _set_page(printer, *LABEL_SIZE_MM)
        return printer


def _set_page(printer: QPrinter, width_mm: float, height_mm: float) -> None:
    size = QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "Label",
                     QPageSize.SizeMatchPolicy.ExactMatch)
    printer.setPageLayout(QPageLayout(size, QPageLayout.Orientation.Portrait,
                                      QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))


def _paint_page(painter: QPainter, page, dpi: int, width_mm: float, height_mm: float) -> None:
    """Rasterises at the device resolution and draws at the page's physical size."""
    bitmap = page.render(scale=dpi / PT_PER_INCH, grayscale=True)
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                   QImage.Format.Format_Grayscale8).copy()  # copy: the buffer dies with bitmap
    bitmap.close()
    target = QRectF(0, 0, width_mm / MM_PER_INCH * dpi, height_mm / MM_PER_INCH * dpi)
    painter.drawImage(target, image)
