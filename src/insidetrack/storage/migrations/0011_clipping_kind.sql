-- Whether a clipping is a news article or a cartoon: the follow-up letter names which.
ALTER TABLE clippings ADD COLUMN kind TEXT NOT NULL DEFAULT 'article';
