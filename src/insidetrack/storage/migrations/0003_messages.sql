-- Every e-mail drafted as .eml gets a Message-ID; replies are matched on it.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES steps (id),
    message_id TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX messages_step ON messages (step_id);
