"""Secrets never reach the exchange log: headers, query strings, JSON bodies, literal values."""

from __future__ import annotations

import json

from desktop.connectors.redact import (
    MASK,
    redact_body,
    redact_headers,
    redact_text,
    redact_url,
    redact_value,
)


def test_headers_holding_credentials_are_masked():
    out = redact_headers({"API-Authorization": "dlv-key-123456", "Authorization": "eyJ.a.b",
                          "Content-Type": "application/json", "apiKey": "k-999999",
                          "X-Echo": "key is dlv-key-123456"}, secrets=["dlv-key-123456"])
    assert out == {"API-Authorization": MASK, "Authorization": MASK,
                   "Content-Type": "application/json", "apiKey": MASK, "X-Echo": f"key is {MASK}"}


def test_query_string_api_key_is_masked():
    url = "http://127.0.0.1:8080/v.1.0/clients/authorization?apiKey=np-key-abcdef&x=1"
    assert redact_url(url) == f"http://127.0.0.1:8080/v.1.0/clients/authorization?apiKey={MASK}&x=1"
    assert "np-key-abcdef" not in redact_url(url)


def test_json_body_secret_keys_masked_at_any_depth():
    body = json.dumps({"contractNumber": "123456", "password": "cs-password-789",
                       "letter": {"sender": {"token": "t0k3n-xyz"}},
                       "list": [{"jwt": "eyJ.x.y"}], "note": "fine"}).encode()
    out = json.loads(redact_body(body, "application/json"))
    assert out == {"contractNumber": "123456", "password": MASK,
                   "letter": {"sender": {"token": MASK}}, "list": [{"jwt": MASK}], "note": "fine"}


def test_secret_values_masked_inside_free_text():
    body = b'{"error": {"message": "Cl\xc3\xa9 dlv-key-123456 refus\xc3\xa9e"}}'
    out = redact_body(body, "application/json", secrets=["dlv-key-123456"])
    assert "dlv-key-123456" not in out and MASK in out
    assert redact_text("plain dlv-key-123456 text", ["dlv-key-123456"]) == f"plain {MASK} text"


def test_binary_documents_are_summarised_not_logged():
    assert redact_body(b"%PDF-1.4\x00\xff", "application/pdf") == "<10 bytes application/pdf>"
    big = {"data": {"documents_supports": "QUJD" * 300}}
    assert json.loads(redact_body(json.dumps(big), "application/json")) == {
        "data": {"documents_supports": "<1200 base64 characters>"}}


def test_short_values_are_not_treated_as_secrets():
    assert redact_text("a b c", ["a"]) == "a b c"
    assert redact_value({"name": "x"}, ["x"]) == {"name": "x"}
