#!/usr/bin/env node
// The `tandem` command. Builds on first use, then runs the compiled CLI.
import { ensureBuilt } from '../scripts/ensure-built.mjs';

const args = process.argv.slice(2);
ensureBuilt({ web: args[0] === 'serve' || args.length === 0 });
const { main } = await import('../dist/server/cli/index.js');
await main(process.argv);
