"""Public holidays of the user's country and region, from the `holidays` package."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from insidetrack.domain.errors import InputError


@lru_cache(maxsize=32)
def days_off(country: str, region: str, years: tuple[int, ...]) -> frozenset[date]:
    """Return the public holidays of a country (and region) in some years."""
    if not country:
        return frozenset()
    import holidays

    check(country, region)
    found = holidays.country_holidays(country, subdiv=region or None, years=years)
    return frozenset(found.keys())


def check(country: str, region: str) -> None:
    """Refuse a country or region the holidays package does not know, naming the setting."""
    import holidays

    known = holidays.list_supported_countries()
    if country and country not in known:
        raise InputError("holidays.country", f"{country!r} is not a country whose holidays are "
                         "known; e.g. US, GB, CA, AU, DE, FR, IN")
    if region and region not in known[country]:
        regions = ", ".join(known[country][:12]) or "none"
        raise InputError("holidays.region", f"{region!r} is not a region of {country}; "
                         f"known: {regions}")
