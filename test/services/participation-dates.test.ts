import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, freshDatabase } from '../helpers/db.ts';
import { seededBytes } from '../helpers/app.ts';
import { upsertAreas, upsertDivisions } from '../../src/db/repositories/datasets.ts';
import {
  generateSupportCodes,
  moderateProposal,
  setThreshold,
  submitProposal,
  supportProposal,
} from '../../src/services/participation/index.ts';
import type { ActingUser } from '../../src/services/acting.ts';
import { AppError } from '../../src/core/errors.ts';
import type { Database } from '../../src/db/database.ts';

// Day-based rules use the date in Stockholm: just after midnight in Stockholm the UTC date is still
// the day before, and a support period must follow Stockholm's calendar.
for (const engine of engines())
  describe(`participation dates are Stockholm dates (${engine})`, () => {
    let db: Database;
    const admin: ActingUser = { id: null, username: 'test', role: 'admin', committeeId: null };
    const at = (iso: string) => ({ now: () => new Date(iso), randomBytes: seededBytes('dates') });
    let id = '';
    let codes: string[] = [];

    before(async () => {
      db = await freshDatabase(engine);
      await upsertDivisions(db, [
        { id: 'stadsdel', nameSv: 'Stadsdelsområde', nameEn: 'District', level: 1, validFrom: null, validTo: null },
      ]);
      await upsertAreas(db, [
        { divisionId: 'stadsdel', code: 'husby', name: 'Husby', parentDivisionId: null, parentCode: null },
      ]);
      const fx = at('2026-06-15T12:00:00Z');
      await setThreshold(db, { area: 'stadsdel:husby', supports: 10, periodDays: 30, verification: 'code' }, admin, fx);
      codes = (await generateSupportCodes(db, 'stadsdel:husby', 3, admin, fx)).codes;
    });
    after(async () => {
      await db?.close();
    });

    it('dates a proposal and its support period by the Stockholm day (00:30 on 16 June is 16 June)', async () => {
      const night = at('2026-06-15T22:30:00Z'); // 00:30 on 16 June in Stockholm (UTC+2)
      id = (await submitProposal(db, { area: 'stadsdel:husby', title: 'Bänkar', body: 'Fler bänkar i parken.' }, night))
        .id;
      const p = await moderateProposal(db, id, { action: 'publish' }, admin, night);
      assert.equal(p.submittedOn, '2026-06-16');
      assert.equal(p.supportUntil, '2026-07-16');
    });

    it('accepts support until 23:59 Stockholm time on the last day and refuses it at 00:00', async () => {
      const lastMinute = await supportProposal(db, id, { code: codes[0] }, at('2026-07-16T21:59:00Z'));
      assert.equal(lastMinute.supports, 1);
      await assert.rejects(
        supportProposal(db, id, { code: codes[1] }, at('2026-07-16T22:00:00Z')),
        (e: unknown) =>
          e instanceof AppError &&
          e.id === 'conflict' &&
          e.details[0]?.code === 'support_period_ended' &&
          e.details[0]?.params?.['until'] === '2026-07-16',
      );
    });
  });
