-- An application tracked before any interview: the posting's address and the salary
-- range as the user typed it ("$90,000-110,000"); and when an opening whose campaign
-- is over was archived (NULL: it shows in Today and Pipeline).
ALTER TABLE openings ADD COLUMN link TEXT NOT NULL DEFAULT '';
ALTER TABLE openings ADD COLUMN salary TEXT NOT NULL DEFAULT '';
ALTER TABLE openings ADD COLUMN archived_at TEXT;
