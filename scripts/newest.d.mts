/** See newest.mjs. */
export function newestMtime(dir: string, skip?: readonly string[]): number;
