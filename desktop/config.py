"""Settings: one JSON file in the user config folder, with embedded defaults.

Defaults make a fresh install usable with no hardware: SQLite in the user data folder, a
file printer spooling into the user data folder, a simulated scale.
Tests and portable installs redirect the folders with $COMPTOIR_HOME (config and data
side by side) or $COMPTOIR_CONFIG_DIR / $COMPTOIR_DATA_DIR.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from desktop.domain.printer_profile import PrinterProfile, load_profiles, profile_for

APP_NAME = "comptoir"
LABEL_FORMATS = ("pdf", "zpl203", "zpl300")


def config_dir() -> Path:
    if os.environ.get("COMPTOIR_CONFIG_DIR"):
        return Path(os.environ["COMPTOIR_CONFIG_DIR"])
    if os.environ.get("COMPTOIR_HOME"):
        return Path(os.environ["COMPTOIR_HOME"]) / "config"
    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    if os.environ.get("COMPTOIR_DATA_DIR"):
        return Path(os.environ["COMPTOIR_DATA_DIR"])
    if os.environ.get("COMPTOIR_HOME"):
        return Path(os.environ["COMPTOIR_HOME"]) / "data"
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'comptoir.sqlite3'}"


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
    forms_printer_url: str = ""  # customs forms (PDF, A4 or 10×15); empty → see below
    scale_url: str = "simulated://"
    language: str = "fr"
    # Local S10 range for numbers until carrier ranges are set (issue 2 §5).
    tracking_first: int = 1
    tracking_last: int = 99_999_999
    tracking_country: str = "FR"
    extra: dict = field(default_factory=dict)  # settings owned by other modules

    def effective_database_url(self, override: str | None = None) -> str:
        return (override or os.environ.get("COMPTOIR_DATABASE_URL") or self.database_url
                or default_database_url())

    def effective_printer_url(self) -> str:
        return self.printer_url or default_printer_url()

    def effective_printer_profile(self) -> PrinterProfile:
        """The profile of `printer_profile`, else the generic one of `label_format`."""
        return profile_for(self.printer_profile, self.label_format)

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


def load_settings(path: str | Path | None = None) -> Settings:
    """Reads the settings; unknown keys are kept aside, a broken file falls back to defaults."""
    p = settings_path(path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, json.JSONDecodeError):
        return Settings()  # a damaged settings file must not stop the counter
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    settings = Settings(**values)
    if settings.label_format not in LABEL_FORMATS:
        settings.label_format = "pdf"
    if settings.printer_profile and settings.printer_profile not in load_profiles():
        settings.printer_profile = ""  # same policy as a bad label_format: never stop the counter
    return settings


def save_settings(settings: Settings, path: str | Path | None = None) -> Path:
    """Atomic write: a crash never leaves a half-written settings file."""
    p = settings_path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".settings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(settings), fh, indent=2, ensure_ascii=False)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, p)
    return p
