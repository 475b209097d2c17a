/** One proposal: its supports, the support step (with a resident code) and the committee's answer. */
import { useState, type FormEvent } from 'react';
import { ApiError, sendJson, useApi } from '../../api.ts';
import { Link, useRoute } from '../../router.tsx';
import type { PublicProposal } from '../../../core/contracts/participation.ts';
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

/** The support step: a resident's one-time code (from the letter); afterwards it says you support it. */
function SupportForm({ proposal, onSupported }: { proposal: PublicProposal; onSupported: () => void }) {
  const { t } = useT();
  const [code, setCode] = useState('');
  const [done, setDone] = useState(() => supportedHere(proposal.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = proposal.supportVerification === 'browser' ? { supporterKey: supporterKey() } : { code };
      await sendJson('POST', `/participation/proposals/${proposal.id}/support`, body);
      rememberSupported(proposal.id);
      setDone(true);
      onSupported();
    } catch (err) {
      if (err instanceof ApiError && (err.details as { code?: string }[] | undefined)?.[0]?.code === 'support_twice') {
        rememberSupported(proposal.id);
        setDone(true);
      }
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

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
      <form onSubmit={submit} className="pt-form" aria-label={t('support')}>
        {error ? <Notice kind="alert">{error}</Notice> : null}
        <button type="submit" disabled={busy}>
          {t('support')}
        </button>
      </form>
    );
  return (
    <form onSubmit={submit} className="pt-form" aria-labelledby="pt-support-heading">
      <h2 id="pt-support-heading">{t('support')}</h2>
      <label htmlFor="pt-support-code">{t('supportCode')}</label>
      <input
        id="pt-support-code"
        required
        autoComplete="off"
        aria-describedby="pt-support-code-help"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <p id="pt-support-code-help" className="pt-help">
        {t('supportCodeHelp')}
      </p>
      {error ? <Notice kind="alert">{error}</Notice> : null}
      <button type="submit" disabled={busy}>
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
