"""Comptoir — a shipping station for the packing bench."""

__version__ = "0.1.0"
