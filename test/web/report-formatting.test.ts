import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatShare } from '../../src/web/components/format.ts';
import { figureDecimals } from '../../src/core/reports/figures.ts';

describe('report formatting on screen', () => {
  it('writes shares with the language’s decimal sign (city report page)', () => {
    assert.equal(formatShare(1, 'sv'), '100,0 %');
    assert.equal(formatShare(0, 'sv'), '0,0 %');
    assert.equal(formatShare(0.125, 'en'), '12.5 %');
    assert.equal(formatShare(null, 'sv'), '–');
  });

  it('writes figures with their indicator decimals, whole numbers whole without one', () => {
    assert.equal(figureDecimals(4, 0), 0);
    assert.equal(figureDecimals(66.04, 1), 1);
    assert.equal(figureDecimals(8, null), 0);
    assert.equal(figureDecimals(8.25, null), 1);
  });
});
