/** Att göra: the sections and assessments assigned to me, by deadline. */
import type { z } from 'zod';
import { Link } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { WithData } from '../../shell/Status.tsx';
import type { TodoResponse } from '../../../core/contracts/reports.ts';
import { sectionKey, useReportI18n } from './common.tsx';

export function TodoPage() {
  const { t, lang } = useReportI18n();
  const state = useApi<z.infer<typeof TodoResponse>>('/reports/todo');
  return (
    <>
      <h1>{t('todoTitle')}</h1>
      <p>{t('todoIntro')}</p>
      <WithData state={state}>
        {(d) =>
          d.items.length === 0 ? (
            <p>{t('todoNone')}</p>
          ) : (
            <ul>
              {d.items.map((i) => (
                <li key={`${i.reportId}-${i.sectionKey}-${i.targetId ?? ''}`}>
                  <Link href={`/rapporter/${encodeURIComponent(i.reportId)}#sec-${i.sectionKey}`}>
                    {i.kind === 'section'
                      ? t('todoSection', { section: t(sectionKey(i.sectionKey)) })
                      : t('todoAssessment', { target: i.title?.[lang] ?? i.targetId ?? '' })}
                  </Link>{' '}
                  – {i.committee}, {i.period}
                  {i.deadline && <> · {t('due', { date: i.deadline })}</>}
                  {i.overdue && <span className="report-overdue"> {t('overdue')}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </WithData>
    </>
  );
}
