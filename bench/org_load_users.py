"""The simulated job seekers of bench/org_load.py (a locustfile; bench/org_load.py runs it).

Each user signs in once as a seeker of their own (POST /login), lists their interviews
(GET /api/interviews), then loops: Today, one of their interviews, the draft of a pending
step of it, and marks that step done, as the pages' own links and forms do. Set by
bench/org_load.py: ORG_LOAD_SEEKERS (how many seekers the center has), ORG_LOAD_USERS (how
many users run: until all have signed in, the loop's actions are counted apart),
ORG_LOAD_PASSWORD, ORG_LOAD_WAIT ("least,most" seconds a user waits between two actions),
ORG_LOAD_TIMES (a file to which every request's name, time in ms and failure is added, so that
bench/org_load.py can give exact percentiles over the whole run too).
"""

from __future__ import annotations

import os
import random
import re

import gevent
from locust import FastHttpUser, between, events, task
from locust.exception import StopUser
from org_center import PENDING, email

WAIT = re.compile(r"try again in (\d+) seconds")  # web/center_pages.py's 429 page
_seekers = random.Random(11).sample(range(int(os.environ.get("ORG_LOAD_SEEKERS", "1"))),
                                    int(os.environ.get("ORG_LOAD_SEEKERS", "1")))
_users = int(os.environ.get("ORG_LOAD_USERS", "1"))
_signed_in = 0  # users signed in so far (one process: locust's users are greenlets)
DURING = " (while others sign in)"
_least, _most = (float(s) for s in os.environ.get("ORG_LOAD_WAIT", "0.5,1.5").split(","))


_times = (open(os.environ["ORG_LOAD_TIMES"], "a", buffering=1, encoding="utf-8")  # noqa: SIM115
          if os.environ.get("ORG_LOAD_TIMES") else None)


@events.request.add_listener
def _timed(name: str, response_time: float, exception: object, **_: object) -> None:
    """Write each request down (tab-separated: name, milliseconds, 1 if it failed)."""
    if _times is not None:
        _times.write(f"{name}\t{response_time:.1f}\t{int(exception is not None)}\n")


def _named(action: str) -> str:
    """Name an action apart while some users are still signing in (argon2 takes the CPU)."""
    return action if _signed_in >= _users else action + DURING


class Seeker(FastHttpUser):
    """One job seeker of the center, signed in for the whole run."""

    wait_time = between(_least, _most)

    def on_start(self) -> None:
        self.origin = {"Origin": self.host.rstrip("/")}  # what the guard wants of a POST
        who = email(_seekers.pop())
        while not self._sign_in(who):
            pass
        global _signed_in
        _signed_in += 1
        listed = self.client.get("/api/interviews", name="list interviews (once)")
        self.interviews = [i["id"] for i in listed.json()] if listed.status_code == 200 else []

    def _sign_in(self, who: str) -> bool:
        """Sign in; told to wait (429), wait as the page says and say so (False)."""
        with self.client.post("/login", name="sign in", headers=self.origin,
                              data={"email": who, "password": os.environ["ORG_LOAD_PASSWORD"]},
                              allow_redirects=False, catch_response=True) as answer:
            if answer.status_code == 303:
                return True
            answer.failure(f"sign in answered {answer.status_code}")
            told = WAIT.search(answer.text or "")
            if answer.status_code != 429 or told is None:
                raise StopUser()
        gevent.sleep(max(0.5, float(told[1])))
        return False

    @task
    def follow_up(self) -> None:
        """Today, an interview, the draft of its next pending step, and mark that step done."""
        self.client.get("/today", name=_named("Today"))
        self.wait()
        if not self.interviews:
            return
        page = self.client.get(f"/interviews/{random.choice(self.interviews)}",
                               name=_named("an interview"))
        pending = PENDING.findall(page.text or "")
        if not pending:  # a campaign with nothing left to do: another interview next time
            return
        step = pending[0]
        self.wait()
        self.client.get(f"/steps/{step}/draft", name=_named("a draft"))
        self.wait()
        with self.client.post(f"/steps/{step}/done", name=_named("mark done"), headers=self.origin,
                              data={"next": "/today"}, allow_redirects=False,
                              catch_response=True) as answer:
            if answer.status_code != 303:
                answer.failure(f"mark done answered {answer.status_code}")
