/** Pages of the 'goals' feature: Mål (the tree) and one target. */
import './goals.css';
import type { PageRoute } from '../../router.tsx';
import { GoalsPage } from './GoalsPage.tsx';
import { TargetPage } from './TargetPage.tsx';
import { SyncConflictsPage } from './SyncConflictsPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/mal', component: GoalsPage, nav: 'goals' },
  { pattern: '/mal/synkkonflikter', component: SyncConflictsPage, nav: 'goals' },
  { pattern: '/mal/:id', component: TargetPage, nav: 'goals' },
];
