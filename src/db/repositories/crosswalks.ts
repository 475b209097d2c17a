/** Crosswalks between divisions: their links (with weights), unmatched source areas and uncovered target areas. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';
import type { Crosswalk } from '../../core/geo/crosswalk.ts';

/** Writes crosswalks with links, unmatched source areas and uncovered target areas (batched; re-running changes nothing). */
export async function upsertCrosswalks(
  db: Queryable,
  crosswalks: readonly Crosswalk[],
  sourceId: string | null,
): Promise<void> {
  if (!crosswalks.length) return;
  const c = crosswalks;
  await db.query(
    `INSERT INTO crosswalk (from_division_id, to_division_id, method, description, source_id)
     SELECT f, t, m, d, $5::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(f, t, m, d)
     ON CONFLICT (from_division_id, to_division_id) DO UPDATE SET method = EXCLUDED.method, description = EXCLUDED.description,
       source_id = EXCLUDED.source_id`,
    [c.map((x) => x.fromDivision), c.map((x) => x.toDivision), c.map((x) => x.kind), c.map((x) => x.method), sourceId],
  );
  const links = c.flatMap((x) => x.links.map((l) => ({ ...l, from: x.fromDivision, to: x.toDivision })));
  await db.query(
    `INSERT INTO crosswalk_link (from_division_id, from_code, to_division_id, to_code, weight, confidence, note, method)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[], $8::text[])
     ON CONFLICT (from_division_id, from_code, to_division_id, to_code) DO UPDATE SET weight = EXCLUDED.weight,
       confidence = EXCLUDED.confidence, note = EXCLUDED.note, method = EXCLUDED.method`,
    [
      links.map((l) => l.from),
      links.map((l) => l.fromCode),
      links.map((l) => l.to),
      links.map((l) => l.toCode),
      links.map((l) => String(l.weight)),
      links.map((l) => String(l.confidence)),
      links.map((l) => l.note),
      links.map((l) => l.method),
    ],
  );
  const un = c.flatMap((x) => x.unmatched.map((u) => ({ ...u, from: x.fromDivision, to: x.toDivision })));
  if (un.length)
    await db.query(
      `INSERT INTO crosswalk_unmatched (from_division_id, from_code, to_division_id, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (from_division_id, from_code, to_division_id) DO UPDATE SET reason = EXCLUDED.reason`,
      [un.map((u) => u.from), un.map((u) => u.code), un.map((u) => u.to), un.map((u) => u.reason)],
    );
  const uc = c.flatMap((x) => x.uncovered.map((u) => ({ ...u, from: x.fromDivision, to: x.toDivision })));
  if (uc.length)
    await db.query(
      `INSERT INTO crosswalk_uncovered (from_division_id, to_division_id, to_code, reason)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (from_division_id, to_division_id, to_code) DO UPDATE SET reason = EXCLUDED.reason`,
      [uc.map((u) => u.from), uc.map((u) => u.to), uc.map((u) => u.code), uc.map((u) => u.reason)],
    );
}

type CrosswalkTable = Rows['crosswalk'];
type AreaName = Rows['area']['name'];

export interface CrosswalkRow extends Pick<
  CrosswalkTable,
  'fromDivisionId' | 'toDivisionId' | 'method' | 'description'
> {
  links: (Pick<Rows['crosswalk_link'], 'fromCode' | 'toCode' | 'weight' | 'confidence' | 'method' | 'note'> & {
    fromName: AreaName;
    toName: AreaName;
  })[];
  unmatched: { code: Rows['crosswalk_unmatched']['fromCode']; reason: Rows['crosswalk_unmatched']['reason'] }[];
  uncovered: {
    code: Rows['crosswalk_uncovered']['toCode'];
    name: AreaName;
    reason: Rows['crosswalk_uncovered']['reason'];
  }[];
}

/** The crosswalk a row belongs to (from_division_id, to_division_id). */
interface Pair {
  from: CrosswalkTable['fromDivisionId'];
  to: CrosswalkTable['toDivisionId'];
}

/** Every crosswalk with its links (names joined), unmatched source areas and uncovered target areas. */
export async function listCrosswalks(db: Queryable): Promise<CrosswalkRow[]> {
  const [cws, links, unmatched, uncovered] = await Promise.all([
    db.query<Pair & Pick<CrosswalkTable, 'method' | 'description'>>(
      'SELECT from_division_id AS "from", to_division_id AS "to", method, description FROM crosswalk ORDER BY from_division_id, to_division_id',
    ),
    db.query<Pair & CrosswalkRow['links'][number]>(
      `SELECT l.from_division_id AS "from", l.to_division_id AS "to", l.from_code AS "fromCode", fa.name AS "fromName", l.to_code AS "toCode",
              ta.name AS "toName", l.weight, l.confidence, l.method, l.note
       FROM crosswalk_link l
       JOIN area fa ON fa.division_id = l.from_division_id AND fa.code = l.from_code
       JOIN area ta ON ta.division_id = l.to_division_id AND ta.code = l.to_code
       ORDER BY l.from_code, l.to_code`,
    ),
    db.query<Pair & CrosswalkRow['unmatched'][number]>(
      'SELECT from_division_id AS "from", to_division_id AS "to", from_code AS code, reason FROM crosswalk_unmatched ORDER BY from_code',
    ),
    db.query<Pair & CrosswalkRow['uncovered'][number]>(
      `SELECT u.from_division_id AS "from", u.to_division_id AS "to", u.to_code AS code, a.name, u.reason
       FROM crosswalk_uncovered u JOIN area a ON a.division_id = u.to_division_id AND a.code = u.to_code ORDER BY u.to_code`,
    ),
  ]);
  const of = <T extends { from: string; to: string }>(
    rows: T[],
    c: { from: string; to: string },
  ): Omit<T, 'from' | 'to'>[] =>
    rows.filter((r) => r.from === c.from && r.to === c.to).map(({ from: _f, to: _t, ...rest }) => rest);
  return cws.map((c) => ({
    fromDivisionId: c.from,
    toDivisionId: c.to,
    method: c.method,
    description: c.description,
    links: of(links, c),
    unmatched: of(unmatched, c),
    uncovered: of(uncovered, c),
  }));
}

export type CrosswalkLinkRow = Pick<Rows['crosswalk_link'], 'fromCode' | 'toCode' | 'weight'>;

/** The links of one crosswalk (weights as text: numeric). */
export async function crosswalkLinks(
  db: Queryable,
  fromDivision: string,
  toDivision: string,
): Promise<CrosswalkLinkRow[]> {
  return db.query<CrosswalkLinkRow>(
    `SELECT from_code AS "fromCode", to_code AS "toCode", weight::text AS weight
       FROM crosswalk_link WHERE from_division_id = $1 AND to_division_id = $2 ORDER BY from_code, to_code`,
    [fromDivision, toDivision],
  );
}
