/** A participatory budget: its rule, projects and (while voting) the ballot. */
import { useState } from 'react';
import { useApi } from '../../api.ts';
import { Link, useRoute } from '../../router.tsx';
import type { ProcessDetail } from '../../../core/contracts/participation.ts';
import { VoteForm } from './VoteForm.tsx';
import { kr, Notice, phaseLabel, PtData, PublishedNote, ruleName, useT, withLang } from './shared.tsx';

export function ProcessPage() {
  const { t, lang } = useT();
  const { params } = useRoute();
  const id = params['id'] ?? '';
  const state = useApi<ProcessDetail>(`/participation/processes/${encodeURIComponent(id)}`);
  const [voted, setVoted] = useState(false);
  return (
    <div className="pt-page">
      <p>
        <Link href={withLang('/delta', lang)}>{t('back')}</Link>
      </p>
      <PtData state={state}>
        {({ process, projects }) => (
          <>
            <h1>{process.name}</h1>
            <p>
              {t('area')}: {process.areaName ?? process.area}. {t('budget')}: {kr(process.budget, lang)}. {t('phase')}:{' '}
              {phaseLabel(t, process.phase)}.
            </p>
            {process.description ? <p>{process.description}</p> : null}
            <h2>{t('rule')}</h2>
            <p>
              <strong>{ruleName(t, process.rule)}.</strong> {t(`rule_${process.rule}`)}
            </p>
            <PublishedNote t={t} />
            {process.phase === 'published' ? (
              <p>
                <Link href={withLang(`/delta/budget/${process.id}/resultat`, lang)}>{t('seeResults')}</Link>
              </p>
            ) : null}
            {process.phase === 'voting' ? (
              voted ? (
                <Notice>
                  <p data-testid="pt-voted">{t('voted')}</p>
                </Notice>
              ) : (
                <VoteForm process={process} projects={projects} onVoted={() => setVoted(true)} />
              )
            ) : (
              <section aria-labelledby="pt-projects">
                <h2 id="pt-projects">{t('projects')}</h2>
                <ul className="pt-list">
                  {projects.map((p) => (
                    <li key={p.id}>
                      <strong>{p.title}</strong> ({kr(p.cost, lang)})
                      {p.feasible === false ? ` – ${t('notFeasible')}: ${p.assessment}` : ''}
                      {p.followUp ? <p>{p.followUp}</p> : null}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </PtData>
    </div>
  );
}
