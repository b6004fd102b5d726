"""No tracking number is ever made up (issue 8): every number comes from a carrier (its web
service, its pre-paid form) or from a range the carrier assigned in writing.

The code search walks every module of the application for calls that build an S10 number
(`make_s10`, `s10_check_digit`) or draw one from a range (`.allocate(`): only the places
that serve a carrier-assigned range, and the fixed samples of the golden files, may."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop.domain.carriers.catalogue import NUMBER_SOURCES, default_catalogue
from desktop.domain.carriers.number_source import (
    CARRIER_API,
    CARRIER_RANGE,
    FORM,
    pick_source,
)
from desktop.domain.errors import Violation

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"
MAKERS = {"make_s10", "s10_check_digit", "allocate"}
# Where a number may be built, and why.
ALLOWED = {
    "domain/tracking.py",  # the S10 arithmetic itself
    "storage/repositories/tracking.py",  # draws from a stored (carrier-assigned) range
    "services/counter_operation.py",  # takes the carrier range's next number / predicts it
    "printing/samples.py",  # fixed shipments of the golden files, never stored
}


def makers_in(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) \
                else ""
            if name in MAKERS:
                found.append((node.lineno, name))
    return found


def test_only_carrier_range_code_builds_a_tracking_number():
    offenders = {}
    for path in sorted(DESKTOP.rglob("*.py")):
        rel = path.relative_to(DESKTOP).as_posix()
        calls = makers_in(path)
        if calls and rel not in ALLOWED:
            offenders[rel] = calls
    assert offenders == {}


def test_the_allowed_places_still_exist_and_the_search_sees_them():
    # The search can fail: it finds the calls where they are known to be.
    assert makers_in(DESKTOP / "services/counter_operation.py")
    assert makers_in(DESKTOP / "storage/repositories/tracking.py")


# Zero-padded digits (`f"6A{n:011d}"`, `"%09d" % n`, `str(n).zfill(11)`) are how any
# carrier's number shape (S10, Colissimo's 13 characters, Nova Post's digits) would be made
# up. Where they appear, and why none of them is a tracking number.
PADDED_ALLOWED = {
    "connectors/fake.py",  # the demo carrier's DEMO- numbers on SPECIMEN labels (issue 8 §1)
    "devices/printers/status.py",  # hex bytes of printer status replies
    "domain/deposit_slip.py",  # our own deposit-slip number BD-…, not a parcel's
    "domain/outbox.py",  # our idempotency key CPT-…, sent as a reference, never a number
    "domain/tracking.py",  # the S10 serial of a carrier-assigned range
    "printing/zpl.py",  # ^FH hex escapes
    "storage/draft_journal.py",  # file names of the offline journal
    "ui/dialogs/number_ranges.py",  # shows a carrier-assigned range's bounds
}


def padded_numbers_in(path: Path) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            spec = "".join(str(v.value) for v in node.format_spec.values
                           if isinstance(v, ast.Constant))
            if spec.startswith("0") and spec.endswith("d"):
                found.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and (
                node.func.attr in ("zfill", "rjust") or (
                    node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
                    and ":0" in str(node.func.value.value))):
            found.append(node.lineno)
        elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod)
              and isinstance(node.left, ast.Constant) and "%0" in str(node.left.value)):
            found.append(node.lineno)
    return found


def test_no_other_code_formats_a_number_shaped_string(tmp_path):
    offenders = {}
    for path in sorted(DESKTOP.rglob("*.py")):
        rel = path.relative_to(DESKTOP).as_posix()
        lines = padded_numbers_in(path)
        if lines and rel not in PADDED_ALLOWED:
            offenders[rel] = lines
    assert offenders == {}
    # The search can fail: it sees the demo carrier's numbers and each form of padding.
    assert padded_numbers_in(DESKTOP / "connectors/fake.py")
    probe = tmp_path / "probe.py"
    for code in ('x = f"6A{n:011d}"', 'x = "%09d" % n', "x = str(n).zfill(11)",
                 'x = "6A{:011d}".format(n)'):
        probe.write_text(code, encoding="utf-8")
        assert padded_numbers_in(probe) == [1], code


def test_no_local_range_is_left():
    text = "\n".join(p.read_text(encoding="utf-8") for p in DESKTOP.rglob("*.py"))
    for word in ("local_range", "tracking_first", "tracking_last", "tracking_country",
                 '"local-'):
        assert word not in text


def test_every_service_says_where_its_number_comes_from():
    for service in default_catalogue().all():
        assert service.number_sources and set(service.number_sources) <= set(NUMBER_SOURCES)
    catalogue = default_catalogue()
    # Every Colissimo pré-affranchie product, Expert International included, is its form.
    for service in catalogue.all():
        if service.carrier == "colissimo":
            assert service.number_sources[0] == FORM, service.id
    assert CARRIER_RANGE not in catalogue.get("novapost-parcel").number_sources


@pytest.mark.parametrize("service", default_catalogue().all(), ids=lambda s: s.id)
def test_with_nothing_configured_no_service_gets_a_number(service):
    picked = pick_source(service, scanned=False, api_mode="off", has_range=False)
    assert isinstance(picked, Violation) and picked.field == "tracking_number"
    assert pick_source(service, scanned=True, api_mode="off", has_range=False) == FORM
    if CARRIER_API in service.number_sources:
        assert pick_source(service, scanned=False, api_mode="api", has_range=False) \
            == CARRIER_API
    if CARRIER_RANGE in service.number_sources:
        assert pick_source(service, scanned=False, api_mode="off", has_range=True) \
            == CARRIER_RANGE
        # A range the carrier assigned wins over the demo carrier, never over its API.
        assert pick_source(service, scanned=False, api_mode="demo", has_range=True) \
            == CARRIER_RANGE


def test_the_refusal_tells_the_clerk_what_to_configure():
    service = default_catalogue().get("delivengo-profil-tracked")
    refusal = pick_source(service, scanned=False, api_mode="off", has_range=False)
    text = refusal.describe("en")
    assert "API key" in text and "Number ranges" in text and "never invented" in text
    assert "delivengo-profil" not in text and "Delivengo Profil" in text
