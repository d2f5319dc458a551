-- The first schema: profile, employers, contacts, openings, interviews,
-- references, touchpoints, fact and clipping banks, and planned steps.
-- Times are UTC, ISO 8601 text with offset (sortable as text); dates YYYY-MM-DD.

CREATE TABLE profile (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    years INTEGER,
    specialty TEXT NOT NULL DEFAULT '',
    over_40 INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE employers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL DEFAULT '',
    traditionalist INTEGER NOT NULL DEFAULT 0,
    high_tech INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    employer_id INTEGER NOT NULL REFERENCES employers (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_employer ON contacts (employer_id);

CREATE TABLE openings (
    id INTEGER PRIMARY KEY,
    employer_id INTEGER NOT NULL REFERENCES employers (id),
    job_title TEXT NOT NULL,
    department TEXT NOT NULL DEFAULT '',
    resume_via TEXT,
    requested_electronic INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL
);
CREATE INDEX openings_employer ON openings (employer_id);

CREATE TABLE interviews (
    id INTEGER PRIMARY KEY,
    opening_id INTEGER NOT NULL REFERENCES openings (id),
    starts_at TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    round INTEGER NOT NULL DEFAULT 1,
    urgent INTEGER NOT NULL DEFAULT 0,
    dialogue INTEGER NOT NULL DEFAULT 0,
    expected_decision TEXT
);
CREATE INDEX interviews_opening ON interviews (opening_id);

CREATE TABLE interview_interviewers (
    interview_id INTEGER NOT NULL REFERENCES interviews (id),
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (interview_id, contact_id)
);

-- kind: topic, emphasis, impressed, forgot, problem, shared-interest
CREATE TABLE interview_notes (
    id INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews (id),
    kind TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX interview_notes_interview ON interview_notes (interview_id);

CREATE TABLE reference_people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL DEFAULT '',
    relationship TEXT NOT NULL DEFAULT '',
    last_prepared TEXT
);

CREATE TABLE reference_links (
    reference_id INTEGER NOT NULL REFERENCES reference_people (id),
    opening_id INTEGER NOT NULL REFERENCES openings (id),
    PRIMARY KEY (reference_id, opening_id)
);
CREATE INDEX reference_links_opening ON reference_links (opening_id);

CREATE TABLE steps (
    id INTEGER PRIMARY KEY,
    interview_id INTEGER NOT NULL REFERENCES interviews (id),
    step_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    due TEXT NOT NULL,
    status TEXT NOT NULL,
    number INTEGER,
    clipping INTEGER NOT NULL DEFAULT 0,
    recipient TEXT,
    contact_id INTEGER REFERENCES contacts (id),
    reference_id INTEGER REFERENCES reference_people (id),
    attempts INTEGER NOT NULL DEFAULT 0,
    voicemail INTEGER NOT NULL DEFAULT 0,
    done_at TEXT,
    UNIQUE (interview_id, step_key)
);
-- `today` is one range scan over pending steps by due time.
CREATE INDEX steps_status_due ON steps (status, due);

CREATE TABLE touchpoints (
    id INTEGER PRIMARY KEY,
    opening_id INTEGER NOT NULL REFERENCES openings (id),
    interview_id INTEGER REFERENCES interviews (id),
    step_id INTEGER REFERENCES steps (id),
    kind TEXT NOT NULL,
    channel TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX touchpoints_opening ON touchpoints (opening_id);

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    opening_id INTEGER NOT NULL REFERENCES openings (id),
    text TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX facts_opening ON facts (opening_id);

CREATE TABLE clippings (
    id INTEGER PRIMARY KEY,
    opening_id INTEGER NOT NULL REFERENCES openings (id),
    title TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    used_at TEXT
);
CREATE INDEX clippings_opening ON clippings (opening_id);
