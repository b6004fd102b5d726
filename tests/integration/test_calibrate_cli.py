"""Pre-printed forms (issue 9 §5): `comptoir calibrate` sends the calibration page of a
form's stock to the printer, through the print queue, with this printer's measured offset
(`printer_offset_mm` in the settings, else the profile's), and says the template's positions
are not yet measured on the real form."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from desktop.config import check_settings_file
from desktop.domain.forms import load_form
from desktop.domain.printer_profile import load_profiles
from desktop.printing.forms import render_calibration
from tests.fake_printers import FakePrinter
from tests.integration.cli_helpers import run_in_process


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
