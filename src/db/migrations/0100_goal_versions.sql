-- The goal framework edited in place, with history.
--  - goal_version: every state of a goal area, strategy, target or commitment, as the full item (the row
--    as the services read it, spec included), with who changed it, when, and the decision it rests on.
--    The API answers "as of a date" from this table.
--  - edited_in_app / framework_hash on each item: whether someone changed the item in the app since it
--    came from data/framework, and the hash of the file version last applied (for the sync on start).
--  - retired: an item taken out of the framework (kept for the history, hidden from the tree).
--  - goal_sync_state: the hash of data/framework last synced; goal_sync_conflict: file changes that
--    were not applied because the item had been edited in the app.

ALTER TABLE goal_area ADD COLUMN edited_in_app boolean NOT NULL DEFAULT false;
ALTER TABLE goal_area ADD COLUMN framework_hash text;
ALTER TABLE goal_area ADD COLUMN retired boolean NOT NULL DEFAULT false;

ALTER TABLE strategy ADD COLUMN edited_in_app boolean NOT NULL DEFAULT false;
ALTER TABLE strategy ADD COLUMN framework_hash text;
ALTER TABLE strategy ADD COLUMN retired boolean NOT NULL DEFAULT false;
ALTER TABLE strategy ADD COLUMN spec jsonb NOT NULL DEFAULT '{}';

ALTER TABLE target ADD COLUMN edited_in_app boolean NOT NULL DEFAULT false;
ALTER TABLE target ADD COLUMN framework_hash text;
ALTER TABLE target ADD COLUMN retired boolean NOT NULL DEFAULT false;
ALTER TABLE target ADD COLUMN responsible_committee_id text;

ALTER TABLE commitment ADD COLUMN edited_in_app boolean NOT NULL DEFAULT false;
ALTER TABLE commitment ADD COLUMN framework_hash text;
ALTER TABLE commitment ADD COLUMN retired boolean NOT NULL DEFAULT false;
ALTER TABLE commitment ADD COLUMN responsible_committee_id text;

CREATE TABLE goal_version (
  kind          text NOT NULL CHECK (kind IN ('goal_area', 'strategy', 'target', 'commitment')),
  item_id       text NOT NULL,
  version       integer NOT NULL CHECK (version >= 1),
  item          jsonb NOT NULL,
  publication   text NOT NULL CHECK (publication IN ('draft', 'published')),
  retired       boolean NOT NULL DEFAULT false,
  origin        text NOT NULL CHECK (origin IN ('framework', 'sync', 'app')),
  decision_ref  text,
  changed_by    text NOT NULL,
  changed_by_id bigint,
  changed_at    timestamptz NOT NULL,
  PRIMARY KEY (kind, item_id, version)
);
CREATE INDEX goal_version_at_idx ON goal_version (kind, changed_at);

CREATE TABLE goal_sync_state (
  id        text PRIMARY KEY,
  hash      text NOT NULL,
  synced_at timestamptz NOT NULL
);

CREATE TABLE goal_sync_conflict (
  kind        text NOT NULL CHECK (kind IN ('goal_area', 'strategy', 'target', 'commitment')),
  item_id     text NOT NULL,
  file_hash   text NOT NULL,
  file_item   jsonb NOT NULL,
  detected_at timestamptz NOT NULL,
  PRIMARY KEY (kind, item_id)
);
