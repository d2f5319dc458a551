"""What every use case is given: the store, the settings, the clock and the zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from insidetrack.domain.settings import HolidaySettings, PlanSettings
from insidetrack.services.ports import StorePort


@dataclass(frozen=True)
class Env:
    store: StorePort  # storage.store.Store, on SQLite or PostgreSQL
    plan: PlanSettings
    tz: tzinfo
    now: datetime
    holidays: HolidaySettings = HolidaySettings()

    def days_off(self, start: datetime) -> frozenset[date]:
        """Return the user's public holidays in a campaign that starts at a moment."""
        if not self.holidays.country:
            return frozenset()
        from insidetrack.integrations.public_holidays import days_off

        year = start.astimezone(self.tz).year
        return days_off(self.holidays.country, self.holidays.region, (year, year + 1))
