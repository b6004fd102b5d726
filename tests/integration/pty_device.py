"""The far end of a serial line for tests: the master side of a pseudo-terminal, served by a
thread, that can be unplugged (POSIX only)."""

from __future__ import annotations

import os
import pty
import threading
import tty


class PtyDevice:
    """Subclasses set their own state, then call `super().__init__()`, which starts `_serve`."""

    def __init__(self):
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)  # no echo, no CR/LF translation: a plain serial line
        self.path = os.ttyname(self.slave)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        raise NotImplementedError

    def unplug(self):
        """The far end disappears: writes to the slave now fail with EIO."""
        fd, self.master = self.master, -1
        os.close(fd)

    def close(self):
        for fd in (self.slave, self.master):
            if fd >= 0:
                os.close(fd)
        self.slave = self.master = -1
        self.thread.join(5)
