"""Typed settings: wrong types refused naming the key, unknown keys kept on save."""

from __future__ import annotations

import json

from desktop.cli import main
from desktop.config import Settings, read_settings, save_settings


def write(tmp_path, data) -> str:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_unknown_keys_are_kept_on_save(tmp_path):
    path = write(tmp_path, {"language": "en", "printer_url": "tcp://10.0.0.5:9100",
                            "label_templates": {"big": 2}, "future_flag": True})
    settings, problems = read_settings(path)
    assert problems == [] and settings.language == "en"
    assert settings.extra == {"label_templates": {"big": 2}, "future_flag": True}
    save_settings(settings, path)
    saved = json.loads((tmp_path / "settings.json").read_text(encoding="utf-8"))
    assert saved["label_templates"] == {"big": 2} and saved["future_flag"] is True
    assert "extra" not in saved and saved["printer_url"] == "tcp://10.0.0.5:9100"


def test_wrong_types_and_values_are_refused_naming_the_key(tmp_path):
    path = write(tmp_path, {"scale_url": 5, "language": "de", "label_format": "png",
                            "printer_url": "tcp://x\x1b[31m"})
    settings, problems = read_settings(path)
    assert settings == Settings()  # every bad key falls back to its default
    found = {(v.field, v.rule) for v in problems}
    assert found == {("settings.scale_url", "wrong_type"), ("settings.language", "choice"),
                     ("settings.label_format", "choice"),
                     ("settings.printer_url", "control_character")}
    texts = [v.describe("fr") for v in problems]
    assert any(t.startswith("Balance (URL) : ") for t in texts)
    assert "Langue : « de » n'est pas une valeur permise (fr, en)" in texts


def test_the_command_line_refuses_bad_settings_with_exit_2(tmp_path, capsys):
    path = write(tmp_path, {"language": 1.5})
    assert main(["history", "--config", path]) == 2
    err = capsys.readouterr().err
    assert "Langue : nombre à virgule reçu" in err


def test_a_broken_settings_file_is_named(tmp_path, capsys):
    path = tmp_path / "settings.json"
    path.write_bytes(b"{\xff")
    settings, problems = read_settings(path)
    assert settings == Settings() and [v.rule for v in problems] == ["invalid_utf8"]
    assert main(["history", "--config", str(path)]) == 2
