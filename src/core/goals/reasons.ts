// Status reasons as codes with parameters. The words live in the web app (src/web/i18n/goals.ts), which
// renders each code in Swedish and English. Pure.

/** A parameter: a number (values in the target's unit, or years), a text, a bilingual text (content), or none. */
export type ReasonValue = string | number | null | { sv: string; en: string };

export const REASON_CODES = [
  'level_no_data',
  'level_met',
  'level_deadline_passed',
  'level_single_point',
  'level_on_track',
  'level_at_risk',
  'level_off_track_away',
  'level_off_track_slow',
  'direction_no_data',
  'direction_single_point',
  'direction_met',
  'direction_deadline_no_improvement',
  'direction_on_track',
  'direction_at_risk_trend_turned',
  'direction_at_risk_level_not_yet',
  'direction_off_track',
  'every_area_no_areas',
  'every_area_missing',
  'every_area_all_met',
  'every_area_some',
  'no_indicator',
  'manual',
  'relative_baseline_missing',
  'gap_baseline_missing',
  'commitment_follows',
  'commitment_follows_others_unassessed',
  'commitment_worst',
  'commitment_manual',
  'commitment_targets_unassessed',
  'commitment_no_targets',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export interface StatusReason {
  code: ReasonCode;
  params: Record<string, ReasonValue>;
}

export function reason(code: ReasonCode, params: Record<string, ReasonValue> = {}): StatusReason {
  return { code, params };
}
