"""Planner throughput: plans per second for fresh and mid-campaign interviews.

Usage: python bench/planner.py [--plans 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from insidetrack.domain.model import Campaign, Contact, Employer, Interview, Opening
from insidetrack.domain.planner import PlanSettings, plan_follow_ups

TZ = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)


def campaigns(count: int) -> list[Campaign]:
    people = (Contact(1, 1, "Jane Roe"), Contact(2, 1, "Bo Lind"))
    return [Campaign(
        Interview(n, n, NOW - timedelta(hours=7 * n % 4000), interviewers=people[: 1 + n % 2]),
        Opening(n, n, "Rep"), Employer(n, f"Firm {n}", traditionalist=n % 5 == 0),
    ) for n in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--plans", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = campaigns(args.plans)
    rates = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for c in work:
            plan_follow_ups(c, PlanSettings(), NOW, TZ)
        rates.append(args.plans / (time.perf_counter() - started))
    median = statistics.median(rates)
    spread = (max(rates) - min(rates)) / median * 100
    print(f"planner: {median:,.0f} plans/s (median of {args.runs}; min {min(rates):,.0f}, "
          f"max {max(rates):,.0f}, spread {spread:.1f}%)")


if __name__ == "__main__":
    main()
