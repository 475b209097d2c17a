import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analysisStrings } from '../../src/web/i18n/analysis.ts';

describe('Analys texts', () => {
  it('Swedish and English have the same keys, none empty, and the same {placeholders}', () => {
    assert.deepEqual(Object.keys(analysisStrings.sv).sort(), Object.keys(analysisStrings.en).sort());
    for (const [k, sv] of Object.entries(analysisStrings.sv)) {
      const en = analysisStrings.en[k as keyof typeof analysisStrings.en];
      assert.ok(sv.trim() && en.trim(), k);
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(vars(sv), vars(en), k);
    }
  });
});
