"""Generate a database of N interviews with their planned steps and touchpoints.

A diligent user's history up to NOW: each interview logged when it ends, each follow-up
done when it falls due, up to three days ago. (The planner marks steps first planned days
after their moment as missed, so logging the half-year at NOW would be another workload.)

Usage: python bench/generate.py --interviews 10000 --out bench/out/10k.db
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from insidetrack.domain.model import Employer, Interview, InterviewNotes, StepStatus
from insidetrack.domain.planner import PlanSettings
from insidetrack.services.campaigns import replan
from insidetrack.services.context import Env
from insidetrack.services.records import find_or_add_employer
from insidetrack.storage.db import connect
from insidetrack.storage.store import Store

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def _interview(store: Store, rng: random.Random, n: int) -> tuple[int, datetime]:
    """Add an interview of the last half-year; return it and when it ended."""
    employer, _ = find_or_add_employer(store, Employer(0, f"Employer {n % 3000}",
                                                      traditionalist=rng.random() < 0.2))
    opening = store.interviews.add_opening(employer.id, f"Job {n}", "", None, rng.random() < 0.3)
    start = (NOW - timedelta(days=rng.uniform(0, 180))).replace(second=0, microsecond=0)
    interview_id = store.interviews.add_interview(Interview(
        0, opening.id, start, 60, notes=InterviewNotes(topics=("pricing",)),
        urgent=rng.random() < 0.2,
    ))
    return interview_id, start + timedelta(minutes=60)


def _catch_up(store: Store, interview_id: int, logged: datetime) -> None:
    """Log the interview when it ended, then do each step when due, up to three days ago."""
    cutoff = NOW - timedelta(days=3)
    moment = logged
    for _ in range(20):
        env = Env(store, PlanSettings(), UTC, moment)
        late = [s for s in replan(env, interview_id)
                if s.status is StepStatus.PENDING and s.due < cutoff]
        if not late:
            return
        first = min(late, key=lambda s: s.due)
        store.steps.update_steps([replace(first, status=StepStatus.DONE, done_at=first.due)])
        moment = max(moment, first.due)


def generate(path: Path, count: int, seed: int = 7) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    store = Store(connect(path))
    rng = random.Random(seed)
    with store.write():
        for n in range(count):
            _catch_up(store, *_interview(store, rng, n))
    if store.dialect == "sqlite":
        store.db.execute("PRAGMA optimize")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--interviews", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    generate(args.out, args.interviews)
    print(f"{args.interviews} interviews in {time.perf_counter() - started:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
