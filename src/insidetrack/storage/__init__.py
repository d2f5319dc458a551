"""The SQLite adapter: connection set-up, migrations and queries."""
