-- Imports: uploaded and fetched datasets as batches that are drafts until published, the history of
-- revised values, and saved connector queries (SCB, Kolada) that can be re-run.

ALTER TABLE import_batch ADD COLUMN source_kind text NOT NULL DEFAULT 'load';   -- 'load', 'upload', 'scb', 'kolada'
ALTER TABLE import_batch ADD COLUMN file_name text;
ALTER TABLE import_batch ADD COLUMN summary jsonb NOT NULL DEFAULT '{}'::jsonb; -- counts: added, changed, unchanged, deleted
ALTER TABLE import_batch ADD COLUMN published_at timestamptz;
ALTER TABLE import_batch ADD COLUMN published_by text;
ALTER TABLE import_batch ADD COLUMN saved_query_id bigint;

-- The values of a draft batch: they reach `observation` only when the batch is published, so every
-- statistics read (which reads `observation`) shows published values only.
CREATE TABLE staged_observation (
  batch_id      bigint NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  indicator_id  text NOT NULL REFERENCES indicator(id),
  division_id   text NOT NULL,
  area_code     text NOT NULL,
  period        text NOT NULL,
  breakdown     text NOT NULL DEFAULT '',
  value         numeric,
  numerator     numeric,
  denominator   numeric,
  status        text NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'provisional', 'suppressed', 'missing')),
  source        text NOT NULL,
  deleted       boolean NOT NULL DEFAULT false,   -- the source withdrew the value (Kolada's deleted values)
  PRIMARY KEY (batch_id, indicator_id, division_id, area_code, period, breakdown),
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);

-- Every value an import replaced or withdrew, with the batch that had written it and the one that replaced it.
CREATE TABLE observation_revision (
  id             bigserial PRIMARY KEY,
  indicator_id   text NOT NULL,
  division_id    text NOT NULL,
  area_code      text NOT NULL,
  period         text NOT NULL,
  breakdown      text NOT NULL DEFAULT '',
  value          numeric,
  numerator      numeric,
  denominator    numeric,
  status         text NOT NULL,
  source         text NOT NULL,
  batch_id       bigint REFERENCES import_batch(id),   -- the batch that had written the old value
  replaced_by    bigint NOT NULL REFERENCES import_batch(id),
  change         text NOT NULL CHECK (change IN ('changed', 'deleted')),
  replaced_at    timestamptz NOT NULL
);
CREATE INDEX observation_revision_key_idx ON observation_revision (indicator_id, division_id, area_code, period, breakdown);

CREATE TABLE saved_query (
  id            bigserial PRIMARY KEY,
  connector     text NOT NULL CHECK (connector IN ('scb', 'kolada')),
  label         text NOT NULL,
  params        jsonb NOT NULL,
  params_key    text NOT NULL,                   -- canonical JSON of params: the same query is saved once
  created_at    timestamptz NOT NULL,
  last_run_at   timestamptz,
  last_batch_id bigint REFERENCES import_batch(id),
  last_from_date text,                            -- Kolada: the date of the last run, for incremental updates
  UNIQUE (connector, params_key)
);
