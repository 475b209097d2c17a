/**
 * One process owns the embedded database. PGlite keeps its files open in one process: a second process opening
 * them sees stale data or aborts. So `fardplan serve` on the embedded database
 *   - writes an owner file beside the database directory (`<dir>.server.json`: pid, address, socket), and
 *   - listens on a local admin socket (`<dir>.sock`, a Unix socket only the same operating-system user can open),
 * and the CLI commands that use the database (`user`, `load`, `migrate`, `backup`) send their work to the running
 * server through that socket, so that the server sees every change at once. A command that cannot run through the
 * server (`restore`) refuses with a message naming the server and what to do. With PostgreSQL (DATABASE_URL)
 * every process may connect, and nothing of this applies.
 */
import { createConnection, createServer, type Server } from 'node:net';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Config } from './config.ts';
import { CliError, EXIT, toCliError } from './errors.ts';

export interface OwnerInfo {
  pid: number;
  url: string;
  socket: string;
  startedAt: string;
}

const ownerFile = (config: Config): string => `${config.pgliteDir}.server.json`;
const socketPath = (config: Config): string => `${config.pgliteDir}.sock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** The running server that owns the embedded database, or null (PostgreSQL, no server, or a stale file). */
export function embeddedOwner(config: Config): OwnerInfo | null {
  if (config.databaseUrl) return null;
  const file = ownerFile(config);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as OwnerInfo;
    if (info.pid !== process.pid && alive(info.pid)) return info;
  } catch {
    // unreadable: treat as stale
  }
  return null;
}

const describe = (o: OwnerInfo): string => `the Färdplan server (process ${o.pid}, ${o.url})`;

/** Refuses a command that cannot run through the server while one owns the embedded database. */
export function assertNoServerOnEmbedded(config: Config, command: string): void {
  const o = embeddedOwner(config);
  if (o)
    throw new CliError(
      `The embedded database in ${config.pgliteDir} is in use by ${describe(o)}. ` +
        `Stop the server (Ctrl+C, or kill ${o.pid}) and run \`fardplan ${command}\` again.`,
      EXIT.failure,
    );
}

export type AdminRequest = { command: string; args: Record<string, unknown> };
export type AdminHandler = (args: Record<string, unknown>) => Promise<string>;

/**
 * Runs `command` in the server that owns the embedded database, when there is one: returns its output, or null
 * when no server owns it (the caller then opens the database itself).
 */
export async function viaServer(
  config: Config,
  command: string,
  args: Record<string, unknown>,
): Promise<string | null> {
  const o = embeddedOwner(config);
  if (!o) return null;
  const reply = await new Promise<string>((resolve, reject) => {
    const sock = createConnection(o.socket);
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => (data += d));
    sock.on('end', () => resolve(data));
    sock.on('error', (err) =>
      reject(
        new CliError(
          `The embedded database in ${config.pgliteDir} is in use by ${describe(o)}, and its admin socket ` +
            `${o.socket} cannot be reached (${err.message}). Stop the server and run the command again.`,
          EXIT.failure,
        ),
      ),
    );
    sock.end(`${JSON.stringify({ command, args } satisfies AdminRequest)}\n`);
  });
  const r = JSON.parse(reply) as { output?: string; error?: { message: string; exitCode: number } };
  if (r.error) throw new CliError(r.error.message, r.error.exitCode);
  return `${r.output ?? ''}(through ${describe(o)})\n`;
}

/**
 * Serves the admin socket and writes the owner file (embedded database only). Returns a function that removes
 * both (call it at shutdown).
 */
export async function ownEmbeddedDatabase(
  config: Config,
  url: string,
  handlers: Record<string, AdminHandler>,
): Promise<() => Promise<void>> {
  if (config.databaseUrl) return async () => undefined;
  const path = socketPath(config);
  rmSync(path, { force: true }); // a socket left by a process that was killed
  const server: Server = createServer({ allowHalfOpen: true }, (conn) => {
    let buf = '';
    conn.setEncoding('utf8');
    conn.on('data', (d: string) => {
      buf += d;
      if (buf.length > 1_000_000) conn.destroy();
    });
    conn.on('end', () => {
      void (async () => {
        let out: string;
        try {
          const req = JSON.parse(buf) as AdminRequest;
          const handler = Object.hasOwn(handlers, req.command) ? handlers[req.command] : undefined;
          if (!handler) throw new CliError(`The server does not run "${req.command}"`, EXIT.usage);
          out = JSON.stringify({ output: await handler(req.args ?? {}) });
        } catch (err) {
          const e = toCliError(err);
          out = JSON.stringify({ error: { message: e.message, exitCode: e.exitCode } });
        }
        conn.end(out);
      })();
    });
    conn.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  chmodSync(path, 0o600);
  const info: OwnerInfo = { pid: process.pid, url, socket: path, startedAt: new Date().toISOString() };
  writeFileSync(ownerFile(config), `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(ownerFile(config), { force: true });
    rmSync(path, { force: true });
  };
}
