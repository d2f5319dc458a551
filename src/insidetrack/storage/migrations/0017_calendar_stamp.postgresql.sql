-- 0017_calendar_stamp.sql in PostgreSQL's words (see there why): a trigger calls a
-- function, the WHEN conditions say IS DISTINCT FROM, and a delete stamps once per
-- statement (`import json` clears a table in one).
CREATE TABLE calendar_stamp (
    stamp TEXT NOT NULL
);
INSERT INTO calendar_stamp (stamp) VALUES (lower(hex(randomblob(8))));

CREATE FUNCTION calendar_restamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE calendar_stamp SET stamp = md5(random()::text);
    RETURN NULL;
END $$;

CREATE TRIGGER calendar_employer_renamed AFTER UPDATE OF name ON employers FOR EACH ROW
WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION calendar_restamp();

CREATE TRIGGER calendar_employer_deleted AFTER DELETE ON employers FOR EACH STATEMENT
EXECUTE FUNCTION calendar_restamp();

CREATE TRIGGER calendar_opening_changed
AFTER UPDATE OF job_title, archived_at, employer_id ON openings FOR EACH ROW
WHEN (OLD.job_title IS DISTINCT FROM NEW.job_title OR OLD.archived_at IS DISTINCT FROM
      NEW.archived_at OR OLD.employer_id IS DISTINCT FROM NEW.employer_id)
EXECUTE FUNCTION calendar_restamp();

CREATE TRIGGER calendar_opening_deleted AFTER DELETE ON openings FOR EACH STATEMENT
EXECUTE FUNCTION calendar_restamp();

CREATE TRIGGER calendar_interview_moved AFTER UPDATE OF opening_id ON interviews FOR EACH ROW
WHEN (OLD.opening_id IS DISTINCT FROM NEW.opening_id) EXECUTE FUNCTION calendar_restamp();

CREATE TRIGGER calendar_interview_deleted AFTER DELETE ON interviews FOR EACH STATEMENT
EXECUTE FUNCTION calendar_restamp();
