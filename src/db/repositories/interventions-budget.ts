/**
 * Budget lines and follow-ups of the intervention register: reading them onto interventions and writing
 * one at a time. Money is read as text and turned into bigint kronor (int8 would come back as a JS number).
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import { CITY_WIDE } from '../../core/interventions/types.ts';
import type { BudgetLine, FollowUpEntry, Intervention, OutputFigure } from '../../core/interventions/types.ts';

/** An area key `division:code` as its parts (no colon: the whole key is the code). */
export const splitKey = (key: string): { divisionId: string; code: string } => {
  const i = key.indexOf(':');
  return i < 0 ? { divisionId: '', code: key } : { divisionId: key.slice(0, i), code: key.slice(i + 1) };
};

const money = (s: string | null): bigint | null => (s === null ? null : BigInt(s));

function toOutputs(v: unknown): OutputFigure[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((o): o is { label: unknown; value: unknown; unit?: unknown } => typeof o === 'object' && o !== null)
    .map((o) => ({ label: String(o.label), value: Number(o.value), unit: typeof o.unit === 'string' ? o.unit : null }));
}

/** Adds the budget lines of the listed interventions (by year, then area) to their `budget`. */
export async function attachBudgetLines(
  db: Queryable,
  byId: ReadonlyMap<string, Intervention>,
  idList: string[],
): Promise<void> {
  const lines = await db.query<{
    intervention_id: string;
    year: number;
    division_id: string | null;
    area_code: string | null;
    planned: string | null;
    decided: string | null;
    spent: string | null;
  }>(
    `SELECT intervention_id, year, division_id, area_code, planned_sek::text AS planned, decided_sek::text AS decided, spent_sek::text AS spent
       FROM budget_line WHERE intervention_id = ANY($1::text[])
      ORDER BY intervention_id, year, COALESCE(division_id, ''), COALESCE(area_code, '')`,
    [idList],
  );
  for (const l of lines) {
    const line: BudgetLine = {
      year: l.year,
      area: l.division_id !== null && l.area_code !== null ? `${l.division_id}:${l.area_code}` : null,
      planned: money(l.planned),
      decided: money(l.decided),
      spent: money(l.spent),
    };
    byId.get(l.intervention_id)?.budget.push(line);
  }
}

/** Adds the follow-ups of the listed interventions (by period, in the order written) to their `followUps`. */
export async function attachFollowUps(
  db: Queryable,
  byId: ReadonlyMap<string, Intervention>,
  idList: string[],
): Promise<void> {
  const follow = await db.query<{ intervention_id: string; period: string; text: string; outputs: unknown }>(
    `SELECT intervention_id, period, text, outputs FROM follow_up WHERE intervention_id = ANY($1::text[]) ORDER BY intervention_id, period, id`,
    [idList],
  );
  for (const f of follow)
    byId.get(f.intervention_id)?.followUps.push({ period: f.period, text: f.text, outputs: toOutputs(f.outputs) });
}

/** Inserts or replaces the budget line of an intervention for a year (and area; null = the whole intervention). */
export async function upsertBudgetLine(
  db: Queryable,
  interventionId: string,
  line: BudgetLine,
  at: Date,
): Promise<void> {
  const area = line.area === null || line.area === CITY_WIDE ? null : splitKey(line.area);
  const text = (k: bigint | null): string | null => (k === null ? null : k.toString());
  await db.query(
    `DELETE FROM budget_line WHERE intervention_id = $1 AND year = $2
        AND division_id IS NOT DISTINCT FROM $3::text AND area_code IS NOT DISTINCT FROM $4::text`,
    [interventionId, line.year, area?.divisionId ?? null, area?.code ?? null],
  );
  await db.query(
    `INSERT INTO budget_line (intervention_id, year, division_id, area_code, planned_sek, decided_sek, spent_sek)
     VALUES ($1, $2, $3, $4, $5::bigint, $6::bigint, $7::bigint)`,
    [
      interventionId,
      line.year,
      area?.divisionId ?? null,
      area?.code ?? null,
      text(line.planned),
      text(line.decided),
      text(line.spent),
    ],
  );
  await db.query('UPDATE intervention SET updated_at = $2 WHERE id = $1', [interventionId, at.toISOString()]);
}

/** Adds a follow-up entry (period, text and output figures) to an intervention. */
export async function insertFollowUp(
  db: Queryable,
  interventionId: string,
  entry: FollowUpEntry,
  createdBy: string | null,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO follow_up (intervention_id, period, text, outputs, created_by, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)`,
    [interventionId, entry.period, entry.text, JSON.stringify(entry.outputs), createdBy, at.toISOString()],
  );
}

export interface PlannedRow extends Pick<Rows['intervention'], 'name' | 'cityWide'> {
  interventionId: Rows['intervention']['id'];
  /** bigint as exact text (`::text`) */
  plannedSek: string;
  /** The intervention's areas; empty when it has none. */
  areas: { divisionId: string; code: string }[];
}

/** Money planned per intervention in a year (published, not stopped), with the intervention's areas. */
export async function plannedSpending(db: Queryable, year: number): Promise<PlannedRow[]> {
  return db.query<PlannedRow>(
    `SELECT i.id AS "interventionId", i.name, b.planned_sek::text AS "plannedSek", i.city_wide AS "cityWide",
            COALESCE((SELECT json_agg(json_build_object('divisionId', ia.division_id, 'code', ia.area_code) ORDER BY ia.division_id, ia.area_code)
                        FROM intervention_area ia WHERE ia.intervention_id = i.id), '[]'::json) AS areas
       FROM budget_line b JOIN intervention i ON i.id = b.intervention_id
      WHERE b.year = $1 AND b.planned_sek IS NOT NULL AND i.publication = 'published' AND i.status <> 'stopped'
      ORDER BY i.id`,
    [year],
  );
}

/** Years with money planned in the interventions register (ascending). */
export async function plannedYears(db: Queryable): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    `SELECT DISTINCT b.year FROM budget_line b JOIN intervention i ON i.id = b.intervention_id
      WHERE b.planned_sek IS NOT NULL AND i.publication = 'published' ORDER BY b.year`,
  );
  return rows.map((r) => r.year);
}
