/** Pages of the 'interventions' feature: Insatser (list), budget, import and one intervention. */
import './interventions.css';
import type { PageRoute } from '../../router.tsx';
import { BudgetPage } from './BudgetPage.tsx';
import { DetailPage } from './DetailPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { ListPage } from './ListPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/insatser', component: ListPage, nav: 'interventions' },
  { pattern: '/insatser/budget', component: BudgetPage, nav: 'interventions' },
  { pattern: '/insatser/import', component: ImportPage, nav: 'interventions' },
  { pattern: '/insatser/:id', component: DetailPage, nav: 'interventions' },
];
