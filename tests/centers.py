"""A career center made on a new database of the tests' PostgreSQL, for tests/test_org_*.py.

Each test file says who is in its center (`make`: tests/test_org_tokens.py's `_center`,
tests/test_org_coach.py's `make_center`); this makes it on an empty database and closes
the owner's and the app role's connection pools when the test ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conftest import close_pools

Ids = dict[str, int]


def new_center(postgres: Any, request: pytest.FixtureRequest,
               make: Callable[[str], tuple[str, Ids]]) -> tuple[str, str, Ids]:
    """Make a center with `make(url)` on a new database; return (owner's URL, app role's
    URL, everyone's id)."""
    url = postgres.new_database()
    app_url, ids = make(url)
    request.addfinalizer(lambda: (close_pools(app_url), close_pools(url)))
    return url, app_url, ids
