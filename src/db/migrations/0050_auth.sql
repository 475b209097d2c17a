-- Access control: sessions, sign-in attempts (rate limiting and lock-out) and an append-only audit log.
-- app_user and audit_log come from 0001_init.sql; this migration adds to them.

ALTER TABLE app_user ADD COLUMN password_changed_at timestamptz;
ALTER TABLE app_user ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- A session is known to the server only by the SHA-256 of its random token; the token itself lives
-- only in the visitor's cookie, so a copy of the database cannot be used to take over a session.
CREATE TABLE user_session (
  id_hash       text PRIMARY KEY,             -- hex SHA-256 of the session token
  user_id       bigint NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,         -- absolute end; the idle limit is checked against last_seen_at
  ip            text NOT NULL DEFAULT '',
  user_agent    text NOT NULL DEFAULT ''
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Every sign-in attempt (also for unknown usernames, so that lock-out does not reveal which exist).
CREATE TABLE sign_in_attempt (
  id        bigserial PRIMARY KEY,
  username  text NOT NULL,                    -- normalised (lower case) as typed
  ip        text NOT NULL DEFAULT '',
  at        timestamptz NOT NULL,
  ok        boolean NOT NULL
);
CREATE INDEX sign_in_attempt_user_idx ON sign_in_attempt (username, at);
CREATE INDEX sign_in_attempt_ip_idx ON sign_in_attempt (ip, at);

CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at);

-- The audit log cannot be edited: rows are only ever added.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
