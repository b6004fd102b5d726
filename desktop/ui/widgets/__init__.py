"""Reusable widgets composed by the views (address form, weight panel, pickers)."""
