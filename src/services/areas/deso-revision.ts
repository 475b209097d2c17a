/** Loading SCB's DeSO 2018 → DeSO 2025 key: the DeSO 2025 division, its areas and the crosswalk. */
import type { Database } from '../../db/database.ts';
import { AppError, type Problem } from '../../core/errors.ts';
import { buildDesoRevisionCrosswalk, DESO_2025 } from '../../core/geo/deso-revision.ts';
import { DIVISIONS, KOMMUN_CODE } from '../../core/geo/stockholm.ts';
import { upsertAreas, upsertDivisions } from '../../db/repositories/datasets.ts';
import { areaCodesOf } from '../../db/repositories/areas.ts';
import { upsertCrosswalks } from '../../db/repositories/crosswalks.ts';
import { readCsv } from '../../importers/csv-table.ts';
import { recordAudit } from '../audit.ts';
import { authorise, type CommandContext } from '../acting.ts';

const DESO = /^\d{4}[A-C]\d{4}$/;

/** Reads the key: columns named like `deso2018`/`DeSO 2018` and `deso2025`/`DeSO 2025`. */
export function parseDesoRevisionKey(text: string, file: string): { deso2018: string; deso2025: string }[] {
  const rows = readCsv(text, file);
  const col = (values: Record<string, string>, year: string) =>
    Object.keys(values).find((k) => k.toLowerCase().replace(/[\s_-]/g, '') === `deso${year}`);
  const problems: Problem[] = [];
  const out: { deso2018: string; deso2025: string }[] = [];
  for (const r of rows) {
    const c18 = col(r.values, '2018');
    const c25 = col(r.values, '2025');
    if (!c18 || !c25) {
      problems.push({ file, line: 1, field: c18 ? 'deso2025' : 'deso2018', message: 'missing column' });
      break;
    }
    const a = r.values[c18]!.trim();
    const b = r.values[c25]!.trim();
    if (!DESO.test(a))
      problems.push({ file, line: r.line, field: c18, message: `not a DeSO code: ${JSON.stringify(a)}` });
    else if (!DESO.test(b))
      problems.push({ file, line: r.line, field: c25, message: `not a DeSO code: ${JSON.stringify(b)}` });
    else out.push({ deso2018: a, deso2025: b });
  }
  if (problems.length) throw new AppError('import_failed', `${file}: ${problems.length} problem(s)`, problems);
  return out;
}

export async function loadDesoRevision(db: Database, ctx: CommandContext, file: string, text: string) {
  const all = parseDesoRevisionKey(text, file);
  const pairs = all.filter((p) => p.deso2018.startsWith(KOMMUN_CODE) || p.deso2025.startsWith(KOMMUN_CODE));
  return db.transaction(async (tx) => {
    const a = { ...(await authorise(tx, ctx.user, 'imports:write')), now: ctx.now };
    const known = new Set((await areaCodesOf(tx, DIVISIONS.deso)).map((r) => r.code));
    const notKnown = [...new Set(pairs.map((p) => p.deso2018))].filter((c) => !known.has(c));
    if (!known.size || notKnown.length)
      throw new AppError('import_failed', `${file}: DeSO 2018 codes that are not areas of ${DIVISIONS.deso}`, [
        { file, field: 'deso2018', message: known.size ? notKnown.slice(0, 10).join(', ') : 'DeSO 2018 is not loaded' },
      ]);
    await upsertDivisions(tx, [
      {
        id: DESO_2025,
        nameSv: 'DeSO 2025 (demografiska statistikområden)',
        nameEn: 'DeSO 2025 (demographic statistical areas)',
        level: 4,
        validFrom: '2025-01-01',
        validTo: null,
        sourceId: 'scb',
        sort: 5,
      },
    ]);
    const codes = [...new Set(pairs.map((p) => p.deso2025))].sort();
    await upsertAreas(
      tx,
      codes.map((code) => ({
        divisionId: DESO_2025,
        code,
        name: code,
        parentDivisionId: DIVISIONS.kommun,
        parentCode: KOMMUN_CODE,
        geometry: null,
        properties: {},
      })),
    );
    const cw = buildDesoRevisionCrosswalk(DIVISIONS.deso, pairs);
    await upsertCrosswalks(tx, [cw], 'scb');
    const report = {
      areas: codes.length,
      links: cw.links.length,
      split: cw.unmatched.length,
      uncovered: cw.uncovered.length,
    };
    await recordAudit(tx, {
      actor: a.audit,
      at: a.now,
      action: 'load_crosswalk',
      entity: 'division',
      entityId: DESO_2025,
      before: null,
      after: { file, ...report },
    });
    return report;
  });
}
