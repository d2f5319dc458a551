"""What every use case is given: the store, the settings, the clock and the zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from insidetrack.domain.plan_settings import PlanSettings
from insidetrack.storage.store import Store


@dataclass(frozen=True)
class Env:
    store: Store
    plan: PlanSettings
    tz: tzinfo
    now: datetime
