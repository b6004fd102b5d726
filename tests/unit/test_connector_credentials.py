"""Credentials: keyring, environment overrides, never in settings; multipart and field maps."""

from __future__ import annotations

import pytest
from keyring.backends import null

from desktop.connectors.credentials import CredentialStore
from desktop.connectors.fields import map_field, normalise_path
from desktop.connectors.multipart import split
from desktop.connectors.registry import carrier_configs
from desktop.domain.connectors import (
    COLISSIMO,
    DELIVENGO,
    NOVAPOST,
    CarrierError,
    ErrorKind,
    LabelMedia,
)
from tests.connector_helpers import MemoryKeyring


def test_keyring_holds_the_key_and_the_environment_overrides_it():
    ring = MemoryKeyring()
    store = CredentialStore(environ={}, backend=ring)
    store.set_secret(DELIVENGO, "api_key", "from-keyring-1")
    assert ring.store == {("comptoir", "laposte-delivengo.api_key"): "from-keyring-1"}
    assert store.secret(DELIVENGO, "api_key") == "from-keyring-1"
    env = CredentialStore(environ={"COMPTOIR_DELIVENGO_API_KEY": "from-env-2"}, backend=ring)
    assert env.secret(DELIVENGO, "api_key") == "from-env-2"
    store.set_secret(DELIVENGO, "api_key", "")
    assert store.secret(DELIVENGO, "api_key") == ""


def test_urls_environment_then_settings_then_default():
    env = {"COMPTOIR_NOVAPOST_API_URL": "http://127.0.0.1:9/v.1.0/",
           "COMPTOIR_DELIVENGO_API_URL": "http://127.0.0.1:8/api/v2.4/"}
    store = CredentialStore(environ=env, backend=MemoryKeyring())
    assert store.api_url(NOVAPOST, "https://api-stage.novapost.pl/v.1.0/") == env[
        "COMPTOIR_NOVAPOST_API_URL"]
    assert store.api_url(DELIVENGO) == env["COMPTOIR_DELIVENGO_API_URL"]
    plain = CredentialStore(environ={}, backend=MemoryKeyring())
    assert plain.api_url(NOVAPOST, "https://api-stage.novapost.pl/v.1.0/").startswith(
        "https://api-stage")
    assert plain.api_url(COLISSIMO).startswith("https://ws.colissimo.fr/")


def test_no_usable_keyring_reads_nothing_and_saving_says_so():
    from keyring.backends import fail

    store = CredentialStore(environ={}, backend=fail.Keyring())
    assert store.secret(NOVAPOST, "api_key") == ""
    with pytest.raises(CarrierError) as info:
        store.set_secret(NOVAPOST, "api_key", "abc-12345")
    assert info.value.kind is ErrorKind.CONFIG and "abc-12345" not in str(info.value)
    assert CredentialStore(environ={}, backend=null.Keyring()).secret(NOVAPOST, "api_key") == ""


def test_settings_block_and_modes():
    store = CredentialStore(environ={"COMPTOIR_NOVAPOST_API_KEY": "k-123456"},
                            backend=MemoryKeyring())
    configs = carrier_configs({"carriers": {
        "laposte-delivengo": {"mode": "flat_file", "label_media": "zpl_300",
                              "untracked_product_id": 37, "simulate": True},
        "colissimo": {"mode": "nonsense"}}}, store)
    assert configs[DELIVENGO].mode == "flat_file"
    assert configs[DELIVENGO].label_media is LabelMedia.ZPL_300
    assert configs[DELIVENGO].untracked_product_id == 37 and configs[DELIVENGO].simulate
    assert configs[NOVAPOST].mode == "api"  # a key in the environment turns the API on
    assert configs[COLISSIMO].mode == "forms"  # junk falls back to the default
    assert carrier_configs("junk", store)[DELIVENGO].mode == "demo"  # out of the box


def test_field_paths_any_index_style():
    table = {"plis.{i}.poids": "parcel.weight_g", "articles.{i}.valeur": "customs.items[{i}].value"}
    assert normalise_path("plis[0].poids") == normalise_path("plis/0/poids") == "plis.0.poids"
    assert map_field("articles[3].valeur", table) == "customs.items[3].value"
    assert map_field("unknown.field", table) == ""


def test_multipart_split_keeps_binary_bodies_exactly():
    binary = b"\x00\xff\r\n--almost\r\n\r\nend"
    body = (b"preamble\r\n--B\r\nContent-Type: application/json\r\n\r\n{\"a\": 1}\r\n"
            b"--B\r\nContent-Type: application/octet-stream\r\nContent-ID: <label>\r\n\r\n"
            + binary + b"\r\n--B--\r\n")
    parts = split(body, 'multipart/related; type="application/xop+xml"; boundary="B"')
    assert [p.content_type for p in parts] == ["application/json", "application/octet-stream"]
    assert parts[0].body == b'{"a": 1}' and parts[1].body == binary
    assert parts[1].content_id == "label"
    with pytest.raises(ValueError):
        split(b"x", "multipart/mixed")
