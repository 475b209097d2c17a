// Exact money. Amounts are whole kronor held as bigint; nothing here uses floating point for
// money. Budget documents speak in mnkr (millions of kronor), so parsing and formatting of mnkr
// is the common case, but kronor, tkr and mdkr are understood too.
//
// Parsing rules (parseMoney):
//   - optional sign ("-" or the minus sign U+2212); negatives only when allowNegative is set;
//   - digits, optionally grouped in threes by spaces (ordinary, no-break U+00A0 or narrow
//     no-break U+202F), e.g. "1 000 000";
//   - at most one decimal separator, either "," (Swedish) or "." (English): "4,5" and "4.5" are
//     the same. Commas and points are never read as thousands separators ("1,000" is 1.0);
//   - an optional unit: kr/kronor/sek, tkr, mnkr/mkr/msek/mn kr/miljoner kronor, mdkr. A unit in the
//     text overrides the default unit of the call;
//   - the value must be a whole number of kronor ("0,0000005 mnkr" is rejected as more
//     precise than a krona).
//
// Ratios (shares, per-resident figures) are exact rationals (Ratio). They are only rounded when
// formatted, with one rule everywhere: half away from zero (the usual commercial rounding).

export type Kronor = bigint;

export type MoneyUnit = 'kr' | 'tkr' | 'mnkr' | 'mdkr';

export const UNIT_KRONOR: Readonly<Record<MoneyUnit, bigint>> = {
  kr: 1n,
  tkr: 1_000n,
  mnkr: 1_000_000n,
  mdkr: 1_000_000_000n,
};

export type MoneyParseErrorCode = 'empty' | 'syntax' | 'negative' | 'too-precise';

export type MoneyParseResult = { ok: true; value: Kronor } | { ok: false; code: MoneyParseErrorCode; message: string };

export class MoneyError extends Error {
  readonly code: MoneyParseErrorCode;
  constructor(code: MoneyParseErrorCode, message: string) {
    super(message);
    this.name = 'MoneyError';
    this.code = code;
  }
}

export interface ParseMoneyOptions {
  /** Unit assumed when the text names none. Default mnkr. */
  unit?: MoneyUnit;
  /** Allow a leading minus sign. Default false. */
  allowNegative?: boolean;
}

const UNIT_WORDS: ReadonlyArray<readonly [RegExp, MoneyUnit]> = [
  [/(?:mdkr|md kr|miljarder kronor|miljarder kr|bn sek|billion sek)$/i, 'mdkr'],
  [/(?:mnkr|mn kr|mkr|msek|mn sek|miljoner kronor|miljoner kr|milj\.? kr|million sek|m sek)$/i, 'mnkr'],
  [/(?:tkr|tusen kronor|ksek)$/i, 'tkr'],
  [/(?:kronor|kr|sek)$/i, 'kr'],
];

const SPACES = /[ \u00a0\u202f\u2009]/;

/** Parse a money text into whole kronor. Never throws. */
export function parseMoney(text: string, options: ParseMoneyOptions = {}): MoneyParseResult {
  let s = text.trim();
  if (s === '') return { ok: false, code: 'empty', message: 'no amount given' };
  let unit: MoneyUnit = options.unit ?? 'mnkr';
  // "SEK 4.5 million" style
  const prefixed = /^sek\s+(.*?)\s*(million|m)?$/i.exec(s);
  if (prefixed) {
    s = prefixed[1] ?? '';
    unit = prefixed[2] ? 'mnkr' : 'kr';
  } else {
    for (const [re, u] of UNIT_WORDS) {
      const m = re.exec(s);
      if (m) {
        s = s.slice(0, m.index).trimEnd();
        unit = u;
        break;
      }
    }
  }
  let negative = false;
  if (s.startsWith('-') || s.startsWith('\u2212')) {
    negative = true;
    s = s.slice(1).trimStart();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trimStart();
  }
  // integer part: plain digits, or digit groups of three separated by single spaces
  const m = new RegExp(`^(\\d+|\\d{1,3}(?:${SPACES.source}\\d{3})+)(?:[.,](\\d+))?$`).exec(s);
  if (!m) {
    return { ok: false, code: 'syntax', message: `"${text}" is not an amount (expected e.g. 4, 4,5 or 16 mnkr)` };
  }
  const intDigits = (m[1] ?? '').replace(new RegExp(SPACES.source, 'g'), '');
  const fracDigits = m[2] ?? '';
  const scale = 10n ** BigInt(fracDigits.length);
  const numerator = (BigInt(intDigits) * scale + BigInt(fracDigits === '' ? '0' : fracDigits)) * UNIT_KRONOR[unit];
  if (numerator % scale !== 0n) {
    return { ok: false, code: 'too-precise', message: `"${text}" is more precise than a krona` };
  }
  const value = numerator / scale;
  if (negative && value !== 0n && !options.allowNegative) {
    return { ok: false, code: 'negative', message: `"${text}" is negative; a negative amount is not allowed here` };
  }
  return { ok: true, value: negative ? -value : value };
}

/** Parse mnkr (unless the text names another unit); throws MoneyError on bad input. */
export function parseMnkr(text: string, options: Omit<ParseMoneyOptions, 'unit'> = {}): Kronor {
  const r = parseMoney(text, { ...options, unit: 'mnkr' });
  if (!r.ok) throw new MoneyError(r.code, r.message);
  return r.value;
}

/** Parse kronor (unless the text names another unit); throws MoneyError on bad input. */
export function parseKronor(text: string, options: Omit<ParseMoneyOptions, 'unit'> = {}): Kronor {
  const r = parseMoney(text, { ...options, unit: 'kr' });
  if (!r.ok) throw new MoneyError(r.code, r.message);
  return r.value;
}

export function sumKronor(amounts: Iterable<Kronor | null | undefined>): Kronor {
  let total = 0n;
  for (const a of amounts) if (a !== null && a !== undefined) total += a;
  return total;
}

// ---------------------------------------------------------------------------------------------
// Exact rationals

/** An exact rational number num/den with den > 0 and gcd(num, den) = 1. */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function ratio(num: bigint, den: bigint = 1n): Ratio {
  if (den === 0n) throw new RangeError('ratio with denominator 0');
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function ratioEquals(a: Ratio, b: Ratio): boolean {
  return a.num === b.num && a.den === b.den;
}

/** part / whole as an exact ratio; null when whole is 0. */
export function share(part: Kronor, whole: Kronor): Ratio | null {
  if (whole === 0n) return null;
  return ratio(part, whole);
}

/** Kronor per resident, exact; null when there are no residents. */
export function perResident(amount: Kronor, residents: number | bigint): Ratio | null {
  const n = typeof residents === 'bigint' ? residents : toBigIntCount(residents);
  if (n === 0n) return null;
  if (n < 0n) throw new RangeError('negative number of residents');
  return ratio(amount, n);
}

function toBigIntCount(n: number): bigint {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole count: ${n}`);
  return BigInt(n);
}

/**
 * Round num/den to the nearest integer, halves away from zero
 * (2.5 -> 3, -2.5 -> -3, 2.4999 -> 2).
 */
export function roundHalfAwayFromZero(r: Ratio): bigint {
  const negative = r.num < 0n;
  const n = negative ? -r.num : r.num;
  const q = n / r.den;
  const rem = n % r.den;
  const rounded = rem * 2n >= r.den ? q + 1n : q;
  return negative ? -rounded : rounded;
}

/**
 * The ratio rounded to `decimals` decimals (half away from zero), as a scaled integer:
 * value ≈ result / 10^decimals.
 */
export function roundRatio(r: Ratio, decimals: number): bigint {
  const scale = 10n ** BigInt(decimals);
  return roundHalfAwayFromZero(ratio(r.num * scale, r.den));
}

/** An exact decimal text ("123", "-0.25", "1.5e3" is refused) as a ratio; null when not a decimal. */
export function decimalToRatio(text: string): Ratio | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? '';
  const n = BigInt((m[2] ?? '0') + frac) * (m[1] === '-' ? -1n : 1n);
  return ratio(n, 10n ** BigInt(frac.length));
}

/** For charts only (Observable Plot wants numbers): never use the result for arithmetic. */
export function ratioToNumber(r: Ratio): number {
  return Number(roundRatio(r, 9)) / 1e9;
}

/** mnkr as a number for charts only. */
export function kronorToMnkrNumber(k: Kronor): number {
  return ratioToNumber(ratio(k, 1_000_000n));
}

// ---------------------------------------------------------------------------------------------
// Formatting

export type Locale = 'sv' | 'en';

const NBSP = '\u00a0';
const MINUS = '\u2212';

function groupDigits(digits: string, sep: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep;
    out += digits[i];
  }
  return out;
}

/**
 * Format a scaled integer (value = scaled / 10^decimals) in a locale. Swedish: no-break space
 * between thousands, comma decimal, minus sign U+2212. English: comma thousands, point decimal.
 * With trimZeros, trailing zero decimals are dropped.
 */
export function formatScaled(scaled: bigint, decimals: number, locale: Locale, trimZeros = false): string {
  const negative = scaled < 0n;
  const abs = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const intPart = abs.slice(0, abs.length - decimals);
  let frac = decimals > 0 ? abs.slice(abs.length - decimals) : '';
  if (trimZeros) frac = frac.replace(/0+$/, '');
  const group = locale === 'sv' ? NBSP : ',';
  const dec = locale === 'sv' ? ',' : '.';
  const body = groupDigits(intPart, group) + (frac ? dec + frac : '');
  const isZero = /^[0]*$/.test(intPart + frac);
  if (!negative || isZero) return body;
  return (locale === 'sv' ? MINUS : '-') + body;
}

/** A ratio as a decimal text rounded half away from zero. */
export function formatRatio(r: Ratio, decimals: number, locale: Locale): string {
  return formatScaled(roundRatio(r, decimals), decimals, locale);
}

export interface FormatMnkrOptions {
  /** Fixed number of decimals (rounded half away from zero). Default: exact, trailing zeros trimmed. */
  decimals?: number;
  /** Append the unit (default true). */
  unit?: boolean;
}

/** 4 500 000 kr -> "4,5 mnkr" (sv) / "SEK 4.5 million" (en). */
export function formatMnkr(amount: Kronor, locale: Locale, options: FormatMnkrOptions = {}): string {
  const number =
    options.decimals === undefined
      ? formatScaled(amount, 6, locale, true)
      : formatScaled(roundRatio(ratio(amount, 1_000_000n), options.decimals), options.decimals, locale);
  if (options.unit === false) return number;
  return locale === 'sv' ? `${number}${NBSP}mnkr` : `SEK${NBSP}${number}${NBSP}million`;
}

/** 4 500 000 kr -> "4 500 000 kr" (sv) / "SEK 4,500,000" (en). */
export function formatKronor(amount: Kronor, locale: Locale, options: { unit?: boolean } = {}): string {
  const number = formatScaled(amount, 0, locale);
  if (options.unit === false) return number;
  return locale === 'sv' ? `${number}${NBSP}kr` : `SEK${NBSP}${number}`;
}

/** Kronor per resident, rounded to whole kronor (half away from zero): "512 kr/inv." / "SEK 512 per resident". */
export function formatPerResident(r: Ratio, locale: Locale, decimals = 0): string {
  const number = formatRatio(r, decimals, locale);
  return locale === 'sv' ? `${number}${NBSP}kr/inv.` : `SEK${NBSP}${number} per resident`;
}

/** A share (0..1) as a percentage: "12,5 %" (sv) / "12.5%" (en). */
export function formatPercent(r: Ratio, locale: Locale, decimals = 1): string {
  const number = formatRatio(ratio(r.num * 100n, r.den), decimals, locale);
  return locale === 'sv' ? `${number}${NBSP}%` : `${number}%`;
}

/** A difference of shares in percentage points: "+3,2 procentenheter" / "+3.2 percentage points". */
export function formatPercentagePoints(r: Ratio, locale: Locale, decimals = 1): string {
  const number = formatRatio(ratio(r.num * 100n, r.den), decimals, locale);
  const signed = r.num > 0n && !/^[0.,]*$/.test(number) ? `+${number}` : number;
  return locale === 'sv' ? `${signed}${NBSP}procentenheter` : `${signed} percentage points`;
}

/** Kronor as a plain decimal text of mnkr for files ("4.5", "-0.25", "16"); exact. */
export function kronorToMnkrText(amount: Kronor): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const int = abs / 1_000_000n;
  const frac = (abs % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + int.toString() + (frac ? '.' + frac : '');
}
