"""Devices: printer transports and scales. The only code that touches ports.

Entry points for the composition root: `open_transport(url, fmt)` (printers) and
`open_scale(url)` + `ScaleMonitor` (scales).
"""
