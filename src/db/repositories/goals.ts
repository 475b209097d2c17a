/** The goals framework in the database (tables of 0001 + 0020) and the observations the status needs. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

type Cited = 'sourceDoc' | 'sourceSection' | 'sourceQuote';

export type VisionRow = Pick<Rows['vision'], 'id' | 'titleSv' | 'titleEn' | 'textSv' | 'textEn' | Cited>;

export interface GoalAreaRow extends Pick<
  Rows['goal_area'],
  'id' | 'visionId' | 'number' | 'titleSv' | 'titleEn' | 'textSv' | 'textEn' | Cited | 'sort' | 'spec'
> {
  /** the column is text; the framework file and the app know two */
  framework: 'roadmap' | 'reform';
}

export type StrategyRow = Pick<
  Rows['strategy'],
  'id' | 'goalAreaId' | 'number' | 'titleSv' | 'titleEn' | Cited | 'sort' | 'spec'
>;

/** `spec` is the framework item as loaded (data/framework/targets.json) or as last edited. */
export type TargetRow = Pick<
  Rows['target'],
  | 'id'
  | 'goalAreaId'
  | 'strategyId'
  | 'form'
  | 'titleSv'
  | 'titleEn'
  | 'textSv'
  | 'indicatorId'
  | 'needsIndicator'
  | 'divisionId'
  | 'baselinePeriod'
  | 'baselineValue'
  | 'targetValue'
  | 'direction'
  | 'deadline'
  | 'origin'
  | 'parentTargetId'
  | Cited
  | 'sort'
  | 'responsibleCommitteeId'
  | 'spec'
>;

export type CommitmentRow = Pick<
  Rows['commitment'],
  | 'id'
  | 'goalAreaId'
  | 'targetId'
  | 'titleSv'
  | 'titleEn'
  | 'textSv'
  | Cited
  | 'sort'
  | 'responsibleCommitteeId'
  | 'spec'
>;

export type GoalLinkRow = Rows['goal_link'];

export type ManualStatusRow = Omit<Rows['manual_status'], 'id'>;

export interface FrameworkRows {
  vision: VisionRow;
  goalAreas: GoalAreaRow[];
  strategies: StrategyRow[];
  targets: TargetRow[];
  commitments: CommitmentRow[];
  links: GoalLinkRow[];
  manualStatuses: ManualStatusRow[];
}

/** True when the roadmap's goal areas are in the database. */
export async function isFrameworkLoaded(db: Queryable): Promise<boolean> {
  const rows = await db.query(`SELECT 1 FROM goal_area WHERE framework = 'roadmap' LIMIT 1`);
  return rows.length > 0;
}

/** Manual statuses are history: each call adds a dated, signed row; the latest one applies. */
export async function insertManualStatus(db: Queryable, m: ManualStatusRow): Promise<void> {
  await db.query(
    `INSERT INTO manual_status (target_id, commitment_id, status, note, set_by, set_at) VALUES ($1, $2, $3, $4, $5, $6::timestamptz)`,
    [m.targetId, m.commitmentId, m.status, m.note, m.setBy, m.setAt],
  );
}

export async function readVision(db: Queryable): Promise<VisionRow | null> {
  const rows = await db.query<VisionRow>(
    `SELECT id, title_sv AS "titleSv", title_en AS "titleEn", text_sv AS "textSv", text_en AS "textEn", source_doc AS "sourceDoc",
       source_section AS "sourceSection", source_quote AS "sourceQuote" FROM vision ORDER BY id LIMIT 1`,
  );
  return rows[0] ?? null;
}

export const GOAL_AREA_COLUMNS = `id, framework, vision_id AS "visionId", number, title_sv AS "titleSv", title_en AS "titleEn",
  text_sv AS "textSv", text_en AS "textEn", source_doc AS "sourceDoc", source_section AS "sourceSection",
  source_quote AS "sourceQuote", sort, spec`;

export const STRATEGY_COLUMNS = `id, goal_area_id AS "goalAreaId", number, title_sv AS "titleSv", title_en AS "titleEn",
  source_doc AS "sourceDoc", source_section AS "sourceSection", source_quote AS "sourceQuote", sort, spec`;

/** Live items: retired ones are left out; drafts only when asked for. */
const VISIBLE = `NOT retired AND ($1::boolean OR publication = 'published')`;

type WithPublication<T> = T & Pick<Rows['goal_area'], 'publication'>;

export async function readGoalAreas(db: Queryable, includeDrafts = false): Promise<WithPublication<GoalAreaRow>[]> {
  return db.query<WithPublication<GoalAreaRow>>(
    `SELECT ${GOAL_AREA_COLUMNS}, publication FROM goal_area WHERE ${VISIBLE} ORDER BY framework DESC, sort, id`,
    [includeDrafts],
  );
}

export async function readStrategies(db: Queryable, includeDrafts = false): Promise<WithPublication<StrategyRow>[]> {
  return db.query<WithPublication<StrategyRow>>(
    `SELECT ${STRATEGY_COLUMNS}, publication FROM strategy WHERE ${VISIBLE} ORDER BY goal_area_id, sort, id`,
    [includeDrafts],
  );
}

export const TARGET_COLUMNS = `id, goal_area_id AS "goalAreaId", strategy_id AS "strategyId", form, title_sv AS "titleSv", title_en AS "titleEn",
  text_sv AS "textSv", indicator_id AS "indicatorId", needs_indicator AS "needsIndicator", division_id AS "divisionId",
  baseline_period AS "baselinePeriod", baseline_value AS "baselineValue", target_value AS "targetValue", direction,
  to_char(deadline, 'YYYY-MM-DD') AS deadline, origin, parent_target_id AS "parentTargetId", source_doc AS "sourceDoc",
  source_section AS "sourceSection", source_quote AS "sourceQuote", sort, responsible_committee_id AS "responsibleCommitteeId", spec`;

export const COMMITMENT_COLUMNS = `id, goal_area_id AS "goalAreaId", target_id AS "targetId", title_sv AS "titleSv", title_en AS "titleEn",
  text_sv AS "textSv", source_doc AS "sourceDoc", source_section AS "sourceSection", source_quote AS "sourceQuote", sort,
  responsible_committee_id AS "responsibleCommitteeId", spec`;

export async function readTargets(db: Queryable, includeDrafts = false): Promise<TargetRow[]> {
  return db.query<TargetRow>(`SELECT ${TARGET_COLUMNS}, publication FROM target WHERE ${VISIBLE} ORDER BY sort, id`, [
    includeDrafts,
  ]);
}

export async function readTarget(
  db: Queryable,
  id: string,
  includeDrafts = false,
): Promise<(TargetRow & { publication: 'draft' | 'published'; retired: boolean }) | null> {
  const rows = await db.query<TargetRow & { publication: 'draft' | 'published'; retired: boolean }>(
    `SELECT ${TARGET_COLUMNS}, publication, retired FROM target WHERE id = $1 AND ($2::boolean OR (publication = 'published' AND NOT retired))`,
    [id, includeDrafts],
  );
  return rows[0] ?? null;
}

export async function readCommitments(db: Queryable, includeDrafts = false): Promise<CommitmentRow[]> {
  return db.query<CommitmentRow>(
    `SELECT ${COMMITMENT_COLUMNS}, publication FROM commitment WHERE ${VISIBLE} ORDER BY sort, id`,
    [includeDrafts],
  );
}

export async function readGoalLinks(db: Queryable): Promise<GoalLinkRow[]> {
  return db.query<GoalLinkRow>(
    `SELECT from_kind AS "fromKind", from_id AS "fromId", to_kind AS "toKind", to_id AS "toId" FROM goal_link
     ORDER BY from_kind, from_id, to_kind, to_id`,
  );
}

/** The latest manual status of every target and commitment that has one. */
export async function readLatestManualStatuses(db: Queryable): Promise<ManualStatusRow[]> {
  return db.query<ManualStatusRow>(
    `SELECT DISTINCT ON (COALESCE(target_id, ''), COALESCE(commitment_id, ''))
       target_id AS "targetId", commitment_id AS "commitmentId", status, note, set_by AS "setBy", set_at AS "setAt"
     FROM manual_status ORDER BY COALESCE(target_id, ''), COALESCE(commitment_id, ''), set_at DESC, id DESC`,
  );
}

export interface SeriesRow extends Pick<Rows['observation'], 'areaCode' | 'period' | 'value' | 'source'> {
  areaName: Rows['area']['name'];
}

/** Observations of an indicator (total breakdown) in a division, optionally for one area. */
export async function readSeries(
  db: Queryable,
  indicatorId: string,
  divisionId: string,
  areaCode?: string,
): Promise<SeriesRow[]> {
  return db.query<SeriesRow>(
    `SELECT o.area_code AS "areaCode", a.name AS "areaName", o.period, o.value, o.source
     FROM observation o JOIN area a ON a.division_id = o.division_id AND a.code = o.area_code
     WHERE o.indicator_id = $1 AND o.division_id = $2 AND o.breakdown = '' AND ($3::text IS NULL OR o.area_code = $3)
     ORDER BY o.area_code, o.period`,
    [indicatorId, divisionId, areaCode ?? null],
  );
}

export async function indicatorHasObservations(db: Queryable, indicatorId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM observation WHERE indicator_id = $1 LIMIT 1', [indicatorId]);
  return rows.length > 0;
}

export async function areaExists(db: Queryable, divisionId: string, code: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM area WHERE division_id = $1 AND code = $2', [divisionId, code]);
  return rows.length > 0;
}

export async function divisionExists(db: Queryable, divisionId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM division WHERE id = $1', [divisionId]);
  return rows.length > 0;
}

export async function sourceExists(db: Queryable, sourceId: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM source WHERE id = $1', [sourceId]);
  return rows.length > 0;
}

export interface LinkedInterventionRow extends Pick<Rows['intervention'], 'id' | 'name' | 'status'> {
  committeeName: Rows['committee']['name'] | null;
}

/** Interventions in the register linked to a target (intervention_link kind 'target'). */
export async function readInterventionsForTarget(
  db: Queryable,
  targetId: string,
  includeDrafts = false,
): Promise<LinkedInterventionRow[]> {
  return db.query<LinkedInterventionRow>(
    `SELECT i.id, i.name, i.status, c.name AS "committeeName"
     FROM intervention_link l JOIN intervention i ON i.id = l.intervention_id LEFT JOIN committee c ON c.id = i.committee_id
     WHERE l.kind = 'target' AND l.ref_id = $1 AND ($2::boolean OR i.publication = 'published') ORDER BY i.name, i.id`,
    [targetId, includeDrafts],
  );
}

/**
 * Makes sure the city's division and area exist (for the city-level counts) without touching them when
 * the reference data has already written them.
 */
export async function ensureCityArea(
  db: Queryable,
  division: { id: string; nameSv: string; nameEn: string },
  area: { code: string; name: string },
): Promise<void> {
  await db.query(
    `INSERT INTO division (id, name_sv, name_en, level, sort) VALUES ($1, $2, $3, 0, 0) ON CONFLICT (id) DO NOTHING`,
    [division.id, division.nameSv, division.nameEn],
  );
  await db.query(
    `INSERT INTO area (division_id, code, name) VALUES ($1, $2, $3) ON CONFLICT (division_id, code) DO NOTHING`,
    [division.id, area.code, area.name],
  );
}

/** The latest manual status of one target or commitment, or null. */
export async function readLatestManualStatusFor(
  db: Queryable,
  kind: 'target' | 'commitment',
  id: string,
): Promise<ManualStatusRow | null> {
  const rows = await db.query<ManualStatusRow>(
    `SELECT target_id AS "targetId", commitment_id AS "commitmentId", status, note, set_by AS "setBy", set_at AS "setAt"
     FROM manual_status WHERE ${kind === 'target' ? 'target_id' : 'commitment_id'} = $1 ORDER BY set_at DESC, id DESC LIMIT 1`,
    [id],
  );
  return rows[0] ?? null;
}

/** The publication state of a target or commitment (drafts included), or null when there is none with that id; `lock` takes a row lock. */
export async function readPublication(
  db: Queryable,
  kind: 'target' | 'commitment',
  id: string,
  lock = false,
): Promise<'draft' | 'published' | null> {
  const rows = await db.query<{ publication: 'draft' | 'published' }>(
    `SELECT publication FROM ${kind === 'target' ? 'target' : 'commitment'} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0]?.publication ?? null;
}

export async function updatePublication(
  db: Queryable,
  kind: 'target' | 'commitment',
  id: string,
  publication: 'draft' | 'published',
): Promise<void> {
  await db.query(`UPDATE ${kind === 'target' ? 'target' : 'commitment'} SET publication = $2 WHERE id = $1`, [
    id,
    publication,
  ]);
}
