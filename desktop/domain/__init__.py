"""The pure core: value objects and rules. Standard library only."""
