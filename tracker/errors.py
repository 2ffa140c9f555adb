"""One exception family; each carries the exit status the command line uses."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error meant for the user: one line of text and an exit code."""

    exit_code: int = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class InputError(TrackerError):
    """The user asked for something malformed or impossible (exit 2)."""


class NotFoundError(InputError):
    """An id, speaker or other named thing does not exist (exit 2)."""


class DeadlineError(InputError, ValueError):
    """A deadline phrase could not be read (exit 2)."""


class OperationalError(TrackerError):
    """The environment failed: database unreachable, delivery refused (exit 1)."""

    exit_code = 1


class DatabaseError(OperationalError):
    """The database cannot be opened, is not a tracker database, or is too new."""


class DeliveryError(OperationalError):
    """A report could not be delivered (mail, webhook, file)."""
