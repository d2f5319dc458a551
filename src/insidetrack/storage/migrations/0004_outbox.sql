-- Messages on their way out. A message is queued, then sending while the
-- SMTP server has it, then sent (or failed for good). One left in
-- `sending` by a crash is never resent without checking first.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES steps (id),
    message_id TEXT NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    raw BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    reason TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_state ON outbox (state);
CREATE INDEX outbox_step ON outbox (step_id);

-- Calendars need to know when a step changed: every update raises it.
ALTER TABLE steps ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
