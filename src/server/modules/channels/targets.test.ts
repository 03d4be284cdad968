import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson } from './send.js';
import { isSpecialAddress, resolveTarget } from './targets.js';

const strict = { allowPrivateTargets: false, allowHttp: false };
const open = { allowPrivateTargets: true, allowHttp: true };

describe('channel target addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.32.0.1', false],
    ['192.168.0.10', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['8.8.8.8', false],
    ['52.112.0.10', false],
    ['::', true],
    ['::1', true],
    ['fc00::1', true],
    ['fd12:3456::1', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:169.254.169.254', true],
    ['64:ff9b::a9fe:a9fe', true],
    ['2a00:1450:4001:82a::200e', false],
    ['not an address', true],
  ])('%s is special: %s', (address, special) => {
    expect(isSpecialAddress(address)).toBe(special);
  });

  it('refuses a name that resolves to loopback, or to any private address among public ones', async () => {
    await expect(
      resolveTarget('https://hooks.example.com/x', strict, async () => [
        { address: '127.0.0.1', family: 4 },
      ]),
    ).rejects.toMatchObject({ code: 'private_address' });
    await expect(
      resolveTarget('https://hooks.example.com/x', strict, async () => [
        { address: '52.112.0.10', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ]),
    ).rejects.toMatchObject({ code: 'private_address' });
    await expect(
      resolveTarget('https://nowhere.invalid/x', strict, async () => {
        throw new Error('ENOTFOUND');
      }),
    ).rejects.toMatchObject({ code: 'unresolvable' });
  });

  it('takes https to public addresses, and pins the address it checked', async () => {
    const t = await resolveTarget('https://hooks.example.com/x', strict, async () => [
      { address: '52.112.0.10', family: 4 },
    ]);
    expect(t.address).toBe('52.112.0.10');
  });

  it('refuses plain http, user names and other schemes unless allowed', async () => {
    await expect(resolveTarget('http://8.8.8.8/', strict)).rejects.toMatchObject({
      code: 'insecure_url',
    });
    await expect(resolveTarget('ftp://8.8.8.8/', open)).rejects.toMatchObject({
      code: 'insecure_url',
    });
    await expect(resolveTarget('https://a:b@8.8.8.8/', strict)).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(resolveTarget('http://127.0.0.1:9/', open)).resolves.toMatchObject({
      address: '127.0.0.1',
    });
  });
});

describe('sending', () => {
  let server: http.Server;
  let port = 0;
  const hosts: string[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hosts.push(req.headers.host ?? '');
      if (req.url === '/slow') return; // never answers
      res.writeHead(200).end('x'.repeat(1000));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('goes to the checked address, not to a second lookup of the name', async () => {
    const target = await resolveTarget(`http://hooks.example.com:${port}/ok`, open, async () => [
      { address: '127.0.0.1', family: 4 },
    ]);
    const result = await sendJson(target, '{}', {});
    expect(result).toMatchObject({ ok: true, httpStatus: 200 });
    expect(result.answer).toHaveLength(300); // an excerpt
    expect(hosts.at(-1)).toBe(`hooks.example.com:${port}`);
  });

  it('gives up after the timeout', async () => {
    const target = await resolveTarget(`http://127.0.0.1:${port}/slow`, open);
    const started = Date.now();
    const result = await sendJson(target, '{}', {}, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, httpStatus: null, answer: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reports a refused connection as an answer, never throws', async () => {
    const target = await resolveTarget('http://127.0.0.1:1/', open);
    const result = await sendJson(target, '{}', {});
    expect(result.ok).toBe(false);
    expect(result.answer).toMatch(/ECONNREFUSED/);
  });
});
