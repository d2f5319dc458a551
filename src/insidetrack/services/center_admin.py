"""What a center's administrator does from the web: import the roster, list its people.

An administrator's request writes as the administrators' role (storage/org_settings.py),
which the app's role takes on for that request alone; anyone else is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from insidetrack.domain.errors import NotFoundError
from insidetrack.services import roster
from insidetrack.services.center import require_center
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


PAGE_SIZE = 50


@dataclass(frozen=True)
class PeoplePage:
    """One page of the center's people matching a search (name, e-mail or cohort)."""

    everyone: int  # the center's people, whatever the search
    matching: int
    people: list[Person]
    page: int  # from 1
    pages: int
    search: str
    newcomers: frozenset[int] = frozenset()  # who may get a sign-in link: no way in yet


def people(env: Env, person: OrgPerson | None, search: str = "", page: int = 1) -> PeoplePage:
    """Return one page of the center's people whose name, e-mail or cohort holds the words
    searched for, by e-mail, for an administrator."""
    as_admin(env, person)
    require_center(env)
    search = search.strip()[:200]
    everyone = env.store.roster.people_page("", 0, 0)[0]
    matching = env.store.roster.people_page(search, 0, 0)[0] if search else everyone
    pages = max(1, -(-matching // PAGE_SIZE))
    page = min(max(page, 1), pages)
    found = env.store.roster.people_page(search, (page - 1) * PAGE_SIZE, PAGE_SIZE)[1]
    newcomers = env.store.sign_in_links.newcomers([p.id for p in found])
    return PeoplePage(everyone, matching, found, page, pages, search, frozenset(newcomers))
