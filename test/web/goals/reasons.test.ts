// Every status reason code has words in Swedish and English, and every parameter a template uses is given.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REASON_CODES } from '../../../src/core/goals/reasons.ts';
import { levelStatus } from '../../../src/core/goals/status.ts';
import { reasonMessages } from '../../../src/i18n/goal-reasons.ts';

describe('status reasons as codes', () => {
  it('has a Swedish and an English template for every code', () => {
    for (const code of REASON_CODES) {
      for (const lang of ['sv', 'en'] as const) {
        const dict = reasonMessages[lang] as Record<string, string>;
        assert.ok(dict[`reason_${code}`], `${lang}: reason_${code}`);
      }
    }
  });

  it('gives the parameters the level templates use', () => {
    const r = levelStatus(
      [
        { year: 2023, value: 6 },
        { year: 2025, value: 8 },
      ],
      { form: 'level', targetValue: 0, comparator: 'at_most', deadline: 2030 },
      { asOfYear: 2026 },
    );
    const template = reasonMessages.sv[`reason_${r.reason.code}` as 'reason_level_met'];
    const used = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    for (const k of used) if (k !== 'goal') assert.ok(k in r.reason.params, `parameter ${k}`);
    assert.ok('cmp' in r.reason.params && 'target' in r.reason.params && 'deadline' in r.reason.params);
  });
});
