-- Sessions are made only for signed-in visitors now (anonymous visitors carry their CSRF token in a
-- cookie, without a row). The rows earlier versions made for every anonymous visit are dropped:
-- such a visitor gets a new token on the next page. Expired sessions are deleted periodically, by
-- expiry time. Portable SQL for H2 and PostgreSQL.
DELETE FROM sessions WHERE user_id IS NULL;
CREATE INDEX sessions_by_expiry ON sessions(expires_at);
