-- How to address a contact: a courtesy title ('Mr.', 'Ms.', 'Mx.', 'Dr.' or none)
-- and the form they prefer after 'Dear' ('Priya').
ALTER TABLE contacts ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN salutation TEXT NOT NULL DEFAULT '';
