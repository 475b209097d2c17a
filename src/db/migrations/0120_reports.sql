-- The reporting cycle: periods, templates per committee kind, reports with generated and written
-- sections, comments, versions (an approved report is kept when a new version reopens it) and the
-- committees' own assessments of targets per period.

CREATE TABLE report_period (
  id         text PRIMARY KEY,                 -- '2026-T1', '2026-T2', '2026-VB'
  year       integer NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('T1', 'T2', 'VB')),
  starts_on  date NOT NULL,
  ends_on    date NOT NULL,
  due_on     date NOT NULL,
  UNIQUE (year, kind),
  CHECK (ends_on >= starts_on AND due_on >= ends_on)
);

-- One template per committee kind (kommunstyrelse, stadsdelsnamnd, …); absent = the built-in default.
CREATE TABLE report_template (
  committee_kind text PRIMARY KEY,
  spec           jsonb NOT NULL,               -- { sections: [{ key, kind, generator? }], keyIndicators: [] }
  updated_at     timestamptz NOT NULL
);

-- Who approves a committee's reports (a role; district editors only for their own committee).
CREATE TABLE report_settings (
  committee_id  text PRIMARY KEY REFERENCES committee(id),
  approver_role text NOT NULL CHECK (approver_role IN ('analyst', 'district_editor', 'admin'))
);

CREATE TABLE report (
  id           text PRIMARY KEY,               -- '<committee>-<period>', e.g. 'sdn-jarva-2026-T1'
  committee_id text NOT NULL REFERENCES committee(id),
  period_id    text NOT NULL REFERENCES report_period(id),
  version      integer NOT NULL DEFAULT 1,
  state        text NOT NULL CHECK (state IN ('utkast', 'klar', 'godkand')),
  copied_from  text REFERENCES report(id),
  created_at   timestamptz NOT NULL,
  created_by   text,
  updated_at   timestamptz NOT NULL,
  approved_at  timestamptz,
  approved_by  text,
  UNIQUE (committee_id, period_id)
);

CREATE TABLE report_section (
  report_id   text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  key         text NOT NULL,
  sort        integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('generated', 'written')),
  generator   text CHECK (generator IN ('targets', 'interventions', 'areas', 'participation')),
  body        text NOT NULL DEFAULT '',
  assignee_id bigint REFERENCES app_user(id),
  deadline    date,
  state       text NOT NULL DEFAULT 'utkast' CHECK (state IN ('utkast', 'klar')),
  updated_at  timestamptz,
  updated_by  text,
  PRIMARY KEY (report_id, key),
  CHECK ((kind = 'generated') = (generator IS NOT NULL))
);
CREATE INDEX report_section_assignee_idx ON report_section (assignee_id);

CREATE TABLE report_comment (
  id          bigserial PRIMARY KEY,
  report_id   text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  section_key text NOT NULL,
  author      text,
  at          timestamptz NOT NULL,
  body        text NOT NULL,
  FOREIGN KEY (report_id, section_key) REFERENCES report_section(report_id, key) ON DELETE CASCADE
);

-- Every approved version as it was approved (texts, assessments and the generated figures).
CREATE TABLE report_version (
  report_id   text NOT NULL REFERENCES report(id) ON DELETE CASCADE,
  version     integer NOT NULL,
  approved_at timestamptz NOT NULL,
  approved_by text,
  reopened_at timestamptz,
  reopened_by text,
  snapshot    jsonb NOT NULL,
  PRIMARY KEY (report_id, version)
);

-- A committee's own assessment of a target for a period, beside the computed status.
CREATE TABLE target_assessment (
  committee_id text NOT NULL REFERENCES committee(id),
  period_id    text NOT NULL REFERENCES report_period(id),
  target_id    text NOT NULL,
  status       text NOT NULL CHECK (status IN ('met', 'on_track', 'at_risk', 'off_track', 'not_measurable')),
  text         text NOT NULL DEFAULT '',
  set_by       text,
  set_at       timestamptz NOT NULL,
  PRIMARY KEY (committee_id, period_id, target_id)
);
CREATE INDEX target_assessment_target_idx ON target_assessment (target_id, period_id);
