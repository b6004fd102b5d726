"""File printer: one file per job in a spool folder (the default printer).

A watcher (a print daemon, a shared folder, the clerk) must never see a half-written label,
so each job is written to a hidden temporary name in the same folder, flushed to disk, then
renamed: a rename inside one folder is atomic on POSIX and NTFS.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.request import url2pathname

from desktop.devices.transports.base import TransportError, split_job_name
from desktop.devices.urls import split_url
from desktop.domain.printing import PrinterStatus

MAX_SAME_NAME = 999  # our choice: same name, same microsecond; more means a runaway loop
TEMP_SUFFIX = ".part"  # temporary files: ".<final name>.<pid>-<random>.part", hidden
# A temporary file older than this is debris even if its writer's pid is alive again (pid
# reuse); a job is written and renamed in well under a second.
ORPHAN_AGE_S = 3600


def spool_path(url: str) -> Path:
    """The absolute folder of a `file:///abs/path` URL (also `file:///C:/spool` on Windows)."""
    parts = split_url(url)
    if parts.scheme != "file":
        raise ValueError(f"not a file printer URL: {url!r}")
    if parts.netloc not in ("", "localhost"):
        raise ValueError(f"{url}: a spool folder must be a local absolute path "
                         f"(file:///abs/path), not host {parts.netloc!r}")
    if parts.query:
        raise ValueError(f"{url}: a file printer takes no options")
    path = Path(url2pathname(parts.path))
    if not parts.path or not path.is_absolute():
        raise ValueError(f"{url}: the spool folder must be an absolute path")
    return path


class FileTransport:
    """Writes each job to `<folder>/<UTC timestamp>-<job stem>.<ext>`.

    The timestamp (`20250123T142501.123456Z`) sorts in print order; two jobs with the same
    name in the same microsecond get `-2`, `-3` … rather than overwriting each other.
    """

    def __init__(self, url: str, default_ext: str = "bin",
                 clock: Callable[[], datetime] | None = None):
        self.url = url
        self.folder = spool_path(url)
        self._default_ext = default_ext
        self._clock = clock or (lambda: datetime.now(UTC))

    def send(self, payload: bytes, job_name: str = "") -> str:
        stem, ext = split_job_name(job_name, self._default_ext)
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        base = f"{stamp}-{stem}"
        try:
            if not self.folder.exists():
                # Labels carry customers' addresses: a folder we create is the owner's only.
                self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                os.chmod(self.folder, 0o700)
            temp = self.folder / (f".{base}.{ext}.{os.getpid()}-{secrets.token_hex(4)}"
                                  f"{TEMP_SUFFIX}")
            try:
                _write_synced(temp, bytes(payload))
                final = _publish(temp, self.folder, base, ext)
            except BaseException:
                temp.unlink(missing_ok=True)  # a full disk must not leave debris behind
                raise
            _sync_folder(self.folder)
        except OSError as exc:
            raise TransportError(self.url, f"cannot write to spool folder {self.folder}: "
                                           f"{exc.strerror or exc}") from exc
        return str(final)

    def status(self) -> PrinterStatus:
        folder = self.folder
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent  # send() will create the missing part
        if not folder.is_dir():
            return PrinterStatus(False, f"not a folder: {folder}")
        if not os.access(folder, os.W_OK | os.X_OK):
            return PrinterStatus(False, f"spool folder not writable: {folder}")
        return PrinterStatus(True, str(self.folder))


def remove_spooled(url: str, output: str) -> bool:
    """Deletes the file a job was written to (`send` returned `output`) when `url` is a file
    printer and the file lies in its spool folder: erased personal data must not stay in
    the spool (docs/personal-data.md). False when there is nothing of ours to remove; an
    OSError (permission) is the caller's to report."""
    if not url.lower().startswith("file:") or not output:
        return False
    try:
        folder = spool_path(url).resolve()
    except ValueError:
        return False
    path = Path(output)
    # Only a file this spool wrote: never follow a path elsewhere, nor a link.
    if path.is_symlink() or path.resolve().parent != folder:
        return False
    try:
        path.unlink()
    except FileNotFoundError:
        return False  # removed already (by the print daemon, the clerk)
    return True


def remove_orphan_parts(url: str) -> list[Path]:
    """Start-up: deletes the temporary files of jobs whose process died mid-write (the job
    itself is still in the journal, queued or awaiting confirmation). A file whose writer is
    still running (same machine) is left alone."""
    folder = spool_path(url)
    removed = []
    try:
        candidates = list(folder.glob(f".*{TEMP_SUFFIX}"))
    except OSError:
        return []
    for path in candidates:
        if _writer_running(path):
            continue
        try:
            path.unlink()
            removed.append(path)
        except FileNotFoundError:
            pass  # its writer renamed it meanwhile
        except OSError:
            continue
    return removed


def _writer_running(path: Path) -> bool:
    pid_part = path.name.removesuffix(TEMP_SUFFIX).rsplit(".", 1)[-1].split("-", 1)[0]
    if not pid_part.isdigit():
        return False  # an older name without the writer's pid
    pid = int(pid_part)
    try:
        young = (datetime.now(UTC).timestamp() - path.stat().st_mtime) < ORPHAN_AGE_S
    except OSError:
        return True  # gone already: nothing to do
    if pid == os.getpid() or os.name == "nt":  # Windows' os.kill would end the process
        return young
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return young  # exists (another user's), or unknown on this platform
    return young


def _write_synced(path: Path, payload: bytes) -> None:
    # O_EXCL: the random name is ours alone; never follow a planted file or link.
    # 0600 whatever the umask: a label holds a customer's name and address.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _publish(temp: Path, folder: Path, base: str, ext: str) -> Path:
    """Renames `temp` to the first free `<base>[-n].<ext>`; never replaces an existing job."""
    for n in range(1, MAX_SAME_NAME + 1):
        final = folder / (f"{base}.{ext}" if n == 1 else f"{base}-{n}.{ext}")
        try:
            _rename_no_replace(temp, final)
            return final
        except FileExistsError:
            continue
    raise FileExistsError(f"no free file name for {base}.{ext}")


def _rename_no_replace(src: Path, dst: Path) -> None:
    if os.name == "nt":
        os.rename(src, dst)  # Windows refuses to rename over an existing file
        return
    try:
        os.link(src, dst)  # atomic and fails if dst exists, unlike rename on POSIX
    except FileExistsError:
        raise
    except OSError:
        # Some shares (FAT, SMB) have no hard links: fall back to a checked rename.
        if dst.exists():
            raise FileExistsError(dst) from None
        os.rename(src, dst)
        return
    src.unlink()


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable (POSIX); Windows cannot open a folder for fsync.

    Best effort: the job is already visible, so reporting a failure here would make the
    clerk print it a second time."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass  # some network file systems refuse fsync on a folder
