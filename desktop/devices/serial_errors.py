"""The exceptions a pyserial port raises when the device goes away.

On POSIX pyserial calls termios directly in places (`flush` → `tcdrain`, `reset_input_buffer`
→ `tcflush`), and `termios.error` is not an OSError: an unplugged adapter raises it.
"""

from __future__ import annotations

import serial

try:
    import termios
except ImportError:  # Windows
    SERIAL_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError)
else:
    SERIAL_ERRORS = (serial.SerialException, OSError, termios.error)

# What `serial.serial_for_url` raises for a port that cannot be opened (ValueError: bad URL
# or settings).
OPEN_ERRORS = (*SERIAL_ERRORS, ValueError)


def close_quietly(port: serial.SerialBase | None) -> None:
    """Closes a port that may already be gone (unplugged): nothing is left to release then."""
    if port is not None:
        try:
            port.close()
        except SERIAL_ERRORS:
            pass
