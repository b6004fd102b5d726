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
