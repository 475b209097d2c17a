/** One report: its sections (generated and written), the workflow, versions and the documents out. */
import { useState } from 'react';
import type { z } from 'zod';
import { Link, navigate, useRoute } from '../../router.tsx';
import { sendJson, useApi } from '../../api.ts';
import { WithData } from '../../shell/Status.tsx';
import type { Report, ReportersResponse } from '../../../core/contracts/reports.ts';
import { GeneratedSection } from './Generated.tsx';
import { WrittenSection } from './Written.tsx';
import { errorText, periodKey, sectionKey, stateKey, useReportI18n } from './common.tsx';

export function ReportPage() {
  const { t, lang } = useReportI18n();
  const { params } = useRoute();
  const id = params.id ?? '';
  const state = useApi<Report>(`/reports/${encodeURIComponent(id)}`);
  const people = useApi<z.infer<typeof ReportersResponse>>(`/reports/${encodeURIComponent(id)}/reporters`);
  const [msg, setMsg] = useState<string | null>(null);

  async function act(fn: () => Promise<unknown>) {
    setMsg(null);
    try {
      await fn();
      state.reload();
    } catch (err) {
      setMsg(errorText(t, err));
    }
  }
  const notify = (m: string) => {
    setMsg(m);
    state.reload();
  };

  // While a change reloads the report, the page keeps showing the report it has (no flash, focus kept).
  const shown = state.data ? { ...state, loading: false, error: null } : state;
  return (
    <WithData state={shown}>
      {(r) => {
        const editable = r.allowed.write && r.state === 'utkast';
        // the document in the language of the screen it is downloaded from
        const exportUrl = (f: string) => `/api/v1/reports/${encodeURIComponent(r.id)}/export?format=${f}&lang=${lang}`;
        return (
          <>
            <p>
              <Link href="/rapporter">{t('title')}</Link>
            </p>
            <h1>
              {t(periodKey(r.period.id))} {r.period.year} – {r.committee.name}
            </h1>
            <p>
              <span className="report-state">{t(stateKey(r.state))}</span> · {t('version')} {r.version} ·{' '}
              {t('due', { date: r.period.dueOn })} · {t('approverRole', { role: t(`role_${r.approverRole}`) })}
            </p>
            <p>{r.frozen ? t('frozen', { version: r.version }) : t('live')}</p>
            <div className="report-actions">
              {r.allowed.actions.map((a) => (
                <button
                  key={a}
                  type="button"
                  onClick={() =>
                    void act(() => sendJson('POST', `/reports/${encodeURIComponent(r.id)}/transition`, { action: a }))
                  }
                >
                  {t(`action_${a}`)}
                </button>
              ))}
              {r.allowed.write && (
                <button
                  type="button"
                  onClick={() =>
                    void act(async () => {
                      const n = await sendJson<{ id: string }>(
                        'POST',
                        `/reports/${encodeURIComponent(r.id)}/copy-forward`,
                      );
                      navigate(`/rapporter/${encodeURIComponent(n.id)}`);
                    })
                  }
                >
                  {t('copyForward')}
                </button>
              )}
            </div>
            <p role="status" className="notice" hidden={!msg}>
              {msg}
            </p>
            <p>
              {t('export')}: <a href={exportUrl('html')}>{t('exportHtml')}</a> ·{' '}
              <a href={exportUrl('pdf')}>{t('exportPdf')}</a> · <a href={exportUrl('docx')}>{t('exportDocx')}</a>
            </p>
            <nav aria-label={t('title')}>
              <ol>
                {r.sections.map((s) => (
                  <li key={s.key}>
                    <a href={`#sec-${s.key}`}>{t(sectionKey(s.key))}</a>
                  </li>
                ))}
              </ol>
            </nav>
            {r.sections.map((s) => (
              <section key={s.key} className="report-section" aria-labelledby={`sec-${s.key}`}>
                <h2 id={`sec-${s.key}`}>{t(sectionKey(s.key))}</h2>
                {s.content ? (
                  <GeneratedSection content={s.content} report={r} editable={editable} reload={notify} />
                ) : (
                  <WrittenSection
                    key={`${s.key}-${s.updatedAt ?? ''}-${r.state}`}
                    report={r}
                    section={s}
                    editable={editable}
                    canComment={r.state !== 'godkand' && (r.allowed.write || r.allowed.approve)}
                    people={people.data?.people ?? []}
                    reload={state.reload}
                    notify={setMsg}
                  />
                )}
              </section>
            ))}
            {r.versions.length > 0 && (
              <>
                <h2>{t('versions')}</h2>
                <ul>
                  {r.versions.map((v) => (
                    <li key={v.version}>
                      {t('versionLine', {
                        version: v.version,
                        date: v.approvedAt.slice(0, 10),
                        by: v.approvedBy ?? '–',
                      })}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        );
      }}
    </WithData>
  );
}
