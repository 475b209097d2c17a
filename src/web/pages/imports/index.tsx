/** Pages of the imports feature: upload a dataset, and the list of batches to publish. */
import type { PageRoute } from '../../router.tsx';
import { BatchesPage } from './BatchesPage.tsx';
import { UploadPage } from './UploadPage.tsx';

export const routes: PageRoute[] = [
  { pattern: '/indikatorer/import', component: UploadPage, nav: 'indicators' },
  { pattern: '/indikatorer/import/batcher', component: BatchesPage, nav: 'indicators' },
];
