/**
 * The city report's approvals (migration 0240): one per period, its content frozen as jsonb in the content
 * contract's version of the day (`contentVersion`, migration 0241).
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

export type CityApprovalRow = Pick<
  Rows['city_report_approval'],
  'periodId' | 'content' | 'contentVersion' | 'approvedAt' | 'approvedBy' | 'note'
>;

const COLUMNS = `period_id AS "periodId", content, content_version AS "contentVersion", approved_at AS "approvedAt", approved_by AS "approvedBy", note`;

/** The period's approval, or null while its city report is preliminary; `lock` takes the row FOR UPDATE. */
export async function readCityApproval(
  db: Queryable,
  periodId: string,
  opts: { lock?: boolean } = {},
): Promise<CityApprovalRow | null> {
  const rows = await db.query<CityApprovalRow>(
    `SELECT ${COLUMNS} FROM city_report_approval WHERE period_id = $1${opts.lock ? ' FOR UPDATE' : ''}`,
    [periodId],
  );
  return rows[0] ?? null;
}

/** Locks the period's row, so two approvals of one period run one after the other. */
export async function lockPeriod(db: Queryable, periodId: string): Promise<void> {
  await db.query('SELECT id FROM report_period WHERE id = $1 FOR UPDATE', [periodId]);
}

export async function insertCityApproval(
  db: Queryable,
  a: {
    periodId: string;
    content: unknown;
    contentVersion: number;
    approvedAt: Date;
    approvedBy: string | null;
    note: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO city_report_approval (period_id, content, content_version, approved_at, approved_by, note)
     VALUES ($1, $2::jsonb, $3, $4, $5, $6)`,
    [a.periodId, JSON.stringify(a.content), a.contentVersion, a.approvedAt.toISOString(), a.approvedBy, a.note],
  );
}
