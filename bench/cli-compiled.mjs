// The compiled CLI with the given arguments, without bin/tandem.js's build check (see
// serve-compiled.mjs): `node bench/cli-compiled.mjs demo seed --scale large`.
const { main } = await import('../dist/server/cli/index.js');
await main([process.argv[0] ?? 'node', 'tandem', ...process.argv.slice(2)]);
