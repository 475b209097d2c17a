import type { Kronor } from '../money.ts';

// The limits every text and amount of the intervention register must keep, applied alike by the
// import preview, the import commit and the edit commands, so that a preview that says OK commits.

/** Text that a database text column and a JSON answer can carry: no NUL, no lone UTF-16 surrogate. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) {
        i++;
        continue;
      }
      return 'contains a lone UTF-16 surrogate';
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'contains a lone UTF-16 surrogate';
  }
  return null;
}

export const isSafeText = (s: string): boolean => textProblem(s) === null;

/** The longest texts of an intervention (characters). */
export const TEXT_LIMITS = {
  id: 200,
  name: 300,
  description: 20_000,
  committee: 200,
  fundingSource: 200,
  list: 4_000,
  quote: 4_000,
} as const;

/** The largest amount on a budget line (whole kronor; far below the SQL bigint limit). */
export const MAX_AMOUNT: Kronor = 10n ** 15n;
