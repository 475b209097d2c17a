/** Pages of the 'indicators' feature: the routes this feature adds to the app. */
import type { PageRoute } from '../../router.tsx';
import { ComingSoon } from '../../shell/ComingSoon.tsx';

export const routes: PageRoute[] = [];
export const placeholder = ComingSoon;
