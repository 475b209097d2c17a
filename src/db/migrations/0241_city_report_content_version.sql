-- Which version of the city report's content contract an approval's frozen `content` was written in. A reader
-- upgrades older content step by step to the contract it knows (src/core/reports/city-content.ts) and refuses
-- content written by a newer Färdplan, instead of misreading it. Approvals made before this column are version 1.
ALTER TABLE city_report_approval
  ADD COLUMN content_version integer NOT NULL DEFAULT 1 CHECK (content_version >= 1);
