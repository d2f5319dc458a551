-- Interviews proposed from invitations (a mail's calendar part, an .ics file, the calendar).
-- kind: new, late (its time is past), cancel, moved (a reschedule applied; only said in today).
-- state: open, accepted, dismissed. fields: JSON {"employer": [value, sureness, why], ...}.
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uid TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    fields TEXT NOT NULL,
    interview_id INTEGER,
    note TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX invitations_uid ON invitations (uid);
