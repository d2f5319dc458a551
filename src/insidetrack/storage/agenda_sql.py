"""The SQL of the agenda's printed form, shared by the `today --json` fast paths.

No imports on purpose: agenda_text.py and agenda.py both read it, so every path reads the
same rows in the same order.
"""

# One item's JSON text, keys sorted, as json.dumps prints it; {due} is the local due time.
ITEM = (
    "printf('{\"channel\": %s, \"due\": \"%s\", \"employer\": %s, \"interview\": %d,"
    " \"job_title\": %s, \"kind\": %s, \"number\": %s, \"overdue\": %s, \"step\": %d,"
    " \"to\": %s, \"voicemail\": %s}', json_quote(s.channel), {due}, json_quote(e.name),"
    " s.interview_id, json_quote(o.job_title), json_quote(s.kind), json_quote(s.number),"
    " CASE WHEN s.due < :start THEN 'true' ELSE 'false' END, s.id, json_quote(s.recipient),"
    " CASE WHEN s.voicemail THEN 'true' ELSE 'false' END)"
)
# Pending steps due before :end, but those of archived openings, in the agenda's order.
ITEMS = (
    "SELECT {item} FROM steps s"
    " JOIN interviews i ON i.id = s.interview_id"
    " JOIN openings o ON o.id = i.opening_id"
    " JOIN employers e ON e.id = o.employer_id"
    " WHERE s.status = 'pending' AND s.due < :end AND o.archived_at IS NULL"
    " ORDER BY s.due, s.id"
)
FIRST_DUE = "SELECT MIN(due) FROM steps WHERE status = 'pending' AND due < ?"
INVITATIONS = "SELECT COUNT(*) FROM invitations WHERE state = 'open' OR kind = 'moved'"
REPLY_DAYS = 7  # a reply stays on the agenda for a week
# Replies of the last week and addresses still bouncing (parameters: the end, the since).
ALERTS = (
    "SELECT a.id, a.at, e.name AS employer, a.sender, a.interview_id, a.kind, a.subject"
    " FROM alerts a LEFT JOIN interviews i ON i.id = a.interview_id"
    " LEFT JOIN openings o ON o.id = i.opening_id LEFT JOIN employers e ON e.id = o.employer_id"
    " LEFT JOIN contacts c ON c.id = a.contact_id"
    " WHERE a.cleared_at IS NULL AND a.at < ? AND ((a.kind = 'reply' AND a.at >= ?)"
    "   OR (a.kind = 'bounce' AND c.bouncing = 1)) ORDER BY a.at, a.id"
)

# All the items' text in one value: Python then holds one string, not one per item (1,908
# strings and rows were 1-4 ms of the first run after a change). SQLite concatenates in the
# order the subquery yields its rows: an aggregate's subquery with ORDER BY is not flattened
# (rule 16 of the query flattener), and tests hold the printed order to json.dumps's.
JOINED = "SELECT group_concat(item, ', ') FROM ({items})"
