/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, a free loopback port), for tests that
 * stop, restart or break the server — never the shared cluster of the other tests. Needs the Debian PostgreSQL
 * binaries (/usr/lib/postgresql/<version>/bin); `findPostgresBin()` returns null when there are none, and the
 * test then skips with a message.
 */
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** Why a private server cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!findPostgresBin()) return 'no PostgreSQL binaries in /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  if (process.getuid?.() !== 0 && !process.env.USER?.startsWith('postgres'))
    return 'a private PostgreSQL is started as the postgres user, which needs root (runuser)';
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PrivatePostgres {
  url: string;
  port: number;
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): void;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('no PostgreSQL binaries');
  const dir = mkdtempSync(join(tmpdir(), 'fardplan-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  const asPostgres = (cmd: string, args: string[]): void => {
    const root = process.getuid?.() === 0;
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { encoding: 'utf8' })
      : spawnSync(join(bin, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  asPostgres('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '-A', 'trust']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`;
  // pg_ctl runs asynchronously so that the test's load keeps going while the server stops and starts.
  const ctl = async (args: string[]): Promise<void> => {
    const root = process.getuid?.() === 0;
    const cmd = root ? 'runuser' : join(bin, 'pg_ctl');
    const argv = root ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args] : args;
    await promisify(execFile)(cmd, argv);
  };
  const log = join(dir, 'log');
  const start = (): Promise<void> => ctl(['-D', data, '-o', opts, '-l', log, '-w', 'start']);
  const stop = (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => ctl(['-D', data, '-m', mode, '-w', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    restart: () => ctl(['-D', data, '-o', opts, '-l', log, '-m', 'fast', '-w', 'restart']),
    destroy() {
      // synchronous, so that it also works from a process 'exit' handler
      spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
