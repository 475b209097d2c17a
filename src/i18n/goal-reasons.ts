/**
 * The words of goal status reasons (codes with parameters from src/core/goals/reasons.ts) in Swedish and English.
 * Shared by the web app (the goals pages spread them into their texts) and the documents the server makes (the
 * reports service), so a reason reads the same on the screen and in the PDF. Data and formatting only.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { StatusReason } from '../core/contracts/goals.ts';

export type ReasonLang = 'sv' | 'en';

export const reasonMessages = {
  sv: {
    reasonGoal_at_most: 'högst {target} år {deadline}',
    reasonGoal_at_least: 'minst {target} år {deadline}',
    reasonDesired_increase: 'öka',
    reasonDesired_decrease: 'minska',
    reason_level_no_data: 'Det finns inga observerade värden ännu, så status kan inte beräknas (målet är {goal}).',
    reason_level_met: 'Målet är nått: senaste värdet ({latest} år {year}) uppfyller målet {goal}.',
    reason_level_deadline_passed:
      'Målåret {deadline} har passerat och senaste värdet ({latest} år {year}) når inte målet {goal}.',
    reason_level_single_point:
      'Det finns bara ett observerat värde ({latest} år {year}), så ingen trend kan skattas ännu; målet är {goal}.',
    reason_level_on_track:
      'Värdet gick från {first} ({firstYear}) till {latest} ({year}); med samma trend nås målet {goal} (prognos {projected}).',
    reason_level_at_risk:
      'Värdet gick från {first} ({firstYear}) till {latest} ({year}); trenden går åt rätt håll men för långsamt och pekar mot {projected} år {deadline} i stället för {goal}.',
    reason_level_off_track_away:
      'Värdet gick från {first} ({firstYear}) till {latest} ({year}); trenden går bort från målet och pekar mot {projected} år {deadline}, målet är {goal}.',
    reason_level_off_track_slow:
      'Värdet gick från {first} ({firstYear}) till {latest} ({year}); trenden täcker mindre än hälften av återstående avstånd och pekar mot {projected} år {deadline}, målet är {goal}.',
    reason_direction_no_data:
      'Det finns inga observerade värden ännu, så status kan inte beräknas (värdet ska {desired} till {deadline}).',
    reason_direction_single_point:
      'Det finns bara ett observerat värde ({latest} år {year}), så ingen riktning kan bedömas ännu.',
    reason_direction_met: 'Värdet ska {desired}: {ref} ({refYear}) → {latest} ({year}); målet är nått.',
    reason_direction_deadline_no_improvement:
      'Värdet ska {desired}: {ref} ({refYear}) → {latest} ({year}); målåret {deadline} är nått utan förbättring.',
    reason_direction_on_track:
      'Värdet ska {desired}: {ref} ({refYear}) → {latest} ({year}); både nivån och trenden går åt rätt håll.',
    reason_direction_at_risk_trend_turned:
      'Värdet ska {desired}: {ref} ({refYear}) → {latest} ({year}); nivån är bättre än utgångsläget men trenden har vänt.',
    reason_direction_at_risk_level_not_yet:
      'Värdet ska {desired}: {ref} ({refYear}) → {latest} ({year}); trenden går åt rätt håll men nivån är ännu inte bättre än utgångsläget.',
    reason_direction_off_track:
      'Värdet ska {desired}: {ref} ({refYear}) → {latest} ({year}); varken nivån eller trenden går åt rätt håll.',
    reason_every_area_no_areas: 'Det finns inga områden med data ännu.',
    reason_every_area_missing:
      '{missing} av {total} områden saknar tillräckliga data, så målet för alla områden kan inte bedömas ännu.',
    reason_every_area_all_met: 'Alla {total} områden når målet.',
    reason_every_area_some: '{met} av {total} områden når målet; längst efter är {behind}.',
    reason_no_indicator: 'Ej bedömd: indikator saknas. {needs}',
    reason_manual: 'Manuell bedömning {date} av {by}: {note}',
    reason_relative_baseline_missing: 'Målvärdet räknas från utgångsvärdet {baselineYear}, som saknas ännu.',
    reason_gap_baseline_missing: 'Skillnaden {baselineYear} (utgångsläget) saknas, så målet kan inte räknas ut ännu.',
    reason_commitment_follows: 'Följer målet ”{target}”.',
    reason_commitment_follows_others_unassessed: 'Följer målet ”{target}” (ytterligare {others} mål saknar bedömning).',
    reason_commitment_worst: 'Sämsta status bland {n} bedömda mål av {total}: ”{target}”.',
    reason_commitment_manual: 'Manuell bedömning {date} av {by}: {note}',
    reason_commitment_targets_unassessed:
      'Ej bedömd: inget av åtagandets {total} mål kan bedömas ännu, och ingen manuell bedömning finns.',
    reason_commitment_no_targets: 'Ej bedömd: åtagandet har inget mätbart mål och ingen manuell bedömning ännu.',
  },
  en: {
    reasonGoal_at_most: 'at most {target} by {deadline}',
    reasonGoal_at_least: 'at least {target} by {deadline}',
    reasonDesired_increase: 'increase',
    reasonDesired_decrease: 'decrease',
    reason_level_no_data: 'There are no observed values yet, so the status cannot be computed (the target is {goal}).',
    reason_level_met: 'The target is met: the latest value ({latest} in {year}) meets the target of {goal}.',
    reason_level_deadline_passed:
      'The target year {deadline} has passed and the latest value ({latest} in {year}) does not reach the target of {goal}.',
    reason_level_single_point:
      'There is only one observed value ({latest} in {year}), so no trend can be estimated yet; the target is {goal}.',
    reason_level_on_track:
      'The value went from {first} ({firstYear}) to {latest} ({year}); at the same trend the target of {goal} is reached (projection {projected}).',
    reason_level_at_risk:
      'The value went from {first} ({firstYear}) to {latest} ({year}); the trend is in the right direction but too slow and points to {projected} in {deadline} instead of {goal}.',
    reason_level_off_track_away:
      'The value went from {first} ({firstYear}) to {latest} ({year}); the trend moves away from the target and points to {projected} in {deadline}; the target is {goal}.',
    reason_level_off_track_slow:
      'The value went from {first} ({firstYear}) to {latest} ({year}); the trend covers less than half of the remaining distance and points to {projected} in {deadline}; the target is {goal}.',
    reason_direction_no_data:
      'There are no observed values yet, so the status cannot be computed (the value should {desired} by {deadline}).',
    reason_direction_single_point:
      'There is only one observed value ({latest} in {year}), so no direction can be assessed yet.',
    reason_direction_met: 'The value should {desired}: {ref} ({refYear}) → {latest} ({year}); the target is met.',
    reason_direction_deadline_no_improvement:
      'The value should {desired}: {ref} ({refYear}) → {latest} ({year}); the target year {deadline} is reached without improvement.',
    reason_direction_on_track:
      'The value should {desired}: {ref} ({refYear}) → {latest} ({year}); both the level and the trend move the right way.',
    reason_direction_at_risk_trend_turned:
      'The value should {desired}: {ref} ({refYear}) → {latest} ({year}); the level is better than the baseline but the trend has turned.',
    reason_direction_at_risk_level_not_yet:
      'The value should {desired}: {ref} ({refYear}) → {latest} ({year}); the trend is right but the level is not yet better than the baseline.',
    reason_direction_off_track:
      'The value should {desired}: {ref} ({refYear}) → {latest} ({year}); neither the level nor the trend moves the right way.',
    reason_every_area_no_areas: 'There are no areas with data yet.',
    reason_every_area_missing:
      '{missing} of {total} areas lack sufficient data, so the every-area target cannot be assessed yet.',
    reason_every_area_all_met: 'All {total} areas reach the target.',
    reason_every_area_some: '{met} of {total} areas reach the target; furthest behind is {behind}.',
    reason_no_indicator: 'Not assessed: the indicator is missing. {needs}',
    reason_manual: 'Manual assessment on {date} by {by}: {note}',
    reason_relative_baseline_missing:
      'The target value is computed from the {baselineYear} baseline, which is missing.',
    reason_gap_baseline_missing:
      'The {baselineYear} gap (the baseline) is missing, so the target cannot be computed yet.',
    reason_commitment_follows: 'Follows the target “{target}”.',
    reason_commitment_follows_others_unassessed:
      'Follows the target “{target}” ({others} more targets are not assessed).',
    reason_commitment_worst: 'The weakest status among {n} assessed targets of {total}: “{target}”.',
    reason_commitment_manual: 'Manual assessment on {date} by {by}: {note}',
    reason_commitment_targets_unassessed:
      "Not assessed: none of the commitment's {total} targets can be assessed yet, and there is no manual assessment.",
    reason_commitment_no_targets: 'Not assessed: the commitment has no measurable target and no manual assessment yet.',
  },
} as const;

/** Parameters that are values in the target's unit (years and counts are shown as they are). */
const VALUES = new Set(['latest', 'first', 'target', 'projected', 'ref']);

const numberFormats = new Map<string, Intl.NumberFormat>();
function formatNumber(v: number, lang: ReasonLang): string {
  const decimals = Number.isInteger(v) ? 0 : 1;
  const key = `${lang}:${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(key, f);
  }
  return f.format(v);
}

function message(key: string, lang: ReasonLang, vars: Record<string, string | number> = {}): string {
  const m = (reasonMessages[lang] as Record<string, string>)[key] ?? key;
  return String(new IntlMessageFormat(m, lang, undefined, { ignoreTag: true }).format(vars));
}

/** One reason as a sentence in `lang`: values with the target's unit, numbers the language's way. */
export function reasonSentence(r: StatusReason, lang: ReasonLang): string {
  const p = r.params;
  const unit = p['unit'] && typeof p['unit'] === 'object' ? p['unit'][lang] : '';
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === null) vars[k] = '';
    else if (typeof v === 'object') vars[k] = v[lang];
    else if (typeof v === 'number' && VALUES.has(k)) {
      const n = formatNumber(v, lang);
      vars[k] = unit ? `${n} ${unit}` : n;
    } else vars[k] = v;
  }
  if (p['cmp'] === 'at_most' || p['cmp'] === 'at_least') vars['goal'] = message(`reasonGoal_${p['cmp']}`, lang, vars);
  if (p['desired'] === 'increase' || p['desired'] === 'decrease')
    vars['desired'] = message(`reasonDesired_${p['desired']}`, lang);
  return message(`reason_${r.code}`, lang, vars).trim();
}
