"""Scales: protocol frame parsers, links (serial, HID), the driver joining them, the
simulated default, the monitor thread and the manager that runs one per scale."""

from desktop.devices.scales.base import ScaleDisconnected, ScaleError, ScaleTimeout, to_grams
from desktop.devices.scales.driver import FramedScale
from desktop.devices.scales.monitor import ScaleMonitor
from desktop.devices.scales.mtsics_serial import MtSicsScale
from desktop.devices.scales.protocols import PROTOCOLS, find_protocol
from desktop.devices.scales.resolver import open_scale, parse_scale_url
from desktop.devices.scales.simulated import SimulatedScale

__all__ = ["PROTOCOLS", "FramedScale", "MtSicsScale", "ScaleDisconnected", "ScaleError",
           "ScaleMonitor", "ScaleTimeout", "SimulatedScale", "find_protocol", "open_scale",
           "parse_scale_url", "to_grams"]
