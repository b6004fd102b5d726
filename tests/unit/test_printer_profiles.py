"""Printer profiles as data: the shipped file loads, the historical settings map to the
generic profiles, and every bad field stops with a message naming file, field and value."""

from __future__ import annotations

import copy
import json

import pytest

from desktop.domain.printer_profile import (
    LEGACY_FORMATS,
    ProfileError,
    generic_profile,
    load_profiles,
    profile_for,
)
from desktop.domain.printing import LabelFormat

SHIPPED = load_profiles()


def test_the_shipped_profiles_cover_every_language_and_brand():
    assert {p.language for p in SHIPPED.values()} == {"zpl", "epl2", "tspl", "pdf"}
    ids = " ".join(SHIPPED)
    for brand in ("zebra-gk420d", "zebra-zd421", "zebra-zt230", "tsc-te200", "tsc-da210",
                  "honeywell-pc42t", "brother-td4550dnwb", "brother-ql1100"):
        assert brand in ids
    for fmt in LabelFormat:  # a generic profile for every format
        assert generic_profile(fmt).label_format is fmt


def test_every_profile_names_a_font_and_its_source():
    for p in SHIPPED.values():
        assert p.font.source.strip(), p.id
    cyrillic = [p.id for p in SHIPPED.values() if p.font.unicode]
    assert "zebra-zd421-203" in cyrillic and "tsc-te200" in cyrillic


@pytest.mark.parametrize("setting,expected", sorted(LEGACY_FORMATS.items()))
def test_historical_label_format_settings_keep_working(setting, expected):
    profile = profile_for("", setting)
    assert profile.id == expected and profile.label_format.value == setting
    assert profile.darkness is profile.speed_ips is profile.sensing is profile.finish is None


def test_unknown_profile_id_is_a_clear_error():
    with pytest.raises(ProfileError, match="unknown printer profile 'zebra-x'.*known: "):
        profile_for("zebra-x")


def _file(tmp_path, mutate):
    data = json.loads(json.dumps({"profiles": [_raw(p) for p in SHIPPED.values()]}))
    mutate(data["profiles"])
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _raw(p):
    return {"id": p.id, "name": p.name, "name_fr": p.name_fr, "language": p.language, "dpi": p.dpi,
            "media": {"width_mm": p.media_width_mm, "length_mm": p.media_length_mm,
                      "sensing": p.sensing, "gap_mm": p.gap_mm},
            "darkness": p.darkness, "speed_ips": p.speed_ips, "finish": p.finish,
            "font": {"name": p.font.name, "unicode": p.font.unicode, "source": p.font.source},
            "codepage": p.codepage, "sheet": p.sheet,
            "offset_mm": {"x": p.offset_x_mm, "y": p.offset_y_mm}, "models": list(p.models),
            "notes": p.notes}


def test_a_file_written_from_the_profiles_reads_back_equal(tmp_path):
    assert load_profiles(_file(tmp_path, lambda ps: None)) == SHIPPED


def _at(pid, key, value):
    def mutate(ps):
        target = next(p for p in ps if p["id"] == pid)
        node = target
        *path, last = key.split(".")
        for k in path:
            node = node[k]
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return mutate


DELETE = object()
BAD = [
    ("tsc-te200", "dpi", 600, "field 'dpi' must be one of 203, 300 for tspl; got 600"),
    ("zebra-gk420d", "darkness", 31, "'darkness' must be null or a whole number from 0 to 30"),
    ("tsc-te200", "darkness", 16, "from 0 to 15 for tspl; got 16"),
    ("generic-pdf-10x15", "darkness", 5, "'darkness' must be null for pdf"),
    ("zebra-gk420d", "speed_ips", 2.5, "'speed_ips' must be null or a whole number"),
    ("zebra-gk420d", "language", "dpl", "'language' must be one of zpl, epl2, tspl, pdf"),
    ("zebra-gk420d", "media.width_mm", 0, "'media.width_mm' must be a number from 20 to 220"),
    ("zebra-gk420d", "media.sensing", "hole", "'media.sensing' must be null or one of gap"),
    ("zebra-gk420d", "media.colour", "white", "'media.colour' must be unknown field"),
    ("zebra-gk420d", "finish", "shred", "'finish' must be null or one of tear_off"),
    ("zebra-gk420d", "font.name", "E:X.TTF^XA", "'font.name' must be a zpl font name"),
    ("tsc-te200", "font.name", '0",1,1,"x', "'font.name' must be a tspl font name"),
    ("zebra-gk420d", "font.unicode", "yes", "'font.unicode' must be true or false"),
    ("zebra-gk420d", "sheet", "a4x2", "'sheet' must be A4 sheets are PDF only"),
    ("honeywell-pc42t-epl", "codepage", "utf-8", "'codepage' must be one of 1252, 1251"),
    ("zebra-gk420d", "offset_mm.x", 50, "'offset_mm.x' must be a number from -20 to 20"),
    ("zebra-gk420d", "id", "Zebra GK", "'id' must be lower-case letters"),
    ("zebra-gk420d", "name", "", "'name' must be a non-empty text"),
    ("zebra-gk420d", "media", DELETE, "'media' must be an object"),
    ("zebra-gk420d", "colour", "red", "'colour' must be unknown field"),
]


@pytest.mark.parametrize("pid,key,value,message", BAD, ids=[b[1] + "-" + b[0] for b in BAD])
def test_a_bad_field_is_named_with_its_rule_and_value(tmp_path, pid, key, value, message):
    path = _file(tmp_path, _at(pid, key, value))
    with pytest.raises(ProfileError) as err:
        load_profiles(path)
    text = str(err.value)
    assert str(path) in text and message in text
    if key != "id":
        assert f"[{pid}]" in text


def test_duplicate_ids_and_missing_generics_are_refused(tmp_path):
    dup = _file(tmp_path, lambda ps: ps.append(copy.deepcopy(ps[-1])))
    with pytest.raises(ProfileError, match="is used twice"):
        load_profiles(dup)
    gone = _file(tmp_path, lambda ps: ps.remove(next(p for p in ps
                                                     if p["id"] == "generic-zpl-203")))
    with pytest.raises(ProfileError, match="generic profiles generic-zpl-203 are missing"):
        load_profiles(gone)


def test_broken_json_and_missing_file_say_where(tmp_path):
    bad = tmp_path / "p.json"
    bad.write_text('{"profiles": [', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"p.json: not valid JSON \(line 1"):
        load_profiles(bad)
    with pytest.raises(ProfileError, match="not found"):
        load_profiles(tmp_path / "none.json")


def test_the_printer_profile_setting_overrides_the_historical_format(tmp_path):
    from desktop.config import Settings, load_settings, save_settings

    old = Settings(label_format="zpl300")
    assert old.effective_label_format() == "zpl300"
    assert old.effective_printer_profile().id == "generic-zpl-300"
    tsc = Settings(label_format="zpl300", printer_profile="tsc-te200", printer_url="tcp://127.0.0.1:9100")
    assert tsc.effective_label_format() == "tspl203"
    assert tsc.effective_forms_printer_url() != tsc.effective_printer_url()  # forms are PDF
    sheet = Settings(printer_profile="generic-pdf-a4x4", printer_url="memory://a4")
    assert sheet.effective_forms_printer_url() == "memory://a4"
    path = tmp_path / "settings.json"
    save_settings(tsc, path)
    assert load_settings(path).printer_profile == "tsc-te200"
    save_settings(Settings(printer_profile="no-such-printer"), path)
    assert load_settings(path).printer_profile == ""  # like a bad label_format: not fatal
