/**
 * The page's Content Security Policy allows no eval: zod must not even probe for it (a strict CSP reports the probe
 * as a violation), so schemas validate without compiled fast paths. Imported first by main.tsx, before any schema
 * is built.
 */
import { z } from 'zod';

z.config({ jitless: true });
