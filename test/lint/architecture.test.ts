// The import rules are enforced by the lint; this shows the lint really refuses each kind of violation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '../helpers/paths.ts';

// The probes are text, not files of the TypeScript project: lint them without type information (the type-aware
// rules are proven by the suite's own lint run, not here).
const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/switch-exhaustiveness-check': 'off',
    },
  },
});

async function messages(code: string, file: string): Promise<string[]> {
  const [res] = await eslint.lintText(code, { filePath: join(repoRoot, file) });
  return (res?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture rules in the lint', () => {
  it('refuses I/O, our other layers, the clock and randomness in src/core', async () => {
    const m = await messages(
      "import { readFileSync } from 'node:fs';\nimport { migrate } from '../db/migrate.ts';\nexport const x = [readFileSync, migrate, Date.now(), Math.random()];\n",
      'src/core/probe.ts',
    );
    assert.equal(m.filter((x) => x.startsWith('no-restricted-imports')).length, 2, m.join('\n'));
    assert.ok(m.some((x) => x.includes('No clock in src/core')));
    assert.ok(m.some((x) => x.includes('No randomness in src/core')));
  });

  it('refuses SQL outside src/db and allows it inside', async () => {
    const code =
      "export const q = 'SELECT id FROM area WHERE code = $1';\nexport const w = `UPDATE area SET name = $1`;\n";
    const outside = await messages(code, 'src/services/probe.ts');
    assert.equal(outside.filter((x) => x.includes('SQL belongs in src/db')).length, 2, outside.join('\n'));
    assert.deepEqual(await messages(code, 'src/db/repositories/probe.ts'), []);
  });

  it('does not mistake ordinary prose for SQL', async () => {
    assert.deepEqual(await messages("export const s = 'Select an area from the list';\n", 'src/services/probe.ts'), []);
  });

  it('refuses repositories and importers in routes and commands', async () => {
    const code =
      "import { areaCodesOf } from '../../db/repositories/areas.ts';\nimport { readCsv } from '../../importers/csv-table.ts';\nexport { areaCodesOf, readCsv };\n";
    for (const file of ['src/server/routes/probe.ts', 'src/cli/commands/probe.ts']) {
      const m = await messages(code, file);
      assert.equal(m.filter((x) => x.includes('no-restricted-imports')).length, 2, `${file}\n${m.join('\n')}`);
    }
  });

  it('refuses Node modules and server layers in the web app', async () => {
    const m = await messages(
      "import { readFileSync } from 'node:fs';\nimport { openDatabase } from '../db/database.ts';\nexport { readFileSync, openDatabase };\n",
      'src/web/probe.ts',
    );
    assert.equal(m.filter((x) => x.startsWith('no-restricted-imports')).length, 2, m.join('\n'));
  });
});
