-- An API token may stop working on its own at a moment chosen when it is made (NULL: it
-- works until revoked).
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
