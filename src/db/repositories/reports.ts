/** The reporting cycle's SQL: periods, templates, settings, reports, sections, comments, versions, assessments. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import type { Period, PeriodDates, PeriodKind } from '../../core/reports/periods.ts';
import type { ApproverRole, ReportState, SectionState } from '../../core/reports/workflow.ts';
import type { Generator } from '../../core/reports/templates.ts';

// ---------------------------------------------------------------------------------------- periods

const PERIOD_COLUMNS = `id, year, kind, starts_on AS "startsOn", ends_on AS "endsOn", due_on AS "dueOn"`;

/** What PERIOD_COLUMNS reads; returned as a Period, so a column that no longer fits one fails to compile. */
type PeriodRow = Pick<Rows['report_period'], 'id' | 'year' | 'kind' | 'startsOn' | 'endsOn' | 'dueOn'>;

export async function readPeriod(db: Queryable, id: string): Promise<Period | null> {
  const rows = await db.query<PeriodRow>(`SELECT ${PERIOD_COLUMNS} FROM report_period WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listPeriods(db: Queryable, year: number): Promise<Period[]> {
  return db.query<PeriodRow>(
    `SELECT ${PERIOD_COLUMNS} FROM report_period WHERE year = $1 ORDER BY starts_on, ends_on`,
    [year],
  );
}

/** Stores a period unless it exists; returns the stored one. */
export async function ensurePeriod(db: Queryable, p: Period): Promise<Period> {
  await db.query(
    `INSERT INTO report_period (id, year, kind, starts_on, ends_on, due_on) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO NOTHING`,
    [p.id, p.year, p.kind satisfies PeriodKind, p.startsOn, p.endsOn, p.dueOn],
  );
  return (await readPeriod(db, p.id))!;
}

export async function updatePeriodDates(db: Queryable, id: string, d: PeriodDates): Promise<void> {
  await db.query('UPDATE report_period SET starts_on = $2, ends_on = $3, due_on = $4 WHERE id = $1', [
    id,
    d.startsOn,
    d.endsOn,
    d.dueOn,
  ]);
}

// ---------------------------------------------------------------------------------------- templates and settings

export async function readTemplateSpec(db: Queryable, committeeKind: string): Promise<unknown> {
  const rows = await db.query<Pick<Rows['report_template'], 'spec'>>(
    'SELECT spec FROM report_template WHERE committee_kind = $1',
    [committeeKind],
  );
  return rows[0]?.spec ?? null;
}

export async function readApproverRole(db: Queryable, committeeId: string): Promise<ApproverRole | null> {
  const rows = await db.query<{ role: Rows['report_settings']['approverRole'] }>(
    'SELECT approver_role AS role FROM report_settings WHERE committee_id = $1',
    [committeeId],
  );
  return rows[0]?.role ?? null;
}

export async function upsertApproverRole(db: Queryable, committeeId: string, role: ApproverRole): Promise<void> {
  await db.query(
    `INSERT INTO report_settings (committee_id, approver_role) VALUES ($1, $2)
     ON CONFLICT (committee_id) DO UPDATE SET approver_role = EXCLUDED.approver_role`,
    [committeeId, role],
  );
}

// ---------------------------------------------------------------------------------------- committees

export type CommitteeRow = Pick<Rows['committee'], 'id' | 'name' | 'kind'>;

export async function readCommittee(db: Queryable, id: string): Promise<CommitteeRow | null> {
  const rows = await db.query<CommitteeRow>('SELECT id, name, kind FROM committee WHERE id = $1', [id]);
  return rows[0] ?? null;
}

export async function listCommitteeRows(db: Queryable): Promise<CommitteeRow[]> {
  return db.query<CommitteeRow>('SELECT id, name, kind FROM committee ORDER BY name');
}

/**
 * Committees that report on a day: in force that day (validity inclusive), not kommunfullmäktige (it receives
 * the reports) and not a stadsdelsnämnd without areas of its own (the collective "Stadsdelsnämnderna").
 */
export async function listReportingCommitteeRows(
  db: Queryable,
  day: string,
): Promise<(CommitteeRow & { validFrom: string | null })[]> {
  return db.query<CommitteeRow & { validFrom: string | null }>(
    `SELECT c.id, c.name, c.kind, to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom" FROM committee c
      WHERE (c.valid_from IS NULL OR c.valid_from <= $1::date) AND (c.valid_to IS NULL OR c.valid_to >= $1::date)
        AND c.kind <> 'kommunfullmaktige'
        AND NOT (c.kind = 'stadsdelsnamnd' AND NOT EXISTS (SELECT 1 FROM committee_area a WHERE a.committee_id = c.id))
      ORDER BY c.name, c.id`,
    [day],
  );
}

/**
 * Creates a committee with its own area unless it exists (set-up and tests). Copes with both
 * vocabularies of `committee.kind` and with the area stored on the committee or in `committee_area`.
 */
export async function ensureCommittee(
  db: Queryable,
  c: { id: string; name: string; kind: string; legacyKind: string; divisionId: string; areaCode: string },
): Promise<void> {
  const checks = await db.query<{ def: string }>(
    `SELECT pg_get_constraintdef(k.oid) AS def FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
      WHERE t.relname = 'committee' AND k.contype = 'c'`,
  );
  const legacy = checks.some((k) => k.def.includes("'district'"));
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name IN ('committee', 'committee_area')`,
  );
  const onCommittee = columns.some((x) => x.table_name === 'committee' && x.column_name === 'area_code');
  const areaTable = columns.some((x) => x.table_name === 'committee_area');
  await db.query('INSERT INTO committee (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
    c.id,
    c.name,
    legacy ? c.legacyKind : c.kind,
  ]);
  if (onCommittee) {
    await db.query('UPDATE committee SET division_id = $2, area_code = $3 WHERE id = $1 AND division_id IS NULL', [
      c.id,
      c.divisionId,
      c.areaCode,
    ]);
  }
  if (areaTable) {
    await db.query(
      'INSERT INTO committee_area (committee_id, division_id, area_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [c.id, c.divisionId, c.areaCode],
    );
  }
}

// ---------------------------------------------------------------------------------------- reports

export type ReportRow = Pick<
  Rows['report'],
  | 'id'
  | 'committeeId'
  | 'periodId'
  | 'version'
  | 'state'
  | 'copiedFrom'
  | 'createdAt'
  | 'createdBy'
  | 'updatedAt'
  | 'approvedAt'
  | 'approvedBy'
>;

const REPORT_COLUMNS = `id, committee_id AS "committeeId", period_id AS "periodId", version, state,
  copied_from AS "copiedFrom", created_at AS "createdAt", created_by AS "createdBy", updated_at AS "updatedAt",
  approved_at AS "approvedAt", approved_by AS "approvedBy"`;

/** One report; `lock` takes a row lock (inside a transaction). */
export async function readReport(db: Queryable, id: string, opts: { lock?: boolean } = {}): Promise<ReportRow | null> {
  const rows = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM report WHERE id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function findReport(db: Queryable, committeeId: string, periodId: string): Promise<ReportRow | null> {
  const rows = await db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM report WHERE committee_id = $1 AND period_id = $2`,
    [committeeId, periodId],
  );
  return rows[0] ?? null;
}

export async function listReports(
  db: Queryable,
  f: { periodId?: string; committeeId?: string; state?: ReportState },
): Promise<ReportRow[]> {
  return db.query<ReportRow>(
    `SELECT ${REPORT_COLUMNS} FROM report
      WHERE ($1::text IS NULL OR period_id = $1) AND ($2::text IS NULL OR committee_id = $2)
        AND ($3::text IS NULL OR state = $3)
      ORDER BY period_id DESC, committee_id`,
    [f.periodId ?? null, f.committeeId ?? null, f.state ?? null],
  );
}

export async function insertReport(
  db: Queryable,
  r: { id: string; committeeId: string; periodId: string; copiedFrom: string | null; by: string | null; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO report (id, committee_id, period_id, version, state, copied_from, created_at, created_by, updated_at)
     VALUES ($1, $2, $3, 1, 'utkast', $4, $5, $6, $5)`,
    [r.id, r.committeeId, r.periodId, r.copiedFrom, r.at.toISOString(), r.by],
  );
}

export async function updateReportState(
  db: Queryable,
  id: string,
  s: { state: ReportState; version: number; approvedAt: Date | null; approvedBy: string | null; at: Date },
): Promise<void> {
  await db.query(
    `UPDATE report SET state = $2, version = $3, approved_at = $4, approved_by = $5, updated_at = $6 WHERE id = $1`,
    [id, s.state, s.version, s.approvedAt?.toISOString() ?? null, s.approvedBy, s.at.toISOString()],
  );
}

export async function touchReport(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('UPDATE report SET updated_at = $2 WHERE id = $1', [id, at.toISOString()]);
}

// ---------------------------------------------------------------------------------------- sections

export interface SectionRow extends Pick<
  Rows['report_section'],
  'key' | 'sort' | 'kind' | 'generator' | 'body' | 'assigneeId' | 'deadline' | 'state' | 'updatedAt' | 'updatedBy'
> {
  /** The assignee's account (LEFT JOIN: null without one). */
  assigneeUsername: Rows['app_user']['username'] | null;
  assigneeName: Rows['app_user']['displayName'] | null;
}

export async function readSections(db: Queryable, reportId: string): Promise<SectionRow[]> {
  return db.query<SectionRow>(
    `SELECT s.key, s.sort, s.kind, s.generator, s.body, s.assignee_id AS "assigneeId",
            u.username AS "assigneeUsername", u.display_name AS "assigneeName", s.deadline, s.state,
            s.updated_at AS "updatedAt", s.updated_by AS "updatedBy"
       FROM report_section s LEFT JOIN app_user u ON u.id = s.assignee_id
      WHERE s.report_id = $1 ORDER BY s.sort`,
    [reportId],
  );
}

export async function insertSections(
  db: Queryable,
  reportId: string,
  sections: readonly {
    key: string;
    kind: 'generated' | 'written';
    generator: Generator | null;
    body: string;
    assigneeId: number | null;
    deadline: string | null;
  }[],
): Promise<void> {
  for (const [i, s] of sections.entries()) {
    await db.query(
      `INSERT INTO report_section (report_id, key, sort, kind, generator, body, assignee_id, deadline)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [reportId, s.key, i + 1, s.kind, s.generator, s.body, s.assigneeId, s.deadline],
    );
  }
}

export async function updateSection(
  db: Queryable,
  reportId: string,
  key: string,
  patch: { body?: string; assigneeId?: number | null; deadline?: string | null; state?: SectionState },
  by: string | null,
  at: Date,
): Promise<void> {
  await db.query(
    `UPDATE report_section SET
        body = CASE WHEN $3::boolean THEN $4 ELSE body END,
        assignee_id = CASE WHEN $5::boolean THEN $6::bigint ELSE assignee_id END,
        deadline = CASE WHEN $7::boolean THEN $8::date ELSE deadline END,
        state = COALESCE($9, state),
        updated_at = $10, updated_by = $11
      WHERE report_id = $1 AND key = $2`,
    [
      reportId,
      key,
      patch.body !== undefined,
      patch.body ?? '',
      patch.assigneeId !== undefined,
      patch.assigneeId ?? null,
      patch.deadline !== undefined,
      patch.deadline ?? null,
      patch.state ?? null,
      at.toISOString(),
      by,
    ],
  );
}

export async function userIdExists(db: Queryable, id: number): Promise<boolean> {
  return (await db.query('SELECT 1 FROM app_user WHERE id = $1 AND NOT disabled', [id])).length > 0;
}

// ---------------------------------------------------------------------------------------- comments

export type CommentRow = Pick<Rows['report_comment'], 'id' | 'sectionKey' | 'author' | 'at' | 'body'>;

export async function insertComment(
  db: Queryable,
  c: { reportId: string; sectionKey: string; author: string | null; at: Date; body: string },
): Promise<CommentRow> {
  const rows = await db.query<CommentRow>(
    `INSERT INTO report_comment (report_id, section_key, author, at, body) VALUES ($1, $2, $3, $4, $5)
     RETURNING id, section_key AS "sectionKey", author, at, body`,
    [c.reportId, c.sectionKey, c.author, c.at.toISOString(), c.body],
  );
  return rows[0]!;
}

export async function readComments(db: Queryable, reportId: string): Promise<CommentRow[]> {
  return db.query<CommentRow>(
    `SELECT id, section_key AS "sectionKey", author, at, body FROM report_comment WHERE report_id = $1 ORDER BY at, id`,
    [reportId],
  );
}

// ---------------------------------------------------------------------------------------- versions

export type VersionRow = Pick<
  Rows['report_version'],
  'version' | 'approvedAt' | 'approvedBy' | 'reopenedAt' | 'snapshot'
>;

export async function insertVersion(
  db: Queryable,
  v: { reportId: string; version: number; approvedAt: Date; approvedBy: string | null; snapshot: unknown },
): Promise<void> {
  await db.query(
    `INSERT INTO report_version (report_id, version, approved_at, approved_by, snapshot)
     VALUES ($1, $2, $3, $4, $5::jsonb)`,
    [v.reportId, v.version, v.approvedAt.toISOString(), v.approvedBy, JSON.stringify(v.snapshot)],
  );
}

export async function markVersionReopened(
  db: Queryable,
  reportId: string,
  version: number,
  by: string | null,
  at: Date,
): Promise<void> {
  await db.query('UPDATE report_version SET reopened_at = $3, reopened_by = $4 WHERE report_id = $1 AND version = $2', [
    reportId,
    version,
    at.toISOString(),
    by,
  ]);
}

export async function readVersions(db: Queryable, reportId: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT version, approved_at AS "approvedAt", approved_by AS "approvedBy", reopened_at AS "reopenedAt", snapshot
       FROM report_version WHERE report_id = $1 ORDER BY version`,
    [reportId],
  );
}

export async function upsertTemplateSpec(db: Queryable, committeeKind: string, spec: unknown, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO report_template (committee_kind, spec, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (committee_kind) DO UPDATE SET spec = EXCLUDED.spec, updated_at = EXCLUDED.updated_at`,
    [committeeKind, JSON.stringify(spec), at.toISOString()],
  );
}
