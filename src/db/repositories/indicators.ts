/** The indicator catalogue in the database: metadata, helper flags and analysts' drafts. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import type { IndicatorMetadata } from '../../core/contracts/indicators.ts';

/** A published indicator with its source: what every read of the catalogue gives (numeric comes back as string). */
export interface IndicatorRow extends Pick<
  Rows['indicator'],
  | 'id'
  | 'nameSv'
  | 'nameEn'
  | 'definitionSv'
  | 'definitionEn'
  | 'unit'
  | 'kind'
  | 'polarity'
  | 'numeratorId'
  | 'denominatorId'
  | 'multiplier'
  | 'decimals'
  | 'sort'
  | 'sourceId'
  /** A count that exists only as a numerator or denominator. */
  | 'helper'
> {
  sourceName: Rows['source']['name'] | null;
  sourcePublisher: Rows['source']['publisher'] | null;
  sourceCitation: Rows['source']['citation'] | null;
  sourceUrl: Rows['source']['url'];
  sourceLicence: Rows['source']['licence'];
}

const INDICATOR_SELECT = `SELECT i.id, i.name_sv AS "nameSv", i.name_en AS "nameEn", i.definition_sv AS "definitionSv", i.definition_en AS "definitionEn",
       i.unit, i.kind, i.polarity, i.numerator_id AS "numeratorId", i.denominator_id AS "denominatorId", i.multiplier, i.decimals,
       i.sort, i.source_id AS "sourceId", s.name AS "sourceName", s.publisher AS "sourcePublisher", s.citation AS "sourceCitation", s.url AS "sourceUrl",
       s.licence AS "sourceLicence", i.helper
  FROM indicator i LEFT JOIN source s ON s.id = i.source_id`;

/** The published indicators, in catalogue order. */
export async function listIndicators(db: Queryable): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE i.publication = 'published' ORDER BY i.sort, i.id`);
}

/** One published indicator, or null. */
export async function findIndicator(db: Queryable, id: string): Promise<IndicatorRow | null> {
  const rows = await db.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE i.id = $1 AND i.publication = 'published'`, [
    id,
  ]);
  return rows[0] ?? null;
}

/** The indicators with these ids (any publication state), in catalogue order. */
export async function indicatorsById(db: Queryable, ids: readonly string[]): Promise<IndicatorRow[]> {
  return db.query<IndicatorRow>(`${INDICATOR_SELECT} WHERE i.id = ANY($1::text[]) ORDER BY i.sort, i.id`, [[...ids]]);
}

/** Stores each indicator's metadata file and helper flag (the indicator rows exist already). */
export async function setIndicatorMetadata(
  db: Queryable,
  list: readonly IndicatorMetadata[],
  origin: 'catalogue' | 'app' = 'catalogue',
  by: { username: string | null; at: string } | null = null,
): Promise<void> {
  if (!list.length) return;
  await db.query(
    `UPDATE indicator i SET helper = t.h, metadata = t.m::jsonb, origin = $4, updated_by = $5, updated_at = $6::timestamptz
       FROM unnest($1::text[], $2::boolean[], $3::text[]) AS t(id, h, m) WHERE i.id = t.id`,
    [
      list.map((m) => m.id),
      list.map((m) => m.helper),
      list.map((m) => JSON.stringify(m)),
      origin,
      by?.username ?? null,
      by?.at ?? null,
    ],
  );
}

/** Ids of indicators that exist (any publication state). */
export async function existingIndicatorIds(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('SELECT id FROM indicator');
  return new Set(rows.map((r) => r.id));
}

export async function indicatorMetadata(db: Queryable, id: string): Promise<IndicatorMetadata | null> {
  const rows = await db.query<{ metadata: IndicatorMetadata | null }>('SELECT metadata FROM indicator WHERE id = $1', [
    id,
  ]);
  return rows[0]?.metadata ?? null;
}

export async function indicatorMetadataForUpdate(
  db: Queryable,
  id: string,
): Promise<{ metadata: IndicatorMetadata | null; publication: string } | null> {
  const rows = await db.query<{ metadata: IndicatorMetadata | null; publication: string }>(
    'SELECT metadata, publication FROM indicator WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0] ?? null;
}

export interface IndicatorDraftRow extends Omit<Rows['indicator_draft'], 'metadata'> {
  /** jsonb, written only from a checked IndicatorMetadata */
  metadata: IndicatorMetadata;
}

export async function findIndicatorDraft(db: Queryable, id: string, lock = false): Promise<IndicatorDraftRow | null> {
  const rows = await db.query<IndicatorDraftRow>(
    `SELECT id, metadata, created_by AS "createdBy", updated_at AS "updatedAt" FROM indicator_draft WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listIndicatorDrafts(db: Queryable): Promise<IndicatorDraftRow[]> {
  return db.query<IndicatorDraftRow>(
    `SELECT id, metadata, created_by AS "createdBy", updated_at AS "updatedAt" FROM indicator_draft ORDER BY id`,
  );
}

export async function saveIndicatorDraft(
  db: Queryable,
  d: { id: string; metadata: IndicatorMetadata; createdBy: string | null; at: string },
): Promise<void> {
  await db.query(
    `INSERT INTO indicator_draft (id, metadata, created_by, updated_at) VALUES ($1, $2::jsonb, $3, $4::timestamptz)
     ON CONFLICT (id) DO UPDATE SET metadata = EXCLUDED.metadata, updated_at = EXCLUDED.updated_at`,
    [d.id, JSON.stringify(d.metadata), d.createdBy, d.at],
  );
}

export async function deleteIndicatorDraft(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM indicator_draft WHERE id = $1', [id]);
}

/** The metadata of every indicator that has it (the catalogue as stored). */
export async function listCatalogueMetadata(db: Queryable): Promise<IndicatorMetadata[]> {
  const rows = await db.query<{ metadata: IndicatorMetadata }>(
    'SELECT metadata FROM indicator WHERE metadata IS NOT NULL ORDER BY sort, id',
  );
  return rows.map((r) => r.metadata);
}
