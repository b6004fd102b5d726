"""The main window's screens: counter, address book, history."""
