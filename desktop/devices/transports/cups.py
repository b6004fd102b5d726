"""CUPS raw queue (`cups://QUEUE`): `lp -d QUEUE -o raw` with the job on stdin.

`-o raw` stops CUPS from filtering ZPL as if it were text. `?server=host[:port]` adds `-h`.
The commands are looked up on PATH at each call, so installing CUPS later just works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from urllib.parse import unquote

from desktop.devices.transports.base import TransportError, split_job_name
from desktop.devices.urls import query_options, split_url
from desktop.domain.printing import PrinterStatus

LP_TIMEOUT_S = 60.0  # our choice: lp returns once CUPS has spooled the job, not printed it
_REQUEST_ID = re.compile(r"request id is (\S+)")
_MISSING = ("the '{0}' command was not found: install the CUPS client "
            "(Debian/Ubuntu: cups-client, Fedora: cups-client, macOS: built in)")


class CupsTransport:
    def __init__(self, url: str):
        parts = split_url(url)
        if parts.scheme != "cups":
            raise ValueError(f"not a cups printer URL: {url!r}")
        queue = unquote(parts.netloc or parts.path.lstrip("/"))
        # CUPS queue names: printable, no space, "/" or "#" [CUPS lpadmin(8)]
        if not queue or any(c in queue for c in " /#\t") or not queue.isprintable():
            raise ValueError(f"{url}: expected cups://QUEUE with a CUPS queue name")
        opts = query_options(url, parts, {"server": str})
        self.url = url
        self.queue = queue
        self.server = str(opts.get("server", "")) or None

    def send(self, payload: bytes, job_name: str = "") -> str:
        lp = _which("lp", self.url)
        cmd = [lp, "-d", self.queue, "-o", "raw"]
        if self.server:
            cmd += ["-h", self.server]
        if job_name:
            stem, ext = split_job_name(job_name, "")
            cmd += ["-t", f"{stem}.{ext}" if ext else stem]
        result = _run(cmd, payload, self.url)
        if result.returncode != 0:
            raise TransportError(self.url, f"lp refused the job (exit {result.returncode}): "
                                           f"{_text(result.stderr) or _text(result.stdout)}")
        match = _REQUEST_ID.search(_text(result.stdout))
        return f"{self.queue} ({match.group(1)})" if match else self.queue

    def status(self) -> PrinterStatus:
        try:
            lpstat = _which("lpstat", self.url)
        except TransportError as exc:
            return PrinterStatus.offline(str(exc).removeprefix(f"{self.url}: "), "cups")
        # -p: enabled/disabled and printing; -a: accepting jobs (a queue can be enabled and
        # still reject new jobs) [CUPS lpstat(1)]
        cmd = [lpstat] + (["-h", self.server] if self.server else []) + \
            ["-p", self.queue, "-a", self.queue]
        try:
            result = _run(cmd, b"", self.url)
        except TransportError as exc:
            return PrinterStatus.offline(str(exc).removeprefix(f"{self.url}: "), "cups")
        return parse_lpstat(_text(result.stdout), _text(result.stderr), result.returncode,
                            self.queue)


def parse_lpstat(stdout: str, stderr: str, returncode: int, queue: str) -> PrinterStatus:
    """`lpstat -p QUEUE -a QUEUE` → status. Output in the C locale:
    `printer Q is idle.  enabled …` then `Q accepting requests since …`."""
    if returncode != 0 or not stdout.strip():
        return PrinterStatus.offline(stderr.strip() or f"unknown queue {queue}", "cups")
    lines = stdout.strip().splitlines()
    first = lines[0]
    if " disabled" in first:
        reason = lines[1].strip() if len(lines) > 1 and lines[1][:1].isspace() else ""
        return PrinterStatus(False, f"queue {queue} disabled" + (f": {reason}" if reason else ""),
                             problems=("queue disabled",), language="cups")
    if any(line.startswith(f"{queue} not accepting requests") for line in lines):
        return PrinterStatus(False, f"queue {queue} not accepting jobs",
                             problems=("queue not accepting jobs",), language="cups")
    if " now printing" in first:
        return PrinterStatus(True, f"queue {queue} printing", language="cups")
    return PrinterStatus(True, f"queue {queue} idle", language="cups")


def _which(command: str, url: str) -> str:
    path = shutil.which(command)
    if path is None:
        raise TransportError(url, _MISSING.format(command))
    return path


def _run(cmd: list[str], stdin: bytes, url: str) -> subprocess.CompletedProcess:
    try:
        # LC_ALL=C: lp/lpstat messages are parsed, so they must not be translated.
        return subprocess.run(cmd, input=stdin, capture_output=True, timeout=LP_TIMEOUT_S,
                              env=_c_locale_env(), check=False)
    except subprocess.TimeoutExpired:
        raise TransportError(url, f"{cmd[0]} did not return within {LP_TIMEOUT_S:g} s") \
            from None
    except OSError as exc:
        raise TransportError(url, f"cannot run {cmd[0]}: {exc.strerror or exc}") from exc


def _c_locale_env() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"
    return env


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace").strip()
