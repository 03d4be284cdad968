// `tandem serve` from the compiled CLI without bin/tandem.js's build check, so a
// benchmark never triggers (or waits for) a rebuild while another one is running.
// Used for the throughput and memory benchmarks, and for start-up when the web app
// cannot be built (bin/tandem.js would then fail trying to build it).
const { main } = await import('../dist/server/cli/index.js');
await main([process.argv[0] ?? 'node', 'tandem', 'serve']);
