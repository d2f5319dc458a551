-- Which steps are in the user's CalDAV calendar, at which revision, so a push
-- sends only what changed and removes what is done or cancelled.
CREATE TABLE calendar_pushes (
    step_id INTEGER PRIMARY KEY REFERENCES steps (id),
    uid TEXT NOT NULL,
    revision INTEGER NOT NULL,
    pushed_at TEXT NOT NULL
);

-- One random name per database keeps calendar UIDs apart (a demo and the real one).
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('instance', lower(hex(randomblob(8))));
