-- What a spreadsheet knew of an application before any interview: when it
-- was sent, and its notes, kept with the opening so an import loses nothing.
ALTER TABLE openings ADD COLUMN applied_on TEXT;
ALTER TABLE openings ADD COLUMN notes TEXT NOT NULL DEFAULT '';
