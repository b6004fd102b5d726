"""Turns label descriptions and customs forms into printer bytes (ZPL, PDF). Pure functions."""
