/**
 * Uploading polygons for a division (CLI, API): the file's area codes are checked against the
 * division's areas; matching areas get their polygon, the others are reported. One transaction,
 * authorised inside it, audited.
 */
import type { Database } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { authorise, type CommandContext } from '../acting.ts';
import {
  areaCodesOf,
  countAreasWithGeometry,
  divisionForUpdate,
  setAreaGeometries,
} from '../../db/repositories/areas.ts';
import { parseBoundaryFile } from '../../importers/boundaries.ts';
import { recordAudit } from '../audit.ts';

export interface BoundaryReport {
  divisionId: string;
  file: string;
  crs: 'WGS84' | 'SWEREF 99 TM';
  codeField: string;
  features: number;
  matched: number;
  /** Features whose code is no area of the division. */
  unmatched: { feature: number; code: string; name: string | null }[];
  /** Areas of the division the file gives no polygon for. */
  withoutPolygon: string[];
  areasWithPolygon: number;
}

export async function loadBoundaries(
  db: Database,
  ctx: CommandContext,
  divisionId: string,
  file: string,
  bytes: Uint8Array,
  options: { codeField?: string } = {},
): Promise<BoundaryReport> {
  const parsed = await parseBoundaryFile(file, bytes, options);
  const seen = new Map<string, number>();
  for (const f of parsed.features) {
    const prev = seen.get(f.code);
    if (prev !== undefined)
      throw new AppError('import_failed', `${file}: area ${f.code} appears twice (features ${prev} and ${f.index})`, [
        { file, line: f.index, field: parsed.codeField, message: `${f.code} also in feature ${prev}` },
      ]);
    seen.set(f.code, f.index);
  }
  return db.transaction(async (tx) => {
    const a = { ...(await authorise(tx, ctx.user, 'imports:write')), now: ctx.now };
    if (!(await divisionForUpdate(tx, divisionId)))
      throw new AppError('not_found', `division ${divisionId} was not found`, [
        { field: 'division', message: `unknown division ${divisionId}` },
      ]);
    const codes = new Set((await areaCodesOf(tx, divisionId)).map((r) => r.code));
    const matched = parsed.features.filter((f) => codes.has(f.code));
    const unmatched = parsed.features
      .filter((f) => !codes.has(f.code))
      .map((f) => ({ feature: f.index, code: f.code, name: f.name }));
    const given = new Set(matched.map((f) => f.code));
    const withoutPolygon = [...codes].filter((c) => !given.has(c)).sort();
    const before = await countAreasWithGeometry(tx, divisionId);
    const n = await setAreaGeometries(tx, divisionId, matched);
    const areasWithPolygon = await countAreasWithGeometry(tx, divisionId);
    const report: BoundaryReport = {
      divisionId,
      file,
      crs: parsed.crs,
      codeField: parsed.codeField,
      features: parsed.features.length,
      matched: n,
      unmatched,
      withoutPolygon,
      areasWithPolygon,
    };
    await recordAudit(tx, {
      actor: a.audit,
      at: a.now,
      action: 'load_boundaries',
      entity: 'division',
      entityId: divisionId,
      before: { areasWithPolygon: before },
      after: { file, crs: parsed.crs, matched: n, unmatched: unmatched.length, areasWithPolygon },
    });
    return report;
  });
}
