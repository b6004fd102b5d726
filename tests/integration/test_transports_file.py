"""The spool-folder printer on a real file system: one file per job, exact bytes, atomic."""

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.devices.transports import FileTransport, TransportError, open_transport
from desktop.devices.transports import file as file_module
from desktop.domain.printing import LabelFormat

ZPL = b"^XA^CI28^FO50,50^FH^FD_C3_89mile^FS^XZ\r\n"
FIXED = datetime(2025, 1, 23, 14, 25, 1, 123456, tzinfo=UTC)


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_one_file_per_job_with_exact_bytes(tmp_path):
    spool = tmp_path / "spool"
    printer = open_transport(spool.as_uri(), LabelFormat.ZPL203)
    first = printer.send(ZPL, "LD123456789FR.zpl")
    second = printer.send(b"%PDF-1.4\n\x00\xff binary", "LD123456789FR-cn23.pdf")
    assert Path(first).read_bytes() == ZPL
    assert Path(second).read_bytes() == b"%PDF-1.4\n\x00\xff binary"
    assert Path(first).parent == spool and Path(second).parent == spool
    assert sorted(os.listdir(spool)) == sorted([Path(first).name, Path(second).name])
    assert Path(first).name.endswith("-LD123456789FR.zpl")
    assert Path(second).name.endswith("-LD123456789FR-cn23.pdf")


def test_file_name_is_utc_timestamp_then_job_name(tmp_path):
    local = datetime(2025, 1, 23, 15, 25, 1, 123456).astimezone()  # any zone: stored in UTC
    printer = FileTransport(tmp_path.as_uri(), clock=lambda: FIXED)
    out = printer.send(ZPL, "LD123456789FR.zpl")
    assert Path(out).name == "20250123T142501.123456Z-LD123456789FR.zpl"
    other = FileTransport(tmp_path.as_uri(), clock=lambda: local).send(b"x", "a.zpl")
    assert Path(other).name.startswith(local.astimezone(UTC).strftime("%Y%m%dT%H%M%S"))


def test_names_sort_in_print_order(tmp_path):
    printer = open_transport(tmp_path.as_uri())
    names = [Path(printer.send(str(i).encode(), f"job{i}.zpl")).name for i in range(20)]
    assert names == sorted(names)


def test_same_name_in_the_same_microsecond_never_overwrites(tmp_path):
    printer = FileTransport(tmp_path.as_uri(), clock=lambda: FIXED)
    outs = [printer.send(f"job {i}".encode(), "LD123456789FR.zpl") for i in range(3)]
    assert [Path(o).name for o in outs] == [
        "20250123T142501.123456Z-LD123456789FR.zpl",
        "20250123T142501.123456Z-LD123456789FR-2.zpl",
        "20250123T142501.123456Z-LD123456789FR-3.zpl"]
    assert [Path(o).read_bytes() for o in outs] == [b"job 0", b"job 1", b"job 2"]


def test_default_extension_and_hostile_job_names_stay_in_the_folder(tmp_path):
    spool = tmp_path / "spool"
    printer = open_transport(spool.as_uri(), LabelFormat.PDF)
    out = Path(printer.send(b"%PDF", "../../escape"))
    assert out.parent == spool and out.name.endswith("-escape.pdf")
    out = Path(printer.send(b"x", ""))
    assert out.name.endswith("-job.pdf")
    assert not (tmp_path / "escape.pdf").exists()


def test_spool_folder_is_created_with_its_parents(tmp_path):
    spool = tmp_path / "a" / "b" / "spool"
    printer = open_transport(spool.as_uri())
    assert printer.status().ready  # creatable is ready
    printer.send(b"x", "x.zpl")
    assert visible(spool) != []


def test_folder_with_spaces_and_accents_in_its_url(tmp_path):
    spool = tmp_path / "Étiquettes du jour"
    printer = open_transport(spool.as_uri())  # file:///…/%C3%89tiquettes%20du%20jour
    assert "%20" in printer.url
    assert Path(printer.send(b"x", "a.zpl")).parent == spool


def test_no_partial_file_is_ever_visible(tmp_path, monkeypatch):
    """At the moment the data reaches the disk, the job is still hidden under a temp name
    holding the complete payload; the visible name appears only after that."""
    payload = os.urandom(3 * 1024 * 1024)
    seen = {}
    real_fsync = os.fsync

    def spying_fsync(fd):
        real_fsync(fd)
        if "visible" not in seen:  # the first fsync is the job file's, before the rename
            seen["visible"] = visible(tmp_path)
            hidden = [p for p in tmp_path.iterdir() if p.name.startswith(".")]
            seen["hidden"] = [(p.name, p.read_bytes()) for p in hidden]

    monkeypatch.setattr(file_module.os, "fsync", spying_fsync)
    out = Path(open_transport(tmp_path.as_uri()).send(payload, "BIG.zpl"))
    assert seen["visible"] == []
    [(temp_name, temp_bytes)] = seen["hidden"]
    assert temp_name.endswith(".part") and "BIG.zpl" in temp_name
    assert temp_bytes == payload
    assert visible(tmp_path) == [out.name]
    assert out.read_bytes() == payload
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # temp file gone


def test_a_watcher_only_ever_sees_complete_files(tmp_path):
    """A folder watcher polling while large jobs are written never reads a short file."""
    payloads = [bytes([i]) * (2 * 1024 * 1024) for i in range(6)]
    done = threading.Event()
    short_reads: list[tuple[str, int]] = []

    def watch():
        while not done.is_set():
            for name in visible(tmp_path):
                size = len((tmp_path / name).read_bytes())
                if size != len(payloads[0]):
                    short_reads.append((name, size))

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        printer = open_transport(tmp_path.as_uri())
        outs = [printer.send(p, f"job{i}.zpl") for i, p in enumerate(payloads)]
    finally:
        done.set()
        watcher.join()
    assert short_reads == []
    assert [Path(o).read_bytes() for o in outs] == payloads


def test_failed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(file_module.os, "fsync", broken_fsync)
    printer = open_transport(tmp_path.as_uri())
    with pytest.raises(TransportError) as info:
        printer.send(ZPL, "LD123456789FR.zpl")
    assert "No space left on device" in str(info.value)
    assert tmp_path.as_uri() in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_spool_path_that_is_a_file_is_not_ready_and_refuses_jobs(tmp_path):
    blocker = tmp_path / "spool"
    blocker.write_bytes(b"not a folder")
    printer = open_transport(blocker.as_uri())
    status = printer.status()
    assert status.ready is False and "not a folder" in status.detail
    with pytest.raises(TransportError, match="cannot write to spool folder"):
        printer.send(b"x", "x.zpl")
    assert blocker.read_bytes() == b"not a folder"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root ignores permissions; POSIX permission bits needed")
def test_read_only_spool_folder_is_not_ready(tmp_path):
    tmp_path.chmod(0o500)
    try:
        status = open_transport(tmp_path.as_uri()).status()
        assert status.ready is False and "not writable" in status.detail
    finally:
        tmp_path.chmod(0o700)


def test_start_up_removes_the_part_files_of_dead_writers_only(tmp_path):
    import os
    import subprocess
    import sys

    from desktop.devices.transports.file import remove_orphan_parts

    spool = tmp_path / "spool"
    spool.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    orphan = spool / f".20260101T000000.000000Z-LD1-label.zpl.{dead.stdout.strip()}-ab12cd34.part"
    legacy = spool / ".20260101T000000.000000Z-LD2-label.zpl.ab12cd34.part"
    live = spool / f".20260101T000000.000000Z-LD3-label.zpl.{os.getpid()}-ab12cd34.part"
    done = spool / "20260101T000000.000000Z-LD1-label.zpl"
    for path in (orphan, legacy, live, done):
        path.write_bytes(b"^XA^XZ")
    removed = remove_orphan_parts(spool.as_uri())
    assert sorted(removed) == sorted([orphan, legacy])
    assert sorted(p.name for p in spool.iterdir()) == sorted([live.name, done.name])
