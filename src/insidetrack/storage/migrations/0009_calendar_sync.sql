-- Two-way calendars. A step the user moved in their calendar keeps that time.
ALTER TABLE steps ADD COLUMN moved_to TEXT;

-- What insidetrack last wrote for each step, and where: the calendar (its address),
-- the entry's address and ETag there, as a to-do or an event, its due time, and
-- whether it was written as completed. A push compares this with what the server
-- holds; rows from before have no calendar and no ETag and are checked against it.
ALTER TABLE calendar_pushes ADD COLUMN calendar TEXT NOT NULL DEFAULT '';
ALTER TABLE calendar_pushes ADD COLUMN href TEXT NOT NULL DEFAULT '';
ALTER TABLE calendar_pushes ADD COLUMN etag TEXT NOT NULL DEFAULT '';
ALTER TABLE calendar_pushes ADD COLUMN items TEXT NOT NULL DEFAULT '';
ALTER TABLE calendar_pushes ADD COLUMN due TEXT;
ALTER TABLE calendar_pushes ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;
