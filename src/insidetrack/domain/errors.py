"""One exception tree for insidetrack; each edge maps it once."""

from __future__ import annotations


class InsidetrackError(Exception):
    """A failure with a plain message meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(InsidetrackError):
    """A value the user typed is not accepted."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


class NotFoundError(InsidetrackError):
    """An id or a name that the database does not hold."""


class ConflictError(InsidetrackError):
    """The request does not fit the current state of the data."""


class StorageError(InsidetrackError):
    """The database cannot be opened or is not ours."""


class DeliveryRefused(InsidetrackError):
    """A mail server did not take a message; `permanent` when retrying cannot help."""

    def __init__(self, message: str, permanent: bool = False) -> None:
        super().__init__(message)
        self.reason = message
        self.permanent = permanent
