"""CSV import and export of the address book: real files, hostile ones, all or nothing."""

# ruff: noqa: F811  (pytest fixtures imported from helpers_storage)

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys

import pytest

from desktop.domain.errors import ValidationFailed
from desktop.services import contacts_csv
from desktop.services.contacts_csv import OnDuplicate, commit_import, plan_import
from desktop.services.csv_files import MAX_FIELD, MAX_ROWS, read_table
from tests.integration.helpers_storage import clock, db, db_path  # noqa: F401

WOO_HEADER = ("shipping_first_name;shipping_last_name;shipping_company;shipping_address_1;"
              "shipping_address_2;shipping_postcode;shipping_city;shipping_country;billing_phone;"
              "billing_email;order_total\n")
WOO_ROWS = ("Hélène;Dupont;;12 rue de la Paix;\"Bât. B\n3e étage\";75002;Paris;FR;"
            "06 12 34 56 78;h@example.org;12,50\n"
            "Olena;Shevchenko;;vul. Khreshchatyk 1;;01001;Kyiv;UA;+380 67 123 4567;"
            "o@example.org;30\n")


def names(db) -> list[str]:
    return sorted(c.address.name for c in db.address_book.all())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_woocommerce_export_in_any_common_encoding(db, encoding):
    data = (WOO_HEADER + WOO_ROWS).encode(encoding)
    plan = plan_import(data, db.address_book)
    assert plan.ok, plan.problems
    assert (plan.preset, plan.delimiter, plan.ignored_columns) == ("woocommerce", ";",
                                                                   ["order_total"])
    assert commit_import(plan, db.address_book) == 2
    helene = db.address_book.search("helene")[0].address
    assert (helene.name, helene.complement, helene.phone) == ("Hélène Dupont", "Bât. B 3e étage",
                                                              "+33612345678")
    assert db.address_book.search("olena")[0].address.phone == "+380671234567"


def test_shopify_comma_file_is_recognised():
    header = ("First Name,Last Name,Email,Default Address Company,Default Address Address1,"
              "Default Address Address2,Default Address City,Default Address Province Code,"
              "Default Address Country Code,Default Address Zip,Default Address Phone\n")
    table = read_table((header + "Jean,Martin,j@example.org,,1 rue A,,Lyon,,FR,69001,\n").encode())
    assert table.delimiter == ","
    assert contacts_csv.recognise(table.header, contacts_csv.presets()) == "shopify"


def test_one_bad_row_and_nothing_is_imported_errors_name_line_and_column(db):
    bad = WOO_ROWS + "Paul;Roux;;;;75011;Paris;FR;;;\n" + "Zoé;Roux;;3 rue B;;7501;Paris;FR;;;\n"
    plan = plan_import((WOO_HEADER + bad).encode(), db.address_book)
    assert not plan.ok
    fields = {(v.field, v.rule) for v in plan.problems}
    # Lines as a spreadsheet numbers them: Hélène's quoted address spans lines 2-3.
    assert ("line 5 · shipping_address_1", "required") in fields
    assert ("line 6 · shipping_postcode", "postcode_format") in fields
    assert "shipping_postcode" in plan.problems[-1].describe("fr")
    with pytest.raises(ValidationFailed):
        commit_import(plan, db.address_book)
    assert names(db) == []


@pytest.mark.parametrize("policy, expected", [
    (OnDuplicate.SKIP, ["Hélène Dupont", "Olena Shevchenko"]),
    (OnDuplicate.UPDATE, ["Hélène Dupont", "Olena Shevchenko"]),
    (OnDuplicate.KEEP, ["Hélène Dupont", "Hélène Dupont", "Olena Shevchenko",
                        "Olena Shevchenko"]),
])
def test_duplicate_policy(db, policy, expected):
    commit_import(plan_import((WOO_HEADER + WOO_ROWS).encode(), db.address_book),
                  db.address_book)
    changed = WOO_ROWS.replace("h@example.org", "new@example.org")
    plan = plan_import((WOO_HEADER + changed).encode(), db.address_book, on_duplicate=policy)
    commit_import(plan, db.address_book)
    assert names(db) == expected
    emails = {c.address.email for c in db.address_book.all()}
    assert ("new@example.org" in emails) == (policy is not OnDuplicate.SKIP)
    assert ("h@example.org" in emails) == (policy is not OnDuplicate.UPDATE)


def test_formulas_are_neutralised_on_export_and_read_back_as_typed(db):
    csv_text = ("name,street,postcode,city,country,phone,note\n"
                "=HYPERLINK(\"http://x\"),1 rue A,75001,Paris,FR,+33612345678,@SUM(A1)\n")
    commit_import(plan_import(csv_text.encode(), db.address_book), db.address_book)
    out = io.StringIO()
    contacts_csv.export_contacts(db.address_book, out)
    row = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))[0]
    assert row["name"].startswith("'=") and row["phone"] == "'+33612345678"
    assert row["note"] == "'@SUM(A1)"
    again = plan_import(out.getvalue().encode(), db.address_book, preset="comptoir",
                        on_duplicate=OnDuplicate.KEEP)
    assert again.ok and again.new[0].address.phone == "+33612345678"
    assert again.new[0].address.name == '=HYPERLINK("http://x")'


@pytest.mark.parametrize("data, field, rule", [
    (b"", "file", "csv_empty"),
    (b"\x00\x01\x02binary" * 10, "file", "csv_binary"),
    (b"name;street;city;country\nA;\"unterminated\n", "line 2", "csv_malformed"),
    (b"first;other\nA;B\n", "line 1", "csv_columns_missing"),
    (("name;street;city;country\nA;" + "x" * (10 * 1024 * 1024) + ";B;FR\n").encode(),
     "line 2", "csv_field_too_long"),
])
def test_hostile_files_are_refused_with_a_clear_error(db, data, field, rule):
    with pytest.raises(ValidationFailed) as caught:
        plan = plan_import(data, db.address_book)
        commit_import(plan, db.address_book)
    v = caught.value.violations[0]
    assert (v.field, v.rule) == (field, rule), v
    assert v.describe("fr") and v.describe("en")
    assert names(db) == []


def test_extra_cells_in_a_row_are_an_error(db):
    plan = plan_import(b"name;street;city;country\nA;1 rue;Paris;FR;surplus\n", db.address_book)
    assert [(v.field, v.rule) for v in plan.problems] == [("line 2", "csv_cells")]


def test_a_million_rows_are_refused_before_anything_is_stored(db):
    rows = "".join(f"C{i};1 rue A;75001;Paris;FR\n" for i in range(1_000_000))
    data = ("name;street;postcode;city;country\n" + rows).encode()
    with pytest.raises(ValidationFailed) as caught:
        plan_import(data, db.address_book)
    assert caught.value.violations[0].rule == "csv_too_many_rows"
    assert caught.value.violations[0].limit == MAX_ROWS
    assert names(db) == []


def test_cli_import_and_export(tmp_path):
    home = tmp_path / "home"
    env = {"COMPTOIR_HOME": str(home), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": ":".join(p for p in sys.path if p)}
    source = tmp_path / "woo.csv"
    source.write_bytes((WOO_HEADER + WOO_ROWS).encode("cp1252"))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop", *args], env=env,
                              capture_output=True, text=True)

    preview = run("import", "contacts", str(source), "--preview", "--json")
    assert preview.returncode == 0 and json.loads(preview.stdout)["written"] == 0
    done = run("import", "contacts", str(source), "--json")
    assert json.loads(done.stdout)["written"] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("name;street;city;country\nA;;Paris;FR\n")
    refused = run("import", "contacts", str(bad), "--json", "--lang", "en")
    assert refused.returncode == 3 and json.loads(refused.stdout)["errors"][0]["field"] \
        == "line 2 · street"
    out = tmp_path / "out.csv"
    assert run("export", "shipments", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8-sig").startswith("id;created_at;status")
    assert run("export", "contacts", str(out)).returncode == 0
    assert "Olena Shevchenko" in out.read_text(encoding="utf-8-sig")
    if os.name == "posix":  # names and addresses: the owner's only, whatever the umask
        for kind in ("contacts", "products", "shipments"):
            target = tmp_path / f"{kind}.csv"
            target.write_text("an older file, readable by all")
            os.chmod(target, 0o664)
            done = subprocess.run(["/bin/sh", "-c", 'umask 002 && exec "$@"', "sh",
                                   sys.executable, "-m", "desktop", "export", kind,
                                   str(target)], env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            assert stat.S_IMODE(target.stat().st_mode) == 0o600, kind
    assert MAX_FIELD < 10 * 1024 * 1024


def test_cli_products_import_uses_the_product_rules_and_is_all_or_nothing(tmp_path):
    env = {"COMPTOIR_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin",
           "PYTHONPATH": ":".join(p for p in sys.path if p)}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "desktop", *args], env=env,
                              capture_output=True, text=True)

    good = tmp_path / "p.csv"
    # The product editor's validator (services.products.check_product): FR and EN
    # descriptions, HS code and origin are needed on every row.
    good.write_bytes("sku;description_fr;description_en;unit_net_weight_g;unit_value;hs_code;"
                     "origin\nCH-01;Chemise écrue;Unbleached cotton shirt;400;59,90;620520;FR\n"
                     .encode("cp1252"))
    bad = tmp_path / "bad.csv"
    bad.write_text("sku;description_fr;description_en;unit_net_weight_g;unit_value;hs_code;"
                   "origin\nA-1;Bol en grès;Stoneware bowl;200;5;691200;FR\n"
                   "A-2;Tasse en grès;Stoneware cup;0;5;691200;FR\n")
    refused = run("import", "products", str(bad), "--json")
    assert refused.returncode == 3 and json.loads(refused.stdout)["errors"][0]["field"] \
        == "row 3.unit_net_weight_g"
    assert json.loads(run("import", "products", str(good), "--json").stdout)["written"] == 1
    out = tmp_path / "out.csv"
    assert run("export", "products", str(out)).returncode == 0
    rows = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("CH-01;;Chemise écrue;")


PRESTASHOP_ADDRESSES = (
    "ID;Alias;Prénom;Nom;Société;Adresse;Adresse (2);Code postal;Ville;État;Pays;Téléphone;"
    "Téléphone mobile\n"
    "7;Maison;Lucas;Peeters;;Rue Neuve 12;;1000;Bruxelles;;Belgique;;+32 470 12 34 56\n"
    "8;Bureau;Jürgen;Schäfer;Schäfer GmbH;Hauptstraße 5;;10115;Berlin;;Allemagne;;\n"
    "9;Maison;Anna;Keller;;Bahnhofstrasse 1;;8001;Zürich;;Suisse;;\n"
    "10;Maison;John;Smith;;350 Fifth Avenue;;10118;New York;New York;États-Unis;;\n")


def test_prestashop_file_with_french_country_names(db):
    plan = plan_import(PRESTASHOP_ADDRESSES.encode("utf-8"), db.address_book)
    assert plan.ok, [v.describe("en") for v in plan.problems]
    assert plan.preset == "prestashop"
    commit_import(plan, db.address_book)
    got = {c.address.name: (c.address.country, c.address.state) for c in db.address_book.all()}
    assert got == {"Lucas Peeters": ("BE", ""), "Jürgen Schäfer": ("DE", ""),
                   "Anna Keller": ("CH", ""), "John Smith": ("US", "NY")}
    # The work list's order import reads country names the same way.
    from desktop.services.orders_csv import _address

    row = {"name": "A B", "street": "Rue Neuve 12", "postcode": "1000", "city": "Bruxelles",
           "country": "Belgique"}
    assert _address(lambda k: row.get(k, "")).country == "BE"


WOO_AMERICAS = (
    "shipping_first_name;shipping_last_name;shipping_company;shipping_address_1;"
    "shipping_address_2;shipping_postcode;shipping_city;shipping_state;shipping_country;"
    "billing_phone;billing_email\n"
    "John;Smith;;350 Fifth Avenue;;10118;New York;NY;US;+1 212 736 3100;j@example.com\n"
    "Emily;Tremblay;;100 Queen St W;;M5H 2N2;Toronto;Ontario;CA;;e@example.ca\n"
    "Olivia;Brown;;1 Martin Place;;2000;Sydney;NSW;Australie;;o@example.au\n"
    "Mary;Jones;;1 Main St;;94105;San Francisco;US-CA;United States;;m@example.com\n")


def test_us_canada_australia_rows_import_with_their_state_and_round_trip(db, tmp_path):
    plan = plan_import(WOO_AMERICAS.encode("utf-8"), db.address_book)
    assert plan.ok, [v.describe("en") for v in plan.problems]
    assert commit_import(plan, db.address_book) == 4
    states = {c.address.name: (c.address.country, c.address.state)
              for c in db.address_book.all()}
    assert states == {"John Smith": ("US", "NY"), "Emily Tremblay": ("CA", "ON"),
                      "Olivia Brown": ("AU", "NSW"), "Mary Jones": ("US", "CA")}

    out = io.StringIO()
    assert contacts_csv.export_contacts(db.address_book, out) == 4
    exported = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter=";"))
    assert {r["name"]: r["state"] for r in exported} == {
        "John Smith": "NY", "Emily Tremblay": "ON", "Olivia Brown": "NSW", "Mary Jones": "CA"}
    again = plan_import(out.getvalue().encode("utf-8"), db.address_book,
                        on_duplicate=OnDuplicate.KEEP)
    assert again.ok and again.preset == "comptoir"
    assert [(c.address.country, c.address.state) for c in again.new] == [
        (c.address.country, c.address.state) for c in db.address_book.all()]


def test_an_unknown_state_names_its_line_and_column(db):
    bad = WOO_AMERICAS.replace(";NY;US;", ";Atlantis;US;")
    plan = plan_import(bad.encode("utf-8"), db.address_book)
    assert [(v.field, v.rule, v.actual) for v in plan.problems] == [
        ("line 2 · shipping_state", "unknown_state", "ATLANTIS")]
    missing = WOO_AMERICAS.replace(";NY;US;", ";;US;")
    plan = plan_import(missing.encode("utf-8"), db.address_book)
    assert [(v.field, v.rule) for v in plan.problems] == [("line 2 · shipping_state",
                                                           "required")]


@pytest.mark.parametrize("kind,option", [
    ("products", ["--preset", "shopify"]), ("products", ["--map", "sku=Code"]),
    ("products", ["--save-preset", "mine"]), ("products", ["--on-duplicate", "skip"]),
    ("products", ["--on-duplicate", "keep"]), ("orders", ["--map", "reference=No"]),
    ("orders", ["--on-duplicate", "keep"]), ("orders", ["--save-preset", "mine"]),
])
def test_import_options_a_kind_does_not_read_are_refused_by_name(tmp_path, capsys, kind,
                                                                  option):
    from tests.integration.cli_helpers import run_in_process

    source = tmp_path / "p.csv"
    source.write_text("sku;description_fr;description_en;hs_code;origin;unit_net_weight_g;"
                      "unit_value\nMUG-2;Tasse en céramique;Ceramic mug;691200;FR;350;9.90\n",
                      encoding="utf-8")
    code, out, err = run_in_process(capsys, "--lang", "en", "import", kind, str(source),
                                    *option)
    assert code == 2
    assert err.startswith(f"{option[0]}: not an option of 'import {kind}'")
    assert "nothing was imported" in err
    code, _, _ = run_in_process(capsys, "import", "products", str(source), "--on-duplicate",
                                "update", "--json")
    assert code == 0  # what products do anyway: accepted
