/** Pages of the 'participation' feature (Delta): proposals, dialogues, participatory budgeting. One screen per file. */
import './participation.css';
import type { PageRoute } from '../../router.tsx';
import { HomePage } from './HomePage.tsx';
import { NewProposalPage } from './NewProposalPage.tsx';
import { ProposalPage } from './ProposalPage.tsx';
import { ProcessPage } from './ProcessPage.tsx';
import { ResultsPage } from './ResultsPage.tsx';
import { TakingPartPage } from './TakingPartPage.tsx';
import { StaffPage } from './StaffPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/delta', component: HomePage, nav: 'participation' },
  { pattern: '/delta/forslag/nytt', component: NewProposalPage, nav: 'participation' },
  { pattern: '/delta/forslag/:id', component: ProposalPage, nav: 'participation' },
  { pattern: '/delta/budget/:id', component: ProcessPage, nav: 'participation' },
  { pattern: '/delta/budget/:id/resultat', component: ResultsPage, nav: 'participation' },
  { pattern: '/delta/vem', component: TakingPartPage, nav: 'participation' },
  { pattern: '/delta/personal', component: StaffPage, nav: 'participation' },
];
