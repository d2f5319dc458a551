"""What every use case is given: the store, the settings, the clock and the zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from insidetrack.domain.settings import PlanSettings
from insidetrack.services.ports import StorePort


@dataclass(frozen=True)
class Env:
    store: StorePort  # storage.store.Store, on SQLite or PostgreSQL
    plan: PlanSettings
    tz: tzinfo
    now: datetime
