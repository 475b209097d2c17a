/**
 * Writing the goal framework: items (goal areas, strategies, targets, commitments) written whole, their
 * versions (goal_version, the history and the "as of" answers), and the state of the framework sync.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import {
  COMMITMENT_COLUMNS,
  GOAL_AREA_COLUMNS,
  insertManualStatus,
  STRATEGY_COLUMNS,
  TARGET_COLUMNS,
  type CommitmentRow,
  type GoalAreaRow,
  type GoalLinkRow,
  type ManualStatusRow,
  type StrategyRow,
  type TargetRow,
  type VisionRow,
} from './goals.ts';

export type ItemKind = Rows['goal_version']['kind'];
export type Publication = Rows['goal_version']['publication'];

export interface ItemRowOf {
  goal_area: GoalAreaRow;
  strategy: StrategyRow;
  target: TargetRow;
  commitment: CommitmentRow;
}

/** What an item carries beside its row: publication, retirement and the sync bookkeeping. */
export type ItemState = Pick<Rows['target'], 'publication' | 'retired' | 'editedInApp' | 'frameworkHash'>;

const TABLE: Record<ItemKind, string> = {
  goal_area: 'goal_area',
  strategy: 'strategy',
  target: 'target',
  commitment: 'commitment',
};
const COLUMNS: Record<ItemKind, string> = {
  goal_area: GOAL_AREA_COLUMNS,
  strategy: STRATEGY_COLUMNS,
  target: TARGET_COLUMNS,
  commitment: COMMITMENT_COLUMNS,
};
const STATE_COLUMNS = `publication, retired, edited_in_app AS "editedInApp", framework_hash AS "frameworkHash"`;

/** One item with its state, row-locked (`FOR UPDATE`) when `lock` is set; null when there is none. */
export async function readItem<K extends ItemKind>(
  db: Queryable,
  kind: K,
  id: string,
  lock = false,
): Promise<{ row: ItemRowOf[K]; state: ItemState } | null> {
  const rows = await db.query<ItemRowOf[K] & ItemState>(
    `SELECT ${COLUMNS[kind]}, ${STATE_COLUMNS} FROM ${TABLE[kind]} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  const { publication, retired, editedInApp, frameworkHash, ...row } = r;
  return { row: row as unknown as ItemRowOf[K], state: { publication, retired, editedInApp, frameworkHash } };
}

/** The sync bookkeeping of every item of a kind. */
export async function readItemStates(db: Queryable, kind: ItemKind): Promise<Map<string, ItemState>> {
  const rows = await db.query<ItemState & { id: string }>(`SELECT id, ${STATE_COLUMNS} FROM ${TABLE[kind]}`);
  return new Map(rows.map(({ id, ...s }) => [id, s]));
}

export async function itemExists(db: Queryable, kind: ItemKind, id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM ${TABLE[kind]} WHERE id = $1`, [id])).length > 0;
}

export async function maxSort(db: Queryable, kind: ItemKind): Promise<number> {
  const rows = await db.query<{ m: number | null }>(`SELECT max(sort) AS m FROM ${TABLE[kind]}`);
  return rows[0]?.m ?? 0;
}

/** The vision the roadmap's goal areas serve (null before a framework is loaded). */
export async function roadmapVisionId(db: Queryable): Promise<string | null> {
  const rows = await db.query<{ visionId: string }>(
    `SELECT vision_id AS "visionId" FROM goal_area WHERE framework = 'roadmap' AND vision_id IS NOT NULL ORDER BY sort LIMIT 1`,
  );
  return rows[0]?.visionId ?? null;
}

export async function writeGoalArea(db: Queryable, g: GoalAreaRow, s: ItemState): Promise<void> {
  await db.query(
    `INSERT INTO goal_area (id, framework, vision_id, number, title_sv, title_en, text_sv, text_en, source_doc, source_section,
       source_quote, sort, spec, publication, retired, edited_in_app, framework_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14, $15, $16, $17)
     ON CONFLICT (id) DO UPDATE SET framework = EXCLUDED.framework, vision_id = EXCLUDED.vision_id, number = EXCLUDED.number,
       title_sv = EXCLUDED.title_sv, title_en = EXCLUDED.title_en, text_sv = EXCLUDED.text_sv, text_en = EXCLUDED.text_en,
       source_doc = EXCLUDED.source_doc, source_section = EXCLUDED.source_section, source_quote = EXCLUDED.source_quote,
       sort = EXCLUDED.sort, spec = EXCLUDED.spec, publication = EXCLUDED.publication, retired = EXCLUDED.retired,
       edited_in_app = EXCLUDED.edited_in_app, framework_hash = EXCLUDED.framework_hash`,
    [
      g.id,
      g.framework,
      g.visionId,
      g.number,
      g.titleSv,
      g.titleEn,
      g.textSv,
      g.textEn,
      g.sourceDoc,
      g.sourceSection,
      g.sourceQuote,
      g.sort,
      JSON.stringify(g.spec),
      s.publication,
      s.retired,
      s.editedInApp,
      s.frameworkHash,
    ],
  );
}

export async function writeStrategy(db: Queryable, r: StrategyRow, s: ItemState): Promise<void> {
  await db.query(
    `INSERT INTO strategy (id, goal_area_id, number, title_sv, title_en, source_doc, source_section, source_quote, sort, spec,
       publication, retired, edited_in_app, framework_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14)
     ON CONFLICT (id) DO UPDATE SET goal_area_id = EXCLUDED.goal_area_id, number = EXCLUDED.number, title_sv = EXCLUDED.title_sv,
       title_en = EXCLUDED.title_en, source_doc = EXCLUDED.source_doc, source_section = EXCLUDED.source_section,
       source_quote = EXCLUDED.source_quote, sort = EXCLUDED.sort, spec = EXCLUDED.spec, publication = EXCLUDED.publication,
       retired = EXCLUDED.retired, edited_in_app = EXCLUDED.edited_in_app, framework_hash = EXCLUDED.framework_hash`,
    [
      r.id,
      r.goalAreaId,
      r.number,
      r.titleSv,
      r.titleEn,
      r.sourceDoc,
      r.sourceSection,
      r.sourceQuote,
      r.sort,
      JSON.stringify(r.spec),
      s.publication,
      s.retired,
      s.editedInApp,
      s.frameworkHash,
    ],
  );
}

export async function writeTarget(db: Queryable, t: TargetRow, s: ItemState): Promise<void> {
  await db.query(
    `INSERT INTO target (id, goal_area_id, strategy_id, form, title_sv, title_en, text_sv, indicator_id, needs_indicator, division_id,
       baseline_period, baseline_value, target_value, direction, deadline, spec, source_doc, source_section, sort, origin,
       parent_target_id, source_quote, responsible_committee_id, publication, retired, edited_in_app, framework_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::numeric, $13::numeric, $14, $15::date, $16::jsonb, $17, $18, $19,
       $20, $21, $22, $23, $24, $25, $26, $27)
     ON CONFLICT (id) DO UPDATE SET goal_area_id = EXCLUDED.goal_area_id, strategy_id = EXCLUDED.strategy_id, form = EXCLUDED.form,
       title_sv = EXCLUDED.title_sv, title_en = EXCLUDED.title_en, text_sv = EXCLUDED.text_sv, indicator_id = EXCLUDED.indicator_id,
       needs_indicator = EXCLUDED.needs_indicator, division_id = EXCLUDED.division_id, baseline_period = EXCLUDED.baseline_period,
       baseline_value = EXCLUDED.baseline_value, target_value = EXCLUDED.target_value, direction = EXCLUDED.direction,
       deadline = EXCLUDED.deadline, spec = EXCLUDED.spec, source_doc = EXCLUDED.source_doc, source_section = EXCLUDED.source_section,
       sort = EXCLUDED.sort, origin = EXCLUDED.origin, parent_target_id = EXCLUDED.parent_target_id,
       source_quote = EXCLUDED.source_quote, responsible_committee_id = EXCLUDED.responsible_committee_id,
       publication = EXCLUDED.publication, retired = EXCLUDED.retired, edited_in_app = EXCLUDED.edited_in_app,
       framework_hash = EXCLUDED.framework_hash`,
    [
      t.id,
      t.goalAreaId,
      t.strategyId,
      t.form,
      t.titleSv,
      t.titleEn,
      t.textSv,
      t.indicatorId,
      t.needsIndicator,
      t.divisionId,
      t.baselinePeriod,
      t.baselineValue,
      t.targetValue,
      t.direction,
      t.deadline,
      JSON.stringify(t.spec),
      t.sourceDoc,
      t.sourceSection,
      t.sort,
      t.origin,
      t.parentTargetId,
      t.sourceQuote,
      t.responsibleCommitteeId,
      s.publication,
      s.retired,
      s.editedInApp,
      s.frameworkHash,
    ],
  );
}

export async function writeCommitment(db: Queryable, c: CommitmentRow, s: ItemState): Promise<void> {
  await db.query(
    `INSERT INTO commitment (id, goal_area_id, target_id, title_sv, title_en, text_sv, source_doc, source_section, source_quote, sort,
       spec, responsible_committee_id, publication, retired, edited_in_app, framework_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16)
     ON CONFLICT (id) DO UPDATE SET goal_area_id = EXCLUDED.goal_area_id, target_id = EXCLUDED.target_id,
       title_sv = EXCLUDED.title_sv, title_en = EXCLUDED.title_en, text_sv = EXCLUDED.text_sv, source_doc = EXCLUDED.source_doc,
       source_section = EXCLUDED.source_section, source_quote = EXCLUDED.source_quote, sort = EXCLUDED.sort, spec = EXCLUDED.spec,
       responsible_committee_id = EXCLUDED.responsible_committee_id, publication = EXCLUDED.publication,
       retired = EXCLUDED.retired, edited_in_app = EXCLUDED.edited_in_app, framework_hash = EXCLUDED.framework_hash`,
    [
      c.id,
      c.goalAreaId,
      c.targetId,
      c.titleSv,
      c.titleEn,
      c.textSv,
      c.sourceDoc,
      c.sourceSection,
      c.sourceQuote,
      c.sort,
      JSON.stringify(c.spec),
      c.responsibleCommitteeId,
      s.publication,
      s.retired,
      s.editedInApp,
      s.frameworkHash,
    ],
  );
}

export async function writeVision(db: Queryable, v: VisionRow): Promise<void> {
  await db.query(
    `INSERT INTO vision (id, title_sv, title_en, text_sv, text_en, source_doc, source_section, source_quote)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET title_sv = EXCLUDED.title_sv, title_en = EXCLUDED.title_en, text_sv = EXCLUDED.text_sv,
       text_en = EXCLUDED.text_en, source_doc = EXCLUDED.source_doc, source_section = EXCLUDED.source_section,
       source_quote = EXCLUDED.source_quote`,
    [v.id, v.titleSv, v.titleEn, v.textSv, v.textEn, v.sourceDoc, v.sourceSection, v.sourceQuote],
  );
}

/** Replaces the links that start at one target or commitment. */
export async function replaceLinks(
  db: Queryable,
  fromKind: GoalLinkRow['fromKind'],
  fromId: string,
  links: readonly GoalLinkRow[],
): Promise<void> {
  await db.query('DELETE FROM goal_link WHERE from_kind = $1 AND from_id = $2', [fromKind, fromId]);
  if (!links.length) return;
  await db.query(
    `INSERT INTO goal_link (from_kind, from_id, to_kind, to_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
    [links.map((l) => l.fromKind), links.map((l) => l.fromId), links.map((l) => l.toKind), links.map((l) => l.toId)],
  );
}

export { insertManualStatus, type ManualStatusRow };

// ---------------------------------------------------------------------------------------------
// Versions

export type VersionRow = Rows['goal_version'];

const VERSION_COLUMNS = `kind, item_id AS "itemId", version, item, publication, retired, origin, decision_ref AS "decisionRef",
  changed_by AS "changedBy", changed_by_id AS "changedById", changed_at AS "changedAt"`;

/** Adds the next version of an item; returns its number. */
export async function insertVersion(db: Queryable, v: Omit<VersionRow, 'version' | 'changedAt'> & { changedAt: Date }) {
  const rows = await db.query<{ version: number }>(
    `INSERT INTO goal_version (kind, item_id, version, item, publication, retired, origin, decision_ref, changed_by, changed_by_id,
       changed_at)
     SELECT $1, $2, COALESCE(max(version), 0) + 1, $3::jsonb, $4, $5, $6, $7, $8, $9, $10::timestamptz
     FROM goal_version WHERE kind = $1 AND item_id = $2
     RETURNING version`,
    [
      v.kind,
      v.itemId,
      JSON.stringify(v.item),
      v.publication,
      v.retired,
      v.origin,
      v.decisionRef,
      v.changedBy,
      v.changedById,
      v.changedAt.toISOString(),
    ],
  );
  return rows[0]?.version ?? 1;
}

/** Every version of one item, oldest first. */
export async function readVersions(db: Queryable, kind: ItemKind, id: string): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM goal_version WHERE kind = $1 AND item_id = $2 ORDER BY version`,
    [kind, id],
  );
}

/** The ids of the items of a kind that have at least one version. */
export async function versionedIds(db: Queryable, kind: ItemKind): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT DISTINCT item_id AS id FROM goal_version WHERE kind = $1', [
    kind,
  ]);
  return new Set(rows.map((r) => r.id));
}

/** The latest version of every item of a kind at an instant (items created later are absent). */
export async function readVersionsAt(db: Queryable, kind: ItemKind, at: Date): Promise<VersionRow[]> {
  return db.query<VersionRow>(
    `SELECT DISTINCT ON (item_id) ${VERSION_COLUMNS} FROM goal_version
     WHERE kind = $1 AND changed_at <= $2::timestamptz ORDER BY item_id, version DESC`,
    [kind, at.toISOString()],
  );
}

// ---------------------------------------------------------------------------------------------
// Sync state and conflicts

export async function readSyncHash(db: Queryable, id: string): Promise<string | null> {
  const rows = await db.query<{ hash: string }>('SELECT hash FROM goal_sync_state WHERE id = $1', [id]);
  return rows[0]?.hash ?? null;
}

export async function writeSyncHash(db: Queryable, id: string, hash: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO goal_sync_state (id, hash, synced_at) VALUES ($1, $2, $3::timestamptz)
     ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, synced_at = EXCLUDED.synced_at`,
    [id, hash, at.toISOString()],
  );
}

export type ConflictRow = Rows['goal_sync_conflict'];

export async function upsertConflict(db: Queryable, c: Omit<ConflictRow, 'detectedAt'> & { detectedAt: Date }) {
  await db.query(
    `INSERT INTO goal_sync_conflict (kind, item_id, file_hash, file_item, detected_at) VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz)
     ON CONFLICT (kind, item_id) DO UPDATE SET file_hash = EXCLUDED.file_hash, file_item = EXCLUDED.file_item,
       detected_at = CASE WHEN goal_sync_conflict.file_hash = EXCLUDED.file_hash THEN goal_sync_conflict.detected_at
         ELSE EXCLUDED.detected_at END`,
    [c.kind, c.itemId, c.fileHash, JSON.stringify(c.fileItem), c.detectedAt.toISOString()],
  );
}

export async function deleteConflict(db: Queryable, kind: ItemKind, id: string): Promise<void> {
  await db.query('DELETE FROM goal_sync_conflict WHERE kind = $1 AND item_id = $2', [kind, id]);
}

export async function readConflicts(db: Queryable): Promise<ConflictRow[]> {
  return db.query<ConflictRow>(
    `SELECT kind, item_id AS "itemId", file_hash AS "fileHash", file_item AS "fileItem", detected_at AS "detectedAt"
     FROM goal_sync_conflict ORDER BY kind, item_id`,
  );
}
