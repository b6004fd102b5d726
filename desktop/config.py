"""Settings: one JSON file in the user config folder, with embedded defaults.

Defaults make a fresh install usable with no hardware: SQLite in the user data folder, a
file printer spooling into the user data folder, a simulated scale.
Tests and portable installs redirect the folders with $COMPTOIR_HOME (config and data
side by side) or $COMPTOIR_CONFIG_DIR / $COMPTOIR_DATA_DIR.
Typed: a value of the wrong type or out of range is refused naming its key (the command
line stops with exit 2; the GUI starts with the default for that key); unknown keys are kept
and written back on save.
"""

from __future__ import annotations

import json
import os
import socket
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from desktop.domain.errors import Violation
from desktop.domain.input_rules import MAX_FILE_BYTES, clean_text
from desktop.domain.printer_profile import OFFSET_MM, PrinterProfile, load_profiles, profile_for

APP_NAME = "comptoir"
LABEL_FORMATS = ("pdf", "zpl203", "zpl300")
LANGUAGES = ("fr", "en")
MAX_SETTING_CHARS = 1024  # a URL or a path; far above any real one
BENCH_NAME_MAX = 64  # the `bench` columns (migration 0023)


def config_dir() -> Path:
    if os.environ.get("COMPTOIR_CONFIG_DIR"):
        return Path(os.environ["COMPTOIR_CONFIG_DIR"])
    if os.environ.get("COMPTOIR_HOME"):
        return Path(os.environ["COMPTOIR_HOME"]) / "config"
    return Path(user_config_dir(APP_NAME, appauthor=False))


def user_forms_dir() -> Path:
    """The shop's own form templates, `<config>/forms/<form id>.json`: positions measured on
    its real forms, replacing the shipped ones of that id (docs/printers.md#forms)."""
    return config_dir() / "forms"


def form_template(form_id: str):
    """The template `form_id`: the shop's own when it has one and it is valid, else the
    shipped one. A bad own template is refused by name where the settings are checked
    (`check_settings_file`: the command line stops, the GUI warns at start); here the
    counter keeps working with the shipped positions."""
    from desktop.domain.forms import FormError, load_form

    try:
        return load_form(form_id, user_forms_dir())
    except FormError:
        return load_form(form_id)


def data_dir() -> Path:
    if os.environ.get("COMPTOIR_DATA_DIR"):
        return Path(os.environ["COMPTOIR_DATA_DIR"])
    if os.environ.get("COMPTOIR_HOME"):
        return Path(os.environ["COMPTOIR_HOME"]) / "data"
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'comptoir.sqlite3'}"


def default_bench_name() -> str:
    """This machine's host name: each bench sharing one database names itself by default."""
    return (socket.gethostname() or "comptoir")[:BENCH_NAME_MAX]


def default_printer_url() -> str:
    return (data_dir() / "spool").as_uri()


@dataclass
class Settings:
    database_url: str = ""  # empty → $COMPTOIR_DATABASE_URL → SQLite in the data folder
    printer_url: str = ""  # empty → file printer in <data>/spool
    label_format: str = "pdf"  # historical: pdf | zpl203 | zpl300 (when no printer_profile)
    # A printer profile id (resources/printers/profiles.json, e.g. "zebra-zd421-203"); when
    # set it decides the label format and the printer settings, `label_format` is ignored.
    printer_profile: str = ""
    # Where this printer really prints on pre-printed forms, {x, y} in mm (−20 to 20), measured
    # with `comptoir calibrate` (docs/printers.md#forms); empty: the profile's `offset_mm`.
    printer_offset_mm: dict = field(default_factory=dict)
    forms_printer_url: str = ""  # customs forms (PDF, A4 or 10×15); empty → see below
    scale_url: str = "simulated://"
    language: str = "fr"
    # The name this bench stamps on its shipments, print jobs and audit entries (several
    # benches on one shared database; the history filters by it).
    bench_name: str = field(default_factory=default_bench_name)
    # Keys this version does not know (a newer version's, another module's): kept as they
    # are and written back on save, never dropped.
    extra: dict = field(default_factory=dict)

    def effective_database_url(self, override: str | None = None) -> str:
        return (override or os.environ.get("COMPTOIR_DATABASE_URL") or self.database_url
                or default_database_url())

    def effective_printer_url(self) -> str:
        return self.printer_url or default_printer_url()

    def effective_printer_profile(self) -> PrinterProfile:
        """The profile of `printer_profile`, else the generic one of `label_format`, with this
        printer's measured form offset (`printer_offset_mm`) when there is one."""
        profile = profile_for(self.printer_profile, self.label_format)
        if not self.printer_offset_mm:
            return profile
        return replace(profile,
                       offset_x_mm=float(self.printer_offset_mm.get("x", profile.offset_x_mm)),
                       offset_y_mm=float(self.printer_offset_mm.get("y", profile.offset_y_mm)))

    def effective_label_format(self) -> str:
        """The label format to render ("zpl203", "tspl300", "pdf-a4x2" …)."""
        return self.effective_printer_profile().label_format.value

    def effective_forms_printer_url(self) -> str:
        """Forms are PDFs: they follow a PDF label printer, else go to the file spool."""
        if self.forms_printer_url:
            return self.forms_printer_url
        pdf = self.effective_printer_profile().language == "pdf"
        return self.effective_printer_url() if pdf else default_printer_url()


def settings_path(explicit: str | Path | None = None) -> Path:
    return Path(explicit) if explicit else config_dir() / "settings.json"


# key → (type, check of the value: None when fine, else (rule, limit)).
_TEXT = (str, None)
SCHEMA: dict[str, tuple[type, object]] = {
    "database_url": _TEXT, "printer_url": _TEXT, "forms_printer_url": _TEXT, "scale_url": _TEXT,
    "label_format": (str, lambda v: None if v in LABEL_FORMATS else
                     ("choice", ", ".join(LABEL_FORMATS))),
    "printer_profile": (str, lambda v: None if not v or v in load_profiles() else
                        ("choice", ", ".join(sorted(load_profiles())))),
    "language": (str, lambda v: None if v in LANGUAGES else ("choice", ", ".join(LANGUAGES))),
    "printer_offset_mm": (dict, lambda v: _offset_problem(v)),
    "bench_name": (str, lambda v: None if len(v.strip()) <= BENCH_NAME_MAX else
                   ("max_length", BENCH_NAME_MAX)),
}
def _offset_problem(value: dict) -> tuple[str, object] | None:
    """{x, y} in mm within the profiles' range (desktop/domain/printer_profile.py)."""
    if set(value) - {"x", "y"} or any(isinstance(v, bool) or not isinstance(v, (int, float))
                                      for v in value.values()):
        return "wrong_type", "{x, y} in mm"
    low, high = OFFSET_MM
    if any(v < low for v in value.values()):
        return "min_value", low
    if any(v > high for v in value.values()):
        return "max_value", high
    return None


_TYPE_NAMES = {str: "string", int: "integer", float: "decimal number", bool: "true/false",
               list: "list", dict: "object", type(None): "null"}


def read_settings(path: str | Path | None = None) -> tuple[Settings, list[Violation]]:
    """The settings and every problem of the file, each naming its key. A bad value is
    replaced by its default (the counter must still start); unknown keys are kept aside."""
    p = settings_path(path)
    try:
        raw_bytes = p.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [Violation(str(p), "file_unreadable", actual=str(p),
                                      limit=exc.strerror or type(exc).__name__)]
    if len(raw_bytes) > MAX_FILE_BYTES:
        return Settings(), [Violation(str(p), "file_too_large", limit=MAX_FILE_BYTES,
                                      actual=len(raw_bytes))]
    try:
        raw = json.loads(raw_bytes.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return Settings(), [Violation(str(p), "invalid_utf8", actual=exc.start)]
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        return Settings(), [Violation(str(p), "invalid_json", actual=str(exc)[:120])]
    if not isinstance(raw, dict):
        return Settings(), [Violation(str(p), "wrong_type", limit="object",
                                      actual=type(raw).__name__)]
    problems: list[Violation] = []
    values: dict = {}
    extra = dict(raw.pop("extra", None) or {}) if isinstance(raw.get("extra"), dict) else {}
    for key, value in raw.items():
        if key not in SCHEMA:
            extra[key] = value
            continue
        kind, check = SCHEMA[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            problems.append(Violation(f"settings.{key}", "wrong_type", limit=_TYPE_NAMES[kind],
                                      actual=_TYPE_NAMES.get(type(value), type(value).__name__)))
            continue
        if kind is str:
            value, problem = clean_text(f"settings.{key}", value, MAX_SETTING_CHARS)
            if problem:
                problems.append(problem)
                continue
        broken = check(value) if check else None
        if broken:
            problems.append(Violation(f"settings.{key}", broken[0], limit=broken[1],
                                      actual=value))
            continue
        values[key] = value
    settings = Settings(**values, extra=extra)
    settings.bench_name = settings.bench_name.strip() or default_bench_name()
    return settings, problems


def load_settings(path: str | Path | None = None) -> Settings:
    """The settings, bad values replaced by defaults (see `read_settings` for the problems)."""
    return read_settings(path)[0]


def check_settings_file(path: str | Path | None = None) -> list[Violation]:
    """The problems of the settings file and of the shop's own form templates
    (`user_forms_dir`), for the command line to refuse with (exit 2)."""
    problems = read_settings(path)[1]
    if not user_forms_dir().is_dir():  # the usual case: no import for nothing (cold start)
        return problems
    from desktop.domain.forms import check_user_forms

    return problems + check_user_forms(user_forms_dir())


def save_settings(settings: Settings, path: str | Path | None = None) -> Path:
    """Atomic write: a crash never leaves a half-written settings file. Keys unknown to this
    version (`extra`) are written back at the top level, as they were read."""
    p = settings_path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    data = {k: v for k, v in asdict(settings).items() if k != "extra"}
    data = {**settings.extra, **data}
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".settings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, p)
    return p
