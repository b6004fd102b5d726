"""Carrier connectors: one package per carrier, each a pure mapper beside a thin httpx client.

The interface and value types are in `desktop.domain.connectors`; nothing in the core imports
this package. Every carrier field name lives in that carrier's `mapper.py` only.
"""
