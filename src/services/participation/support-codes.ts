/**
 * Resident codes for supporting proposals: one per resident of an area, printed in a letter, shown
 * once; only `sha256(area, code)` is stored. A code supports each proposal of its area once.
 */
import type { Database } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation.ts';
import { reasonError } from '../../core/errors.ts';
import { makeCode, normaliseCode } from '../../core/participation/budgeting.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { authorise, checkArea, sha256, type Effects } from './common.ts';

export const supportCodeHash = (divisionId: string, areaCode: string, code: string): string =>
  sha256(`support-code:${divisionId}:${areaCode}:${code}`);

export async function generateSupportCodes(
  db: Database,
  area: string,
  count: number,
  user: ActingUser | null,
  fx: Effects,
): Promise<{ codes: string[]; total: number }> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const a = await checkArea(tx, area);
    authorise(acting, 'participation:manage', [a]);
    const codes = new Set<string>();
    while (codes.size < count) codes.add(makeCode(fx.randomBytes));
    const list = [...codes];
    const hashes = list.map((c) => supportCodeHash(a.divisionId, a.code, normaliseCode(c) as string));
    if ((await repo.insertSupportCodes(tx, a.divisionId, a.code, hashes)) !== list.length)
      throw reasonError('conflict', 'code_collision', 'a generated code already existed; try again');
    const total = await repo.supportCodeCount(tx, a.divisionId, a.code);
    await recordAudit(tx, {
      actor: acting.audit,
      at: fx.now(),
      action: 'generate_support_codes',
      entity: 'participation_threshold',
      entityId: area,
      before: null,
      after: { generated: count, total },
    });
    return { codes: list, total };
  });
}
