-- Ours: an id names one record for good. SQLite hands out the highest id plus one, so
-- deleting the newest interview and logging another gave the new one the deleted one's
-- id, and the deleted one could no longer come back from the trash. On SQLite every table
-- with an `id` is rebuilt with AUTOINCREMENT (storage/rebuild.py; a table cannot gain it
-- otherwise), its counter starting above every id it has and every id in the trash.
-- PostgreSQL's identity columns never hand an id out twice: nothing to do there.
SELECT 1;
