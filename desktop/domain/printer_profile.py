"""Printer profiles: what a label printer speaks and how its media is set up, as data.

The profiles ship in `resources/printers/profiles.json` (one object per model; fields and
sources in `docs/printers.md`). Every field is checked when the file is read: a bad file
stops with a message naming the file, the profile, the field, the rule and the value.
Ranges are the printer languages' own [ZPL II ~SD/^PR; EPL2 D/S; TSPL DENSITY/SPEED], see
docs/printers.md. `null` for darkness, speed, sensing or finish means "leave the printer's
own setting": nothing is sent for it, which keeps the historical `zpl203`/`zpl300`/`pdf`
output byte for byte.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.domain.printing import LabelFormat
from desktop.domain.reference import resource_path

LANGUAGES = ("zpl", "epl2", "tspl", "pdf")
RESOLUTIONS = {"zpl": (203, 300, 600), "epl2": (203, 300), "tspl": (203, 300), "pdf": (None,)}
SENSING = ("gap", "black_mark", "continuous")
FINISHES = ("tear_off", "peel", "cutter", "rewind")
SHEETS = ("label", "a4x2", "a4x4")
# Darkness / speed ranges of each language's command (docs/printers.md §Settings).
DARKNESS = {"zpl": (0, 30), "epl2": (0, 15), "tspl": (0, 15)}
SPEED_IPS = {"zpl": (1, 14), "epl2": (1, 6), "tspl": (1, 12)}
MEDIA_WIDTH_MM = (20.0, 220.0)  # our choice: from a 1" label to a wide A4-class printer
MEDIA_LENGTH_MM = (20.0, 600.0)
GAP_MM = (0.0, 25.0)
OFFSET_MM = (-20.0, 20.0)  # beyond that the media is loaded wrongly, not mis-aligned
# Font names each language accepts in its text command (docs/printers.md §Fonts).
FONT_NAMES = {
    "zpl": re.compile(r"[A-Z0-9]|[REBA]:[A-Z0-9_]{1,16}\.(?:TTF|FNT|TTE)"),
    "epl2": re.compile(r"[1-5]"),
    "tspl": re.compile(r"0|[A-Z0-9_]{1,16}\.TTF"),  # scalable fonts only
    "pdf": re.compile(r"DejaVuSans"),
}
CODEPAGES = {"epl2": ("1252", "1251"), "zpl": ("utf-8",), "tspl": ("utf-8",), "pdf": ("utf-8",)}
LEGACY_FORMATS = {"zpl203": "generic-zpl-203", "zpl300": "generic-zpl-300",
                  "pdf": "generic-pdf-10x15"}
_ID = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")


class ProfileError(ValueError):
    """A profile file or entry that cannot be used; the message says where and why."""


@dataclass(frozen=True)
class PrinterFont:
    name: str  # ZPL "0" or "E:TT0003M_.TTF"; EPL2 "1"…"5"; TSPL "0"…"8" or "ARIAL.TTF"
    unicode: bool  # True: prints Cyrillic (Nova Post addresses in Ukrainian)
    source: str  # where the font comes from (resident in the firmware, downloaded …)


@dataclass(frozen=True)
class PrinterProfile:
    id: str
    name: str  # English, as the maker names the model
    language: str
    dpi: int | None
    media_width_mm: float
    media_length_mm: float
    sensing: str | None = None  # "gap", "black_mark", "continuous"; None: printer's
    gap_mm: float = 0.0  # gap or black mark height
    darkness: int | None = None
    speed_ips: int | None = None
    finish: str | None = None  # "tear_off", "peel", "cutter", "rewind"
    font: PrinterFont = PrinterFont("0", False, "resident font 0")
    codepage: str = "utf-8"
    sheet: str = "label"  # PDF only: "label" (one page per label), "a4x2", "a4x4"
    name_fr: str = ""  # the French name ("générique", "thermique direct"); empty: `name`
    offset_x_mm: float = 0.0  # pre-printed forms: where the printer really prints
    offset_y_mm: float = 0.0
    models: tuple[str, ...] = ()
    notes: str = ""

    def label(self, lang: str = "fr") -> str:
        """The name shown in the settings, in `lang`."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    @property
    def label_format(self) -> LabelFormat:
        return LabelFormat.of(self.language, self.dpi, self.sheet)

    @property
    def dots_per_mm(self) -> float | None:
        return None if self.dpi is None else self.dpi / 25.4


def parse_profile(data: object, origin: str = "profile") -> PrinterProfile:
    """One profile from its JSON object; ProfileError names `origin` and the field."""
    c = _Checker(origin)
    if not isinstance(data, dict):
        raise ProfileError(f"{origin}: a profile must be a JSON object, not {type(data).__name__}")
    c.where = f"{origin} [{data.get('id', '?')}]"
    known = {"id", "name", "name_fr", "language", "dpi", "media", "darkness", "speed_ips", "finish",
             "font", "codepage", "sheet", "offset_mm", "models", "notes"}
    unknown = sorted(set(data) - known)
    if unknown:
        c.fail(unknown[0], "unknown field (known: " + ", ".join(sorted(known)) + ")", unknown[0])
    pid = c.string(data, "id")
    if not _ID.fullmatch(pid):
        c.fail("id", "lower-case letters, digits and '-', 2 to 63 characters", pid)
    language = c.choice(data, "language", LANGUAGES)
    dpi = data.get("dpi")
    if dpi not in RESOLUTIONS[language]:
        c.fail("dpi", f"one of {', '.join(str(r) for r in RESOLUTIONS[language])} for "
                      f"{language}", dpi)
    media = data.get("media")
    if not isinstance(media, dict):
        c.fail("media", "an object {width_mm, length_mm, sensing, gap_mm}", media)
    extra = sorted(set(media) - {"width_mm", "length_mm", "sensing", "gap_mm"})
    if extra:
        c.fail(f"media.{extra[0]}", "unknown field", extra[0])
    sensing = c.optional_choice(media, "sensing", SENSING, "media.")
    gap = c.number(media, "gap_mm", GAP_MM, "media.", default=0.0)
    if sensing == "continuous" and gap:
        c.fail("media.gap_mm", "0 for continuous media", gap)
    font_data = data.get("font", {"name": "0", "unicode": False, "source": "resident font 0"})
    if not isinstance(font_data, dict):
        c.fail("font", "an object {name, unicode, source}", font_data)
    font_name = c.string(font_data, "name", "font.")
    if not FONT_NAMES[language].fullmatch(font_name):
        c.fail("font.name", f"a {language} font name ({FONT_NAMES[language].pattern})",
               font_name)
    unicode_flag = font_data.get("unicode")
    if not isinstance(unicode_flag, bool):
        c.fail("font.unicode", "true or false", unicode_flag)
    offset = data.get("offset_mm", {"x": 0, "y": 0})
    if not isinstance(offset, dict) or set(offset) - {"x", "y"}:
        c.fail("offset_mm", "an object {x, y} in millimetres", offset)
    sheet = c.choice(data, "sheet", SHEETS, default="label")
    if sheet != "label" and language != "pdf":
        c.fail("sheet", "A4 sheets are PDF only", sheet)
    models = data.get("models", [])
    if not isinstance(models, list) or not all(isinstance(m, str) for m in models):
        c.fail("models", "a list of model names", models)
    return PrinterProfile(
        id=pid,
        name=c.string(data, "name"),
        name_fr=data.get("name_fr") if isinstance(data.get("name_fr"), str) else "",
        language=language,
        dpi=dpi,
        media_width_mm=c.number(media, "width_mm", MEDIA_WIDTH_MM, "media."),
        media_length_mm=c.number(media, "length_mm", MEDIA_LENGTH_MM, "media."),
        sensing=sensing,
        gap_mm=gap,
        darkness=c.optional_int(data, "darkness", DARKNESS.get(language), language),
        speed_ips=c.optional_int(data, "speed_ips", SPEED_IPS.get(language), language),
        finish=c.optional_choice(data, "finish", FINISHES),
        font=PrinterFont(font_name, unicode_flag, c.string(font_data, "source", "font.")),
        codepage=c.choice(data, "codepage", CODEPAGES[language],
                          default=CODEPAGES[language][0]),
        sheet=sheet,
        offset_x_mm=c.number(offset, "x", OFFSET_MM, "offset_mm.", default=0.0),
        offset_y_mm=c.number(offset, "y", OFFSET_MM, "offset_mm.", default=0.0),
        models=tuple(models),
        notes=str(data.get("notes", "")),
    )


class _Checker:
    def __init__(self, where: str):
        self.where = where

    def fail(self, field_name: str, rule: str, value: object) -> None:
        raise ProfileError(f"{self.where}: field {field_name!r} must be {rule}; "
                           f"got {value!r}")

    def string(self, data: dict, key: str, prefix: str = "") -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(prefix + key, "a non-empty text", value)
        return value

    def choice(self, data: dict, key: str, allowed: tuple, prefix: str = "",
               default: str | None = None) -> str:
        value = data.get(key, default)
        if value not in allowed:
            self.fail(prefix + key, "one of " + ", ".join(allowed), value)
        return value

    def optional_choice(self, data: dict, key: str, allowed: tuple, prefix: str = "") -> str | None:
        value = data.get(key)
        if value is not None and value not in allowed:
            self.fail(prefix + key, "null or one of " + ", ".join(allowed), value)
        return value

    def number(self, data: dict, key: str, bounds: tuple[float, float], prefix: str = "",
               default: float | None = None) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not bounds[0] <= value <= bounds[1]:
            self.fail(prefix + key, f"a number from {bounds[0]:g} to {bounds[1]:g}", value)
        return float(value)

    def optional_int(self, data: dict, key: str, bounds: tuple[int, int] | None,
                     language: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if bounds is None:
            self.fail(key, f"null for {language}", value)
        if isinstance(value, bool) or not isinstance(value, int) \
                or not bounds[0] <= value <= bounds[1]:
            self.fail(key, f"null or a whole number from {bounds[0]} to {bounds[1]} "
                           f"for {language}", value)
        return value


def parse_profiles(data: object, origin: str) -> dict[str, PrinterProfile]:
    if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
        raise ProfileError(f"{origin}: expected an object with a 'profiles' list")
    out: dict[str, PrinterProfile] = {}
    for i, item in enumerate(data["profiles"]):
        profile = parse_profile(item, f"{origin} profile #{i + 1}")
        if profile.id in out:
            raise ProfileError(f"{origin} profile #{i + 1}: id {profile.id!r} is used twice")
        out[profile.id] = profile
    missing = sorted(set(LEGACY_FORMATS.values()) - set(out))
    if missing:
        raise ProfileError(f"{origin}: the generic profiles {', '.join(missing)} are missing")
    return out


def load_profiles(path: str | Path | None = None) -> dict[str, PrinterProfile]:
    """Every profile by id, from `path` or the shipped file."""
    if path is None:
        return dict(_shipped())
    return _read(Path(path))


@lru_cache(maxsize=1)
def _shipped() -> dict[str, PrinterProfile]:
    return _read(resource_path("printers", "profiles.json"))


def _read(path: Path) -> dict[str, PrinterProfile]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: printer profile file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the printer profiles: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                           f"{exc.msg})") from None
    return parse_profiles(data, str(path))


def profile_for(profile_id: str = "", label_format: str = "pdf",
                profiles: dict[str, PrinterProfile] | None = None) -> PrinterProfile:
    """The profile a station uses: `profile_id` when set, else the generic profile of the
    historical `label_format` setting (`zpl203`, `zpl300`, `pdf`)."""
    profiles = profiles if profiles is not None else _shipped()
    if profile_id:
        try:
            return profiles[profile_id]
        except KeyError:
            raise ProfileError(f"unknown printer profile {profile_id!r} (known: "
                               f"{', '.join(sorted(profiles))})") from None
    return generic_profile(LabelFormat(label_format), profiles)


def generic_profile(fmt: LabelFormat, profiles: dict[str, PrinterProfile] | None = None
                    ) -> PrinterProfile:
    """The generic profile of a format: what `render(spec, fmt)` uses without a profile."""
    profiles = profiles if profiles is not None else _shipped()
    fmt = LabelFormat(fmt)
    for profile in profiles.values():
        if profile.id.startswith("generic-") and profile.label_format is fmt:
            return profile
    raise ProfileError(f"no generic printer profile for the format {fmt.value}")
