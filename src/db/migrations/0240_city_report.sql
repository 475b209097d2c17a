-- The city report fastställd (approved) for a period: kommunstyrelsen's compiled report frozen as it was when
-- approved, so the council's document stays the same whatever the register says later. At most one approval
-- per period; an approval is not reopened (a new approval would need a new period row). `content` is the
-- city report's content contract (CityReportContent) as JSON, the reports not approved at the time included.
CREATE TABLE city_report_approval (
  period_id   text PRIMARY KEY REFERENCES report_period(id),
  content     jsonb NOT NULL,
  approved_at timestamptz NOT NULL,
  approved_by text,
  note        text NOT NULL DEFAULT ''
);
