-- Rate limits kept in the database, so that they hold across several app processes on one PostgreSQL.
-- `key` is a SHA-256 of the limit's name and the client address (no address is stored in plain text).
CREATE TABLE rate_event (
  key  text NOT NULL,
  at   timestamptz NOT NULL
);
CREATE INDEX rate_event_key_idx ON rate_event (key, at);
CREATE INDEX rate_event_at_idx ON rate_event (at);

-- Lock-out per account and address: failures of one username from one address.
CREATE INDEX sign_in_attempt_user_ip_idx ON sign_in_attempt (username, ip, at);
