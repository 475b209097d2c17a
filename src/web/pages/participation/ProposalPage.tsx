/**
 * One proposal: its supports, the support step (with a resident code) and the committee's answer. The code
 * is checked with the endpoint's contract (supportBody) before it is sent; a refused one is marked at its field.
 */
import { useState, type FormEvent } from 'react';
import { useForm } from 'react-hook-form';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { Link, useRoute } from '../../router.tsx';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { supportBody, type PublicProposal } from '../../../core/contracts/participation.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptRefused, ptSay, type Outcome } from './forms.tsx';
import {
  errorText,
  Notice,
  PtData,
  rememberSupported,
  supportedHere,
  supporterKey,
  useT,
  withLang,
} from './shared.tsx';

interface Values {
  code: string;
}
const fieldOf: FieldOf<Values> = (path) => (path[0] === 'code' ? 'code' : null);
const OUTCOME = 'pt-support-outcome';

const supportedTwice = (err: unknown) =>
  err instanceof ApiError && (err.details as { code?: string }[] | undefined)?.[0]?.code === 'support_twice';

/** The support step: a resident's one-time code (from the letter); afterwards it says you support it. */
function SupportForm({ proposal, onSupported }: { proposal: PublicProposal; onSupported: () => void }) {
  const { t } = useT();
  const [done, setDone] = useState(() => supportedHere(proposal.id));
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<Values>({
    defaultValues: { code: '' },
    resolver: contractResolver(
      supportBody,
      (v: Values) => ({ code: v.code }),
      fieldOf,
      ptSay(t, () => t('fieldCode')),
    ),
  });
  const errors = form.formState.errors;
  const supported = () => {
    rememberSupported(proposal.id);
    setDone(true);
  };
  const path = `/participation/proposals/${proposal.id}/support`;

  /** Where the city chose unverified supports: one button, no input (nothing to check before sending). */
  async function supportByBrowser(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await sendJson('POST', path, { supporterKey: supporterKey() });
      supported();
      onSupported();
    } catch (err) {
      if (supportedTwice(err)) supported();
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const submit = submitWith(form, fieldOf, (v) => sendJson('POST', path, { code: v.code }), {
    done: () => {
      supported();
      onSupported();
    },
    failed: (_message, err) => {
      if (supportedTwice(err)) {
        supported();
        setError(errorText(err, t));
      }
      setOutcome(ptRefused(form, err, t));
    },
    invalid: () => setOutcome({ kind: 'status', text: t('formHasErrors'), fields: [] }),
  });

  if (done)
    return (
      <>
        <p>
          <button type="button" disabled aria-disabled="true" data-testid="pt-supported">
            {t('youSupport')}
          </button>
        </p>
        <Notice kind={error ? 'alert' : 'status'}>{error ?? t('supported')}</Notice>
      </>
    );
  if (proposal.supportVerification === 'browser')
    return (
      <form onSubmit={supportByBrowser} className="pt-form" aria-label={t('support')}>
        {error ? <Notice kind="alert">{error}</Notice> : null}
        <button type="submit" disabled={busy}>
          {t('support')}
        </button>
      </form>
    );
  return (
    <form onSubmit={(e) => void submit(e)} className="pt-form" aria-labelledby="pt-support-heading" noValidate>
      <h2 id="pt-support-heading">{t('support')}</h2>
      <label htmlFor="pt-support-code">{t('supportCode')}</label>
      <input
        id="pt-support-code"
        required
        autoComplete="off"
        {...form.register('code')}
        {...ptDescribed('pt-support-code', errors.code, OUTCOME, 'pt-support-code-help')}
      />
      <p id="pt-support-code-help" className="pt-help">
        {t('supportCodeHelp')}
      </p>
      <PtFieldError id="pt-support-code" error={errors.code} />
      <FormOutcome id={OUTCOME} outcome={outcome} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {t('support')}
      </button>
    </form>
  );
}

export function ProposalPage() {
  const { t, lang } = useT();
  const { params } = useRoute();
  const state = useApi<PublicProposal>(`/participation/proposals/${encodeURIComponent(params['id'] ?? '')}`);

  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <PtData state={state}>
        {(p) => (
          <article>
            <h1>{p.title}</h1>
            <p>
              {t('area')}: {p.areaName ?? p.area}. {t(`status_${p.status}`)}.
            </p>
            <p className="pt-body">{p.body}</p>
            <p data-testid="pt-supports">
              {p.supportsNeeded !== null
                ? t('supportsOf', { n: p.supports, needed: p.supportsNeeded })
                : t('supports', { n: p.supports })}
            </p>
            {p.status === 'published' && p.supportUntil ? <p>{t('supportUntil', { date: p.supportUntil })}</p> : null}
            {p.status === 'published' ? <SupportForm proposal={p} onSupported={state.reload} /> : null}
            {p.committeeAnswer ? (
              <section aria-labelledby="pt-answer">
                <h2 id="pt-answer">{t('answer')}</h2>
                <p>
                  <strong>
                    {p.committeeDecision
                      ? t(`decision_${p.committeeDecision as 'approved' | 'partly_approved' | 'rejected'}`)
                      : ''}
                  </strong>{' '}
                  {p.answeredOn}
                </p>
                <p>{p.committeeAnswer}</p>
              </section>
            ) : null}
            {p.interventions && p.interventions.length > 0 ? (
              <section aria-labelledby="pt-led-to">
                <h2 id="pt-led-to">{t('linkedInterventions')}</h2>
                <ul className="pt-list" data-testid="pt-led-to">
                  {p.interventions.map((iv) => (
                    <li key={iv}>
                      <Link href={withLang(`/insatser/${encodeURIComponent(iv)}`, lang)}>{iv}</Link>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </article>
        )}
      </PtData>
    </div>
  );
}
