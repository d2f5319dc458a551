"""A career center reads every job seeker's own mailbox at once (`org mail read`), as each
one's "Check my mail" button does: replies pause their campaigns, bounces are flagged.

The operator runs it from a timer (cron, a systemd timer) every few minutes, so a student
who never clicks the button still sees a reply on Today, and gets no reminder to write to
an employer who answered. It reads only the mailboxes students set themselves (/my-mail),
never a turned-off person's, each on a connection bound to them (row-level security holds
for it as for their own requests); one mailbox that cannot be read is said and the others
are still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from insidetrack.domain.errors import ConflictError, InsidetrackError
from insidetrack.domain.settings import Settings
from insidetrack.services import roster, seeker_accounts
from insidetrack.services.context import Env
from insidetrack.services.ports.roster import Person
from insidetrack.services.seeker_settings import with_own


@dataclass(frozen=True)
class Reading:
    """What reading one student's mailbox found, or why it could not be read."""

    email: str
    name: str
    fetched: int = 0
    replies: tuple[str, ...] = ()
    bounces: tuple[str, ...] = ()
    problem: str = ""  # "": read


def read_everyones(env: Env, server: Settings, zone: tzinfo) -> list[Reading]:
    """Read the new mail of every job seeker who set a reading server and is not turned
    off (`server`, `zone`: the server's settings, under each student's own)."""
    found = []
    for person in roster.people(env, role="seeker"):
        if not person.disabled:
            found.extend(_read(env, person, server, zone))
    return found


def _key_here() -> None:
    """Refuse to read with no center.key beside the settings file: a new one would be made,
    and every student's password and sign-in, sealed with the server's, would not open."""
    from insidetrack.integrations.sealing import key_file

    if not key_file().exists():
        raise ConflictError(f"no center.key beside the settings file here ({key_file()}): the "
                            "students' passwords and sign-ins are sealed with the server's; "
                            "run this with the server's settings file (INSIDETRACK_CONFIG) or "
                            "copy its center.key there")


def _read(env: Env, person: Person, server: Settings, zone: tzinfo) -> list[Reading]:
    env.store.center.bind(person.id)
    try:
        if not seeker_accounts.accounts(env, person.id).reading.host:
            return []
    except InsidetrackError as exc:
        return [Reading(person.email, person.name, problem=exc.message)]
    _key_here()  # not for one student: for all of them
    try:
        own = with_own(env, person.id, server, zone)
        report = seeker_accounts.check_mail(own.env, person.id)
    except InsidetrackError as exc:
        return [Reading(person.email, person.name, problem=exc.message)]
    return [Reading(person.email, person.name, report.fetched, tuple(report.replies),
                    tuple(report.bounces))]
