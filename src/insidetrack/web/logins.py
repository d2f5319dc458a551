"""Password checks that a crowd cannot turn into a flood: growing waits, two at a time.

Each wrong password from a client makes its next try wait longer (after a few free tries),
and at most two argon2 checks (64 MiB each) run at once, whatever the number of clients.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

FREE_TRIES = 5  # wrong passwords a client may type before it has to wait
FIRST_WAIT = 2.0  # seconds after the first wrong password beyond the free ones
LONGEST_WAIT = 15 * 60.0
FORGET_AFTER = 60 * 60.0  # a client that stopped trying starts again with free tries
CHECKS_AT_ONCE = 2


class TooManyTries(Exception):
    """The client must wait before it tries again."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"wait {seconds:.0f} s")
        self.seconds = seconds


@dataclass
class _Record:
    failures: int = 0
    last: float = 0.0


@dataclass
class LoginLimiter:
    """Per-client waits after wrong passwords, and a cap on checks running at once."""

    clock: Callable[[], float] = time.monotonic
    records: dict[str, _Record] = field(default_factory=dict)
    checks: threading.BoundedSemaphore = field(
        default_factory=lambda: threading.BoundedSemaphore(CHECKS_AT_ONCE))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wait_left(self, client: str) -> float:
        """Return how many seconds the client must still wait (0: it may try now)."""
        with self.lock:
            record = self.records.get(client)
            now = self.clock()
            if record is None or now - record.last > FORGET_AFTER:
                return 0.0
            return max(0.0, record.last + _wait(record.failures) - now)

    def check(self, client: str, verify: Callable[[], bool]) -> bool:
        """Run one password check for a client, or raise TooManyTries."""
        left = self.wait_left(client)
        if left > 0:
            raise TooManyTries(left)
        if not self.checks.acquire(timeout=30):
            raise TooManyTries(5)
        try:
            ok = verify()
        finally:
            self.checks.release()
        self._record(client, ok)
        return ok

    def _record(self, client: str, ok: bool) -> None:
        with self.lock:
            if ok:
                self.records.pop(client, None)
                return
            record = self.records.setdefault(client, _Record())
            if self.clock() - record.last > FORGET_AFTER:
                record.failures = 0
            record.failures += 1
            record.last = self.clock()
            if len(self.records) > 10_000:  # a flood of addresses: forget the oldest
                oldest = min(self.records, key=lambda k: self.records[k].last)
                del self.records[oldest]


def _wait(failures: int) -> float:
    if failures < FREE_TRIES:
        return 0.0
    return float(min(LONGEST_WAIT, FIRST_WAIT * 2 ** (failures - FREE_TRIES)))
