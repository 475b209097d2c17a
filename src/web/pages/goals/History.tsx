/** The history of a framework item: every version with when, who, the decision and where it came from. */
import type { ReactNode } from 'react';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { goalsStrings } from '../../i18n/goals.ts';
import { Link } from '../../router.tsx';
import type { Versions } from '../../../core/contracts/goals.ts';

function dateOf(iso: string, lang: 'sv' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(new Date(iso));
}

/** `path`: the item's API path (e.g. /targets/x); `page`: its page, linked as of each version's day (when it has that view). */
export function History({ path, page }: { path: string; page?: string }): ReactNode {
  const { t, lang } = useI18n(goalsStrings);
  const state = useApi<Versions>(`${path}/versions`);
  const versions = state.data?.versions ?? [];
  return (
    <section aria-labelledby="goal-history">
      <h2 id="goal-history">{t('history')}</h2>
      {/* focusable: on a phone the table scrolls sideways inside its own box */}
      <table data-testid="goal-history" tabIndex={0}>
        <caption className="visually-hidden">{t('history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('historyVersion')}</th>
            <th scope="col">{t('historyWhen')}</th>
            <th scope="col">{t('historyWho')}</th>
            <th scope="col">{t('historyDecision')}</th>
            <th scope="col">{t('historyOrigin')}</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <th scope="row">
                {page ? <Link href={`${page}?asOf=${v.changedAt.slice(0, 10)}`}>{v.version}</Link> : v.version}
                {v.publication === 'draft' ? ` (${t('draft')})` : ''}
              </th>
              <td>{dateOf(v.changedAt, lang)}</td>
              <td>{v.changedBy}</td>
              <td>{v.decisionRef ?? '–'}</td>
              <td>{t(`origin_${v.origin}` as 'origin_app')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
