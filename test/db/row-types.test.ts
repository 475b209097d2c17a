import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engines, freshDatabase } from '../helpers/db.ts';
import type { z } from 'zod';
import { checkValues } from '../../src/db/row-types.ts';
import type { Rows } from '../../src/db/rows.generated.ts';
import type { IndicatorKind, ObservationStatus, Polarity, Publication } from '../../src/core/contracts/statistics.ts';
import type { InterventionStatus } from '../../src/core/interventions/types.ts';
import type { goalStatusSchema } from '../../src/core/goals/framework-schema.ts';
import { ROW_TYPES_FILE, rowTypesText } from '../../scripts/row-types-file.ts';

describe('generated row types', () => {
  for (const engine of engines())
    it(`src/db/rows.generated.ts is what the migrations give (${engine}); else run npm run db:types`, async () => {
      const db = await freshDatabase(engine);
      try {
        assert.equal(await rowTypesText(db), readFileSync(ROW_TYPES_FILE, 'utf8'));
      } finally {
        await db.close();
      }
    });

  it('reads a CHECK that lists values as their union, and nothing else as one', () => {
    assert.deepEqual(checkValues("CHECK ((kind = ANY (ARRAY['share'::text, 'rate'::text])))"), ['share', 'rate']);
    assert.deepEqual(checkValues("CHECK ((role = 'admin'::text))"), ['admin']);
    assert.deepEqual(checkValues("CHECK ((note = ANY (ARRAY['it''s'::text, 'a, b'::text])))"), ["it's", 'a, b']);
    assert.equal(checkValues('CHECK ((supports > 0))'), null);
    assert.equal(checkValues("CHECK (((id <> ''::text) AND (POSITION((','::text) IN (id)) = 0)))"), null);
  });
});

// The database's CHECK lists and the contracts' enumerations are the same sets (a compile-time check: `npm run
// typecheck` fails when a migration and a contract disagree).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const databaseAgreesWithContracts: [
  Same<Rows['indicator']['kind'], IndicatorKind>,
  Same<Rows['indicator']['polarity'], Polarity>,
  Same<Rows['observation']['status'], ObservationStatus>,
  Same<Rows['indicator']['publication'], Publication>,
  Same<Rows['target']['publication'], Publication>,
  Same<Rows['intervention']['publication'], Publication>,
  Same<Rows['intervention']['status'], InterventionStatus>,
  Same<Rows['manual_status']['status'], z.infer<typeof goalStatusSchema>>,
] = [true, true, true, true, true, true, true, true];
