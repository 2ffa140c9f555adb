"""tracker: keep forward-looking claims and be told when they are due to be checked."""

__version__ = "0.1.0"
