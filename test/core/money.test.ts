import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MoneyError,
  addRatio,
  compareRatio,
  decimalToRatio,
  formatKronor,
  formatMnkr,
  formatPercent,
  formatPercentagePoints,
  formatPerResident,
  kronorToMnkrText,
  parseKronor,
  parseMnkr,
  parseMoney,
  perResident,
  ratio,
  roundHalfAwayFromZero,
  roundRatio,
  share,
  subRatio,
  sumKronor,
} from '../../src/core/money.ts';

const NBSP = '\u00a0';

describe('parseMnkr', () => {
  it('reads whole and decimal mnkr in Swedish and English notation', () => {
    assert.equal(parseMnkr('4'), 4_000_000n);
    assert.equal(parseMnkr('4,5'), 4_500_000n);
    assert.equal(parseMnkr('4.5'), 4_500_000n);
    assert.equal(parseMnkr('0.25'), 250_000n);
    assert.equal(parseMnkr('0,000001'), 1n);
    assert.equal(parseMnkr('100'), 100_000_000n);
    assert.equal(parseMnkr(' 16 '), 16_000_000n);
  });
  it('reads a unit in the text, which overrides the default', () => {
    assert.equal(parseMnkr('16 mnkr'), 16_000_000n);
    assert.equal(parseMnkr('+8 mnkr'), 8_000_000n);
    assert.equal(parseMnkr('16 MNKR'), 16_000_000n);
    assert.equal(parseMnkr('16 miljoner kronor'), 16_000_000n);
    assert.equal(parseMnkr('250 tkr'), 250_000n);
    assert.equal(parseMnkr('1 500 kr'), 1_500n);
    assert.equal(parseMnkr('1,2 mdkr'), 1_200_000_000n);
    assert.equal(parseMnkr('SEK 4.5 million'), 4_500_000n);
  });
  it('reads digit groups separated by spaces, including no-break spaces', () => {
    assert.equal(parseKronor('1 000 000'), 1_000_000n);
    assert.equal(parseKronor(`1${NBSP}000${NBSP}000 kr`), 1_000_000n);
    assert.equal(parseKronor('1\u202f234,00'), 1_234n);
    assert.equal(parseMnkr('1 234,5'), 1_234_500_000n);
  });
  it('rejects more precision than a krona', () => {
    assert.throws(
      () => parseMnkr('0,0000005'),
      (e: unknown) => e instanceof MoneyError && e.code === 'too-precise',
    );
    assert.throws(
      () => parseKronor('10,50'),
      (e: unknown) => e instanceof MoneyError && e.code === 'too-precise',
    );
    assert.throws(() => parseMnkr('1.2345678'), /more precise than a krona/);
    // exactly a krona is fine however many zeros
    assert.equal(parseKronor('10,000'), 10n);
  });
  it('rejects negatives unless allowed', () => {
    assert.throws(
      () => parseMnkr('-4'),
      (e: unknown) => e instanceof MoneyError && e.code === 'negative',
    );
    assert.throws(
      () => parseMnkr('\u22124,5'),
      (e: unknown) => e instanceof MoneyError && e.code === 'negative',
    );
    assert.equal(parseMnkr('-4,5', { allowNegative: true }), -4_500_000n);
    assert.equal(parseMnkr('\u22120,25', { allowNegative: true }), -250_000n);
    assert.equal(parseMnkr('-0'), 0n);
  });
  it('rejects garbage with a clear code', () => {
    for (const bad of [
      'abc',
      '4,5,6',
      '4.5.6',
      '1,000.5',
      '12 34',
      '4,',
      ',5',
      '4 mnkr kr',
      '1e6',
      'NaN',
      '--4',
      '4-',
      '0x10',
      '1 00 000',
    ]) {
      const r = parseMoney(bad);
      assert.equal(r.ok, false, `"${bad}" should be rejected`);
      if (!r.ok) assert.equal(r.code, 'syntax', bad);
    }
    const empty = parseMoney('   ');
    assert.equal(empty.ok, false);
    if (!empty.ok) assert.equal(empty.code, 'empty');
  });
  it('keeps exactness far beyond floating point', () => {
    // 0.1 + 0.2 mnkr is exactly 0.3 mnkr (floating point would say 0.30000000000000004)
    assert.equal(parseMnkr('0,1') + parseMnkr('0,2'), parseMnkr('0,3'));
    // beyond 2^53 kronor
    assert.equal(parseMnkr('123456789012,345678'), 123_456_789_012_345_678n);
  });
});

describe('sums, shares and rationals', () => {
  it('sums kronor, skipping unknown amounts', () => {
    assert.equal(sumKronor([4_000_000n, null, 8_000_000n, undefined, 5_000_000n]), 17_000_000n);
    assert.equal(sumKronor([]), 0n);
  });
  it('gives exact shares', () => {
    // 4 of 16 mnkr is 1/4
    assert.deepEqual(share(4_000_000n, 16_000_000n), { num: 1n, den: 4n });
    // 1 of 3 is 1/3, not 0.333…
    assert.deepEqual(share(1n, 3n), { num: 1n, den: 3n });
    assert.equal(share(5n, 0n), null);
  });
  it('adds, subtracts and compares ratios exactly', () => {
    const third = ratio(1n, 3n);
    const sixth = ratio(1n, 6n);
    assert.deepEqual(addRatio(third, sixth), { num: 1n, den: 2n });
    assert.deepEqual(subRatio(sixth, third), { num: -1n, den: 6n });
    assert.equal(compareRatio(third, sixth), 1);
    assert.equal(compareRatio(sixth, third), -1);
    assert.equal(compareRatio(ratio(2n, 4n), ratio(1n, 2n)), 0);
    assert.deepEqual(ratio(3n, -6n), { num: -1n, den: 2n });
    assert.throws(() => ratio(1n, 0n), RangeError);
  });
  it('reads exact decimals (as the database returns numeric) into ratios', () => {
    assert.deepEqual(decimalToRatio('16000'), { num: 16_000n, den: 1n });
    assert.deepEqual(decimalToRatio('123.450'), { num: 2_469n, den: 20n });
    assert.deepEqual(decimalToRatio('-0.25'), { num: -1n, den: 4n });
    assert.equal(decimalToRatio('1e3'), null);
    assert.equal(decimalToRatio('12,5'), null);
  });
  it('gives per-resident figures exactly', () => {
    // 16 000 000 kr / 84 512 residents = 16000000/84512 = 1000000/5282 = 500000/2641 ≈ 189.32 kr
    const r = perResident(16_000_000n, 84_512);
    assert.deepEqual(r, { num: 500_000n, den: 2_641n });
    assert.equal(perResident(1n, 0), null);
    assert.throws(() => perResident(1n, 1.5), RangeError);
  });
  it('rounds half away from zero', () => {
    assert.equal(roundHalfAwayFromZero(ratio(5n, 2n)), 3n);
    assert.equal(roundHalfAwayFromZero(ratio(-5n, 2n)), -3n);
    assert.equal(roundHalfAwayFromZero(ratio(7n, 3n)), 2n);
    assert.equal(roundHalfAwayFromZero(ratio(-7n, 3n)), -2n);
    assert.equal(roundHalfAwayFromZero(ratio(2499n, 1000n)), 2n);
    // 500000/2641 = 189.3222…, to 2 decimals 18932 (scaled by 100)
    assert.equal(roundRatio(ratio(500_000n, 2_641n), 2), 18_932n);
    // 0.125 to two decimals -> 0.13 (half away from zero, not banker's 0.12)
    assert.equal(roundRatio(ratio(1n, 8n), 2), 13n);
  });
});

describe('formatting', () => {
  it('formats mnkr exactly in Swedish and English', () => {
    assert.equal(formatMnkr(4_500_000n, 'sv'), `4,5${NBSP}mnkr`);
    assert.equal(formatMnkr(4_500_000n, 'en'), `SEK${NBSP}4.5${NBSP}million`);
    assert.equal(formatMnkr(16_000_000n, 'sv'), `16${NBSP}mnkr`);
    assert.equal(formatMnkr(1_234_567_890n, 'sv'), `1${NBSP}234,56789${NBSP}mnkr`);
    assert.equal(formatMnkr(1_234_567_890n, 'en'), `SEK${NBSP}1,234.56789${NBSP}million`);
    assert.equal(formatMnkr(1n, 'sv', { unit: false }), '0,000001');
    assert.equal(formatMnkr(-250_000n, 'sv', { unit: false }), '\u22120,25');
    assert.equal(formatMnkr(-250_000n, 'en', { unit: false }), '-0.25');
    assert.equal(formatMnkr(0n, 'sv', { unit: false }), '0');
  });
  it('formats mnkr with fixed decimals, rounding half away from zero', () => {
    assert.equal(formatMnkr(4_550_000n, 'sv', { decimals: 1 }), `4,6${NBSP}mnkr`);
    assert.equal(formatMnkr(4_549_999n, 'sv', { decimals: 1 }), `4,5${NBSP}mnkr`);
    assert.equal(formatMnkr(-4_550_000n, 'en', { decimals: 1, unit: false }), '-4.6');
    assert.equal(formatMnkr(16_000_000n, 'en', { decimals: 2, unit: false }), '16.00');
    // a tiny negative that rounds to zero is written without a sign
    assert.equal(formatMnkr(-1n, 'sv', { decimals: 1, unit: false }), '0,0');
  });
  it('formats kronor with thousands separators', () => {
    assert.equal(formatKronor(4_500_000n, 'sv'), `4${NBSP}500${NBSP}000${NBSP}kr`);
    assert.equal(formatKronor(4_500_000n, 'en'), `SEK${NBSP}4,500,000`);
    assert.equal(formatKronor(999n, 'en', { unit: false }), '999');
    assert.equal(formatKronor(1000n, 'en', { unit: false }), '1,000');
  });
  it('formats per-resident figures, percentages and percentage points', () => {
    assert.equal(formatPerResident(ratio(500_000n, 2_641n), 'sv'), `189${NBSP}kr/inv.`);
    assert.equal(formatPerResident(ratio(500_000n, 2_641n), 'en', 2), `SEK${NBSP}189.32 per resident`);
    assert.equal(formatPercent(ratio(1n, 8n), 'sv'), `12,5${NBSP}%`);
    assert.equal(formatPercent(ratio(1n, 3n), 'en'), '33.3%');
    assert.equal(formatPercentagePoints(ratio(1n, 40n), 'en'), '+2.5 percentage points');
    assert.equal(formatPercentagePoints(ratio(-1n, 40n), 'sv'), `\u22122,5${NBSP}procentenheter`);
  });
  it('writes file texts that parse back to the same kronor', () => {
    for (const k of [0n, 1n, 250_000n, 4_500_000n, 16_000_000n, 1_234_567n, -7_000_001n, 123_456_789_012_345_678n]) {
      const text = kronorToMnkrText(k);
      assert.equal(parseMnkr(text, { allowNegative: true }), k, text);
    }
    assert.equal(kronorToMnkrText(4_500_000n), '4.5');
    assert.equal(kronorToMnkrText(16_000_000n), '16');
  });
});
