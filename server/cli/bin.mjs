#!/usr/bin/env node
// The `diaban` command. The code is TypeScript, run through tsx's loader so that
// `npx diaban ...` works straight after `npm install`, with no separate build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('./main.ts');
process.exitCode = await runCli(process.argv);
