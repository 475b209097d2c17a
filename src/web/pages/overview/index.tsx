import type { PageRoute } from '../../router.tsx';
import { Link } from '../../router.tsx';
import { useApi } from '../../api.ts';
import { useI18n } from '../../i18n/index.tsx';
import { GoalSummary } from './GoalSummary.tsx';
import { ReportsSummary } from './ReportsSummary.tsx';
import type { z } from 'zod';
import type { healthResponse } from '../../../core/contracts/health.ts';

type Health = z.infer<typeof healthResponse>;

const strings = {
  sv: {
    dataMissing: 'Statistik saknas',
    howToLoad: 'Så läser du in data',
    howToLoadText:
      'Ange mappen med referensdata i FARDPLAN_DATA_DIR och starta om, eller kör: npx fardplan load <mapp>',
    sections: 'Det här finns i Färdplan',
    s_areas: 'Se hur ett område står sig mot staden som helhet.',
    s_compare: 'Jämför stadsdelsområden, stadsdelar och mindre områden sida vid sida.',
    s_indicators: 'Kartor och rangordningar för varje indikator.',
    s_goals: 'Målen, etappmålen och hur det går.',
    s_interventions: 'Insatserna, pengarna och vart de går.',
    s_analysis: 'Segregation, behov och fördelning av resurser.',
    s_participation: 'Medborgarförslag, dialoger och medborgarbudget.',
  },
  en: {
    dataMissing: 'Statistics missing',
    howToLoad: 'How to load data',
    howToLoadText: 'Set FARDPLAN_DATA_DIR to the reference data folder and restart, or run: npx fardplan load <dir>',
    sections: 'What Färdplan holds',
    s_areas: 'See how an area compares with the city as a whole.',
    s_compare: 'Compare districts and smaller areas side by side.',
    s_indicators: 'Maps and rankings for every indicator.',
    s_goals: 'The goals, the milestones and how it is going.',
    s_interventions: 'The interventions, the money and where it goes.',
    s_analysis: 'Segregation, need and allocation of resources.',
    s_participation: 'Citizen proposals, dialogues and participatory budgeting.',
  },
};

function Overview() {
  const { t } = useI18n(strings);
  const health = useApi<Health>('/health');
  const links: [string, string, string][] = [
    ['/omraden', 'nav_areas', 's_areas'],
    ['/jamfor', 'nav_compare', 's_compare'],
    ['/indikatorer', 'nav_indicators', 's_indicators'],
    ['/mal', 'nav_goals', 's_goals'],
    ['/insatser', 'nav_interventions', 's_interventions'],
    ['/analys', 'nav_analysis', 's_analysis'],
    ['/delta', 'nav_participation', 's_participation'],
  ];
  return (
    <section>
      <h1>{t('overviewTitle')}</h1>
      <p className="lead">{t('overviewIntro')}</p>
      {health.data && !health.data.data.loaded ? (
        <div className="notice" role="note" data-testid="data-missing">
          <h2>{t('dataMissing')}</h2>
          <p>{health.data.data.message}</p>
          <h3>{t('howToLoad')}</h3>
          <p>
            <code>{t('howToLoadText')}</code>
          </p>
        </div>
      ) : null}
      <ReportsSummary />
      <GoalSummary />
      <h2>{t('sections')}</h2>
      <ul className="cards">
        {links.map(([href, title, text]) => (
          <li key={href}>
            <Link href={href}>
              <strong>{t(title as 'nav_areas')}</strong>
            </Link>
            <p>{t(text as 's_areas')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export const routes: PageRoute[] = [{ pattern: '/', component: Overview, nav: 'overview' }];
