-- Goals: what the framework files (data/framework/*.json) hold beyond 0001's columns.
--  - the cited phrase (source_quote) beside source_doc/source_section, and English texts;
--  - etappmål derived from a document target (origin, parent_target_id);
--  - many-to-many links: a target or commitment serves several goal areas, strategies, commitments
--    (0001 keeps one goal_area_id/strategy_id/target_id as the primary one);
--  - spec on goal_area and commitment (as on target): the framework item as loaded, for fields
--    that are only displayed (English description, scope text, derivation, …).

ALTER TABLE vision ADD COLUMN text_en text NOT NULL DEFAULT '';
ALTER TABLE vision ADD COLUMN source_quote text;

ALTER TABLE goal_area ADD COLUMN text_en text NOT NULL DEFAULT '';
ALTER TABLE goal_area ADD COLUMN source_quote text;
ALTER TABLE goal_area ADD COLUMN spec jsonb NOT NULL DEFAULT '{}';

ALTER TABLE strategy ADD COLUMN source_quote text;

ALTER TABLE target ADD COLUMN origin text NOT NULL DEFAULT 'document' CHECK (origin IN ('document', 'derived'));
ALTER TABLE target ADD COLUMN parent_target_id text REFERENCES target(id);
ALTER TABLE target ADD COLUMN source_quote text;

ALTER TABLE commitment ADD COLUMN source_quote text;
ALTER TABLE commitment ADD COLUMN spec jsonb NOT NULL DEFAULT '{}';

CREATE TABLE goal_link (
  from_kind text NOT NULL CHECK (from_kind IN ('target', 'commitment')),
  from_id   text NOT NULL,
  to_kind   text NOT NULL CHECK (to_kind IN ('goal_area', 'strategy', 'commitment', 'target')),
  to_id     text NOT NULL,
  PRIMARY KEY (from_kind, from_id, to_kind, to_id)
);
CREATE INDEX goal_link_to_idx ON goal_link (to_kind, to_id);
CREATE INDEX manual_status_target_idx ON manual_status (target_id, set_at);
CREATE INDEX manual_status_commitment_idx ON manual_status (commitment_id, set_at);
