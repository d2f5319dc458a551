"""Storage: the database handle (SQLite or PostgreSQL), migrations and the repositories."""

import os as _os

_MIGRATIONS = _os.path.join(_os.path.dirname(__file__), "migrations")

# The newest migration's number, read from the migration files themselves.
SCHEMA_VERSION = max(int(name[:4]) for name in _os.listdir(_MIGRATIONS)
                     if name.endswith(".sql") and name[:4].isdigit())
