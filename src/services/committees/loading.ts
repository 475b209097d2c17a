/**
 * The organisation shipped as data (data/organisation/committees.json and area-groups.json): loaded
 * on the first start and synced on later ones. New records are added, records changed in the file
 * are updated, and records changed in the app (edited_at set) are left alone.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import {
  areaGroupsFileSchema,
  committeesFileSchema,
  fingerprint,
  type AreaGroupRecord,
  type CommitteeRecord,
} from '../../core/committees/schema.ts';
import {
  areaGroupSyncState,
  committeeSyncState,
  writeAreaGroup,
  writeCommittee,
} from '../../db/repositories/committees.ts';
import type { StartupLoader } from '../loaders.ts';
import type { z } from 'zod';

export const defaultOrganisationDir = fileURLToPath(new URL('../../../data/organisation/', import.meta.url));

interface Organisation {
  source: string;
  committees: CommitteeRecord[];
  groups: AreaGroupRecord[];
}

async function readJson<T extends z.ZodType>(file: string, schema: T): Promise<z.infer<T>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new AppError('import_failed', `${file}: ${(e as Error).message}`, [
      { file, field: '', message: (e as Error).message },
    ]);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('import_failed', `${file}: ${field}: ${issue?.message ?? 'invalid'}`, [
      { file, field, message: issue?.message ?? 'invalid' },
    ]);
  }
  return parsed.data;
}

export async function readOrganisation(dir: string = defaultOrganisationDir): Promise<Organisation> {
  const c = await readJson(join(dir, 'committees.json'), committeesFileSchema);
  const g = await readJson(join(dir, 'area-groups.json'), areaGroupsFileSchema);
  const ids = new Set<string>();
  for (const x of c.committees) {
    if (ids.has(x.id))
      throw new AppError('import_failed', `committees.json: committee "${x.id}" appears twice`, [
        { file: join(dir, 'committees.json'), field: 'id', message: `duplicate id ${x.id}` },
      ]);
    ids.add(x.id);
  }
  return {
    source: [c.source.title, c.source.url].filter(Boolean).join(' — '),
    committees: c.committees,
    groups: g.groups,
  };
}

/** What a start would write: records that are new, or changed in the file and not edited in the app. */
async function pending(db: Queryable, org: Organisation) {
  const cs = await committeeSyncState(db);
  const gs = await areaGroupSyncState(db);
  const stale = (s: { sourceHash: string | null; edited: boolean } | undefined, hash: string) =>
    !s || (!s.edited && s.sourceHash !== hash);
  return {
    committees: org.committees.filter((c) => stale(cs.get(c.id), fingerprint(c))),
    groups: org.groups.filter((g) => stale(gs.get(g.id), fingerprint(g))),
  };
}

/** Writes the pending records; returns how many of each. */
export async function syncOrganisation(
  tx: Queryable,
  dir: string = defaultOrganisationDir,
): Promise<{ committees: number; groups: number }> {
  const org = await readOrganisation(dir);
  const p = await pending(tx, org);
  for (const c of p.committees)
    await writeCommittee(
      tx,
      {
        id: c.id,
        name: c.name.sv,
        nameEn: c.name.en,
        kind: c.kind,
        validFrom: c.validFrom,
        validTo: c.validTo,
        aliases: c.aliases,
        note: c.note,
        source: org.source,
        areas: c.areas,
      },
      { sourceHash: fingerprint(c), editedAt: null },
    );
  for (const g of p.groups)
    await writeAreaGroup(
      tx,
      {
        id: g.id,
        name: g.name.sv,
        nameEn: g.name.en,
        aliases: g.aliases,
        note: g.note,
        source: org.source,
        members: g.members,
      },
      { sourceHash: fingerprint(g), editedAt: null },
    );
  return { committees: p.committees.length, groups: p.groups.length };
}

/** The start-up loader: runs when the file holds something the database does not. */
export function organisationLoader(dir: string = defaultOrganisationDir): StartupLoader {
  return {
    id: 'organisation',
    needsDataDir: false,
    async isLoaded(db) {
      const p = await pending(db, await readOrganisation(dir));
      return p.committees.length === 0 && p.groups.length === 0;
    },
    async load(tx, ctx) {
      ctx.progress.step('Organisation (nämnder och områdesgrupper)', 1);
      const n = await syncOrganisation(tx, dir);
      ctx.progress.tick(1);
      ctx.progress.info(`organisation: ${n.committees} committee(s) and ${n.groups} area group(s) written`);
    },
  };
}
