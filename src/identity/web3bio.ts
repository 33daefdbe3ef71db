/**
 * The web3.bio Profile API (maintained by Mask's team) as an identity source:
 * names and avatars an address has on platforms the kit does not ask itself
 * (Farcaster, Basenames, Linea…), social links it marks verified, and, on
 * demand, its credentials (verified human, flagged as risky, spam).
 *
 * - Profiles: `GET {api}/profile/batch/universal/{ids}`, `ids` the
 *   URI-encoded JSON array `["ethereum,0x…", …]`; the answer is one
 *   `{ id, aliases, profiles: [profile…] }` per id. Lookups asked for within
 *   16 ms share a request, at most 30 ids each (the API's documented cap).
 * - Credentials: `GET {api}/credential/{address}` (there is no batch form), so
 *   they are asked only when a widget shows them, never for a badge's pill.
 *   A 404 means the API knows nothing about the address: no signal.
 *
 * Nothing here is verified by the kit: a name from here is listed as
 * "reported by web3.bio", never as the badge's (forward-verified) name.
 */
import type { KitConfig } from '../config/config.js';
import type { Address } from '../internal/address.js';
import { KitError } from '../internal/errors.js';
import { batcher } from './batch.js';
import { detailOf } from './ens.js';
import type { Identity, IdentityLink, IdentityProfile, IdentityResolver, Trust, TrustCredential } from './types.js';

/** What the web3.bio source needs from the kit (its port): where the API is. */
export interface Web3bioEnv {
  readonly config: Pick<KitConfig, 'web3bioApiUrl'>;
}

/** Platforms the kit asks itself (ENS, Lens) or that are only the address: not listed again. */
const OWN_PLATFORMS = new Set(['ens', 'lens', 'ethereum']);
/** Link sources backed by a signed proof: a link only these (or one of them) vouch for is "verified". */
const PROOF_SOURCES = new Set(['nextid', 'keybase']);

interface Web3bioLink {
  link?: unknown;
  handle?: unknown;
  sources?: unknown;
}

export interface Web3bioProfile {
  identity?: unknown;
  address?: unknown;
  platform?: unknown;
  displayName?: unknown;
  avatar?: unknown;
  links?: Record<string, Web3bioLink | null> | null;
}

interface Web3bioCredential {
  credentialSource?: unknown;
  platform?: unknown;
  label?: unknown;
  link?: unknown;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** The names and verified links in one address's profiles (the service makes the text safe). */
export function fromProfiles(profiles: unknown): Partial<Identity> | null {
  if (!Array.isArray(profiles)) return null;
  const found: IdentityProfile[] = [];
  const links: IdentityLink[] = [];
  for (const p of profiles as Web3bioProfile[]) {
    if (!p || typeof p !== 'object') continue;
    for (const [platform, l] of Object.entries(p.links ?? {})) {
      const handle = str(l?.handle);
      const verifiedBy = Array.isArray(l?.sources) ? (l.sources as unknown[]).filter((s): s is string => typeof s === 'string' && PROOF_SOURCES.has(s)) : [];
      if (handle && verifiedBy.length && !links.some((k) => k.platform === platform && k.handle === handle)) {
        links.push({ platform, handle, url: str(l?.link), verifiedBy, source: 'web3bio' });
      }
    }
    const platform = str(p.platform);
    const name = str(p.identity);
    if (!platform || !name || OWN_PLATFORMS.has(platform) || found.some((f) => f.platform === platform && f.name === name)) continue;
    found.push({ platform, name, displayName: str(p.displayName), avatar: str(p.avatar), source: 'web3bio' });
  }
  if (!found.length && !links.length) return null;
  return { profiles: found, links, avatar: found.find((f) => f.avatar)?.avatar ?? null };
}

/** The signals in a `/credential/` answer (`{ isHuman, isRisky, isSpam }`, each a list or null). */
export function fromCredentials(body: unknown): Omit<Trust, 'source'> {
  const list = (value: unknown): TrustCredential[] =>
    (Array.isArray(value) ? (value as Web3bioCredential[]) : [])
      .filter((c) => c && typeof c === 'object')
      .map((c) => ({ issuer: str(c.credentialSource) ?? str(c.platform) ?? 'web3bio', label: str(c.label), link: str(c.link) }));
  const b = (body ?? {}) as Record<string, unknown>;
  return { human: list(b.isHuman), risky: list(b.isRisky), spam: list(b.isSpam) };
}

export function web3bioResolver(env: Web3bioEnv): IdentityResolver {
  const failed = (error: unknown) => new KitError('resolution-failed', { key: 'badge.web3bioFailed', vars: { detail: detailOf(error) } }, { cause: error });
  const get = async (path: string): Promise<unknown> => {
    const base = String(env.config.web3bioApiUrl).replace(/\/+$/, '');
    let response: Response;
    try {
      response = await fetch(`${base}/${path}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw failed(error);
    }
    if (response.status === 404) return null;
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok || body === undefined) throw failed(new Error(`HTTP ${response.status}`));
    return body;
  };

  const profilesOf = batcher<string, unknown>(
    async (addresses) => {
      const ids = addresses.map((a) => `ethereum,${a}`);
      const body = await get(`profile/batch/universal/${encodeURIComponent(JSON.stringify(ids))}`);
      const answers = new Map<string, unknown>();
      if (body !== null && !Array.isArray(body)) throw failed(new Error('not a list'));
      for (const item of (body ?? []) as Array<{ id?: unknown; profiles?: unknown } | null>) {
        const id = str(item?.id)?.toLowerCase();
        const address = id?.startsWith('ethereum,') ? id.slice(9) : null;
        if (address && addresses.includes(address)) answers.set(address, item?.profiles);
      }
      return answers;
    },
    { max: 30 },
  );

  return {
    id: 'web3bio',
    async lookup(address: Address) {
      return fromProfiles(await profilesOf(address.toLowerCase()));
    },
    async trust(address: Address) {
      return fromCredentials(await get(`credential/${address.toLowerCase()}`));
    },
  };
}
