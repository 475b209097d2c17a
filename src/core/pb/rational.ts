// Exact rational numbers on bigint, for vote counting.
//
// A Rational is always normalised: the denominator is positive and gcd(num, den) = 1, so two equal
// numbers have identical fields and `equals` can compare them field by field. Nothing here uses
// floating point; `toString` gives "num/den" (or "num" for whole numbers) for keys and messages.

export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  /** num/den, normalised. Throws RangeError when den is 0. */
  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('rational with denominator 0');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (den === 1n) return new Rational(num, 1n);
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  /** A whole number. */
  static int(n: bigint | number): Rational {
    if (typeof n === 'number') {
      if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number: ${n}`);
      return new Rational(BigInt(n), 1n);
    }
    return new Rational(n, 1n);
  }

  /**
   * Parse "12", "-3", "1/3" or a decimal "12.50" exactly. Throws RangeError on anything else
   * (no exponents, no thousands separators).
   */
  static parse(text: string): Rational {
    const s = text.trim();
    let m = /^([+-]?\d+)\/(\d+)$/.exec(s);
    if (m) return Rational.of(BigInt(m[1] ?? '0'), BigInt(m[2] ?? '1'));
    m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(s);
    if (!m) throw new RangeError(`"${text}" is not an exact number`);
    const frac = m[3] ?? '';
    const scale = 10n ** BigInt(frac.length);
    const abs = BigInt(m[2] ?? '0') * scale + (frac === '' ? 0n : BigInt(frac));
    return Rational.of(m[1] === '-' ? -abs : abs, scale);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }

  /** Throws RangeError when o is 0. */
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  mulInt(k: bigint): Rational {
    return Rational.of(this.num * k, this.den);
  }

  divInt(k: bigint): Rational {
    if (k === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num, this.den * k);
  }

  neg(): Rational {
    return new Rational(-this.num, this.den);
  }

  compare(o: Rational): -1 | 0 | 1 {
    if (this.den === o.den) return this.num < o.num ? -1 : this.num > o.num ? 1 : 0;
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }

  lt(o: Rational): boolean {
    return this.compare(o) < 0;
  }

  le(o: Rational): boolean {
    return this.compare(o) <= 0;
  }

  gt(o: Rational): boolean {
    return this.compare(o) > 0;
  }

  ge(o: Rational): boolean {
    return this.compare(o) >= 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  /** Largest whole number ≤ this. */
  floor(): bigint {
    const q = this.num / this.den; // truncates toward zero
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Smallest whole number ≥ this. */
  ceil(): bigint {
    const q = this.num / this.den;
    return this.num > 0n && q * this.den !== this.num ? q + 1n : q;
  }

  static min(a: Rational, b: Rational): Rational {
    return a.compare(b) <= 0 ? a : b;
  }

  static max(a: Rational, b: Rational): Rational {
    return a.compare(b) >= 0 ? a : b;
  }

  /** "num/den", or "num" when whole. Exact; usable as a map key. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** For display only; never compute with the result. */
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }
}

const SMALL = 1n << 52n;

/**
 * Greatest common divisor. Lehmer's method: while the numbers are large, the quotient sequence of
 * Euclid's algorithm is computed on their leading 48 bits in ordinary (exact) integer doubles, and
 * applied to the big numbers in one step; small numbers finish with plain Euclid on doubles.
 */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  while (b !== 0n && a >= SMALL) {
    const shift = BigInt(Math.max(0, a.toString(16).length * 4 - 48));
    let x = Number(a >> shift);
    let y = Number(b >> shift);
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    for (;;) {
      if (y + C === 0 || y + D === 0) break;
      const q = Math.floor((x + A) / (y + C));
      if (q !== Math.floor((x + B) / (y + D))) break;
      const t1 = A - q * C;
      A = C;
      C = t1;
      const t2 = B - q * D;
      B = D;
      D = t2;
      const t3 = x - q * y;
      x = y;
      y = t3;
    }
    if (B === 0) {
      const t = a % b;
      a = b;
      b = t;
    } else {
      const na = BigInt(A) * a + BigInt(B) * b;
      const nb = BigInt(C) * a + BigInt(D) * b;
      a = na;
      b = nb;
    }
  }
  if (b === 0n) return a;
  let x = Number(a);
  let y = Number(b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return BigInt(x);
}

/** gcd(a, b) for b small (a safe integer after one reduction). */
export function smallGcd(a: bigint, b: bigint): bigint {
  if (b < 0n) b = -b;
  if (b === 0n) return a < 0n ? -a : a;
  let x = Number(b);
  let y = Number((a < 0n ? -a : a) % b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return BigInt(x);
}
