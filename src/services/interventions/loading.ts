/**
 * The starting register: data/framework/interventions.json, loaded when the register is empty.
 * Target-area names are matched to areas by name (current stadsdelsområden first) and then to
 * named area groups ("Vantör", "Stureplan", "fokusområden i söderort"); a name that is neither is
 * reported and left out. Committees are matched by name against the organisation.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../db/database.ts';
import { interventionCount, readAreaRefs, writeInterventions } from '../../db/repositories/interventions.ts';
import { readAreaGroups } from '../../db/repositories/committees.ts';
import { AppError } from '../../core/errors.ts';
import { fromFramework } from '../../core/interventions/register.ts';
import type { Intervention } from '../../core/interventions/types.ts';
import { interventionsFileSchema } from '../../core/goals/framework-schema.ts';
import { defaultFrameworkDir } from '../../importers/framework.ts';
import type { StartupLoader } from '../loaders.ts';
import { committeeIdsFor } from './committees.ts';

/** Resolves a document's area name: an area's name, else a group's name or alias (its members). */
export async function areaResolver(tx: Queryable) {
  const areas = await readAreaRefs(tx);
  const byName = new Map<string, string>();
  for (const a of areas) {
    const k = (a.name ?? '').trim().toLowerCase();
    if (k && !byName.has(k)) byName.set(k, a.code);
  }
  const known = new Set(areas.map((a) => a.code));
  const groups = new Map<string, { id: string; members: string[] }>();
  for (const g of await readAreaGroups(tx)) {
    // members whose areas are not loaded are kept out (the foreign key of intervention_area)
    const members = g.members.map((m) => `${m.division}:${m.code}`).filter((k) => known.has(k));
    for (const n of [g.name, ...g.aliases]) groups.set(n.trim().toLowerCase(), { id: g.id, members });
  }
  return (name: string): { keys: string[]; group: string | null } | null => {
    const k = name.trim().toLowerCase();
    const hit = byName.get(k);
    if (hit) return { keys: [hit], group: null };
    const g = groups.get(k);
    return g && g.members.length ? { keys: g.members, group: g.id } : null;
  };
}

export function interventionsLoader(frameworkDir: string = defaultFrameworkDir): StartupLoader {
  return {
    id: 'interventions-register',
    needsDataDir: false,
    async isLoaded(db) {
      return (await interventionCount(db)) > 0;
    },
    async load(tx, ctx) {
      const file = join(frameworkDir, 'interventions.json');
      const raw = JSON.parse(await readFile(file, 'utf8')) as unknown;
      const parsed = interventionsFileSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          'import_failed',
          `${file}: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
          [{ file, field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid' }],
        );
      }
      const resolve = await areaResolver(tx);
      const list: Intervention[] = [];
      ctx.progress.step('Insatser (startregister)', parsed.data.length);
      for (const f of parsed.data) {
        const groups: string[] = [];
        const { intervention, unresolvedAreas } = fromFramework(f, (name) => {
          const r = resolve(name);
          if (r?.group) groups.push(r.group);
          return r ? r.keys : null;
        });
        if (unresolvedAreas.length)
          ctx.progress.info(
            `intervention ${f.id}: ${unresolvedAreas.join(', ')} is no known area; left out of its areas`,
          );
        list.push(groups.length ? { ...intervention, groups } : intervention);
        ctx.progress.tick(1);
      }
      const committees = await committeeIdsFor(tx, list, ctx.now());
      await writeInterventions(tx, list, committees, ctx.now());
    },
  };
}
