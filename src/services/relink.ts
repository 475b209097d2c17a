/**
 * Data can arrive in any order: whatever was stored before the data it refers to (targets before their
 * division, framework interventions before their areas) is linked when that data appears. Runs in the
 * transaction of every load that adds geography or statistics.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../db/database.ts';
import { interventionsFileSchema } from '../core/goals/framework-schema.ts';
import {
  addInterventionAreas,
  addInterventionGroups,
  interventionsWithoutAreas,
  relinkTargetDivisions,
} from '../db/repositories/relink.ts';
import { areaResolver } from './interventions/loading.ts';
import { defaultFrameworkDir } from '../importers/framework.ts';

export interface RelinkResult {
  targets: number;
  interventionAreas: number;
}

/**
 * Links framework interventions without areas to the areas their target-area names now resolve to: area names, and
 * named area groups (their members and the group itself), by the same rule as the register's loader.
 */
async function relinkInterventionAreas(tx: Queryable, frameworkDir: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(join(frameworkDir, 'interventions.json'), 'utf8'));
  } catch {
    return 0;
  }
  const parsed = interventionsFileSchema.safeParse(raw);
  if (!parsed.success) return 0;
  const named = parsed.data.filter((f) => f.targetAreas.length > 0);
  const waiting = new Set(
    await interventionsWithoutAreas(
      tx,
      named.map((f) => f.id),
    ),
  );
  if (!waiting.size) return 0;
  const resolve = await areaResolver(tx);
  const rows: { interventionId: string; divisionId: string; code: string }[] = [];
  const groups: { interventionId: string; groupId: string }[] = [];
  for (const f of named) {
    if (!waiting.has(f.id)) continue;
    for (const name of f.targetAreas) {
      const r = resolve(name);
      if (!r) continue;
      if (r.group) groups.push({ interventionId: f.id, groupId: r.group });
      for (const key of r.keys) {
        const at = key.indexOf(':');
        rows.push({ interventionId: f.id, divisionId: key.slice(0, at), code: key.slice(at + 1) });
      }
    }
  }
  await addInterventionAreas(tx, rows);
  await addInterventionGroups(tx, groups);
  return rows.length;
}

export async function relinkAfterLoad(
  tx: Queryable,
  frameworkDir: string = defaultFrameworkDir,
): Promise<RelinkResult> {
  const targets = await relinkTargetDivisions(tx);
  const interventionAreas = await relinkInterventionAreas(tx, frameworkDir);
  return { targets, interventionAreas };
}
