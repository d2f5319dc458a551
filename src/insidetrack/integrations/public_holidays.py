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


_SMALL = {"and", "of", "the", "da", "de"}


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, str], ...]:
    """Return (code, name) of every country whose holidays are known, by name."""
    from holidays.registry import COUNTRIES

    named = {entry[1]: " ".join(w if w in _SMALL else w.capitalize() for w in module.split("_"))
             for module, entry in COUNTRIES.items() if len(entry[1]) == 2}
    return tuple(sorted(named.items(), key=lambda pair: pair[1]))


@lru_cache(maxsize=8)
def regions(country: str) -> tuple[tuple[str, str], ...]:
    """Return (code, name) of the regions with their own holidays in a country."""
    import holidays

    known = holidays.list_supported_countries().get(country, [])
    if not known:
        return ()
    names = {code: name for name, code in holidays.country_holidays(country)
             .subdivisions_aliases.items()}
    return tuple((code, names.get(code, code)) for code in known if code.upper() == code)
