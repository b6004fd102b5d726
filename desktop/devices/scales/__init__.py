"""Scales: the simulated default, MT-SICS, and the monitor thread that polls them."""

from desktop.devices.scales.base import ScaleDisconnected, ScaleError, to_grams
from desktop.devices.scales.monitor import ScaleMonitor
from desktop.devices.scales.mtsics_serial import MtSicsScale
from desktop.devices.scales.resolver import open_scale
from desktop.devices.scales.simulated import SimulatedScale

__all__ = ["MtSicsScale", "ScaleDisconnected", "ScaleError", "ScaleMonitor", "SimulatedScale",
           "open_scale", "to_grams"]
