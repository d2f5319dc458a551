-- IMAP: where each watched folder was read up to; UIDVALIDITY says whether
-- those UIDs still mean the same messages.
CREATE TABLE imap_folders (
    folder TEXT PRIMARY KEY,
    uidvalidity INTEGER NOT NULL,
    last_uid INTEGER NOT NULL
);

-- What sync found that the user must read: replies, and addresses that bounce.
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('reply', 'bounce')),
    interview_id INTEGER REFERENCES interviews (id),
    contact_id INTEGER REFERENCES contacts (id),
    sender TEXT NOT NULL,
    subject TEXT NOT NULL,
    at TEXT NOT NULL,
    message_id TEXT NOT NULL DEFAULT '',
    cleared_at TEXT
);
CREATE INDEX alerts_open ON alerts (cleared_at, at);

ALTER TABLE contacts ADD COLUMN bouncing INTEGER NOT NULL DEFAULT 0;
