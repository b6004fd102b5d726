"""Scales that speak their protocol byte for byte on the far end of a pseudo-terminal or a
127.0.0.1 socket, for the driver tests and the benchmark."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable

from tests.integration.pty_device import PtyDevice

Script = dict[bytes, list[bytes | None]]


def crlf_commands(pending: bytes) -> tuple[list[bytes], bytes]:
    """MT-SICS, Ohaus, Sartorius: commands end with CR LF."""
    commands = []
    while b"\r\n" in pending:
        line, pending = pending.split(b"\r\n", 1)
        commands.append(line)
    return commands, pending


def byte_commands(pending: bytes) -> tuple[list[bytes], bytes]:
    """Toledo 8213: each command is one byte, no terminator."""
    return [bytes([b]) for b in pending], b""


class PolledPtyScale(PtyDevice):
    """Answers each command with the next scripted reply (the last one repeats; None:
    silent). A reply given as a list of pieces is written piece by piece, `gap_s` apart:
    the frame reaches the driver split."""

    def __init__(self, script: Script, split: Callable = crlf_commands, gap_s: float = 0.02):
        self.script = {k: list(v) for k, v in script.items()}
        self.split = split
        self.gap_s = gap_s
        self.commands: list[bytes] = []
        super().__init__()

    def _serve(self):
        pending = b""
        while True:
            try:
                chunk = os.read(self.master, 1024)
            except OSError:
                return
            if not chunk:
                return
            commands, pending = self.split(pending + chunk)
            for cmd in commands:
                self.commands.append(cmd)
                replies = self.script.get(cmd, [None])
                reply = replies.pop(0) if len(replies) > 1 else replies[0]
                try:
                    self._write(reply)
                except OSError:
                    return

    def _write(self, reply) -> None:
        if reply is None:
            return
        for i, piece in enumerate(reply if isinstance(reply, list) else [reply]):
            if i:
                time.sleep(self.gap_s)
            os.write(self.master, piece)


class StreamPtyScale(PtyDevice):
    """A continuous scale: the test writes the frames (`send`); commands are recorded."""

    def __init__(self):
        self.received = b""
        super().__init__()

    def _serve(self):
        while True:
            try:
                chunk = os.read(self.master, 1024)
            except OSError:
                return
            if not chunk:
                return
            self.received += chunk

    def send(self, data: bytes) -> None:
        os.write(self.master, data)


class StreamSocketScale:
    """A network indicator (serial-to-Ethernet box) on 127.0.0.1: each connection gets the
    frames the test sends; `drop()` cuts the current client like a pulled cable."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.url = f"socket://127.0.0.1:{self.port}"
        self.clients: list[socket.socket] = []
        self.connected = threading.Event()
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            self.clients.append(client)
            self.connected.set()

    def send(self, data: bytes) -> None:
        for client in list(self.clients):
            try:
                client.sendall(data)
            except OSError:
                self.clients.remove(client)

    def drop(self) -> None:
        self.connected.clear()
        for client in self.clients:
            client.close()
        self.clients.clear()

    def close(self) -> None:
        self.drop()
        self.server.close()
