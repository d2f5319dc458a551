"""New job seekers of a center, a few or a whole roster at once, each with the rows every
seeker starts with: the calendar's instance, the center's plan settings, and a profile with
their name and e-mail and the center's profile template (storage/org_settings.py).

A handful of statements whatever their number: one INSERT of the people, then one server-side
loop that binds the transaction to each new seeker in turn, so the seekers' own policies
admit their first rows (an administrator's role, or an owner row-level security holds,
writes nothing else of theirs).
"""

from __future__ import annotations

from insidetrack.domain.errors import ConflictError
from insidetrack.storage.database import Database
from insidetrack.storage.org import PEOPLE, SETTING

NEW = "insidetrack.new_seekers"  # their ids, for the loop (a DO block takes no parameters)
# Each new seeker's first rows. One text whatever the ids, so the driver keeps one statement.
_FIRST_ROWS = f"""
DO $first$
DECLARE
  s BIGINT;
  before TEXT := current_setting('{SETTING}', true);
  v_plan TEXT[][] := ARRAY(SELECT ARRAY[key, value] FROM org_settings
                         WHERE left(key, 5) = 'plan.' ORDER BY key);
  v_field TEXT := coalesce((SELECT value FROM org_settings WHERE key = 'profile.field'), '');
  v_specialty TEXT := coalesce((SELECT value FROM org_settings
                              WHERE key = 'profile.specialty'), '');
BEGIN
  FOREACH s IN ARRAY string_to_array(current_setting('{NEW}'), ',')::BIGINT[] LOOP
    PERFORM set_config('{SETTING}', s::text, true);
    INSERT INTO meta (key, value, seeker_id)
      VALUES ('instance', substr(md5(random()::text || s::text), 1, 16), s);
    IF cardinality(v_plan) > 0 THEN
      INSERT INTO meta (key, value, seeker_id)
        SELECT v_plan[i][1], v_plan[i][2], s FROM generate_subscripts(v_plan, 1) AS i;
    END IF;
    INSERT INTO profile (id, name, email, phone, field, specialty, seeker_id)
      SELECT 1, p.name, p.email, '', v_field, v_specialty, s FROM {PEOPLE} p WHERE p.id = s;
  END LOOP;
  PERFORM set_config('{SETTING}', coalesce(before, ''), true);
END
$first$"""


def add_seekers(db: Database, people: list[tuple[str, str]]) -> dict[str, int]:
    """Add job seekers (e-mail, name), each with their first rows; return their ids by
    e-mail address (casefolded). Inside the caller's transaction."""
    if not people:
        return {}
    emails, names = [e for e, _ in people], [n for _, n in people]
    taken = db.execute(f"SELECT email FROM {PEOPLE} WHERE lower(email) = ANY(?)",
                       ([e.lower() for e in emails],)).fetchone()
    if taken is not None:  # said as the caller spelt it
        typed = next(e for e in emails if e.lower() == str(taken[0]).lower())
        raise ConflictError(f"{typed} is already one of the center's people")
    rows = db.execute(f"INSERT INTO {PEOPLE} (email, name, role)"
                      " SELECT e, n, 'seeker' FROM unnest(?::text[], ?::text[]) AS t(e, n)"
                      " RETURNING id, email", (emails, names)).fetchall()
    ids = {str(r[1]).casefold(): int(r[0]) for r in rows}
    db.execute("SELECT set_config(?, ?, true)", (NEW, ",".join(map(str, sorted(ids.values())))))
    db.execute(_FIRST_ROWS)
    return ids
