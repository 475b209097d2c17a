/** Pages of the 'compare' feature: Jämför. */
import '../../components/components.css';
import type { PageRoute } from '../../router.tsx';
import { ComparePage } from './ComparePage.tsx';

export { defaultAreas, defaultIndicators } from './compare.ts';

export const routes: PageRoute[] = [{ pattern: '/jamfor', component: ComparePage, nav: 'compare' }];
