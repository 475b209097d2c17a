#!/usr/bin/env node
// Entry of the `fardplan` command: runs the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { main } = await import(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)));
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
