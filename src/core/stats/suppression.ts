/**
 * Suppression of small counts, modelled on SCB's practice for small areas. Pure.
 *
 * The rule (stated in docs/reference-data.md):
 * - a count of 1 to `minCount − 1` (default 1–4) is not shown: status `suppressed`, value hidden;
 *   0 is shown (nothing to protect);
 * - a share is not shown when its numerator is 1 to `minCount − 1` (it would reveal the small
 *   count) or its denominator is below `minDenominator` (default 50 persons);
 * - a mean is not shown when the number of persons behind it is below `minDenominator`;
 * - medians are read as SCB publishes them (SCB has already suppressed what it will not publish,
 *   as `..`, which arrives as missing).
 * A suppressed observation keeps neither value, numerator nor denominator. Sums and rates of larger
 * areas are computed from the unsuppressed counts before suppression, as SCB does for totals; the
 * counts themselves are public in SCB's DeSO tables.
 */
import type { Indicator, Observation } from '../types.ts';

export interface SuppressionRule {
  minCount: number;
  minDenominator: number;
}

export const DEFAULT_SUPPRESSION: SuppressionRule = { minCount: 5, minDenominator: 50 };

const small = (s: string | null, min: number): boolean => {
  if (s === null) return false;
  const v = Number(s);
  return v > 0 && v < min;
};

/** Why an observation is suppressed under the rule, or null when it may be shown. */
export function suppressionReason(
  o: Observation,
  ind: Pick<Indicator, 'kind'>,
  rule: SuppressionRule = DEFAULT_SUPPRESSION,
): string | null {
  if (o.status !== 'final') return null;
  if (ind.kind === 'count') return small(o.value, rule.minCount) ? `count below ${rule.minCount}` : null;
  if (ind.kind === 'share' || ind.kind === 'rate') {
    if (small(o.numerator, rule.minCount)) return `numerator below ${rule.minCount}`;
    if (o.denominator !== null && Number(o.denominator) < rule.minDenominator)
      return `denominator below ${rule.minDenominator}`;
    return null;
  }
  if (ind.kind === 'mean' && o.denominator !== null && Number(o.denominator) < rule.minDenominator)
    return `fewer than ${rule.minDenominator} persons`;
  return null;
}

/** Returns the observation, or a suppressed copy without value, numerator and denominator. */
export function applySuppression(
  o: Observation,
  ind: Pick<Indicator, 'kind'>,
  rule: SuppressionRule = DEFAULT_SUPPRESSION,
): Observation {
  if (!suppressionReason(o, ind, rule)) return o;
  return { ...o, value: null, numerator: null, denominator: null, status: 'suppressed' };
}
