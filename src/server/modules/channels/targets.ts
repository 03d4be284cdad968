import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { FieldCode } from '../../../contracts/problems.js';

/**
 * Where channel messages may go (server-side request forgery): https only, and never to an
 * address of this machine, the private network or a cloud metadata service — unless an
 * admin allowed plain http or private targets for the workspace. Checked when a channel is
 * saved and again before every send, after resolving the name; the request then goes to
 * the address that was checked (no second lookup an attacker's DNS could answer otherwise).
 */
const SPECIAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, incl. 169.254.169.254 (cloud metadata)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  SPECIAL.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64 (would reach IPv4 space)
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments (Teredo, …)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds IPv4)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const)
  SPECIAL.addSubnet(net, prefix, 'ipv6');

/** True for an address a channel may not reach unless private targets are allowed. */
export function isSpecialAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return SPECIAL.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(?:0+:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return SPECIAL.check(mapped[1]!, 'ipv4');
    // IPv4-mapped in hex form (::ffff:7f00:1): BlockList matches it against the IPv4 rules.
    return SPECIAL.check(address, 'ipv6');
  }
  return true; // not an address at all: refuse
}

export interface TargetRules {
  allowPrivateTargets: boolean;
  allowHttp: boolean;
}

export class TargetRefused extends Error {
  constructor(
    readonly code: FieldCode,
    message: string,
  ) {
    super(message);
    this.name = 'TargetRefused';
  }
}

export interface ResolvedTarget {
  url: URL;
  /** The checked address the request goes to. */
  address: string;
  family: 4 | 6;
}

type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Checks a target and resolves it to the address to use. Every address the name resolves
 * to must be allowed (a name with one public and one private address is refused).
 */
export async function resolveTarget(
  raw: string,
  rules: TargetRules,
  resolve: Resolver = systemResolver,
): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('invalid', 'is not a web address');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && rules.allowHttp))
    throw new TargetRefused(
      'insecure_url',
      url.protocol === 'http:'
        ? 'must start with https:// (an admin can allow plain http)'
        : 'must start with https://',
    );
  if (url.username || url.password)
    throw new TargetRefused('invalid', 'must not contain a user name or password');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new TargetRefused('unresolvable', `the name ${host} could not be resolved`);
    }
    if (addresses.length === 0)
      throw new TargetRefused('unresolvable', `the name ${host} could not be resolved`);
  }
  if (!rules.allowPrivateTargets) {
    const special = addresses.find((a) => isSpecialAddress(a.address));
    if (special)
      throw new TargetRefused(
        'private_address',
        `points to ${special.address}, an address of this machine or a private network (an admin can allow private targets)`,
      );
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
