"""Loading the editable contract tables, with fall-back to the last good table.

Defaults ship in `resources/carriers/contract/`; the user's overrides (written by the
settings screen) sit in `<user config dir>/contract/` under the same file names. A table
with any bad row is refused as a whole with file, row and reason, and the previous good
version of that table stays in force (the one loaded before, else the shipped default).
Reloading only re-reads a few small CSV files, so the settings screen calls `reload()` after
each save and the next verdict uses the new figures: no restart.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain.carriers.catalogue import LoadProblem
from desktop.domain.carriers.contract import TABLES, Contract, parse_table
from desktop.domain.input_rules import MAX_FILE_BYTES
from desktop.domain.reference import resource_path


def default_contract_dir() -> Path:
    return resource_path("carriers", "contract")


def load_contract(defaults_dir: Path | str, override_dir: Path | str | None,
                  previous: Contract | None = None) -> tuple[Contract, list[LoadProblem]]:
    """Each table from the override folder if present and valid, else the previous good
    table, else the default. Problems name the file (with its folder), the row and why."""
    problems: list[LoadProblem] = []
    tables: dict[str, tuple[dict, ...]] = {}
    for name in TABLES:
        default_rows = _read(Path(defaults_dir) / name, problems)
        fallback = previous.tables.get(name) if previous is not None and name in previous.tables \
            else default_rows
        rows = None
        if override_dir is not None and (Path(override_dir) / name).is_file():
            rows = _read(Path(override_dir) / name, problems)
        tables[name] = rows if rows is not None else (fallback or ())
    return Contract(tables), problems


def _read(path: Path, problems: list[LoadProblem]) -> tuple[dict, ...] | None:
    if not path.is_file():
        return None
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(LoadProblem(str(path), 0, f"larger than {MAX_FILE_BYTES} bytes"))
            return None
        text = path.read_text(encoding="utf-8-sig")  # spreadsheets often add a BOM
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(LoadProblem(str(path), 0, f"unreadable: {exc}"))
        return None
    rows, found = parse_table(path.name, text)
    problems.extend(LoadProblem(str(path), p.row, p.reason) for p in found)
    return rows


class ContractStore:
    """The contract in force for the running app; `reload()` after the settings change it."""

    def __init__(self, override_dir: Path | str | None = None,
                 defaults_dir: Path | str | None = None):
        self.defaults_dir = Path(defaults_dir) if defaults_dir else default_contract_dir()
        self.override_dir = Path(override_dir) if override_dir else None
        self.problems: list[LoadProblem] = []
        self._contract: Contract | None = None
        self.reload()

    @property
    def contract(self) -> Contract:
        assert self._contract is not None
        return self._contract

    def reload(self) -> list[LoadProblem]:
        self._contract, self.problems = load_contract(self.defaults_dir, self.override_dir,
                                                      previous=self._contract)
        return self.problems

    def save_table(self, name: str, text: str) -> list[LoadProblem]:
        """Checks `text` then writes it as the override for `name`; refused text is not written."""
        if len(text) > MAX_FILE_BYTES:
            return [LoadProblem(name, 0, f"larger than {MAX_FILE_BYTES} bytes")]
        if name not in TABLES:
            return [LoadProblem(name, 0, "unknown contract table")]
        if self.override_dir is None:
            return [LoadProblem(name, 0, "no override folder configured")]
        rows, problems = parse_table(name, text)
        if rows is None:
            return problems
        self.override_dir.mkdir(parents=True, exist_ok=True)
        target = self.override_dir / name
        tmp = target.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)  # atomic: a crash never leaves half a table
        return self.reload()
