/**
 * Staff: moderate submitted proposals; generate voting codes and residents' support codes for printing. The
 * code forms are checked in the browser with their endpoint's contract (codesBody and the process of idParams;
 * supportCodesBody) before they are sent; a refusal by the server is said in the alert and marks its field.
 */
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { sendJson, useApi } from '../../api.ts';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import {
  codesBody,
  idParams,
  supportCodesBody,
  type ProcessSummary,
  type StaffProposal,
} from '../../../core/contracts/participation.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptSay, type Outcome, ptReport } from './forms.tsx';
import {
  errorText,
  Notice,
  PROPOSAL_DIVISION,
  PtData,
  useT,
  type T,
  AreaOptions,
  useProposalAreas,
} from './shared.tsx';

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

/** No count is not a number (refused by the contract). */
const countOf = (count: string) => (count.trim() === '' ? Number.NaN : Number(count));
const say = (t: T) => ptSay(t, (f) => (f === 'processId' ? t('fieldChoose') : f === 'area' ? t('fieldArea') : null));

/** The codes, shown once: to print now. */
function Printed({ codes, print, testId }: { codes: string[]; print: boolean; testId?: string }) {
  const { t } = useT();
  return codes.length > 0 ? (
    <>
      <Notice>{t('codesCreated')}</Notice>
      {print ? (
        <button type="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      ) : null}
      <ol className="pt-codes" data-testid={testId}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
    </>
  ) : null;
}

interface CodeValues {
  processId: string;
  count: string;
}
/** The codes' body, and the process (the address's id, which the contract of the params checks). */
const codesContract = codesBody.extend({ processId: idParams.shape.id });
const codesOf = (v: CodeValues) => ({ processId: v.processId, count: countOf(v.count) });
const codeField: FieldOf<CodeValues> = (path) =>
  path[0] === 'processId' || path[0] === 'id' ? 'processId' : path[0] === 'count' ? 'count' : null;

export function Codes() {
  const { t } = useT();
  const processes = useApi<{ items: ProcessSummary[] }>('/participation/processes');
  const [codes, setCodes] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errId = 'pt-code-outcome';
  const form = useForm<CodeValues>({
    defaultValues: { processId: '', count: '10' },
    resolver: contractResolver(codesContract, codesOf, codeField, say(t)),
  });
  const errors = form.formState.errors;
  const generate = submitWith(
    form,
    codeField,
    (v) => {
      const { processId, count } = codesOf(v);
      return sendJson<{ codes: string[] }>('POST', `/participation/processes/${encodeURIComponent(processId)}/codes`, {
        count,
      });
    },
    ptReport(form, t, setOutcome, (r: { codes: string[] }) => {
      setOutcome(null);
      setCodes(r.codes);
    }),
  );
  return (
    <section aria-labelledby="pt-codes">
      <h2 id="pt-codes">{t('codes')}</h2>
      <PtData state={processes}>
        {(d) => (
          <form onSubmit={(e) => void generate(e)} className="pt-form" noValidate>
            <label htmlFor="pt-code-process">{t('process')}</label>
            <select
              id="pt-code-process"
              required
              {...form.register('processId')}
              {...ptDescribed('pt-code-process', errors.processId, errId)}
            >
              <option value="" />
              {d.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <PtFieldError id="pt-code-process" error={errors.processId} />
            <label htmlFor="pt-code-count">{t('count')}</label>
            <input
              id="pt-code-count"
              type="number"
              min={1}
              max={5000}
              {...form.register('count')}
              {...ptDescribed('pt-code-count', errors.count, errId)}
            />
            <PtFieldError id="pt-code-count" error={errors.count} />
            <button type="submit">{t('generate')}</button>
          </form>
        )}
      </PtData>
      <FormOutcome id={errId} outcome={outcome} />
      <Printed codes={codes} print />
    </section>
  );
}

interface SupportValues {
  area: string;
  count: string;
}
/** The request body; no area chosen is an empty one, which the contract refuses at `area`. */
const supportOf = (v: SupportValues) => ({
  area: v.area ? `${PROPOSAL_DIVISION}:${v.area}` : '',
  count: countOf(v.count),
});
const supportField: FieldOf<SupportValues> = (path) => (path[0] === 'area' || path[0] === 'count' ? path[0] : null);

/** Staff: residents' support codes for an area (one per resident, printed in a letter, shown once). */
export function SupportCodes() {
  const { t } = useT();
  const areas = useProposalAreas();
  const [codes, setCodes] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errId = 'pt-sc-outcome';
  const form = useForm<SupportValues>({
    defaultValues: { area: '', count: '100' },
    resolver: contractResolver(supportCodesBody, supportOf, supportField, say(t)),
  });
  const errors = form.formState.errors;
  const generate = submitWith(
    form,
    supportField,
    (v) => sendJson<{ codes: string[] }>('POST', '/participation/support-codes', supportOf(v)),
    ptReport(form, t, setOutcome, (r: { codes: string[] }) => {
      setOutcome(null);
      setCodes(r.codes);
    }),
  );
  return (
    <section aria-labelledby="pt-support-codes">
      <h2 id="pt-support-codes">{t('supportCodes')}</h2>
      <p>{t('supportCodesHelp')}</p>
      <form onSubmit={(e) => void generate(e)} className="pt-form" noValidate>
        <label htmlFor="pt-sc-area">{t('area')}</label>
        <select id="pt-sc-area" required {...form.register('area')} {...ptDescribed('pt-sc-area', errors.area, errId)}>
          <AreaOptions areas={areas.data?.areas} empty={t('chooseArea')} />
        </select>
        <PtFieldError id="pt-sc-area" error={errors.area} />
        <label htmlFor="pt-sc-count">{t('count')}</label>
        <input
          id="pt-sc-count"
          type="number"
          min={1}
          max={5000}
          {...form.register('count')}
          {...ptDescribed('pt-sc-count', errors.count, errId)}
        />
        <PtFieldError id="pt-sc-count" error={errors.count} />
        <button type="submit">{t('generateSupportCodes')}</button>
      </form>
      <FormOutcome id={errId} outcome={outcome} />
      <Printed codes={codes} print={false} testId="pt-support-code-list" />
    </section>
  );
}
