-- The data version: one counter per domain of data, bumped in the same transaction as any write to that
-- domain's tables (by statement-level triggers, installed on every table by src/db/data-version.ts after the
-- migrations, so a table added later is covered too). Derived results are cached by the app under the
-- versions they depend on; several processes on one PostgreSQL share this table, so an edit made by one
-- invalidates the others' caches. A counter moves once per transaction (xact), not once per statement.
CREATE TABLE data_version (
  domain   text PRIMARY KEY,
  version  bigint NOT NULL DEFAULT 0,
  xact     bigint
);

INSERT INTO data_version (domain) VALUES
  ('statistics'), ('geography'), ('goals'), ('interventions'), ('analysis'), ('participation'), ('other');

CREATE FUNCTION fardplan_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO data_version AS d (domain, version, xact) VALUES (TG_ARGV[0], 1, txid_current())
  ON CONFLICT (domain) DO UPDATE SET version = d.version + 1, xact = EXCLUDED.xact
  WHERE d.xact IS DISTINCT FROM EXCLUDED.xact;
  RETURN NULL;
END
$$;
