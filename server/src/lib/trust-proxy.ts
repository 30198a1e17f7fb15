import { isIP } from 'node:net';

/**
 * What fastify's `trustProxy` gets: false (the socket's peer is the client), true (every hop is
 * trusted: the left-most X-Forwarded-For address is the client), the proxies' own addresses and
 * CIDR ranges, or, for a hop count, a function trusting that many hops nearest to us. (Fastify
 * itself now treats a number as "trust nothing", since a client reaching the app directly could
 * then forge the header; a hop count is only safe where the proxies are the only way in.)
 */
export type TrustProxy = boolean | string[] | ((address: string, hop: number) => boolean);

function trustHops(hops: number): (address: string, hop: number) => boolean {
  // proxy-addr numbers the socket's peer 0, the address it forwarded for 1, and so on.
  return (_address, hop) => hop < hops;
}

/** proxy-addr's names for whole private ranges, accepted as they are. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Parses TRUST_PROXY: `false`/`true`, a hop count (`0` is off), or a comma-separated list of
 * addresses and CIDRs. Returns an error message instead of throwing, for the config schema.
 */
export function parseTrustProxy(raw: string): TrustProxy | { error: string } {
  const value = raw.trim();
  if (value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops === 0 ? false : trustHops(hops);
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || bad.length > 0) {
    return {
      error:
        `expected true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs; ` +
        `not understood: ${bad.map((entry) => JSON.stringify(entry)).join(', ')}`,
    };
  }
  return entries;
}
