"""Carriers and their services: data in resources/, rules as pure functions."""
