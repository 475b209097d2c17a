-- Färdplan data model, part 1: everything the mission needs. Later migrations add to it; none edits this file.
-- Conventions: text ids chosen by the domain (stable, readable); money in whole kronor (bigint);
-- statistics values in numeric (exact); geometry as GeoJSON (WGS84) in jsonb; every record that
-- comes from a document or a file names its source.

------------------------------------------------------------------ sources and imports
CREATE TABLE source (
  id          text PRIMARY KEY,               -- e.g. 'scb-000005FC'
  name        text NOT NULL,                  -- as published: 'SCB, Folkmängd …'
  publisher   text NOT NULL,                  -- 'SCB', 'Stockholms stad', 'Polisen'
  url         text,
  licence     text,
  citation    text NOT NULL                   -- what the screen shows: 'Källa: SCB'
);

CREATE TABLE import_batch (
  id           bigserial PRIMARY KEY,
  dataset      text NOT NULL,                 -- e.g. 'stockholm-reference', 'csv-dataset'
  description  text NOT NULL DEFAULT '',
  checksum     text NOT NULL,                 -- of the files read: the same dataset twice is recognised
  file_count   integer NOT NULL DEFAULT 0,
  row_count    integer NOT NULL DEFAULT 0,
  publication  text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published')),
  created_by   text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dataset, checksum)
);

------------------------------------------------------------------ geography
CREATE TABLE division (
  id          text PRIMARY KEY,               -- 'city', 'sdo2020', 'sdo2023', 'stadsdel', 'regso', 'deso2018', …
  name_sv     text NOT NULL,
  name_en     text NOT NULL,
  level       integer NOT NULL,               -- 0 = the city, larger = finer
  valid_from  date,
  valid_to    date,                           -- inclusive; NULL = still valid
  source_id   text REFERENCES source(id),
  sort        integer NOT NULL DEFAULT 0,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to)
);

CREATE TABLE area (
  division_id  text NOT NULL REFERENCES division(id),
  code         text NOT NULL,                 -- stable code (SCB's where there is one)
  name         text NOT NULL,                 -- as people write it: 'Hässelby gård'
  parent_division_id text,
  parent_code  text,
  geometry     jsonb,                         -- GeoJSON geometry, WGS84
  properties   jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (division_id, code),
  FOREIGN KEY (parent_division_id, parent_code) REFERENCES area(division_id, code)
);
CREATE INDEX area_parent_idx ON area (parent_division_id, parent_code);

CREATE TABLE crosswalk (
  from_division_id text NOT NULL REFERENCES division(id),
  to_division_id   text NOT NULL REFERENCES division(id),
  method           text NOT NULL,             -- 'exact-key', 'name-match', 'spatial-join', …
  description      text NOT NULL,
  source_id        text REFERENCES source(id),
  PRIMARY KEY (from_division_id, to_division_id)
);

CREATE TABLE crosswalk_link (
  from_division_id text NOT NULL,
  from_code        text NOT NULL,
  to_division_id   text NOT NULL,
  to_code          text NOT NULL,
  weight           numeric NOT NULL CHECK (weight > 0 AND weight <= 1),  -- share of the from-area in the to-area
  confidence       numeric CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  note             text,
  PRIMARY KEY (from_division_id, from_code, to_division_id, to_code),
  FOREIGN KEY (from_division_id, to_division_id) REFERENCES crosswalk(from_division_id, to_division_id),
  FOREIGN KEY (from_division_id, from_code) REFERENCES area(division_id, code),
  FOREIGN KEY (to_division_id, to_code) REFERENCES area(division_id, code)
);

CREATE TABLE crosswalk_unmatched (
  from_division_id text NOT NULL,
  from_code        text NOT NULL,
  to_division_id   text NOT NULL,
  reason           text NOT NULL,
  PRIMARY KEY (from_division_id, from_code, to_division_id),
  FOREIGN KEY (from_division_id, to_division_id) REFERENCES crosswalk(from_division_id, to_division_id)
);

------------------------------------------------------------------ indicators and observations
CREATE TABLE indicator (
  id              text PRIMARY KEY,           -- 'population', 'low-economic-standard-share', …
  name_sv         text NOT NULL,
  name_en         text NOT NULL,
  definition_sv   text NOT NULL DEFAULT '',
  definition_en   text NOT NULL DEFAULT '',
  unit            text NOT NULL,              -- 'persons', 'percent', 'tkr', 'index', …
  kind            text NOT NULL CHECK (kind IN ('share', 'rate', 'count', 'mean', 'median', 'index')),
  polarity        text NOT NULL CHECK (polarity IN ('higher_better', 'lower_better', 'neutral')),
  source_id       text REFERENCES source(id),
  numerator_id    text REFERENCES indicator(id),   -- for share/rate/mean: the counts it is made of,
  denominator_id  text REFERENCES indicator(id),   -- so that values aggregate correctly up a hierarchy
  multiplier      numeric NOT NULL DEFAULT 1,      -- value = multiplier × numerator / denominator
  decimals        integer NOT NULL DEFAULT 1,
  goal_area_id    text,                            -- the goal area it mainly informs (optional)
  sort            integer NOT NULL DEFAULT 0,
  publication     text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published')),
  CHECK ((numerator_id IS NULL) = (denominator_id IS NULL))
);

CREATE TABLE observation (
  indicator_id  text NOT NULL REFERENCES indicator(id),
  division_id   text NOT NULL,
  area_code     text NOT NULL,
  period        text NOT NULL,                -- '2022', '2023-T1', '2022-12-31'
  breakdown     text NOT NULL DEFAULT '',     -- '' = total; else 'sex=kvinnor;age=20-24' (sorted keys)
  value         numeric,                      -- NULL when suppressed or missing
  numerator     numeric,
  denominator   numeric,
  status        text NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'provisional', 'suppressed', 'missing')),
  derived       boolean NOT NULL DEFAULT false,   -- aggregated by Färdplan rather than published as such
  source        text NOT NULL,                -- citation as shown: 'SCB, <table title>, 2022'
  batch_id      bigint REFERENCES import_batch(id),
  PRIMARY KEY (indicator_id, division_id, area_code, period, breakdown),
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code),
  CHECK (status IN ('suppressed', 'missing') OR value IS NOT NULL)
);
CREATE INDEX observation_area_idx ON observation (division_id, area_code);
CREATE INDEX observation_batch_idx ON observation (batch_id);

------------------------------------------------------------------ goal framework
CREATE TABLE vision (
  id          text PRIMARY KEY,
  title_sv    text NOT NULL,
  title_en    text NOT NULL,
  text_sv     text NOT NULL DEFAULT '',
  source_doc  text NOT NULL,                  -- file name in the seeds, e.g. '003_bcd631ecaa6cfe08.txt'
  source_section text NOT NULL
);

CREATE TABLE goal_area (
  id          text PRIMARY KEY,
  framework   text NOT NULL DEFAULT 'roadmap',   -- 'roadmap' (four goal areas) or 'reform' (the programme's seven areas)
  vision_id   text REFERENCES vision(id),
  number      text NOT NULL,
  title_sv    text NOT NULL,
  title_en    text NOT NULL,
  text_sv     text NOT NULL DEFAULT '',
  source_doc  text NOT NULL,
  source_section text NOT NULL,
  sort        integer NOT NULL DEFAULT 0,
  publication text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published'))
);

CREATE TABLE strategy (
  id          text PRIMARY KEY,
  goal_area_id text NOT NULL REFERENCES goal_area(id),
  number      text NOT NULL,                  -- as numbered in the document
  title_sv    text NOT NULL,
  title_en    text NOT NULL,
  text_sv     text NOT NULL DEFAULT '',
  source_doc  text NOT NULL,
  source_section text NOT NULL,
  sort        integer NOT NULL DEFAULT 0,
  publication text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published'))
);

CREATE TABLE target (
  id             text PRIMARY KEY,
  goal_area_id   text NOT NULL REFERENCES goal_area(id),
  strategy_id    text REFERENCES strategy(id),
  form           text NOT NULL CHECK (form IN ('level', 'direction', 'gap', 'all_areas', 'commitment')),
  title_sv       text NOT NULL,
  title_en       text NOT NULL,
  text_sv        text NOT NULL DEFAULT '',
  indicator_id   text REFERENCES indicator(id),
  needs_indicator text,                        -- what is missing when indicator_id is NULL
  division_id    text REFERENCES division(id),
  scope_code     text,                         -- an area, or NULL for the whole city / every area
  baseline_period text,
  baseline_value numeric,
  target_value   numeric,
  direction      text CHECK (direction IN ('increase', 'decrease')),
  deadline       date,
  spec           jsonb NOT NULL DEFAULT '{}',  -- form-specific parameters
  source_doc     text NOT NULL,
  source_section text NOT NULL,
  sort           integer NOT NULL DEFAULT 0,
  publication    text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published'))
);

CREATE TABLE commitment (
  id           text PRIMARY KEY,
  goal_area_id text NOT NULL REFERENCES goal_area(id),
  target_id    text REFERENCES target(id),
  title_sv     text NOT NULL,
  title_en     text NOT NULL,
  text_sv      text NOT NULL DEFAULT '',
  due          date,
  source_doc   text NOT NULL,
  source_section text NOT NULL,
  sort         integer NOT NULL DEFAULT 0,
  publication  text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published'))
);

-- Manual status for targets/commitments without an indicator: dated, signed, never overwritten (history).
CREATE TABLE manual_status (
  id          bigserial PRIMARY KEY,
  target_id   text REFERENCES target(id),
  commitment_id text REFERENCES commitment(id),
  status      text NOT NULL CHECK (status IN ('met', 'on_track', 'at_risk', 'off_track', 'not_measurable')),
  note        text NOT NULL,
  set_by      text NOT NULL,
  set_at      timestamptz NOT NULL,
  CHECK ((target_id IS NULL) <> (commitment_id IS NULL))
);

------------------------------------------------------------------ interventions and budget
CREATE TABLE committee (
  id          text PRIMARY KEY,               -- 'sdn-jarva', 'socialnamnden', …
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('district', 'specialist', 'council', 'company', 'other')),
  division_id text,
  area_code   text,                           -- a district committee's area
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);

CREATE TABLE intervention (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  description   text NOT NULL DEFAULT '',
  committee_id  text REFERENCES committee(id),
  funding_source text NOT NULL DEFAULT 'ordinary',
  status        text NOT NULL CHECK (status IN ('planned', 'decided', 'running', 'finished', 'stopped')),
  start_date    date,
  end_date      date,
  city_wide     boolean NOT NULL DEFAULT false,
  source_doc    text,
  source_section text,
  publication   text NOT NULL DEFAULT 'published' CHECK (publication IN ('draft', 'published')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR start_date IS NULL OR start_date <= end_date)
);

CREATE TABLE intervention_area (
  intervention_id text NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
  division_id     text NOT NULL,
  area_code       text NOT NULL,
  PRIMARY KEY (intervention_id, division_id, area_code),
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);

CREATE TABLE intervention_link (
  intervention_id text NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('goal_area', 'strategy', 'target')),
  ref_id          text NOT NULL,
  PRIMARY KEY (intervention_id, kind, ref_id)
);

CREATE TABLE budget_line (
  intervention_id text NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
  year            integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  planned_sek     bigint,
  decided_sek     bigint,
  spent_sek       bigint,
  note            text NOT NULL DEFAULT '',
  PRIMARY KEY (intervention_id, year)
);

CREATE TABLE follow_up (
  id              bigserial PRIMARY KEY,
  intervention_id text NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
  period          text NOT NULL,              -- '2024-T2'
  text            text NOT NULL,
  outputs         jsonb NOT NULL DEFAULT '{}',
  created_by      text,
  created_at      timestamptz NOT NULL DEFAULT now()
);

------------------------------------------------------------------ users, roles, audit
CREATE TABLE app_user (
  id            bigserial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL DEFAULT '',
  role          text NOT NULL CHECK (role IN ('admin', 'analyst', 'district_editor', 'reader')),
  committee_id  text REFERENCES committee(id),
  password_hash text,                         -- argon2id; NULL for single-sign-on accounts
  external_id   text UNIQUE,                  -- room for OpenID Connect
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until  timestamptz,
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  user_id     bigint,
  username    text,
  action      text NOT NULL,                  -- 'create', 'update', 'delete', 'import', 'publish', …
  entity      text NOT NULL,
  entity_id   text NOT NULL,
  before      jsonb,
  after       jsonb
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

------------------------------------------------------------------ analysis and participation (filled by later migrations)
CREATE TABLE allocation_scenario (
  id          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  params      jsonb NOT NULL,
  result      jsonb NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
