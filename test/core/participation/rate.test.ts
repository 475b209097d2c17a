import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decideWrite } from '../../../src/core/participation/rate.ts';

describe('decideWrite (sliding window per address)', () => {
  const limit = { limit: 3, windowMs: 60_000 };
  it('allows up to the limit, then refuses with the seconds until the oldest event leaves the window', () => {
    let events: readonly number[] = [];
    for (const at of [0, 10_000, 20_000]) {
      const d = decideWrite(events, at, limit);
      assert.equal(d.allowed, true);
      events = d.events;
    }
    const refused = decideWrite(events, 30_000, limit);
    assert.equal(refused.allowed, false);
    assert.equal(refused.retryAfterSeconds, 30);
    assert.deepEqual(refused.events, [0, 10_000, 20_000], 'a refused write is not recorded');
    const later = decideWrite(refused.events, 60_001, limit);
    assert.equal(later.allowed, true);
    assert.deepEqual(later.events, [10_000, 20_000, 60_001], 'events outside the window are dropped');
  });
});
