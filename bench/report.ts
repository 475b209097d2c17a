/** Printing helpers shared by the benchmark parts. */
export const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
export const kb = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
export const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export function line(label: string, value: string): void {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

/** Wall time of `f` in milliseconds. */
export async function timedAsync(f: () => Promise<unknown>): Promise<number> {
  const s = performance.now();
  await f();
  return performance.now() - s;
}
