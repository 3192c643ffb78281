import { isIP } from 'node:net';

/**
 * Which addresses a webhook may connect to (SPEC §11: public ones only). Pure. Refused: this host
 * (0.0.0.0/8, 127/8, ::, ::1), private ranges (10/8, 172.16/12, 192.168/16, fc00::/7), CGNAT
 * (100.64/10), link-local (169.254/16 — the cloud metadata address — and fe80::/10), benchmarking,
 * documentation, multicast and reserved ranges, and IPv6 forms that carry an IPv4 address
 * (::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) judged by that address.
 */
const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function v4Public(address: string): boolean {
  const n = v4ToInt(address);
  return !V4_BLOCKED.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(v4ToInt(base) / 2 ** (32 - bits)));
}

/** The 8 groups of an IPv6 address as numbers (an embedded dotted IPv4 tail becomes two groups). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => parseInt(g || '0', 16));
}

function v4FromGroups(hi: number, lo: number): string {
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

function v6Public(address: string): boolean {
  const g = v6Groups(address);
  const first = g[0]!;
  if (g.slice(0, 7).every((x) => x === 0) && g[7]! <= 1) return false; // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return v4Public(v4FromGroups(g[6]!, g[7]!)); // mapped, compatible
  if (first === 0x64 && g[1] === 0xff9b) return v4Public(v4FromGroups(g[6]!, g[7]!)); // NAT64
  if (first === 0x2002) return v4Public(v4FromGroups(g[1]!, g[2]!)); // 6to4
  if ((first & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((first & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((first & 0xff00) === 0xff00) return false; // multicast
  if (first === 0x2001 && g[1] === 0xdb8) return false; // documentation
  if (first === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return false; // discard 100::/64
  return true;
}

/** True for a public unicast address; false for anything else, including what is not an address. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return v4Public(address);
  if (family === 6) return v6Public(address);
  return false;
}
