/** Progress reporting for long work; the CLI draws a bar, tests and the server pass a silent or logging one. */
export interface Progress {
  /** A new step with `total` units (0 when unknown). */
  step(label: string, total?: number): void;
  tick(n?: number): void;
  /** A one-line message (e.g. "already loaded"). */
  info(message: string): void;
  done(): void;
}

export const silentProgress: Progress = { step() {}, tick() {}, info() {}, done() {} };
