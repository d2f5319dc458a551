"""Wrong web passwords, counted in the database: every worker process makes a client wait.

Each wrong password from a client makes its next try wait longer (after a few free tries).
A try is counted before its password is checked, in one write, so tries sent at once to
several worker processes cannot all slip in before the first one is counted.
"""

from __future__ import annotations

from insidetrack.services.context import Env

FREE_TRIES = 5  # wrong passwords a client may type before it has to wait
FIRST_WAIT = 2.0  # seconds after the first wrong password beyond the free ones
LONGEST_WAIT = 15 * 60.0
FORGET_AFTER = 60 * 60.0  # a client that stopped trying starts again with free tries


def wait_after(failures: int) -> float:
    """Return how long a client waits after so many wrong passwords in a row."""
    if failures < FREE_TRIES:
        return 0.0
    return float(min(LONGEST_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES)))


def begin_try(env: Env, client: str, now: float) -> float:
    """Count a client's password try; return the seconds it must still wait (0: go on).

    `now` is seconds since the epoch, from the caller's clock.
    """
    with env.store.write():
        tries = env.store.access.login_tries(client)
        failures, last = tries if tries and now - tries[1] <= FORGET_AFTER else (0, 0.0)
        left = last + wait_after(failures) - now
        if failures and left > 0:
            return left
        env.store.access.forget_login_tries_before(now - FORGET_AFTER)
        env.store.access.set_login_tries(client, failures + 1, now)
    return 0.0


def try_succeeded(env: Env, client: str) -> None:
    """Forget a client's wrong passwords: it typed the right one."""
    with env.store.write():
        env.store.access.forget_login_tries(client)
