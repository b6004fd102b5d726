"""Printer transports: bytes to a printer, chosen by URL (see `resolver.open_transport`)."""

from desktop.devices.transports.base import DeliveryUnconfirmed, TransportError
from desktop.devices.transports.cups import CupsTransport
from desktop.devices.transports.file import FileTransport
from desktop.devices.transports.memory import (
    MemoryTransport,
    RecordedJob,
    memory_printer,
    reset_memory_printers,
)
from desktop.devices.transports.resolver import (
    close_transports,
    open_transport,
    validate_printer_url,
)
from desktop.devices.transports.serial_port import SerialTransport
from desktop.devices.transports.tcp import TcpTransport
from desktop.devices.transports.usb import UsbTransport

__all__ = [
    "CupsTransport", "DeliveryUnconfirmed", "FileTransport", "MemoryTransport", "RecordedJob", "SerialTransport",
    "TcpTransport", "TransportError", "UsbTransport", "close_transports", "memory_printer",
    "open_transport", "reset_memory_printers", "validate_printer_url",
]
