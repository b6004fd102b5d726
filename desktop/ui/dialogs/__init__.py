"""Dialogs: settings, contact editor, sender profile editor."""
