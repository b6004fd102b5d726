"""A printer's problems reach the clerk as catalogue messages in their language (issue 10):
a silent printer on 127.0.0.1 and a printer URL with an unknown option."""

from __future__ import annotations

import socket

import pytest

from desktop.devices.transports.tcp import TcpTransport
from desktop.devices.urls import DeviceUrlError
from desktop.domain.printing import PrinterState


def test_a_silent_printer_says_why_in_french_and_english():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    port = silent.getsockname()[1]
    try:
        status = TcpTransport(f"tcp://127.0.0.1:{port}?status_timeout=0.3").status()
    finally:
        silent.close()
    assert status.state is PrinterState.OFFLINE and "timeout" in status.detail  # the log's
    assert status.reason.describe("fr", label="Imprimante (URL)").startswith(
        f"Imprimante (URL) : pas de réponse d'état de 127.0.0.1:{port} en 0,3 s")
    assert status.reason.describe("en", label="Printer (URL)").startswith(
        f"Printer (URL): no status reply from 127.0.0.1:{port} within 0.3 s")


def test_a_refused_connection_is_worded_not_quoted_from_the_system():
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nothing listens there now
    status = TcpTransport(f"tcp://127.0.0.1:{port}?connect_timeout=0.5").status()
    assert "connexion refusée" in status.reason.describe("fr")
    assert "connection refused" in status.reason.describe("en")


def test_an_unknown_url_option_names_the_option_and_the_known_ones():
    with pytest.raises(DeviceUrlError) as err:
        TcpTransport("tcp://127.0.0.1:9100?language=zpl")
    assert "unknown option 'language'" in str(err.value)  # the log keeps its English
    fr = err.value.violation.describe("fr", label="Imprimante (URL)")
    assert fr.startswith("Imprimante (URL) : option « language » inconnue dans l'adresse")
    assert "tcp://…?confirm=…&connect_timeout=…" in fr
    assert err.value.violation.describe("en").startswith(
        "Device address (URL): unknown option 'language' in the address")
