import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { isIP } from 'node:net';
import { isPublicAddress } from './address-policy';

/** The host of a URL as an address or a name (`[::1]` → `::1`). */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why a URL may not be an endpoint (null: it may). Without `allowPrivate`: `https://` only, and the
 * host must be a public address or a name whose every address is public. A name that does not
 * resolve now is accepted: the address is checked again at every connection (`publicOnlyLookup`).
 */
export async function urlRefusal(raw: string, allowPrivate: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) return 'must be an https:// URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (allowPrivate) return null;
  const host = urlHost(url);
  if (isIP(host)) return isPublicAddress(host) ? null : `${host} is not a public address`;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (error, found) => resolve(error ? [] : found)),
  );
  const refused = addresses.find((a) => !isPublicAddress(a.address));
  return refused ? `${host} resolves to ${refused.address}, which is not a public address` : null;
}

export class AddressNotAllowedError extends Error {
  readonly code = 'webhook_url_not_allowed';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that refuses the connection when the name resolves to an address
 * that is not public: the check is made on the address actually connected to, so a name that
 * resolved to a public address at creation cannot be re-pointed into the private range (DNS
 * rebinding).
 */
export function publicOnlyLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused)
      return callback(new AddressNotAllowedError(`${hostname} resolves to ${refused.address}, which is not a public address`), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}
