/** Number and period formatting for the web components (Swedish first, English too). */

export type Lang = 'sv' | 'en';

const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    cache.set(key, f);
  }
  return f;
}

/** Formats a number; null/undefined/NaN become an en dash. */
export function formatNumber(value: number | null | undefined, lang: Lang, decimals = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return nf(lang, decimals).format(value);
}

/** Sensible default decimals for a unit: shares and rates with one decimal, counts none. */
export function decimalsForUnit(unit: string | null | undefined, value?: number | null): number {
  const u = (unit ?? '').toLowerCase();
  if (u.includes('%') || u.includes('procent') || u.includes('percent') || u.includes('andel') || u.includes('share'))
    return 1;
  if (u.includes('tkr') || u.includes('sek') || u.includes('kr')) return 0;
  if (typeof value === 'number' && Math.abs(value) < 10 && !Number.isInteger(value)) return 1;
  return 0;
}

export function formatValue(
  value: number | null | undefined,
  unit: string | null | undefined,
  lang: Lang,
  decimals?: number,
): string {
  const d = decimals ?? decimalsForUnit(unit, value);
  const s = formatNumber(value, lang, d);
  if (s === '–' || !unit) return s;
  return unit === '%' ? `${s} %` : `${s} ${unit}`;
}

/** Signed difference, e.g. "+2,3" / "−1,0". */
export function formatSigned(value: number | null | undefined, lang: Lang, decimals = 1): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  const s = formatNumber(Math.abs(value), lang, decimals);
  if (Number(value.toFixed(decimals)) === 0) return `±${s}`;
  return value > 0 ? `+${s}` : `\u2212${s}`;
}

/** A share (0–1) as a percentage in the language, e.g. "12,5 %" / "12.5 %"; null becomes an en dash. */
export function formatShare(share: number | null | undefined, lang: Lang, decimals = 1): string {
  if (typeof share !== 'number' || !Number.isFinite(share)) return '–';
  return `${formatNumber(share * 100, lang, decimals)} %`;
}
