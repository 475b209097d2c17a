/**
 * Import (preview, then all-or-nothing in one transaction) and export of the register. The
 * preview and the commit run the same validation (limits included), so a preview that says OK
 * commits. The commit authorises every intervention, stored and new, inside its transaction.
 */
import type { z } from 'zod';
import type { Database, Queryable } from '../../db/database.ts';
import {
  readAreaRefs,
  readGoalRefs,
  readInterventions,
  writeInterventions,
} from '../../db/repositories/interventions.ts';
import { readAreaGroups } from '../../db/repositories/committees.ts';
import { AppError } from '../../core/errors.ts';
import { totalsOf } from '../../core/interventions/budget.ts';
import type { Intervention, KnownRefs } from '../../core/interventions/types.ts';
import type { ImportPreview } from '../../core/interventions/validation.ts';
import type { commitResponse, previewResponse } from '../../core/contracts/interventions.ts';
import {
  previewInterventionsFile,
  writeInterventionsCsv,
  writeInterventionsXlsx,
  type InterventionFileFormat,
} from '../../importers/interventions.ts';
import { recordAudit } from '../audit.ts';
import { auditActorOf, authorise, type ActingUser } from '../acting.ts';
import { committeeIdsFor } from './committees.ts';
import { scopeOf } from './scope.ts';
import { moneyJson } from './presenters.ts';

/** What an import may refer to, from the database. Areas of preferred divisions come first. */
export async function knownRefs(db: Queryable): Promise<KnownRefs> {
  const areas = await readAreaRefs(db);
  const goals = await readGoalRefs(db);
  const groups = await readAreaGroups(db);
  return {
    areas: areas.map((a) => ({ code: a.code, name: a.name })),
    goalAreas: goals.goalAreas,
    strategies: goals.strategies,
    targets: goals.targets,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      aliases: g.aliases,
      members: g.members.map((m) => `${m.division}:${m.code}`),
    })),
  };
}

export function previewJson(p: ImportPreview, existing: ReadonlySet<string>): z.infer<typeof previewResponse> {
  return {
    ok: p.ok,
    rowCount: p.rowCount,
    problems: p.problems,
    totals: {
      planned: p.totals.planned.toString(),
      decided: p.totals.decided.toString(),
      spent: p.totals.spent.toString(),
      budgetLines: p.totals.budgetLines,
    },
    interventions: p.interventions.map((i) => ({
      id: i.id,
      name: i.name,
      committee: i.committee,
      status: i.status,
      areas: i.areas,
      budgetLines: i.budget.length,
      totals: moneyJson(totalsOf(i.budget)),
      action: existing.has(i.id) ? ('update' as const) : ('create' as const),
    })),
  };
}

export async function previewImport(db: Queryable, content: Buffer, format: InterventionFileFormat) {
  const p = await previewInterventionsFile(content, format, await knownRefs(db));
  const ids = p.interventions.map((i) => i.id);
  const existing = new Set((await readInterventions(db, ids, { includeDrafts: true })).map((i) => i.id));
  return previewJson(p, existing);
}

/**
 * Validates the file again and writes it only when it has no problems: every intervention (insert
 * or replace by id; follow-ups are kept) in ONE transaction with its audit records, after checking
 * that the acting user may change each one as stored and as imported.
 */
export async function commitImport(
  db: Database,
  content: Buffer,
  format: InterventionFileFormat,
  ctx: { user: ActingUser | null; now: Date },
): Promise<z.infer<typeof commitResponse>> {
  const p = await previewInterventionsFile(content, format, await knownRefs(db));
  if (!p.ok) {
    throw new AppError(
      'import_failed',
      `The file has ${p.problems.length} problem(s); nothing was written`,
      p.problems.map((x) => ({ line: x.row, field: x.column, message: x.message })),
    );
  }
  return db.transaction(async (tx) => {
    const ids = p.interventions.map((i) => i.id);
    const stored = await readInterventions(tx, ids, { includeDrafts: true, lock: true });
    const before = new Map(stored.map((i) => [i.id, i]));
    const committees = await committeeIdsFor(tx, p.interventions, ctx.now);
    const list: Intervention[] = p.interventions.map((i) => ({
      ...i,
      committeeId: committees.get(i.committee) ?? null,
      // keep the document citation of interventions that come from the source documents
      citation: before.get(i.id)?.citation ?? null,
    }));
    await authorise(tx, ctx.user, 'interventions:write', ...stored.map(scopeOf), ...list.map(scopeOf));
    await writeInterventions(tx, list, committees, ctx.now);
    for (const i of list) {
      await recordAudit(tx, {
        actor: auditActorOf(ctx.user),
        at: ctx.now,
        action: 'import',
        entity: 'intervention',
        entityId: i.id,
        before: before.get(i.id) ?? null,
        after: i,
      });
    }
    return {
      written: list.length,
      created: list.filter((i) => !before.has(i.id)).map((i) => i.id),
      updated: list.filter((i) => before.has(i.id)).map((i) => i.id),
    };
  });
}

/**
 * The published register as CSV or XLSX in the import layout. Links to draft targets are left
 * out unless `includeDrafts` (staff; then draft interventions are in the file too).
 */
export async function exportRegister(
  db: Queryable,
  format: InterventionFileFormat,
  opts: { includeDrafts?: boolean } = {},
): Promise<{ body: Buffer | string; contentType: string; fileName: string }> {
  const includeDrafts = opts.includeDrafts ?? false;
  const all = await readInterventions(db, undefined, { includeDrafts });
  const published = new Set(
    (await readGoalRefs(db)).targets.filter((t) => t.publication === 'published').map((t) => t.code),
  );
  const list = includeDrafts ? all : all.map((i) => ({ ...i, targets: i.targets.filter((t) => published.has(t)) }));
  if (format === 'csv')
    return { body: writeInterventionsCsv(list), contentType: 'text/csv; charset=utf-8', fileName: 'insatser.csv' };
  return {
    body: await writeInterventionsXlsx(list),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: 'insatser.xlsx',
  };
}
