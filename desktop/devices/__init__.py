"""Devices: printer transports and scales. The only code that touches ports."""
