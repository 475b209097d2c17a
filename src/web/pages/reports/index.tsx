/** Pages of the reporting cycle: the reports of a year, one report, my to-do list, the city report. */
import './reports.css';
import type { PageRoute } from '../../router.tsx';
import { ListPage } from './ListPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { TodoPage } from './TodoPage.tsx';
import { CityPage } from './CityPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/rapporter', component: ListPage, nav: 'reports' },
  { pattern: '/rapporter/att-gora', component: TodoPage, nav: 'reports' },
  { pattern: '/rapporter/stad/:period', component: CityPage, nav: 'reports' },
  { pattern: '/rapporter/:id', component: ReportPage, nav: 'reports' },
];
