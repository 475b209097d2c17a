/** Pages of the committees slice: the organisation (admin) and the named area groups. */
import type { PageRoute } from '../../router.tsx';
import { CommitteesPage } from './CommitteesPage.tsx';
import { AreaGroupsPage } from './AreaGroupsPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/admin/namnder', component: CommitteesPage },
  { pattern: '/admin/omradesgrupper', component: AreaGroupsPage },
];
