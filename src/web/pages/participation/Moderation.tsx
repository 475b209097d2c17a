/** Staff: moderate submitted proposals; generate voting codes and residents' support codes for printing. */
import { useState, type FormEvent } from 'react';
import { sendJson, useApi } from '../../api.ts';
import type { ProcessSummary, StaffProposal } from '../../../core/contracts/participation.ts';
import { errorText, Notice, PROPOSAL_DIVISION, PtData, useT } from './shared.tsx';

export function Moderation() {
  const { t } = useT();
  const state = useApi<{ items: StaffProposal[] }>('/participation/staff/proposals?status=submitted');
  const [error, setError] = useState<string | null>(null);
  async function act(id: string, action: 'publish' | 'reject') {
    try {
      await sendJson('POST', `/participation/proposals/${id}/moderate`, { action });
      state.reload();
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <section aria-labelledby="pt-moderation">
      <h2 id="pt-moderation">{t('moderation')}</h2>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      <PtData state={state}>
        {(d) =>
          d.items.length === 0 ? (
            <p>{t('nothingToModerate')}</p>
          ) : (
            <ul className="pt-list">
              {d.items.map((p) => (
                <li key={p.id}>
                  <strong>{p.title}</strong> ({p.areaName ?? p.area}): {p.body}{' '}
                  <button type="button" onClick={() => void act(p.id, 'publish')}>
                    {t('publish')}
                  </button>{' '}
                  <button type="button" onClick={() => void act(p.id, 'reject')}>
                    {t('reject')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </PtData>
    </section>
  );
}

export function Codes() {
  const { t } = useT();
  const processes = useApi<{ items: ProcessSummary[] }>('/participation/processes');
  const [processId, setProcessId] = useState('');
  const [count, setCount] = useState(10);
  const [codes, setCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function generate(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await sendJson<{ codes: string[] }>('POST', `/participation/processes/${processId}/codes`, { count });
      setCodes(r.codes);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <section aria-labelledby="pt-codes">
      <h2 id="pt-codes">{t('codes')}</h2>
      <PtData state={processes}>
        {(d) => (
          <form onSubmit={generate} className="pt-form">
            <label htmlFor="pt-code-process">{t('process')}</label>
            <select id="pt-code-process" required value={processId} onChange={(e) => setProcessId(e.target.value)}>
              <option value="" />
              {d.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <label htmlFor="pt-code-count">{t('count')}</label>
            <input
              id="pt-code-count"
              type="number"
              min={1}
              max={5000}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
            <button type="submit">{t('generate')}</button>
          </form>
        )}
      </PtData>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {codes.length > 0 ? (
        <>
          <Notice>{t('codesCreated')}</Notice>
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
          <ol className="pt-codes">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

/** Staff: residents' support codes for an area (one per resident, printed in a letter, shown once). */
export function SupportCodes() {
  const { t } = useT();
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const [area, setArea] = useState('');
  const [count, setCount] = useState(100);
  const [codes, setCodes] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function generate(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await sendJson<{ codes: string[] }>('POST', '/participation/support-codes', {
        area: `${PROPOSAL_DIVISION}:${area}`,
        count,
      });
      setCodes(r.codes);
    } catch (err) {
      setError(errorText(err, t));
    }
  }
  return (
    <section aria-labelledby="pt-support-codes">
      <h2 id="pt-support-codes">{t('supportCodes')}</h2>
      <p>{t('supportCodesHelp')}</p>
      <form onSubmit={generate} className="pt-form">
        <label htmlFor="pt-sc-area">{t('area')}</label>
        <select id="pt-sc-area" required value={area} onChange={(e) => setArea(e.target.value)}>
          <option value="">{t('chooseArea')}</option>
          {(areas.data?.areas ?? []).map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </select>
        <label htmlFor="pt-sc-count">{t('count')}</label>
        <input
          id="pt-sc-count"
          type="number"
          min={1}
          max={5000}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
        />
        <button type="submit">{t('generateSupportCodes')}</button>
      </form>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      {codes.length > 0 ? (
        <>
          <Notice>{t('codesCreated')}</Notice>
          <ol className="pt-codes" data-testid="pt-support-code-list">
            {codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
