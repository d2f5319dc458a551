-- What the user deleted, kept so that it can come back (Undo, `insidetrack trash restore`).
-- rows: JSON, {"removed": {"table": [{"column": value, ...}, ...]}, "changed": {...}}:
-- every row the delete removed, with its original ids, and the rows it changed, as they were.
-- AUTOINCREMENT: a number the user was told ("trash restore 3") never names another delete.
CREATE TABLE trash (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deleted_at TEXT NOT NULL,
    what TEXT NOT NULL,
    rows TEXT NOT NULL
);
CREATE INDEX trash_deleted_at ON trash (deleted_at);
