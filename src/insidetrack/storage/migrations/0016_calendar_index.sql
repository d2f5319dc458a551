-- The subscribed calendar asks on each poll whether its steps changed: one range scan
-- over pending steps by due time that never reads the table (steps' revision rises
-- with every change).
CREATE INDEX steps_calendar ON steps (status, due, id, revision);
