-- Reference data (issue 3). 0001 holds division, area, crosswalk(+_link, _unmatched), indicator and observation;
-- this adds what the Stockholm reference crosswalks need beyond it:
-- * the method of each link (a name-match crosswalk also has links resolved by a documented table);
-- * the target areas that no source area links to, with the reason (e.g. stadsdelar counted in a composite RegSO).
ALTER TABLE crosswalk_link ADD COLUMN method text;

CREATE TABLE crosswalk_uncovered (
  from_division_id text NOT NULL,
  to_division_id   text NOT NULL,
  to_code          text NOT NULL,
  reason           text NOT NULL,
  PRIMARY KEY (from_division_id, to_division_id, to_code),
  FOREIGN KEY (from_division_id, to_division_id) REFERENCES crosswalk(from_division_id, to_division_id),
  FOREIGN KEY (to_division_id, to_code) REFERENCES area(division_id, code)
);
