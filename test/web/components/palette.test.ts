import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ASSESSMENT_BG,
  ASSESSMENT_TEXT,
  CATEGORICAL,
  contrastRatio,
  luminance,
  REFERENCE,
  sequential,
  textOn,
} from '../../../src/web/components/palette.ts';

describe('palette', () => {
  it('computes WCAG contrast ratios', () => {
    assert.equal(Math.round(contrastRatio('#000000', '#ffffff') * 10) / 10, 21);
    assert.equal(contrastRatio('#777777', '#777777'), 1);
    assert.throws(() => luminance('red'), /rrggbb/);
  });

  it('assessment text colours pass 4.5:1 on white and on their badge backgrounds', () => {
    for (const k of Object.keys(ASSESSMENT_TEXT) as (keyof typeof ASSESSMENT_TEXT)[]) {
      assert.ok(contrastRatio(ASSESSMENT_TEXT[k], '#ffffff') >= 4.5, `${k} on white`);
      assert.ok(contrastRatio(ASSESSMENT_TEXT[k], ASSESSMENT_BG[k]) >= 4.5, `${k} on its badge`);
    }
    assert.ok(contrastRatio(REFERENCE, '#ffffff') >= 4.5);
  });

  it('sequential scales get strictly darker class by class (readable without hue)', () => {
    for (let k = 1; k <= 7; k++) {
      const s = sequential(k);
      assert.equal(s.length, k);
      for (let i = 1; i < s.length; i++) assert.ok(luminance(s[i]!) < luminance(s[i - 1]!), `k=${k} class ${i}`);
    }
  });

  it('bar colour has 3:1 contrast to white (non-text contrast)', () => {
    assert.ok(contrastRatio(CATEGORICAL[0], '#ffffff') >= 3);
  });

  it('textOn picks the readable text colour', () => {
    assert.equal(textOn('#440154'), '#ffffff');
    assert.equal(textOn('#fde725'), '#000000');
  });
});
