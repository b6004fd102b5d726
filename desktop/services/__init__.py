"""Use cases over the ports: no Qt, no SQL."""
