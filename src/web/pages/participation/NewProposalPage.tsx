/**
 * A resident submits a proposal (similar published ones are suggested while typing). The values become the
 * request body, which the endpoint's contract (submitBody) checks in the browser before anything is sent;
 * the server's refusals are marked at the fields they name.
 */
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { getJson, sendJson, useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import { contractResolver, submitWith, type FieldOf } from '../../forms.ts';
import { submitBody } from '../../../core/contracts/participation.ts';
import { FormOutcome, ptDescribed, PtFieldError, ptRefused, ptSay, type Outcome } from './forms.tsx';
import {
  Notice,
  PROPOSAL_DIVISION,
  PtData,
  PublishedNote,
  useT,
  withLang,
  AreaOptions,
  useProposalAreas,
} from './shared.tsx';

interface Values {
  area: string;
  goalArea: string;
  title: string;
  body: string;
  contact: string;
}

const FIELDS = ['area', 'goalArea', 'title', 'body', 'contact'] as const;
const fieldOf: FieldOf<Values> = (path) => {
  const head = String(path[0] ?? '');
  return (FIELDS as readonly string[]).includes(head) ? (head as keyof Values) : null;
};

/** The request body; no area chosen is an empty one, which the contract refuses at `area`. */
const bodyOf = (v: Values) => ({
  area: v.area ? `${PROPOSAL_DIVISION}:${v.area}` : '',
  title: v.title,
  body: v.body,
  goalArea: v.goalArea || null,
  contact: v.contact || null,
});

const OUTCOME = 'pt-new-outcome';

export function NewProposalPage() {
  const { t, lang } = useT();
  const areas = useProposalAreas();
  const goals = useApi<{ goalAreas: { id: string; title: { sv: string; en: string } }[] }>('/goals');
  const [similar, setSimilar] = useState<{ id: string; title: string; supports: number }[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const form = useForm<Values>({
    defaultValues: { area: '', goalArea: '', title: '', body: '', contact: '' },
    // the first field in the page's order (the area's list is registered when it has loaded)
    shouldFocusError: false,
    resolver: contractResolver(
      submitBody,
      bodyOf,
      fieldOf,
      ptSay(t, (f) => (f === 'area' ? t('fieldArea') : null)),
    ),
  });
  const errors = form.formState.errors;
  const [title, body] = useWatch({ control: form.control, name: ['title', 'body'] });

  useEffect(() => {
    const text = `${title} ${body}`.trim();
    if (text.length < 4) {
      setSimilar([]);
      return;
    }
    const timer = setTimeout(() => {
      getJson<{ items: { id: string; title: string; supports: number }[] }>(
        `/participation/proposals/similar?q=${encodeURIComponent(text)}`,
      )
        .then((r) => setSimilar(r.items))
        .catch(() => setSimilar([]));
    }, 300);
    return () => clearTimeout(timer);
  }, [title, body]);

  const submit = submitWith(
    form,
    fieldOf,
    (v) => sendJson<{ id: string }>('POST', '/participation/proposals', bodyOf(v)),
    {
      done: (r) => {
        setOutcome(null);
        setDone(r.id);
      },
      failed: (_message, err) => setOutcome(ptRefused(form, err, t)),
      invalid: () => {
        setOutcome({ kind: 'status', text: t('formHasErrors'), fields: [] });
        const first = FIELDS.find((f) => form.getFieldState(f).error);
        if (first) form.setFocus(first);
      },
    },
  );
  const fp = (f: keyof Values, help?: string) => ptDescribed(`pt-${f}`, errors[f], OUTCOME, help);

  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <h1>{t('newProposal')}</h1>
      <PublishedNote t={t} />
      {done ? (
        <Notice>
          <p data-testid="pt-thanks">{t('thanks')}</p>
        </Notice>
      ) : (
        <form onSubmit={(e) => void submit(e)} className="pt-form" noValidate>
          <label htmlFor="pt-area">{t('area')}</label>
          <PtData state={areas}>
            {(d) => (
              <select id="pt-area" required {...form.register('area')} {...fp('area')}>
                <AreaOptions areas={d.areas} empty={t('chooseArea')} />
              </select>
            )}
          </PtData>
          <PtFieldError id="pt-area" error={errors.area} />
          <label htmlFor="pt-goal-area">{t('goalArea')}</label>
          <select
            id="pt-goal-area"
            {...form.register('goalArea')}
            {...ptDescribed('pt-goal-area', errors.goalArea, OUTCOME)}
          >
            <option value="">{t('noGoalArea')}</option>
            {(goals.data?.goalAreas ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title[lang]}
              </option>
            ))}
          </select>
          <PtFieldError id="pt-goal-area" error={errors.goalArea} />
          <label htmlFor="pt-title">{t('proposalTitle')}</label>
          <input id="pt-title" required maxLength={200} {...form.register('title')} {...fp('title')} />
          <PtFieldError id="pt-title" error={errors.title} />
          <label htmlFor="pt-body">{t('proposalBody')}</label>
          <textarea id="pt-body" required maxLength={5000} rows={6} {...form.register('body')} {...fp('body')} />
          <PtFieldError id="pt-body" error={errors.body} />
          {similar.length > 0 ? (
            <section aria-live="polite" aria-labelledby="pt-similar" className="notice" data-testid="pt-similar">
              <h2 id="pt-similar">{t('similar')}</h2>
              <p>{t('similarHelp')}</p>
              <ul>
                {similar.map((s) => (
                  <li key={s.id}>
                    <Link href={withLang(`/delta/forslag/${s.id}`, lang)}>{s.title}</Link> (
                    {t('supports', { n: s.supports })})
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <label htmlFor="pt-contact">{t('contact')}</label>
          <input
            id="pt-contact"
            type="email"
            maxLength={300}
            {...form.register('contact')}
            {...fp('contact', 'pt-contact-help')}
          />
          <p id="pt-contact-help" className="pt-help">
            {t('contactHelp')}
          </p>
          <PtFieldError id="pt-contact" error={errors.contact} />
          <FormOutcome id={OUTCOME} outcome={outcome} />
          <button type="submit" disabled={form.formState.isSubmitting}>
            {t('send')}
          </button>
        </form>
      )}
    </div>
  );
}
