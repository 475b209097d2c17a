/** Who is signed in, as the server says (GET /auth/me); also keeps the CSRF token for sendJson. */
import { useEffect } from 'react';
import { setCsrfToken, useApi, type ApiState } from '../../api.ts';
import type { z } from 'zod';
import type { meResponse } from '../../../core/contracts/auth.ts';

/** Who is signed in, as the API's contract gives it. */
export type Me = z.infer<typeof meResponse>;

export function useSession(): ApiState<Me> {
  const me = useApi<Me>('/auth/me');
  useEffect(() => {
    if (me.data) setCsrfToken(me.data.csrfToken);
  }, [me.data]);
  return me;
}

/** A path within the app to go to after signing in (never another site); the home page, with the user's to-do, by default. */
export function safeNext(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  return raw;
}
