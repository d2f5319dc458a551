-- What the user deleted, kept so that it can come back (Undo, `insidetrack trash restore`).
-- rows: JSON, {"table": [{"column": value, ...}, ...]}, every row the delete removed with
-- its original ids; relinked: rows the delete changed rather than removed.
CREATE TABLE trash (
    id INTEGER PRIMARY KEY,
    deleted_at TEXT NOT NULL,
    what TEXT NOT NULL,
    rows TEXT NOT NULL
);
CREATE INDEX trash_deleted_at ON trash (deleted_at);
