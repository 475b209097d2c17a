/** Pages of the 'goals' feature: Mål (the tree), one target, and one goal area, strategy or commitment. */
import './goals.css';
import type { PageRoute } from '../../router.tsx';
import { GoalsPage } from './GoalsPage.tsx';
import { TargetPage } from './TargetPage.tsx';
import { SyncConflictsPage } from './SyncConflictsPage.tsx';
import { ItemPage } from './ItemPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/mal', component: GoalsPage, nav: 'goals' },
  { pattern: '/mal/synkkonflikter', component: SyncConflictsPage, nav: 'goals' },
  { pattern: '/mal/:id', component: TargetPage, nav: 'goals' },
  { pattern: '/mal/:kind/:id', component: ItemPage, nav: 'goals' },
];
