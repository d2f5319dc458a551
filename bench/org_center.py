"""A generated career center for bench/org_load.py: its job seekers, their interviews, a dump.

The center is made as a center's administrator would make it (`org init`, a roster CSV through
`org roster import`'s service), and each seeker's interviews are logged through the services
on a connection bound to that seeker, as the web app does. The result is kept as a pg_dump in
bench/out/ and restored on the next run, so each run starts from the same data.
"""

from __future__ import annotations

import csv
import random
import re
import subprocess
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from insidetrack.domain.model import Employer, InterviewNotes, Profile, StepStatus
from insidetrack.domain.planner import PlanSettings
from insidetrack.services import campaigns, center, roster
from insidetrack.services.access import hash_password
from insidetrack.services.context import Env
from insidetrack.services.records import (
    NewInterview,
    add_clipping,
    add_fact,
    add_interview,
    find_or_add_employer,
    set_profile,
)
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)  # as bench/generate.py
APP_ROLE = "insidetrack_app"
PASSWORD = "a load test's password"  # every seeker's: hashed once (see set_passwords)
COHORTS = 20
FACTS = ("We shipped the pricing page in two weeks.", "Our churn fell by a third last year.",
         "The team moved its billing to a new provider in March.")
# A pending step's link on an interview's page (templates/interview.html's timeline).
PENDING = re.compile(r'<li class="pending"><span class="when">[^<]*</span>\s*'
                     r'<a href="/steps/(\d+)/draft">')
EMPLOYERS = 60  # each seeker's interviews are with a few of these (names repeat per seeker)


def email(n: int) -> str:
    """Return the e-mail address of the n-th generated seeker (0-based)."""
    return f"seeker{n:05d}@center.example"


def dump_path(out: Path, seekers: int, interviews: int, passes: int) -> Path:
    """Name the kept center by its size and by the storage code that made it, so a change
    to the schema or to what `org init` makes is never measured on an older center."""
    import hashlib

    storage = Path(__file__).parent.parent / "src" / "insidetrack" / "storage"
    made_by = hashlib.sha256()
    for source in sorted([*storage.glob("*.py"), *storage.glob("migrations/*.sql")]):
        made_by.update(source.name.encode() + source.read_bytes())
    return out / f"center-{seekers}x{interviews}-p{passes}-{made_by.hexdigest()[:10]}.dump"


def app_url(owner_url: str) -> str:
    """Return the URL the web app connects with: the center's app role, which owns nothing."""
    return owner_url.replace("postgres@", f"{APP_ROLE}@")


def make(url: str, folder: Path, seekers: int, interviews: int, passes: int) -> None:
    """Make the center in the (migrated, empty) database at `url`, printing how long it took."""
    started = time.perf_counter()
    owner = Env(Store(connect(url)), PlanSettings(), UTC, NOW)
    try:
        center.organise(owner, APP_ROLE)
        roster.import_roster(owner, _roster_file(folder, seekers))
        set_passwords(owner)
        ids = [p.id for p in sorted(owner.store.roster.everyone(), key=lambda p: p.email)
               if p.role == "seeker"]
    finally:
        owner.store.close()
    print(f"  {seekers} seekers (roster import, one password hash) in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    _interviews(app_url(url), ids, interviews, passes)
    print(f"  generated in {time.perf_counter() - started:.0f} s in all", flush=True)


def _roster_file(folder: Path, seekers: int) -> Path:
    path = folder / "roster.csv"
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["email", "name", "cohort"])
        for n in range(seekers):
            writer.writerow([email(n), f"Seeker {n}", f"Cohort {n % COHORTS + 1}"])
    return path


def set_passwords(owner: Env) -> None:
    """Give every seeker the same password: one argon2 hash, stored for all by the owner
    (`org password` once per seeker would hash it 2,000 times, a few minutes of argon2)."""
    with owner.store.write():
        owner.store.db.execute("UPDATE org_people SET password_hash = ? WHERE role = 'seeker'",
                               (hash_password(PASSWORD),))


def _interviews(url: str, seekers: list[int], count: int, passes: int) -> None:
    """Log each seeker's interviews through the services, on a connection bound to them, in
    two processes (each seeker's writes take that seeker's lock only: they do not wait)."""
    from concurrent.futures import ProcessPoolExecutor

    started = time.perf_counter()
    halves = [seekers[:len(seekers) // 2], seekers[len(seekers) // 2:]]
    with ProcessPoolExecutor(len(halves)) as pool:
        list(pool.map(_log_for, [url] * 2, halves, [count] * 2, [passes] * 2, [0, 1]))
    spent = time.perf_counter() - started
    print(f"  {len(seekers) * count} interviews in {spent:.0f} s "
          f"({spent / len(seekers) / count * 1000:.1f} ms an interview)", flush=True)


def _log_for(url: str, seekers: list[int], count: int, passes: int, part: int) -> None:
    store = Store(connect(url, upgrade=False))  # the app's role cannot migrate
    rng = random.Random(7 + part)
    started = time.perf_counter()
    try:
        for done, seeker in enumerate(seekers, 1):
            store.center.bind(seeker)
            with store.write():  # one transaction a seeker
                set_profile(Env(store, PlanSettings(), UTC, NOW),  # drafts sign with it
                            Profile(f"Seeker {seeker}", f"s{seeker}@mail.example", "+1 555 0100",
                                    "1 Main St, Springfield", "marketing", 5, "pricing"))
                for n in range(count):
                    _interview(store, rng, n, passes)
            if part == 0 and done % 100 == 0:
                print(f"  {done * 2} seekers' interviews in {time.perf_counter() - started:.0f} s",
                      flush=True)
    finally:
        store.close()


def _interview(store: Store, rng: random.Random, n: int, passes: int) -> None:
    """Log an interview of the last half-year: with no passes, on the day the center began
    (NOW: the planner marks what fell due days before as missed), else when it ended, and
    then do up to `passes` of its late steps."""
    start = (NOW - timedelta(days=rng.uniform(0, 180))).replace(second=0, microsecond=0)
    employer = f"Employer {rng.randrange(EMPLOYERS)}"
    find_or_add_employer(store, Employer(0, employer, phone="+1 555 0199"))  # for call sheets
    new = NewInterview(employer, f"Job {n}", start,
                       notes=InterviewNotes(topics=("pricing",)), urgent=rng.random() < 0.2,
                       interviewers=(("Sam Lee", "sam@employer.example"),))
    logged = min(NOW, start + timedelta(minutes=60)) if passes else NOW
    env = Env(store, PlanSettings(), UTC, max(logged, start))
    added = add_interview(env, new)
    for n, fact in enumerate(FACTS):  # each follow-up brings something the others did not
        add_fact(env, added.interview_id, fact)
        add_clipping(env, added.interview_id, f"Their news, part {n + 1}",
                     f"https://news.example/{n + 1}")
    _catch_up(store, added.interview_id, passes)


def _catch_up(store: Store, interview_id: int, passes: int) -> None:
    """Mark done, each when it fell due, up to `passes` steps due more than three days ago
    (bench/generate.py does up to 20: each is a re-plan, 25 ms on PostgreSQL)."""
    cutoff = NOW - timedelta(days=3)
    for _ in range(passes):
        late = [s for s in store.steps.steps_of_interview(interview_id)
                if s.status is StepStatus.PENDING and s.due < cutoff]
        if not late:
            return
        first = min(late, key=lambda s: s.due)
        campaigns.mark_done(Env(store, PlanSettings(), UTC, first.due), first.id, first.due, "")


def dump(url: str, path: Path, pg_bin: Path) -> None:
    """Keep the center in a file (custom format) for the next run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(pg_bin / "pg_dump"), "-Fc", "-f", str(path), url], check=True)


def restore(path: Path, url: str, scratch_url: str, pg_bin: Path) -> None:
    """Restore a kept center into an empty database. Roles live outside a dump, so every
    role a center has (the app's, its coaches', administrators', reporting, tokens'...) is
    made first, with its memberships, by org init itself on a scratch database."""
    owner = Env(Store(connect(scratch_url)), PlanSettings(), UTC, NOW)
    try:
        center.organise(owner, APP_ROLE)
    finally:
        owner.store.close()
    subprocess.run([str(pg_bin / "pg_restore"), "--exit-on-error", "-j", "2", "-d", url,
                    str(path)], check=True)
    analyse(url)


def analyse(url: str) -> None:
    """Give the planner its statistics (a restore or a bulk load leaves none)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
