import { readFile } from 'node:fs/promises';

/** docs/methods.md, for the methods page that every analysis figure links to. */
export async function methodsDocument(): Promise<{ markdown: string }> {
  return { markdown: await readFile(new URL('../../../docs/methods.md', import.meta.url), 'utf8') };
}
