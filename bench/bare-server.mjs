// The reference for the throughput benchmark: a bare Fastify route that answers
// GET /api/initiatives with a JSON body held in memory (captured from the real server).
// Usage: node bench/bare-server.mjs <file with the JSON body> [br|gzip]  (listens on 127.0.0.1,
// free port). With an encoding the file holds the compressed bytes, sent as they are.
import fs from 'node:fs';
import Fastify from 'fastify';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/bare-server.mjs <body.json>');
  process.exit(2);
}
const encoding = process.argv[3];
const body = encoding ? fs.readFileSync(file) : fs.readFileSync(file, 'utf8');
const app = Fastify({ logger: false });
// Any path: the same bytes stand in for whichever endpoint they were captured from.
app.get('/*', async (_req, reply) => {
  reply.type('application/json; charset=utf-8');
  if (encoding) reply.header('content-encoding', encoding);
  return reply.send(body);
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`Bare server ready on ${url}`);

const shutdown = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
