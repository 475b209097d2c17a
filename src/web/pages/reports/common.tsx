/** Shared bits of the report screens: state labels, API error messages, period labels. */
import { ApiError } from '../../api.ts';
import { formatKronor } from '../../../core/money.ts';
import type { Say } from '../../forms.ts';
import { strings } from '../../i18n/reports.ts';
import { useI18n, type Lang } from '../../i18n/index.tsx';

export type T = ReturnType<typeof useI18n<typeof strings>>['t'];

export function useReportI18n() {
  return useI18n(strings);
}

export function errorText(t: T, e: unknown): string {
  if (e instanceof ApiError) {
    if (e.id === 'report_locked') return t('error_report_locked');
    if (e.id === 'forbidden') return t('error_forbidden');
    if (e.id === 'conflict') return t('error_conflict', { message: e.message });
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * The words of the contract's refusal in the page's language, by the zod issue's kind (the server's English is
 * never shown): a blank or too long text, a choice outside the list, a date of the wrong form.
 */
export function reportSay(t: T): Say {
  return (issue) => {
    const i = issue as { code: string; origin?: string; maximum?: number | bigint; format?: string };
    if (i.code === 'too_small') return t('fieldRequired');
    if (i.code === 'too_big' && i.origin === 'string') return t('fieldTooLong', { n: Number(i.maximum) });
    if (i.code === 'invalid_value') return t('fieldChoose');
    if (i.code === 'invalid_format' && String(issue.path.at(-1)) === 'deadline') return t('fieldDate');
    return t('fieldInvalid');
  };
}

export const stateKey = (s: string) => `state_${s}` as 'state_utkast';
export const statusKey = (s: string) => `status_${s}` as 'status_met';
export const sectionKey = (s: string) => `section_${s}` as 'section_analysis';
export const periodKey = (p: string) => `period_${p.slice(5)}` as 'period_T1';
/** Whole kronor from their exact integer text, grouped as the language groups (1 234 567, 1,234,567). */
export const kr = (s: string, lang: Lang): string => formatKronor(BigInt(s), lang, { unit: false });

/** Money in exact kronor, one row per year, committee or intervention: planned, decided and spent. */
export function MoneyTable(props: {
  t: T;
  caption: string;
  first: string;
  rows: readonly { key: string; label: string; planned: string; decided: string; spent: string }[];
}) {
  const { t } = props;
  const { lang } = useReportI18n();
  return (
    <table tabIndex={0}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{props.first}</th>
          <th scope="col">{t('planned')}</th>
          <th scope="col">{t('decided')}</th>
          <th scope="col">{t('spent')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{kr(r.planned, lang)}</td>
            <td className="num">{kr(r.decided, lang)}</td>
            <td className="num">{kr(r.spent, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
