/**
 * Att göra on the overview page, for signed-in users who may write or approve reports: how many reports are to be
 * handed in, how many of them are overdue, how many wait for my approval, with a link to the to-do list. One call
 * (the to-do list's own), made only for those users.
 */
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import { useSession } from '../auth/session.ts';
import { useReportI18n } from '../reports/common.tsx';
import type { TodoResponse } from '../../../core/contracts/reports.ts';

export function ReportsSummary(): ReactNode {
  const { t } = useReportI18n();
  const me = useSession();
  const perms = me.data?.permissions ?? [];
  const shown = me.data?.user != null && (perms.includes('reports:write') || perms.includes('reports:approve'));
  const todo = useApi<z.infer<typeof TodoResponse>>(shown ? '/reports/todo' : null);
  if (!shown || !todo.data) return null;
  const s = todo.data.summary;
  const parts: string[] = [];
  if (s.due > 0)
    parts.push(t('homeTodoDue', { n: s.due }) + (s.overdue > 0 ? `, ${t('homeTodoOverdue', { n: s.overdue })}` : ''));
  if (s.toApprove > 0) parts.push(t('homeTodoApprove', { n: s.toApprove }));
  return (
    <section aria-labelledby="reports-summary" data-testid="reports-summary" className="notice">
      <h2 id="reports-summary">{t('todoTitle')}</h2>
      <p>{parts.length ? `${parts.join('. ')}.` : t('homeTodoNothing')}</p>
      <p>
        <Link href="/rapporter/att-gora">{t('homeTodoLink')}</Link>
      </p>
    </section>
  );
}
