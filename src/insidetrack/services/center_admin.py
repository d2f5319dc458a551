"""What a center's administrator does from the web: import the roster, list its people.

An administrator's request writes as the administrators' role (storage/org_settings.py),
which the app's role takes on for that request alone; anyone else is refused.
"""

from __future__ import annotations

from insidetrack.domain.errors import NotFoundError
from insidetrack.services import roster
from insidetrack.services.context import Env
from insidetrack.services.ports import OrgPerson
from insidetrack.services.ports.roster import Person
from insidetrack.services.roster import RosterReport


def as_admin(env: Env, person: OrgPerson | None) -> None:
    """Let this request write the roster and the center's settings, if the person signed in
    is an administrator; anyone else: not found."""
    if person is None or person.role != "admin":
        raise NotFoundError("Not found")
    env.store.org_settings.act_as_admin()


def import_roster(env: Env, person: OrgPerson | None, content: bytes) -> RosterReport:
    """Import a roster file an administrator uploaded (all or nothing, as `org roster import`)."""
    as_admin(env, person)
    return roster.import_roster(env, content)


def people(env: Env, person: OrgPerson | None) -> list[Person]:
    """Return the center's people, for an administrator."""
    as_admin(env, person)
    return roster.people(env)
