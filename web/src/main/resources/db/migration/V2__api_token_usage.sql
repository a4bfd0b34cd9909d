-- API tokens: the first characters of the token (to tell tokens apart; the token itself is only
-- stored as a SHA-256 hash) and when it was last used. Portable SQL for H2 and PostgreSQL.
ALTER TABLE api_tokens ADD COLUMN token_hint VARCHAR(16);
ALTER TABLE api_tokens ADD COLUMN last_used_at TIMESTAMP;
CREATE INDEX attempts_by_exercise ON attempts(pack_id, exercise_id);
