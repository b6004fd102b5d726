"""Pre-printed forms (issue 9 §5): `comptoir calibrate` sends the calibration page of a
form's stock to the printer, through the print queue, with this printer's measured offset
(`printer_offset_mm` in the settings, else the profile's), and says the template's positions
are not yet measured on the real form. A shop's own template (`<config>/forms/<id>.json`,
positions measured on its forms) replaces the shipped one, checked field by field first."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.config import check_settings_file
from desktop.domain.forms import load_form
from desktop.domain.printer_profile import load_profiles
from desktop.printing.escape import unescape
from desktop.printing.forms import render_calibration
from desktop.printing.zpl import parse_commands
from tests.fake_printers import FakePrinter
from tests.integration.cli_helpers import EXAMPLES, ROOT, run, run_in_process


@pytest.fixture
def printer():
    fake = FakePrinter()
    yield fake
    fake.close()


def settings(home, **values) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps(values), encoding="utf-8")


def test_the_calibration_page_prints_with_the_printers_offset(comptoir_home, printer, capsys):
    settings(comptoir_home, printer_profile="generic-zpl-203", printer_url=printer.url(),
             printer_offset_mm={"x": 1.5, "y": -2})
    code, out, _ = run_in_process(capsys, "calibrate", "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["job"]["kind"] == "calibration"
    assert (report["form"], report["measured"]) == ("colissimo-liasse", False)
    assert report["offset_mm"] == {"x": 1.5, "y": -2}

    profile = load_profiles()["generic-zpl-203"]
    template = load_form("colissimo-liasse")
    shifted = render_calibration(template, replace(profile, offset_x_mm=1.5, offset_y_mm=-2))
    assert printer.jobs == [shifted]  # the page, once, with the offset applied
    assert shifted != render_calibration(template, profile)

    code, out, _ = run_in_process(capsys, "jobs", "--json")
    assert [j["kind"] for j in json.loads(out)["jobs"]] == ["calibration"]


def test_the_text_report_says_how_to_measure_and_that_positions_are_not_measured(
        comptoir_home, printer, capsys):
    settings(comptoir_home, printer_profile="generic-zpl-203", printer_url=printer.url())
    code, out, _ = run_in_process(capsys, "calibrate", "--lang", "en")
    assert code == 0
    assert "10 − measured" in out and "not yet measured on the real form" in out


def test_an_offset_outside_the_range_is_refused_by_name(comptoir_home):
    settings(comptoir_home, printer_offset_mm={"x": 25, "y": 0})
    (problem,) = check_settings_file()
    assert (problem.field, problem.rule.value, problem.limit) == \
        ("settings.printer_offset_mm", "max_value", 20.0)


def own_template(home, **recipient) -> dict:
    data = json.loads((ROOT / "resources" / "printers" / "forms" /
                       "colissimo-liasse.json").read_text(encoding="utf-8"))
    next(a for a in data["areas"] if a["field"] == "recipient").update(recipient)
    (home / "config" / "forms").mkdir(parents=True, exist_ok=True)
    (home / "config" / "forms" / "colissimo-liasse.json").write_text(json.dumps(data),
                                                                      encoding="utf-8")
    return data


def field_origin(zpl: bytes, text: str) -> tuple[int, int]:
    """The ^FO (dots) of the field whose data is `text`."""
    origin = None
    for command, argument in parse_commands(zpl):
        if command == "^FO":
            origin = tuple(int(v) for v in argument.split(",")[:2])
        if command == "^FD" and unescape(argument) == text:
            return origin
    raise AssertionError(f"{text!r} not in the ZPL")


def test_the_shops_own_template_places_the_fields_it_measured(comptoir_home, printer, capsys):
    settings(comptoir_home, printer_profile="generic-zpl-203", printer_url=printer.url())
    code, out, _ = run_in_process(capsys, "ship", str(EXAMPLES / "colissimo-france.json"),
                                  "--json")
    assert code == 0, out
    assert field_origin(printer.jobs[-1], "Mme Marie Dupont") == (78 * 8, 12 * 8)  # shipped

    own_template(comptoir_home, x_mm=60, y_mm=30)  # measured on the shop's real forms
    data = json.loads((EXAMPLES / "colissimo-france.json").read_text(encoding="utf-8"))
    data.update(tracking_number="6A15984040340", reference="CMD-2")
    second = comptoir_home / "second.json"
    second.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run_in_process(capsys, "ship", str(second), "--json")
    assert code == 0, out
    assert field_origin(printer.jobs[-1], "Mme Marie Dupont") == (60 * 8, 30 * 8)

    code, out, _ = run_in_process(capsys, "calibrate", "--json")
    report = json.loads(out)
    own = comptoir_home / "config" / "forms" / "colissimo-liasse.json"
    assert report["template_file"] == report["own_template"] == str(own)


def test_a_broken_own_template_stops_every_command_naming_its_field(comptoir_home, printer):
    settings(comptoir_home, printer_profile="generic-zpl-203", printer_url=printer.url())
    own_template(comptoir_home, width_mm=90)  # 78 + 90 > 150 mm
    done = run(comptoir_home, "ship", str(EXAMPLES / "colissimo-france.json"), "--lang", "en")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "forms/colissimo-liasse › areas[1] › width_mm: 90, at most 72 (right edge of the " \
           "150 mm form, x_mm 78)" in done.stdout + done.stderr
    assert printer.jobs == [] and not (comptoir_home / "data" / "comptoir.sqlite3").exists()
