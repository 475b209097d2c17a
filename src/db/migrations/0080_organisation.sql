-- Organisation as data: committees (nämnder and bolagsstyrelser) with names in Swedish and English,
-- a kind from a fixed list, a validity period and the areas they answer for; named area groups;
-- and the quoted passage of an intervention's source.
--
-- committee_area and area_group_member have NO foreign key to area: the organisation may be loaded
-- before the geography (data arrives in any order); keys are resolved when read.

-- Kinds: the five of the city's organisation. Older rows (and older callers) used
-- district/specialist/council/company/other; they are mapped, and a trigger keeps mapping them.
ALTER TABLE committee DROP CONSTRAINT IF EXISTS committee_kind_check;
CREATE FUNCTION committee_legacy_kind() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.kind := CASE NEW.kind
    WHEN 'district' THEN 'stadsdelsnamnd'
    WHEN 'specialist' THEN 'facknamnd'
    WHEN 'council' THEN 'kommunstyrelse'
    WHEN 'company' THEN 'bolagsstyrelse'
    WHEN 'other' THEN 'facknamnd'
    ELSE NEW.kind END;
  RETURN NEW;
END;
$$;
CREATE TRIGGER committee_legacy_kind BEFORE INSERT OR UPDATE ON committee
  FOR EACH ROW EXECUTE FUNCTION committee_legacy_kind();
UPDATE committee SET kind = kind;
ALTER TABLE committee ADD CONSTRAINT committee_kind_known CHECK (kind IN
  ('kommunfullmaktige', 'kommunstyrelse', 'stadsdelsnamnd', 'facknamnd', 'bolagsstyrelse'));

ALTER TABLE committee ADD COLUMN name_en text NOT NULL DEFAULT '';
ALTER TABLE committee ADD COLUMN valid_from date;
ALTER TABLE committee ADD COLUMN valid_to date;
ALTER TABLE committee ADD COLUMN source text NOT NULL DEFAULT '';
-- The fingerprint of the shipped record last written, and when the row was last changed in the app
-- (a row changed in the app is left alone by later starts).
ALTER TABLE committee ADD COLUMN source_hash text;
ALTER TABLE committee ADD COLUMN edited_at timestamptz;
ALTER TABLE committee ADD CONSTRAINT committee_validity CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to);

CREATE TABLE committee_area (
  committee_id text NOT NULL REFERENCES committee(id) ON DELETE CASCADE,
  division_id  text NOT NULL,
  area_code    text NOT NULL,
  PRIMARY KEY (committee_id, division_id, area_code)
);
CREATE INDEX committee_area_area_idx ON committee_area (division_id, area_code);
INSERT INTO committee_area (committee_id, division_id, area_code)
  SELECT id, division_id, area_code FROM committee WHERE division_id IS NOT NULL AND area_code IS NOT NULL
  ON CONFLICT DO NOTHING;

-- Named groups of areas (Järva, ytterstaden, fokusområden i söderort, Vantör, Stureplan …).
CREATE TABLE area_group (
  id          text PRIMARY KEY,
  name_sv     text NOT NULL,
  name_en     text NOT NULL DEFAULT '',
  aliases     text[] NOT NULL DEFAULT '{}',  -- other names the documents use (matched ignoring case)
  note        text NOT NULL DEFAULT '',      -- how the group was drawn (and what is assumed)
  source      text NOT NULL DEFAULT '',
  source_hash text,
  edited_at   timestamptz
);
CREATE TABLE area_group_member (
  group_id    text NOT NULL REFERENCES area_group(id) ON DELETE CASCADE,
  division_id text NOT NULL,
  area_code   text NOT NULL,
  PRIMARY KEY (group_id, division_id, area_code)
);

-- An intervention may name a group; its member areas are its areas.
CREATE TABLE intervention_area_group (
  intervention_id text NOT NULL REFERENCES intervention(id) ON DELETE CASCADE,
  group_id        text NOT NULL,
  PRIMARY KEY (intervention_id, group_id)
);

-- The passage of the source document that the intervention (and its amount) is taken from.
ALTER TABLE intervention ADD COLUMN source_quote text;
