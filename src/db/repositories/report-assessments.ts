/** The reporting cycle's SQL about people's work: the committees' assessments of targets, the to-do list, assignable reporters. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

// ---------------------------------------------------------------------------------------- assessments

export interface AssessmentRow extends Pick<
  Rows['target_assessment'],
  'committeeId' | 'targetId' | 'status' | 'text' | 'setBy' | 'setAt'
> {
  /** The committee's name. */
  committee: Rows['committee']['name'];
  period: Rows['target_assessment']['periodId'];
}

const ASSESSMENT_SELECT = `SELECT a.committee_id AS "committeeId", c.name AS committee, a.period_id AS period,
  a.target_id AS "targetId", a.status, a.text, a.set_by AS "setBy", a.set_at AS "setAt"
  FROM target_assessment a JOIN committee c ON c.id = a.committee_id`;

export async function readAssessments(db: Queryable, committeeId: string, periodId: string): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE a.committee_id = $1 AND a.period_id = $2`, [
    committeeId,
    periodId,
  ]);
}

export async function readAssessmentsOfPeriod(db: Queryable, periodId: string): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE a.period_id = $1 ORDER BY a.target_id, c.name`, [
    periodId,
  ]);
}

export async function readAssessmentHistory(db: Queryable, targetId: string): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(`${ASSESSMENT_SELECT} WHERE a.target_id = $1 ORDER BY a.period_id DESC, c.name`, [
    targetId,
  ]);
}

export async function upsertAssessment(
  db: Queryable,
  a: {
    committeeId: string;
    periodId: string;
    targetId: string;
    status: string;
    text: string;
    by: string | null;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO target_assessment (committee_id, period_id, target_id, status, text, set_by, set_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (committee_id, period_id, target_id)
     DO UPDATE SET status = EXCLUDED.status, text = EXCLUDED.text, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
    [a.committeeId, a.periodId, a.targetId, a.status, a.text, a.by, a.at.toISOString()],
  );
}

export async function targetExists(db: Queryable, id: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM target WHERE id = $1', [id])).length > 0;
}

// ---------------------------------------------------------------------------------------- to-do

export interface TodoSectionRow extends Pick<Rows['report_section'], 'key' | 'generator' | 'kind' | 'deadline'> {
  reportId: Rows['report']['id'];
  periodId: Rows['report']['periodId'];
  /** The committee's name. */
  committee: Rows['committee']['name'];
  committeeId: Rows['committee']['id'];
}

/** Open sections assigned to a user in reports that are still drafts. */
export async function readAssignedSections(db: Queryable, userId: number): Promise<TodoSectionRow[]> {
  return db.query<TodoSectionRow>(
    `SELECT r.id AS "reportId", c.name AS committee, c.id AS "committeeId", r.period_id AS "periodId", s.key,
            s.generator, s.kind, s.deadline
       FROM report_section s JOIN report r ON r.id = s.report_id JOIN committee c ON c.id = r.committee_id
      WHERE s.assignee_id = $1 AND r.state = 'utkast' AND (s.kind = 'generated' OR s.state = 'utkast')
      ORDER BY s.deadline NULLS LAST, r.id, s.sort`,
    [userId],
  );
}

/** Accounts that can write in a committee's report: its district editors, analysts and administrators. */
export async function readReporters(
  db: Queryable,
  committeeId: string,
): Promise<Pick<Rows['app_user'], 'id' | 'username' | 'displayName' | 'role'>[]> {
  return db.query(
    `SELECT id, username, display_name AS "displayName", role FROM app_user
      WHERE NOT disabled AND (role IN ('analyst', 'admin') OR (role = 'district_editor' AND committee_id = $1))
      ORDER BY display_name, username`,
    [committeeId],
  );
}
