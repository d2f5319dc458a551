"""Generate a database of N interviews with their planned steps and touchpoints.

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


def _interview(store: Store, rng: random.Random, n: int) -> int:
    employer, _ = find_or_add_employer(store, Employer(0, f"Employer {n % 3000}",
                                                      traditionalist=rng.random() < 0.2))
    opening = store.interviews.add_opening(employer.id, f"Job {n}", "", None, rng.random() < 0.3)
    start = NOW - timedelta(days=rng.uniform(0, 180))
    return store.interviews.add_interview(Interview(
        0, opening.id, start.replace(second=0, microsecond=0), 60,
        notes=InterviewNotes(topics=("pricing",)), urgent=rng.random() < 0.2,
    ))


def _catch_up(env: Env, interview_id: int) -> None:
    """Mark done, on time, what a diligent user would have done by three days ago."""
    cutoff = NOW - timedelta(days=3)
    for _ in range(20):
        late = [s for s in replan(env, interview_id)
                if s.status is StepStatus.PENDING and s.due < cutoff]
        if not late:
            return
        first = min(late, key=lambda s: s.due)
        env.store.steps.update_steps([replace(first, status=StepStatus.DONE, done_at=first.due)])


def generate(path: Path, count: int, seed: int = 7) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    env = Env(Store(connect(path)), PlanSettings(), UTC, NOW)
    rng = random.Random(seed)
    with env.store.write():
        for n in range(count):
            interview_id = _interview(env.store, rng, n)
            _catch_up(env, interview_id)
    if env.store.dialect == "sqlite":
        env.store.db.execute("PRAGMA optimize")
    env.store.close()


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
