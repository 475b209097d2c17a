import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToStaticMarkup } from 'react-dom/server';
import { chartRows, documentKey, totalOf } from '../../../src/web/pages/goals/model.ts';
import { StatusBadge } from '../../../src/web/pages/goals/StatusBadge.tsx';
import { goalsStrings } from '../../../src/web/i18n/goals.ts';

describe('goals page helpers', () => {
  it('chartRows merges observed values, path and projection by year, leaving gaps empty', () => {
    const rows = chartRows({
      series: [
        { year: 2023, value: 6, source: 'a' },
        { year: 2025, value: 8, source: 'b' },
      ],
      path: [
        { year: 2023, value: 6 },
        { year: 2024, value: 3 },
        { year: 2025, value: 0 },
      ],
      projection: [
        { year: 2023, value: 6 },
        { year: 2026, value: 9 },
      ],
    });
    assert.deepEqual(rows, [
      { year: 2023, observed: 6, path: 6, projection: 6 },
      { year: 2024, observed: null, path: 3, projection: null },
      { year: 2025, observed: 8, path: 0, projection: null },
      { year: 2026, observed: null, path: null, projection: 9 },
    ]);
  });

  it('the status badge carries a symbol and the text, not colour alone', () => {
    const html = renderToStaticMarkup(<StatusBadge status="off_track" label="Ur kurs" count={2} />);
    assert.match(html, /data-status="off_track"/);
    assert.match(html, /✕/);
    assert.match(html, /Ur kurs: 2/);
  });

  it('Swedish and English texts have the same keys', () => {
    assert.deepEqual(Object.keys(goalsStrings.sv).sort(), Object.keys(goalsStrings.en).sort());
  });

  it('documentKey and totalOf', () => {
    assert.equal(documentKey('003_bcd631ecaa6cfe08.txt'), '003');
    assert.equal(totalOf({ met: 1, on_track: 2, at_risk: 0, off_track: 3, not_measurable: 4 }), 10);
  });
});
