/** Delta, the residents' start page: budgets, proposals, dialogues. */
import { useApi } from '../../api.ts';
import { Link } from '../../router.tsx';
import type { ProcessSummary, PublicProposal } from '../../../core/contracts/participation.ts';
import { DialogueList } from './Dialogues.tsx';
import { phaseLabel, PtData, PublishedNote, useT, withLang } from './shared.tsx';

export function HomePage() {
  const { t, lang } = useT();
  const processes = useApi<{ items: ProcessSummary[] }>('/participation/processes');
  const proposals = useApi<{ items: PublicProposal[] }>('/participation/proposals');
  return (
    <div className="pt-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <PublishedNote t={t} />

      <section aria-labelledby="pt-budgets">
        <h2 id="pt-budgets">{t('budgets')}</h2>
        <PtData state={processes}>
          {(d) =>
            d.items.length === 0 ? (
              <p>{t('noBudgets')}</p>
            ) : (
              <ul className="pt-list">
                {d.items.map((p) => (
                  <li key={p.id}>
                    <Link href={withLang(`/delta/budget/${p.id}`, lang)}>{p.name}</Link> – {p.areaName ?? p.area},{' '}
                    {phaseLabel(t, p.phase)}
                  </li>
                ))}
              </ul>
            )
          }
        </PtData>
      </section>

      <section aria-labelledby="pt-proposals">
        <h2 id="pt-proposals">{t('proposals')}</h2>
        <p>
          <Link href={withLang('/delta/forslag/nytt', lang)} className="pt-button">
            {t('newProposal')}
          </Link>
        </p>
        <PtData state={proposals}>
          {(d) =>
            d.items.length === 0 ? (
              <p>{t('noProposals')}</p>
            ) : (
              <ul className="pt-list" data-testid="pt-proposal-list">
                {d.items.map((p) => (
                  <li key={p.id}>
                    <Link href={withLang(`/delta/forslag/${p.id}`, lang)}>{p.title}</Link> – {p.areaName ?? p.area}.{' '}
                    {t(`status_${p.status}`)},{' '}
                    {p.supportsNeeded !== null
                      ? t('supportsOf', { n: p.supports, needed: p.supportsNeeded })
                      : t('supports', { n: p.supports })}
                  </li>
                ))}
              </ul>
            )
          }
        </PtData>
      </section>

      <DialogueList />
      <p>
        <Link href={withLang('/delta/vem', lang)}>{t('takingPart')}</Link> ·{' '}
        <Link href={withLang('/delta/personal', lang)}>{t('staff')}</Link>
      </p>
    </div>
  );
}
