"""Devices: printer transports and scales. The only code that touches ports.

Entry points for the composition root:
- `transports.open_transport(url, fmt=None)` → a `PrinterTransport`:
  `file:///abs/spool` (one file per job, atomic), `tcp://host[:9100]` (raw, `~HS` status),
  `serial:///dev/ttyUSB0?baudrate=9600` and pyserial URLs (`loop://`, `socket://h:p`),
  `usb:///dev/usb/lp0`, `cups://QUEUE` (`lp -o raw`), `memory://name` (fake).
  `system:` is refused: the UI prints it through Qt. `close_transports()` at exit.
- `scales.open_scale(url)`: `simulated://?weight=1250`, `mtsics:///dev/ttyUSB0`;
  `scales.ScaleMonitor` polls one on its own thread.
"""
