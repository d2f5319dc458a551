"""One exception tree for insidetrack; each edge maps it once."""

from __future__ import annotations

from dataclasses import dataclass


class InsidetrackError(Exception):
    """A failure with a plain message meant for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def field_key(name: str) -> str:
    """Return the key of a field however an edge spells it: '--job-title', 'FILE' -> key."""
    return name.strip().lstrip("-").replace("-", "_").lower()


class InputError(InsidetrackError):
    """A value the user typed is not accepted.

    `field` is the field's key (`at`, `expected_decision`, `file`), never an edge's spelling
    of it; `reason` says what is wrong in words. Each edge names the field for its user: the
    CLI as the option (`--at`), the web as the form's label, the API as the key.
    """

    def __init__(self, field: str, reason: str) -> None:
        self.field = field_key(field)
        self.reason = reason
        super().__init__(f"{self.field}: {reason}")


class NotFoundError(InsidetrackError):
    """An id or a name that the database does not hold."""


class NoSuchRecord(NotFoundError):
    """A number the user gave names no record of theirs; `what` is the kind in their
    words ("step"). Each edge adds where the records and their numbers are shown."""

    def __init__(self, what: str, number: object) -> None:
        super().__init__(f"no {what} {number}")
        self.what = what
        self.number = number


class ConflictError(InsidetrackError):
    """The request does not fit the current state of the data."""


class StorageError(InsidetrackError):
    """The database cannot be opened or is not ours."""


class DeliveryRefused(InsidetrackError):
    """A mail server did not take a message; `permanent` when retrying cannot help.

    `refused_address` is the recipient when the server refused that address for good
    (550 at RCPT): mail cannot reach it, as if it had bounced.
    """

    def __init__(self, message: str, permanent: bool = False, refused_address: str = "") -> None:
        super().__init__(message)
        self.reason = message
        self.permanent = permanent
        self.refused_address = refused_address


@dataclass(frozen=True)
class Place:
    """Where the user enters a piece of information (each edge: a command or a link)."""

    kind: str  # one of PLACES
    interview_id: int | None = None
    contact_id: int | None = None
    step_id: int | None = None


# Where each kind of missing information is entered, or where a refused action can go on:
# the mail and calendar set-up, the outbox, the undo of a step done.
PLACES = ("profile", "interview_notes", "facts", "clippings", "contact_phone", "contact_email",
          "contact_title", "employer_phone", "references",
          "smtp_setup", "imap_setup", "caldav_setup", "outbox", "undo_done", "mail_signin",
          "own_mail")


class Elsewhere(ConflictError):
    """The request cannot go on here; `place` is where the user does what it waits for.

    The message names no command or page: each edge words the place (a command on the CLI,
    a link on the web, the place's kind in the API).
    """

    def __init__(self, message: str, place: Place) -> None:
        super().__init__(message)
        self.place = place


class MissingInformation(Elsewhere):
    """Something the user has not entered yet is needed, and where they enter it."""

    def __init__(self, needed_for: str, what: str, place: Place) -> None:
        super().__init__(f"the {needed_for} needs {what}", place)
        self.needed_for = needed_for
        self.what = what


class SignInNeeded(Elsewhere):
    """The mail account's OAuth sign-in no longer works (revoked or expired); `field` is
    the account's address."""

    def __init__(self, email: str, why: str) -> None:
        super().__init__(f"the sign-in for {email} no longer works ({why}); sign in again",
                         Place("mail_signin"))
        self.field = "email"
        self.email = email


class NoKeyring(ConflictError):
    """This computer has no working keyring to keep a password in; `variable` is the
    environment variable that gives the password instead."""

    def __init__(self, service: str, variable: str, why: str) -> None:
        super().__init__(f"no system keyring here ({why}); set {variable} in the environment "
                         "instead")
        self.service = service
        self.variable = variable
