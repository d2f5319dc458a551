-- Wrong web passwords by client address, so that every worker process of
-- `insidetrack serve --workers N` makes the same client wait: kept in one
-- process, an attacker would get N times the tries. last_try is seconds since
-- the epoch; a client that stopped trying is forgotten after an hour.
CREATE TABLE login_tries (
    client TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_try DOUBLE PRECISION NOT NULL
);
CREATE INDEX login_tries_last ON login_tries (last_try);
