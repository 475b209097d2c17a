/** A resident submits a proposal (similar published ones are suggested while typing). */
import { useEffect, useState, type FormEvent } from 'react';
import { getJson, sendJson, useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import { errorText, Notice, PROPOSAL_DIVISION, PtData, PublishedNote, useT, withLang } from './shared.tsx';

export function NewProposalPage() {
  const { t, lang } = useT();
  const areas = useApi<{ areas: { code: string; name: string }[] }>(`/areas?division=${PROPOSAL_DIVISION}`);
  const goals = useApi<{ goalAreas: { id: string; title: { sv: string; en: string } }[] }>('/goals');
  const [area, setArea] = useState('');
  const [goalArea, setGoalArea] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [contact, setContact] = useState('');
  const [similar, setSimilar] = useState<{ id: string; title: string; supports: number }[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

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

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      const r = await sendJson<{ id: string }>('POST', '/participation/proposals', {
        area: `${PROPOSAL_DIVISION}:${area}`,
        title,
        body,
        goalArea: goalArea || null,
        contact: contact || null,
      });
      setDone(r.id);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

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
        <form onSubmit={submit} className="pt-form">
          <label htmlFor="pt-area">{t('area')}</label>
          <PtData state={areas}>
            {(d) => (
              <select id="pt-area" required value={area} onChange={(e) => setArea(e.target.value)}>
                <option value="">{t('chooseArea')}</option>
                {d.areas.map((a) => (
                  <option key={a.code} value={a.code}>
                    {a.name}
                  </option>
                ))}
              </select>
            )}
          </PtData>
          <label htmlFor="pt-goal-area">{t('goalArea')}</label>
          <select id="pt-goal-area" value={goalArea} onChange={(e) => setGoalArea(e.target.value)}>
            <option value="">{t('noGoalArea')}</option>
            {(goals.data?.goalAreas ?? []).map((g) => (
              <option key={g.id} value={g.id}>
                {g.title[lang]}
              </option>
            ))}
          </select>
          <label htmlFor="pt-title">{t('proposalTitle')}</label>
          <input
            id="pt-title"
            required
            minLength={3}
            maxLength={200}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <label htmlFor="pt-body">{t('proposalBody')}</label>
          <textarea
            id="pt-body"
            required
            minLength={10}
            maxLength={5000}
            rows={6}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
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
            aria-describedby="pt-contact-help"
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
          <p id="pt-contact-help" className="pt-help">
            {t('contactHelp')}
          </p>
          {error ? <Notice kind="alert">{error}</Notice> : null}
          <button type="submit">{t('send')}</button>
        </form>
      )}
    </div>
  );
}
