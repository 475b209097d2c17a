import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Rational, gcd } from '../../../src/core/pb/rational.ts';

function naiveGcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

describe('Rational', () => {
  it('normalises sign and common factors', () => {
    const r = Rational.of(6n, -4n);
    assert.equal(r.num, -3n);
    assert.equal(r.den, 2n);
    assert.ok(Rational.of(2n, 4n).equals(Rational.of(1n, 2n)));
    assert.equal(Rational.of(0n, 7n).toString(), '0');
    assert.throws(() => Rational.of(1n, 0n), RangeError);
  });

  it('adds, subtracts, multiplies and divides exactly', () => {
    const a = Rational.of(1n, 3n);
    const b = Rational.of(1n, 6n);
    assert.equal(a.add(b).toString(), '1/2');
    assert.equal(a.sub(b).toString(), '1/6');
    assert.equal(a.mul(b).toString(), '1/18');
    assert.equal(a.div(b).toString(), '2');
    assert.equal(a.mulInt(3n).toString(), '1');
    assert.equal(a.divInt(2n).toString(), '1/6');
    assert.equal(a.neg().toString(), '-1/3');
    assert.throws(() => a.div(Rational.ZERO), RangeError);
    // 0.1 + 0.2 is exactly 0.3 here
    assert.ok(Rational.parse('0.1').add(Rational.parse('0.2')).equals(Rational.parse('0.3')));
  });

  it('compares across denominators', () => {
    const a = Rational.of(2n, 3n);
    const b = Rational.of(3n, 5n);
    assert.equal(a.compare(b), 1);
    assert.equal(b.compare(a), -1);
    assert.equal(a.compare(Rational.of(4n, 6n)), 0);
    assert.ok(b.lt(a) && b.le(a) && a.gt(b) && a.ge(b));
    assert.equal(Rational.min(a, b), b);
    assert.equal(Rational.max(a, b), a);
  });

  it('floors and ceils negative and positive values', () => {
    assert.equal(Rational.of(7n, 2n).floor(), 3n);
    assert.equal(Rational.of(7n, 2n).ceil(), 4n);
    assert.equal(Rational.of(-7n, 2n).floor(), -4n);
    assert.equal(Rational.of(-7n, 2n).ceil(), -3n);
    assert.equal(Rational.int(5n).floor(), 5n);
    assert.equal(Rational.int(-5).ceil(), -5n);
  });

  it('parses integers, fractions and decimals and refuses the rest', () => {
    assert.equal(Rational.parse(' 12 ').toString(), '12');
    assert.equal(Rational.parse('-3/9').toString(), '-1/3');
    assert.equal(Rational.parse('12.50').toString(), '25/2');
    for (const bad of ['', '1e3', '1,5', 'abc', '1/0x']) assert.throws(() => Rational.parse(bad), RangeError, bad);
  });

  it('gcd (Lehmer) agrees with plain Euclid on many large numbers', () => {
    let seed = 12345n;
    const rnd = () => {
      seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n);
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      const common = (rnd() % 1_000_003n) + 1n;
      let a = common;
      let b = common;
      const ka = Number(rnd() % 6n);
      const kb = Number(rnd() % 6n);
      for (let j = 0; j < ka; j++) a *= rnd() + 1n;
      for (let j = 0; j < kb; j++) b *= rnd() + 1n;
      if (i % 7 === 0) b = -b;
      assert.equal(gcd(a, b), naiveGcd(a, b), `gcd(${a}, ${b})`);
    }
    assert.equal(gcd(0n, 0n), 0n);
    assert.equal(gcd(0n, 12n), 12n);
    assert.equal(gcd(2n ** 200n, 2n ** 150n * 3n), 2n ** 150n);
  });
});
