import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { migrate } from '../../db/migrate.ts';
import { loadBoundaries } from '../../services/areas/boundaries.ts';
import { SYSTEM_USER } from '../../services/acting.ts';
import { loadDesoRevision } from '../../services/areas/deso-revision.ts';
import { loadConfig } from '../config.ts';
import { CliError, EXIT } from '../errors.ts';
import { openDb } from '../runtime.ts';

export function register(program: Command): void {
  const b = program.command('boundaries').description('polygons for the areas of a division');
  b.command('load <division> <file>')
    .description(
      'load polygons for a division from GeoJSON or a zipped shapefile (WGS84 or SWEREF 99 TM); codes are checked against the division',
    )
    .option('--code-field <name>', 'the property holding the area code (default: code, deso, regsokod, id …)')
    .action(async (division: string, file: string, opts: { codeField?: string }) => {
      const path = resolve(file);
      if (!existsSync(path)) throw new CliError(`${file}: no such file`, EXIT.usage);
      const db = await openDb(loadConfig());
      try {
        await migrate(db);
        // the command line acts as the system administrator (it has the server's files)
        const r = await loadBoundaries(
          db,
          { user: SYSTEM_USER, now: new Date() },
          division,
          basename(path),
          readFileSync(path),
          opts.codeField ? { codeField: opts.codeField } : {},
        );
        process.stdout.write(
          `${division}: ${r.matched} of ${r.features} polygons matched (${r.crs}, codes in ${r.codeField}); ` +
            `${r.areasWithPolygon} areas now have a polygon\n`,
        );
        if (r.unmatched.length)
          process.stdout.write(
            `not areas of ${division} (${r.unmatched.length}): ${r.unmatched
              .slice(0, 20)
              .map((u) => `${u.code} (feature ${u.feature})`)
              .join(', ')}${r.unmatched.length > 20 ? ', …' : ''}\n`,
          );
        if (r.withoutPolygon.length)
          process.stdout.write(
            `areas without a polygon (${r.withoutPolygon.length}): ${r.withoutPolygon.slice(0, 20).join(', ')}${r.withoutPolygon.length > 20 ? ', …' : ''}\n`,
          );
      } finally {
        await db.close();
      }
    });
  b.command('deso2025-key <file>')
    .description(
      "load SCB's key from DeSO 2018 to DeSO 2025 (CSV with columns deso2018, deso2025): the DeSO 2025 division and the crosswalk",
    )
    .action(async (file: string) => {
      const path = resolve(file);
      if (!existsSync(path)) throw new CliError(`${file}: no such file`, EXIT.usage);
      const db = await openDb(loadConfig());
      try {
        await migrate(db);
        const r = await loadDesoRevision(
          db,
          { user: SYSTEM_USER, now: new Date() },
          basename(path),
          readFileSync(path, 'utf8'),
        );
        process.stdout.write(
          `deso-2025: ${r.areas} areas; ${r.links} DeSO 2018 linked exactly, ${r.split} split (need weights), ${r.uncovered} DeSO 2025 without an exact link\n`,
        );
      } finally {
        await db.close();
      }
    });
}
