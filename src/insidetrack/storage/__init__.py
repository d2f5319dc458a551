"""The SQLite adapter: connection set-up, migrations and queries."""

# The newest migration's number; storage.db checks it after every upgrade.
SCHEMA_VERSION = 7
