-- Interventions: budget lines per area, and amounts that cannot be negative.
-- 0001 keys budget_line by (intervention_id, year). An intervention working in several areas may
-- give its money per area (so that spending per resident by stadsdelsområde is not guessed): a line
-- is now for the whole intervention (division_id and area_code NULL) or for one of its areas.
-- A year has either one whole-intervention line or per-area lines (checked by the service).

ALTER TABLE budget_line ADD COLUMN division_id text;
ALTER TABLE budget_line ADD COLUMN area_code text;
ALTER TABLE budget_line ADD CONSTRAINT budget_line_area_fk
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code);
ALTER TABLE budget_line ADD CONSTRAINT budget_line_area_both
  CHECK ((division_id IS NULL) = (area_code IS NULL));
ALTER TABLE budget_line ADD CONSTRAINT budget_line_amounts_not_negative
  CHECK ((planned_sek IS NULL OR planned_sek >= 0) AND (decided_sek IS NULL OR decided_sek >= 0) AND (spent_sek IS NULL OR spent_sek >= 0));
ALTER TABLE budget_line DROP CONSTRAINT budget_line_pkey;
CREATE UNIQUE INDEX budget_line_key ON budget_line (intervention_id, year, COALESCE(division_id, ''), COALESCE(area_code, ''));

CREATE INDEX follow_up_intervention_idx ON follow_up (intervention_id, period);
CREATE INDEX intervention_link_ref_idx ON intervention_link (kind, ref_id);
