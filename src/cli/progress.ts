/** A progress bar on stderr (a line per step when stderr is not a terminal). */
import type { Progress } from '../services/progress.ts';

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY;
  let label = '';
  let total = 0;
  let count = 0;
  let lastDraw = 0;
  let lastPct = -1;
  const draw = (force = false): void => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    if (tty) {
      const width = 30;
      const frac = total > 0 ? Math.min(1, count / total) : 0;
      const bar = total > 0 ? '█'.repeat(Math.round(frac * width)).padEnd(width, '░') : '';
      stream.write(
        `\r\x1b[K${label} ${bar} ${total > 0 ? `${Math.round(frac * 100)}% (${count}/${total})` : count || ''}`,
      );
    } else if (total > 0) {
      const pct = Math.floor((count / total) * 10) * 10;
      if (pct !== lastPct) {
        lastPct = pct;
        stream.write(`${label}: ${pct}%\n`);
      }
    }
  };
  const endLine = (): void => {
    if (tty && label) stream.write('\n');
  };
  return {
    step(l, t = 0) {
      endLine();
      label = l;
      total = t;
      count = 0;
      lastPct = -1;
      if (!tty) stream.write(`${l}…\n`);
      draw(true);
    },
    tick(n = 1) {
      count += n;
      draw();
    },
    info(message) {
      endLine();
      label = '';
      stream.write(`${message}\n`);
    },
    done() {
      if (label) draw(true);
      endLine();
      label = '';
    },
  };
}
