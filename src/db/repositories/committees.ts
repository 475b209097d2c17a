/**
 * Committees (nämnder, bolagsstyrelser), the areas they answer for, and named area groups.
 * committee_area and area_group_member have no foreign key to area: keys are resolved on read.
 */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

type Committee = Rows['committee'];
type CommitteeArea = Rows['committee_area'];

export interface CommitteeRow extends Pick<
  Committee,
  'id' | 'name' | 'nameEn' | 'kind' | 'validFrom' | 'validTo' | 'sourceHash' | 'editedAt'
> {
  /** aliases, note and source are parsed from the JSON in the source column (see meta). */
  aliases: string[];
  note: string;
  source: string;
  areas: { division: string; code: string }[];
}

/** The committee columns readCommitteeRows reads, under their SQL names. */
interface RawCommittee {
  id: Committee['id'];
  name: Committee['name'];
  name_en: Committee['nameEn'];
  kind: Committee['kind'];
  valid_from: Committee['validFrom'];
  valid_to: Committee['validTo'];
  source: Committee['source'];
  source_hash: Committee['sourceHash'];
  edited_at: Committee['editedAt'];
  division_id: Committee['divisionId'];
  area_code: Committee['areaCode'];
}

/** Aliases and notes are kept in the source column as JSON ({aliases, note}) to keep the table small. */
function meta(source: string): { aliases: string[]; note: string; source: string } {
  try {
    const m = JSON.parse(source) as { aliases?: unknown; note?: unknown; source?: unknown };
    return {
      aliases: Array.isArray(m.aliases) ? m.aliases.map(String) : [],
      note: typeof m.note === 'string' ? m.note : '',
      source: typeof m.source === 'string' ? m.source : '',
    };
  } catch {
    return { aliases: [], note: '', source };
  }
}

/** Every committee (or the given ids) with its areas; `lock` takes row locks (inside a transaction). */
export async function readCommitteeRows(
  db: Queryable,
  ids?: readonly string[],
  opts: { lock?: boolean } = {},
): Promise<CommitteeRow[]> {
  const rows = await db.query<RawCommittee>(
    `SELECT id, name, name_en, kind, valid_from, valid_to, source, source_hash, edited_at, division_id, area_code
       FROM committee ${ids ? 'WHERE id = ANY($1::text[])' : ''}
      ORDER BY kind, name, valid_from DESC NULLS FIRST, id${opts.lock ? ' FOR UPDATE' : ''}`,
    ids ? [ids] : [],
  );
  if (rows.length === 0) return [];
  const areas = await db.query<{
    committee_id: CommitteeArea['committeeId'];
    division_id: CommitteeArea['divisionId'];
    area_code: CommitteeArea['areaCode'];
  }>(
    `SELECT committee_id, division_id, area_code FROM committee_area WHERE committee_id = ANY($1::text[])
      ORDER BY committee_id, division_id, area_code`,
    [rows.map((r) => r.id)],
  );
  const byId = new Map<string, { division: string; code: string }[]>();
  for (const a of areas) {
    const list = byId.get(a.committee_id) ?? [];
    list.push({ division: a.division_id, code: a.area_code });
    byId.set(a.committee_id, list);
  }
  return rows.map((r) => {
    const m = meta(r.source);
    const own = byId.get(r.id) ?? [];
    // a committee written before committee_area existed keeps its one area
    if (r.division_id && r.area_code && !own.some((a) => a.division === r.division_id && a.code === r.area_code))
      own.push({ division: r.division_id, code: r.area_code });
    return {
      id: r.id,
      name: r.name,
      nameEn: r.name_en,
      kind: r.kind,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      aliases: m.aliases,
      note: m.note,
      source: m.source,
      sourceHash: r.source_hash,
      editedAt: r.edited_at,
      areas: own,
    };
  });
}

export interface CommitteeWrite {
  id: string;
  name: string;
  nameEn: string;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  aliases: readonly string[];
  note: string;
  source: string;
  areas: readonly { division: string; code: string }[];
}

/**
 * Inserts or replaces a committee and its areas. `sourceHash` is the fingerprint of the shipped
 * record (null when written in the app); `editedAt` marks a change made in the app.
 */
export async function writeCommittee(
  db: Queryable,
  c: CommitteeWrite,
  opts: { sourceHash: string | null; editedAt: Date | null },
): Promise<void> {
  await db.query(
    `INSERT INTO committee (id, name, name_en, kind, valid_from, valid_to, source, source_hash, edited_at)
     VALUES ($1, $2, $3, $4, $5::date, $6::date, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind,
       valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, source = EXCLUDED.source,
       source_hash = COALESCE(EXCLUDED.source_hash, committee.source_hash),
       edited_at = COALESCE(EXCLUDED.edited_at, committee.edited_at),
       division_id = NULL, area_code = NULL`,
    [
      c.id,
      c.name,
      c.nameEn,
      c.kind,
      c.validFrom,
      c.validTo,
      JSON.stringify({ aliases: c.aliases, note: c.note, source: c.source }),
      opts.sourceHash,
      opts.editedAt?.toISOString() ?? null,
    ],
  );
  await replaceAreas(db, 'committee_area', 'committee_id', c.id, c.areas);
}

type SyncState = Map<string, { sourceHash: string | null; edited: boolean }>;

/** Shipped fingerprints and app edits of a table's rows (for the start-up sync). */
async function syncState(db: Queryable, table: 'committee' | 'area_group'): Promise<SyncState> {
  type Synced = Rows[typeof table];
  const rows = await db.query<{ id: Synced['id']; source_hash: Synced['sourceHash']; edited_at: Synced['editedAt'] }>(
    `SELECT id, source_hash, edited_at FROM ${table}`,
  );
  return new Map(rows.map((r) => [r.id, { sourceHash: r.source_hash, edited: r.edited_at !== null }]));
}

/** Replaces the areas of one committee or area group (`division:code` pairs). */
async function replaceAreas(
  db: Queryable,
  table: 'committee_area' | 'area_group_member',
  owner: 'committee_id' | 'group_id',
  id: string,
  areas: readonly { division: string; code: string }[],
): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE ${owner} = $1`, [id]);
  if (!areas.length) return;
  await db.query(
    `INSERT INTO ${table} (${owner}, division_id, area_code)
     SELECT $1, d, a FROM unnest($2::text[], $3::text[]) AS t(d, a) ON CONFLICT DO NOTHING`,
    [id, areas.map((a) => a.division), areas.map((a) => a.code)],
  );
}

/** Shipped fingerprints and app edits of the committees (for the start-up sync). */
export const committeeSyncState = (db: Queryable): Promise<SyncState> => syncState(db, 'committee');

/** How many users and interventions name each committee. */
export async function committeeUse(db: Queryable): Promise<Map<string, { users: number; interventions: number }>> {
  const rows = await db.query<{ id: string; users: number; interventions: number }>(
    `SELECT c.id,
            (SELECT count(*)::int FROM app_user u WHERE u.committee_id = c.id) AS users,
            (SELECT count(*)::int FROM intervention i WHERE i.committee_id = c.id) AS interventions
       FROM committee c`,
  );
  return new Map(rows.map((r) => [r.id, { users: r.users, interventions: r.interventions }]));
}

// ------------------------------------------------------------------------------------ area groups

type AreaGroup = Rows['area_group'];
type AreaGroupMember = Rows['area_group_member'];

export interface AreaGroupRow extends Pick<
  AreaGroup,
  'id' | 'nameEn' | 'aliases' | 'note' | 'source' | 'sourceHash' | 'editedAt'
> {
  name: AreaGroup['nameSv'];
  members: { division: string; code: string }[];
}

export async function readAreaGroups(db: Queryable, ids?: readonly string[]): Promise<AreaGroupRow[]> {
  const rows = await db.query<{
    id: AreaGroup['id'];
    name_sv: AreaGroup['nameSv'];
    name_en: AreaGroup['nameEn'];
    aliases: AreaGroup['aliases'];
    note: AreaGroup['note'];
    source: AreaGroup['source'];
    source_hash: AreaGroup['sourceHash'];
    edited_at: AreaGroup['editedAt'];
  }>(
    `SELECT id, name_sv, name_en, aliases, note, source, source_hash, edited_at FROM area_group
      ${ids ? 'WHERE id = ANY($1::text[])' : ''} ORDER BY name_sv, id`,
    ids ? [ids] : [],
  );
  if (rows.length === 0) return [];
  const members = await db.query<{
    group_id: AreaGroupMember['groupId'];
    division_id: AreaGroupMember['divisionId'];
    area_code: AreaGroupMember['areaCode'];
  }>(
    `SELECT group_id, division_id, area_code FROM area_group_member WHERE group_id = ANY($1::text[])
      ORDER BY group_id, division_id, area_code`,
    [rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name_sv,
    nameEn: r.name_en,
    aliases: r.aliases,
    note: r.note,
    source: r.source,
    sourceHash: r.source_hash,
    editedAt: r.edited_at,
    members: members.filter((m) => m.group_id === r.id).map((m) => ({ division: m.division_id, code: m.area_code })),
  }));
}

export async function writeAreaGroup(
  db: Queryable,
  g: Omit<AreaGroupRow, 'sourceHash' | 'editedAt'>,
  opts: { sourceHash: string | null; editedAt: Date | null },
): Promise<void> {
  await db.query(
    `INSERT INTO area_group (id, name_sv, name_en, aliases, note, source, source_hash, edited_at)
     VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name_sv = EXCLUDED.name_sv, name_en = EXCLUDED.name_en, aliases = EXCLUDED.aliases,
       note = EXCLUDED.note, source = EXCLUDED.source, source_hash = COALESCE(EXCLUDED.source_hash, area_group.source_hash),
       edited_at = COALESCE(EXCLUDED.edited_at, area_group.edited_at)`,
    [g.id, g.name, g.nameEn, g.aliases, g.note, g.source, opts.sourceHash, opts.editedAt?.toISOString() ?? null],
  );
  await replaceAreas(db, 'area_group_member', 'group_id', g.id, g.members);
}

/** Shipped fingerprints and app edits of the area groups (for the start-up sync). */
export const areaGroupSyncState = (db: Queryable): Promise<SyncState> => syncState(db, 'area_group');

// ------------------------------------------------------------------------------------ the area hierarchy

/**
 * Every area below the given ones (`division:code` keys), the given ones included: through parent
 * links and exact crosswalk links (weight 1) in any division, and then every area of another
 * division whose exact parts all lie inside (e.g. the 2020 stadsdelsområde Rinkeby-Kista inside
 * Järva). Keys of areas that are not loaded yet are kept as given.
 */
export async function areasBelow(db: Queryable, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const split = keys.map((k) => [k.slice(0, k.indexOf(':')), k.slice(k.indexOf(':') + 1)] as const);
  const rows = await db.query<{ division_id: string; code: string }>(
    `WITH RECURSIVE edge(division_id, code, up_division_id, up_code) AS (
       SELECT division_id, code, parent_division_id, parent_code FROM area WHERE parent_code IS NOT NULL
       UNION ALL
       SELECT from_division_id, from_code, to_division_id, to_code FROM crosswalk_link WHERE weight = 1
     ),
     own(division_id, code) AS (
       SELECT d, c FROM unnest($1::text[], $2::text[]) AS t(d, c)
       UNION
       SELECT e.division_id, e.code FROM own o
         JOIN edge e ON e.up_division_id = o.division_id AND e.up_code = o.code
     ),
     covered(division_id, code) AS (
       SELECT e.up_division_id, e.up_code FROM edge e
        GROUP BY e.up_division_id, e.up_code, e.division_id
       HAVING bool_and(EXISTS (SELECT 1 FROM own o WHERE o.division_id = e.division_id AND o.code = e.code))
     ),
     inside(division_id, code) AS (
       SELECT division_id, code FROM own
       UNION
       SELECT c.division_id, c.code FROM covered c
        WHERE c.division_id <> 'kommun'
          AND NOT EXISTS (SELECT 1 FROM own o WHERE o.division_id = c.division_id AND o.code = c.code)
     )
     SELECT DISTINCT division_id, code FROM inside ORDER BY division_id, code`,
    [split.map((s) => s[0]), split.map((s) => s[1])],
  );
  return rows.map((r) => `${r.division_id}:${r.code}`);
}

/** The areas a committee answers for (from committee_area, and the legacy area column), as keys. */
export async function committeeOwnAreaKeys(db: Queryable, committeeId: string): Promise<string[]> {
  const rows = await db.query<{ division_id: CommitteeArea['divisionId']; area_code: CommitteeArea['areaCode'] }>(
    `SELECT division_id, area_code FROM committee_area WHERE committee_id = $1
     UNION
     SELECT division_id, area_code FROM committee WHERE id = $1 AND division_id IS NOT NULL AND area_code IS NOT NULL`,
    [committeeId],
  );
  return rows.map((r) => `${r.division_id}:${r.area_code}`);
}

/**
 * The areas that belong to a committee, as `division:code` keys: its own areas, every area below
 * them (stadsdelar, RegSO, DeSO) and every area wholly inside them in another division.
 */
export async function committeeAreaKeys(db: Queryable, committeeId: string): Promise<string[]> {
  return areasBelow(db, await committeeOwnAreaKeys(db, committeeId));
}

/** The member areas of area groups, as keys. */
export async function areaGroupMemberKeys(db: Queryable, groupIds: readonly string[]): Promise<string[]> {
  if (groupIds.length === 0) return [];
  const rows = await db.query<{ division_id: AreaGroupMember['divisionId']; area_code: AreaGroupMember['areaCode'] }>(
    `SELECT DISTINCT division_id, area_code FROM area_group_member WHERE group_id = ANY($1::text[]) ORDER BY 1, 2`,
    [groupIds],
  );
  return rows.map((r) => `${r.division_id}:${r.area_code}`);
}
