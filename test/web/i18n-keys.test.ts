/**
 * The web app's dictionaries (src/web/i18n/*.ts, each `{ sv, en }`): both languages have the same keys, every text is
 * a valid ICU message in its language, and no key is left unused by the screens.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { repoRoot } from '../helpers/paths.ts';

const i18nDir = join(repoRoot, 'src', 'web', 'i18n');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

type Dicts = { sv: Record<string, string>; en: Record<string, string> };

async function dictionaries(): Promise<[string, Dicts][]> {
  const out: [string, Dicts][] = [];
  // The web app's dictionaries, and the words shared with the documents the server makes (src/i18n).
  const shared = join(repoRoot, 'src', 'i18n');
  const all = [
    ...readdirSync(i18nDir).map((n) => join(i18nDir, n)),
    ...readdirSync(shared).map((n) => join(shared, n)),
  ].filter((f) => f.endsWith('.ts'));
  for (const file of all) {
    const name = file.startsWith(shared) ? `shared/${file.slice(shared.length + 1)}` : file.slice(i18nDir.length + 1);
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [exp, value] of Object.entries(mod)) {
      const v = value as Partial<Dicts> | null;
      if (v && typeof v === 'object' && v.sv && v.en) out.push([`${name}:${exp}`, v as Dicts]);
    }
  }
  return out;
}

test('every dictionary has the same keys in Swedish and English', async () => {
  const dicts = await dictionaries();
  assert.ok(dicts.length >= 5, 'the dictionaries were found');
  for (const [name, d] of dicts) {
    const sv = Object.keys(d.sv).sort();
    const en = Object.keys(d.en).sort();
    assert.deepEqual(
      sv.filter((k) => !en.includes(k)),
      [],
      `${name}: keys with no English text`,
    );
    assert.deepEqual(
      en.filter((k) => !sv.includes(k)),
      [],
      `${name}: keys with no Swedish text`,
    );
  }
});

test('every text is a valid ICU message', async () => {
  const bad: string[] = [];
  for (const [name, d] of await dictionaries()) {
    for (const lang of ['sv', 'en'] as const) {
      for (const [k, text] of Object.entries(d[lang])) {
        try {
          new IntlMessageFormat(text, lang, undefined, { ignoreTag: true });
        } catch (e) {
          bad.push(`${name} ${lang}.${k}: ${(e as Error).message}`);
        }
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('no key is unused by the web app', async () => {
  const source = files(join(repoRoot, 'src', 'web'))
    .filter((f) => !f.startsWith(i18nDir))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  // Keys built at run time: `nav_${id}` uses every key that starts with 'nav_'.
  const prefixes = [...source.matchAll(/`([A-Za-z][A-Za-z0-9_]*?)\$\{/g)].map((m) => m[1]!);
  const suffixes = [...source.matchAll(/\}([A-Za-z0-9_]+)`/g)].map((m) => m[1]!);
  const unused: string[] = [];
  for (const [name, d] of await dictionaries()) {
    if (name.startsWith('errors.ts')) continue; // looked up by the server's error ids and codes
    if (name.startsWith('shared/')) continue; // looked up by code in src/i18n itself (screens and documents)
    for (const k of Object.keys(d.sv)) {
      if (source.includes(`'${k}'`) || source.includes(`"${k}"`) || source.includes(`.${k}`)) continue;
      if (prefixes.some((p) => p.length > 1 && k.startsWith(p))) continue;
      if (suffixes.some((x) => x.length > 1 && k.endsWith(x))) continue;
      unused.push(`${name}: ${k}`);
    }
  }
  assert.deepEqual(unused, []);
});
