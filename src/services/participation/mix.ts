/**
 * The ballot mix: what keeps a ballot from being linked to the code that cast it.
 *
 * Using a code is one transaction (the code row is marked used). The ballot does not go into the
 * database in that transaction: it waits here, in memory, with the other ballots of its process,
 * and is written by a separate transaction in a batch, in an order shuffled with the injected
 * randomness (a CSPRNG in production, seeded in tests), with ids from the same randomness. So a
 * ballot row shares its transaction id (`xmin`), its physical position (`ctid`) and its moment of
 * writing with the whole batch, and none of them with a code. A batch is written when it holds
 * `batchSize` ballots or when the oldest has waited `maxWaitMs`; the resident's request is answered
 * only when its batch is committed, so an acknowledged ballot is stored.
 *
 * Nothing here logs, audits or timestamps a ballot. The threat model and its limits (a batch of
 * one when only one resident votes within `maxWaitMs`, several server processes) are in
 * docs/participation.md.
 */
import type { Database, Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation-budget.ts';
import { reasonError } from '../../core/errors.ts';
import { votingOpen } from '../../core/participation/phases.ts';

export interface MixOptions {
  /** Ballots per batch (the anonymity set of a ballot when voting is busy). */
  batchSize: number;
  /** The longest a ballot waits for its batch to fill. */
  maxWaitMs: number;
}

export const DEFAULT_MIX: MixOptions = { batchSize: 20, maxWaitMs: 2000 };

interface Entry {
  choices: string[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** A uniform integer in [0, n) from random bytes (rejection sampling, no modulo bias). */
export function randomBelow(n: number, randomBytes: (k: number) => Uint8Array): number {
  if (n <= 1) return 0;
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  for (;;) {
    const b = randomBytes(4);
    const v = ((b[0] ?? 0) * 0x100_0000 + ((b[1] ?? 0) << 16) + ((b[2] ?? 0) << 8) + (b[3] ?? 0)) >>> 0;
    if (v < limit) return v % n;
  }
}

/** Fisher–Yates with the given randomness. */
export function shuffle<T>(items: readonly T[], randomBytes: (k: number) => Uint8Array): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1, randomBytes);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export class BallotMix {
  private readonly pending = new Map<string, Entry[]>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly db: Database,
    private readonly randomBytes: (n: number) => Uint8Array,
    readonly options: MixOptions = DEFAULT_MIX,
  ) {}

  /** Puts a ballot (already checked, its code already used) into the mix; resolves once it is stored. */
  add(processId: string, choices: string[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const list = this.pending.get(processId) ?? [];
      list.push({ choices, resolve, reject });
      this.pending.set(processId, list);
      if (list.length >= this.options.batchSize) void this.flush(processId);
      else if (!this.timers.has(processId)) {
        const timer = setTimeout(() => void this.flush(processId), this.options.maxWaitMs);
        timer.unref?.();
        this.timers.set(processId, timer);
      }
    });
  }

  /** How many ballots wait (for tests and shutdown). */
  size(processId?: string): number {
    if (processId !== undefined) return this.pending.get(processId)?.length ?? 0;
    let n = 0;
    for (const l of this.pending.values()) n += l.length;
    return n;
  }

  private take(processId: string): Entry[] {
    const t = this.timers.get(processId);
    if (t) clearTimeout(t);
    this.timers.delete(processId);
    const list = this.pending.get(processId) ?? [];
    this.pending.delete(processId);
    return list;
  }

  private async write(tx: Queryable, processId: string, batch: readonly Entry[]): Promise<void> {
    if (!(await repo.lockProcess(tx, processId, 'share')))
      throw reasonError('not_found', 'process_not_found', 'The process was not found');
    const p = await repo.findProcess(tx, processId);
    if (!p || !votingOpen(p.phase))
      throw reasonError('conflict', 'voting_not_open', 'voting is not open in this process');
    const mixed = shuffle(batch, this.randomBytes).map((e) => ({ id: hex(this.randomBytes(16)), choices: e.choices }));
    await repo.insertBallots(tx, processId, 'digital', mixed);
  }

  /** Writes the waiting ballots of a process in one transaction of their own. */
  async flush(processId: string): Promise<void> {
    const batch = this.take(processId);
    if (!batch.length) return;
    try {
      await this.db.transaction((tx) => this.write(tx, processId, batch));
      for (const e of batch) e.resolve();
    } catch (err) {
      for (const e of batch) e.reject(err);
    }
  }

  /**
   * Writes the waiting ballots inside the caller's transaction (closing the vote). Returns how to
   * settle their requests once that transaction has committed (null) or failed (the error).
   */
  async flushInto(tx: Queryable, processId: string): Promise<(err: unknown) => void> {
    const batch = this.take(processId);
    try {
      if (batch.length) await this.write(tx, processId, batch);
    } catch (err) {
      for (const e of batch) e.reject(err);
      throw err;
    }
    return (err) => {
      for (const e of batch) {
        if (err) e.reject(err);
        else e.resolve();
      }
    };
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }
}

const mixes = new WeakMap<Database, BallotMix>();

/** The mix of a database (one per server process and database). */
export function ballotMix(
  db: Database,
  fx: { randomBytes: (n: number) => Uint8Array },
  options?: MixOptions,
): BallotMix {
  let m = mixes.get(db);
  if (!m || (options && m.options !== options && m.size() === 0)) {
    m = new BallotMix(db, fx.randomBytes, options ?? m?.options ?? DEFAULT_MIX);
    mixes.set(db, m);
  }
  return m;
}
