"""Printer languages as the devices layer sees them: status replies (pure parsers)."""
