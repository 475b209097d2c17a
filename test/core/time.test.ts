import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, isCalendarDate, stockholmDate } from '../../src/core/time.ts';

describe('the date in Stockholm', () => {
  it('is the next day between midnight and 01:00 in winter (UTC+1)', () => {
    assert.equal(stockholmDate(new Date('2026-01-14T22:59:59Z')), '2026-01-14');
    assert.equal(stockholmDate(new Date('2026-01-14T23:00:00Z')), '2026-01-15');
    assert.equal(stockholmDate(new Date('2026-01-14T23:30:00Z')), '2026-01-15');
  });

  it('is the next day between midnight and 02:00 in summer (UTC+2)', () => {
    assert.equal(stockholmDate(new Date('2026-06-14T21:59:59Z')), '2026-06-14');
    assert.equal(stockholmDate(new Date('2026-06-14T22:00:00Z')), '2026-06-15');
    assert.equal(stockholmDate(new Date('2026-06-15T01:30:00Z')), '2026-06-15');
  });

  it('crosses the year at Stockholm midnight, not UTC midnight', () => {
    assert.equal(stockholmDate(new Date('2025-12-31T23:00:00Z')), '2026-01-01');
    assert.equal(stockholmDate(new Date('2025-12-31T22:59:59.999Z')), '2025-12-31');
  });

  it('follows the DST changes (last Sunday of March and of October)', () => {
    // 2026-03-29: clocks go from 02:00 to 03:00 (UTC+1 → UTC+2) at 01:00 UTC
    assert.equal(stockholmDate(new Date('2026-03-28T22:59:59Z')), '2026-03-28');
    assert.equal(stockholmDate(new Date('2026-03-28T23:00:00Z')), '2026-03-29');
    assert.equal(stockholmDate(new Date('2026-03-29T21:59:59Z')), '2026-03-29'); // 23:59:59 CEST
    assert.equal(stockholmDate(new Date('2026-03-29T22:00:00Z')), '2026-03-30');
    // 2026-10-25: clocks go from 03:00 back to 02:00 (UTC+2 → UTC+1) at 01:00 UTC
    assert.equal(stockholmDate(new Date('2026-10-24T21:59:59Z')), '2026-10-24');
    assert.equal(stockholmDate(new Date('2026-10-24T22:00:00Z')), '2026-10-25');
    assert.equal(stockholmDate(new Date('2026-10-25T22:59:59Z')), '2026-10-25'); // 23:59:59 CET
    assert.equal(stockholmDate(new Date('2026-10-25T23:00:00Z')), '2026-10-26');
  });

  it('does not depend on the process time zone', () => {
    // the tests run with TZ=Europe/Stockholm; the answer is computed by Intl, not by local getters
    const d = new Date('2026-06-14T22:30:00Z');
    assert.equal(stockholmDate(d), '2026-06-15');
    assert.notEqual(d.toISOString().slice(0, 10), stockholmDate(d));
  });

  it('refuses an invalid instant', () => {
    assert.throws(() => stockholmDate(new Date('not a date')), RangeError);
  });
});

describe('calendar days', () => {
  it('adds days across months, years and leap days', () => {
    assert.equal(addDays('2026-06-15', 30), '2026-07-15');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2026-03-28', 2), '2026-03-30'); // a DST change in between changes nothing
  });

  it('knows real dates', () => {
    assert.ok(isCalendarDate('2028-02-29'));
    assert.ok(!isCalendarDate('2026-02-29'));
    assert.ok(!isCalendarDate('2026-02-30'));
    assert.ok(!isCalendarDate('2026-6-1'));
    assert.throws(() => addDays('2026-02-30', 1), RangeError);
  });
});
