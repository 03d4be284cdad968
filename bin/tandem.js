#!/usr/bin/env node
// The `tandem` command. Reads ./.env when present (real environment variables win),
// builds on first use, then runs the compiled CLI.
import fs from 'node:fs';
import { ensureBuilt } from '../scripts/ensure-built.mjs';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const args = process.argv.slice(2);
ensureBuilt({ web: args.length === 0 || args[0] === 'serve' });
const { main } = await import('../dist/server/cli/index.js');
await main(process.argv);
