-- The indicator catalogue as data (data/indicators/<id>.json): each indicator keeps its whole metadata
-- file, whether it is a helper count (a numerator or denominator only, shown as an indicator's underlying
-- figures), and analysts' edits are versioned (draft → published) with who and when.
ALTER TABLE indicator ADD COLUMN helper boolean NOT NULL DEFAULT false;
ALTER TABLE indicator ADD COLUMN metadata jsonb;
ALTER TABLE indicator ADD COLUMN origin text NOT NULL DEFAULT 'catalogue' CHECK (origin IN ('catalogue', 'app'));
ALTER TABLE indicator ADD COLUMN updated_by text;
ALTER TABLE indicator ADD COLUMN updated_at timestamptz;

-- An analyst's draft of a new or changed indicator: published by copying into indicator.
CREATE TABLE indicator_draft (
  id          text PRIMARY KEY,
  metadata    jsonb NOT NULL,
  created_by  text,
  updated_at  timestamptz NOT NULL
);
