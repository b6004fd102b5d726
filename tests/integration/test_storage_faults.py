"""Database faults through the command line: one clear sentence, exit 2, data left as it was;
the integrity check at start-up warns."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.storage.db import open_database, quick_check

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "delivengo-usa.json")


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_a_corrupt_file_is_named_and_left_untouched(tmp_path, capsys):
    path = tmp_path / "comptoir.sqlite3"
    garbage = b"this is not a database, just a text file\n" * 200
    path.write_bytes(garbage)
    for argv in (["history"], ["ship", EXAMPLE]):
        code, _, err = cli(capsys, *argv, "--database", f"sqlite:///{path}")
        assert code == 2 and "endommagé" in err and str(path) in err
    assert path.read_bytes() == garbage
    assert not list(tmp_path.glob("backups/*"))  # nothing copied over it either


def test_a_nonsense_url_is_one_sentence(capsys):
    code, _, err = cli(capsys, "history", "--database", "nonsense://x", "--lang", "en")
    assert code == 2
    assert "Database: 'nonsense://x' is not a usable database address" in err


def test_a_read_only_database_refuses_to_write_and_keeps_its_data(tmp_path, capsys):
    path = tmp_path / "ro.sqlite3"
    with open_database(f"sqlite:///{path}"):
        pass
    before = path.read_bytes()
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    code, _, err = cli(capsys, "ship", EXAMPLE, "--database", url)
    assert code == 2 and "est en lecture seule ; rien n'a été enregistré" in err, err
    assert path.read_bytes() == before


@pytest.mark.slow
def test_a_locked_database_waits_then_says_so(tmp_path, capsys):
    path = tmp_path / "locked.sqlite3"
    with open_database(f"sqlite:///{path}"):
        pass
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, _, err = cli(capsys, "ship", EXAMPLE, "--database", f"sqlite:///{path}")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2 and "occupée" in err and "5\u202f000 ms" in err


def test_the_integrity_check_runs_at_start_and_warns(tmp_path, capsys):
    path = tmp_path / "damaged.sqlite3"
    with open_database(f"sqlite:///{path}") as db:
        assert db.integrity_problems == ()
        assert quick_check(db.engine) == ()
    con = sqlite3.connect(path)
    _, rootpage = con.execute("SELECT name, rootpage FROM sqlite_master WHERE type='index' "
                              "AND sql IS NOT NULL ORDER BY name LIMIT 1").fetchone()
    con.close()
    # Damage one index page (an empty leaf with a wrong free-space count): the tables still
    # read, quick_check notices.
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    start = (rootpage - 1) * page_size
    data[start:start + page_size] = b"\x0d" + b"\x00" * (page_size - 1)
    path.write_bytes(bytes(data))
    # The window opens without the check (it is off its cold start) and runs it later.
    with open_database(f"sqlite:///{path}", check_integrity=False) as db:
        assert db.integrity_problems == ()
        assert db.check_integrity() and "Page" in db.integrity_problems[0]
    assert not db_stamp(path).exists()  # damage is never remembered as checked
    with open_database(f"sqlite:///{path}") as db:
        assert db.integrity_problems and "Page" in db.integrity_problems[0]
    code, _, err = cli(capsys, "history", "--database", f"sqlite:///{path}")
    assert code == 0 and "Attention : Base de données : le contrôle d'intégrité signale" in err


def db_stamp(path):
    from desktop.storage.db import integrity_check_stamp

    return integrity_check_stamp(path)


def test_a_deferred_integrity_check_is_remembered_too(tmp_path):
    path = tmp_path / "shop.sqlite3"
    open_database(f"sqlite:///{path}").close()
    with open_database(f"sqlite:///{path}", check_integrity=False) as db:
        assert not db_stamp(path).exists()
        assert db.check_integrity() == ()
        assert db_stamp(path).exists()


def test_a_clean_integrity_check_is_remembered_for_a_day(tmp_path, monkeypatch):
    from desktop.storage import db as db_module

    path = tmp_path / "big.sqlite3"
    open_database(f"sqlite:///{path}").close()  # created: nothing to check yet
    checks = []
    real = db_module.quick_check
    monkeypatch.setattr(db_module, "quick_check", lambda engine: checks.append(1) or real(engine))
    open_database(f"sqlite:///{path}").close()
    open_database(f"sqlite:///{path}").close()
    assert len(checks) == 1  # the second start trusts the first one's clean result
    stamp = db_module.integrity_check_stamp(path)
    assert stamp.stat().st_mode & 0o777 == 0o600
    day_ago = stamp.stat().st_mtime - db_module.INTEGRITY_CHECK_INTERVAL_S - 1
    os.utime(stamp, (day_ago, day_ago))
    open_database(f"sqlite:///{path}").close()
    assert len(checks) == 2
