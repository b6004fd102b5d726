"""Qt item models over the services (ids + lazy row cache, paged history)."""
