"""Password checks that a crowd cannot turn into a flood: growing waits, few at a time.

The waits are counted in the database (services/logins.py), so they hold across the worker
processes of `serve --workers N`. At most two argon2 checks (64 MiB each) run at once in a
process; with several workers each takes its share of the two, and at least one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from insidetrack.services.context import Env
from insidetrack.services.logins import begin_try, try_succeeded

CHECKS_AT_ONCE = 2


class TooManyTries(Exception):
    """The client must wait before it tries again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"wait {seconds:.0f} s")
        self.seconds = seconds


def checks_per_worker(workers: int) -> int:
    """Return how many password checks one of `workers` processes may run at once."""
    return max(1, CHECKS_AT_ONCE // workers)


@dataclass
class LoginLimiter:
    """Per-client waits after wrong passwords, and a cap on checks running at once."""

    clock: Callable[[], float] = time.time  # seconds since the epoch: shared by processes
    checks_at_once: int = CHECKS_AT_ONCE
    checks: threading.BoundedSemaphore = field(init=False)

    def __post_init__(self) -> None:
        self.checks = threading.BoundedSemaphore(self.checks_at_once)

    def check(self, env: Env, client: str, verify: Callable[[], bool]) -> bool:
        """Run one password check for a client, or raise TooManyTries."""
        left = begin_try(env, client, self.clock())
        if left > 0:
            raise TooManyTries(left)
        if not self.checks.acquire(timeout=30):
            raise TooManyTries(5)
        try:
            ok = verify()
        finally:
            self.checks.release()
        if ok:
            try_succeeded(env, client)
        return ok
