import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { engines, freshDatabase } from '../helpers/db.ts';
import { checkValues } from '../../src/db/row-types.ts';
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
