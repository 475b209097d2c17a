-- Participation integrity: budget phases as a state machine, results frozen at close, supports with a
-- verifiable resident step (one-time support codes per area).

-- Phases: draft → collecting → reviewing → voting → closed → published.
ALTER TABLE participation_process DROP CONSTRAINT participation_process_phase_check;
UPDATE participation_process SET phase = CASE phase
  WHEN 'ideas' THEN 'collecting'
  WHEN 'assessment' THEN 'reviewing'
  WHEN 'results' THEN 'published'
  WHEN 'follow_up' THEN 'published'
  ELSE phase END;
ALTER TABLE participation_process ALTER COLUMN phase SET DEFAULT 'draft';
ALTER TABLE participation_process ADD CONSTRAINT participation_process_phase_check
  CHECK (phase IN ('draft', 'collecting', 'reviewing', 'voting', 'closed', 'published'));

-- The results, computed once when voting closes and served from here afterwards (NULL before).
ALTER TABLE participation_process ADD COLUMN results jsonb;

-- How a support is verified in an area: 'code' (a one-time resident code from a letter, one per
-- resident; the default) or 'browser' (a key the browser keeps: unverified, the city's explicit choice).
ALTER TABLE participation_threshold ADD COLUMN verification text NOT NULL DEFAULT 'code'
  CHECK (verification IN ('code', 'browser'));

-- Resident codes for supporting proposals of an area: only a hash. A code supports each proposal once.
CREATE TABLE participation_support_code (
  division_id  text NOT NULL,
  area_code    text NOT NULL,
  code_hash    text NOT NULL,
  PRIMARY KEY (division_id, area_code, code_hash),
  FOREIGN KEY (division_id, area_code) REFERENCES area(division_id, code)
);
