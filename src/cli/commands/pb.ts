import type { Command } from 'commander';

// The 'pb' command (its engineer fills it in).
export function register(_program: Command): void {}
