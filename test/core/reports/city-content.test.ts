/**
 * An approved city report is stored in the content contract of its day and read through the upgrade steps
 * (src/core/reports/city-content.ts). The golden file is content as version 1 wrote it (a committee's approved
 * report included, with its sections, money and need): it must stay readable by every later contract. If a
 * change to CityReportContent makes it fail, raise CITY_CONTENT_VERSION and add the step; never edit the file.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CityReportContent } from '../../../src/core/contracts/reports.ts';
import { CITY_CONTENT_VERSION, upgradeCityContent } from '../../../src/core/reports/city-content.ts';
import { repoRoot } from '../../helpers/paths.ts';

const stored = (version: number): unknown =>
  JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'city-report', `content-v${version}.json`), 'utf8'));

describe('approved city report content across contract versions', () => {
  it('reads content stored as every version up to the current one through the current contract', () => {
    for (let v = 1; v <= CITY_CONTENT_VERSION; v++) {
      const up = upgradeCityContent(stored(v), v);
      assert.ok(up.ok, `version ${v}: ${JSON.stringify(up)}`);
      const parsed = CityReportContent.safeParse(up.value);
      assert.ok(parsed.success, `version ${v}: ${JSON.stringify(parsed.error?.issues.slice(0, 3))}`);
      // what was approved is what is read: the money and the included report are not lost on the way
      const raw = stored(v) as { reports: { id: string }[]; moneyByCommittee: { planned: string }[] };
      assert.deepEqual(
        parsed.data.reports.map((r) => r.id),
        raw.reports.map((r) => r.id),
      );
      assert.deepEqual(
        parsed.data.moneyByCommittee.map((m) => m.planned),
        raw.moneyByCommittee.map((m) => m.planned),
      );
    }
  });

  it('the version 1 file has the parts a later contract could change', () => {
    const c = stored(1) as Record<string, unknown[]>;
    for (const part of ['reports', 'chapters', 'goalAreas', 'moneyByCommittee', 'moneyByDistrict'])
      assert.ok(Array.isArray(c[part]) && c[part]!.length > 0, part);
  });

  it('applies each step in order from the stored version to the current one', () => {
    const steps = {
      1: (c: Record<string, unknown>) => ({ ...c, trail: [...((c.trail as string[]) ?? []), '1→2'] }),
      2: (c: Record<string, unknown>) => ({ ...c, trail: [...(c.trail as string[]), '2→3'] }),
    };
    assert.deepEqual(upgradeCityContent({ a: 1 }, 1, steps, 3), { ok: true, value: { a: 1, trail: ['1→2', '2→3'] } });
    assert.deepEqual(upgradeCityContent({ a: 1, trail: [] }, 2, steps, 3), {
      ok: true,
      value: { a: 1, trail: ['2→3'] },
    });
    assert.deepEqual(upgradeCityContent({ a: 1 }, 3, steps, 3), { ok: true, value: { a: 1 } });
  });

  it('refuses content from a newer Färdplan, a missing step and content that is not an object', () => {
    assert.deepEqual(upgradeCityContent({}, CITY_CONTENT_VERSION + 1), {
      ok: false,
      refusal: { code: 'newer', version: CITY_CONTENT_VERSION + 1, known: CITY_CONTENT_VERSION },
    });
    assert.deepEqual(upgradeCityContent({}, 1, {}, 2), { ok: false, refusal: { code: 'missing_step', version: 1 } });
    assert.deepEqual(upgradeCityContent([1], 1), { ok: false, refusal: { code: 'not_an_object', version: 1 } });
    assert.deepEqual(upgradeCityContent(null, 1), { ok: false, refusal: { code: 'not_an_object', version: 1 } });
  });
});
