-- What a calendar entry shows besides its step: the employer's name, the opening's job
-- title, whether the opening is archived, and which opening an interview is for. Each
-- change to them writes a new random stamp, so the subscribed calendar notices it by
-- reading one row instead of every name (random, not a counter: a restored backup and
-- a later rename cannot land on a stamp seen before). Deletes count too: `import json`
-- clears the tables and puts other rows back under the same ids.
-- (PostgreSQL runs 0017_calendar_stamp.postgresql.sql instead: its triggers call a function.)
CREATE TABLE calendar_stamp (
    stamp TEXT NOT NULL
);
INSERT INTO calendar_stamp (stamp) VALUES (lower(hex(randomblob(8))));

CREATE TRIGGER calendar_employer_renamed AFTER UPDATE OF name ON employers
WHEN OLD.name IS NOT NEW.name
BEGIN UPDATE calendar_stamp SET stamp = lower(hex(randomblob(8))); END;

CREATE TRIGGER calendar_employer_deleted AFTER DELETE ON employers
BEGIN UPDATE calendar_stamp SET stamp = lower(hex(randomblob(8))); END;

CREATE TRIGGER calendar_opening_changed
AFTER UPDATE OF job_title, archived_at, employer_id ON openings
WHEN OLD.job_title IS NOT NEW.job_title OR OLD.archived_at IS NOT NEW.archived_at
  OR OLD.employer_id IS NOT NEW.employer_id
BEGIN UPDATE calendar_stamp SET stamp = lower(hex(randomblob(8))); END;

CREATE TRIGGER calendar_opening_deleted AFTER DELETE ON openings
BEGIN UPDATE calendar_stamp SET stamp = lower(hex(randomblob(8))); END;

CREATE TRIGGER calendar_interview_moved AFTER UPDATE OF opening_id ON interviews
WHEN OLD.opening_id IS NOT NEW.opening_id
BEGIN UPDATE calendar_stamp SET stamp = lower(hex(randomblob(8))); END;

CREATE TRIGGER calendar_interview_deleted AFTER DELETE ON interviews
BEGIN UPDATE calendar_stamp SET stamp = lower(hex(randomblob(8))); END;
