/** Pages of the 'analysis' feature: Analys with segregation, need index, allocation scenarios and methods. */
import '../../components/components.css';
import './analysis.css';
import type { ReactNode } from 'react';
import type { PageRoute } from '../../router.tsx';
import { Link } from '../../router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { analysisStrings } from '../../i18n/analysis.ts';
import { SegregationPage } from './SegregationPage.tsx';
import { NeedPage } from './NeedPage.tsx';
import { AllocationPage } from './AllocationPage.tsx';
import { MethodsPage } from './MethodsPage.tsx';

function AnalysisHome(): ReactNode {
  const { t } = useI18n(analysisStrings);
  const cards = [
    { href: '/analys/segregation', title: t('segTitle'), text: t('segIntro') },
    { href: '/analys/behov', title: t('needTitle'), text: t('needIntro') },
    { href: '/analys/fordelning', title: t('allocTitle'), text: t('allocIntro') },
    { href: '/analys/metoder', title: t('methodsTitle'), text: t('methodsIntro') },
  ];
  return (
    <div className="an-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <ul className="cards">
        {cards.map((c) => (
          <li key={c.href}>
            <h2>
              <Link href={c.href}>{c.title}</Link>
            </h2>
            <p>{c.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const routes: PageRoute[] = [
  { pattern: '/analys', component: AnalysisHome, nav: 'analysis' },
  { pattern: '/analys/segregation', component: SegregationPage, nav: 'analysis' },
  { pattern: '/analys/behov', component: NeedPage, nav: 'analysis' },
  { pattern: '/analys/fordelning', component: AllocationPage, nav: 'analysis' },
  { pattern: '/analys/metoder', component: MethodsPage, nav: 'analysis' },
];
