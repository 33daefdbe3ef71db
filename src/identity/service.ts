/**
 * The page's identity service (one per kit configuration, loaded lazily by
 * `kit.identity()`): ENS, Lens and host resolvers behind one cache that
 * de-duplicates, so a hundred badges for the same address make one lookup,
 * and a hundred badges for different addresses make one batched round per
 * step (viem JSON-RPC batching + multicall for ENS, aliased GraphQL for Lens,
 * one repeated `GetInboxIds` for XMTP). web3.bio (on unless turned off) is
 * asked only when someone looks (`elsewhere()` for an open card, `trust()`),
 * through its batch endpoint. Every
 * source but ENS gets SOURCE_TIMEOUT_MS: one that is down costs a badge a few
 * seconds, and leaves the other sources' answers.
 */
import type { KitConfig } from '../config/config.js';
import { toChecksumAddress, type Address } from '../internal/address.js';
import { KitError } from '../internal/errors.js';
import { addMessages } from '../internal/i18n.js';
import { untilAborted } from './batch.js';
import { detailOf, ensResolver, type EnsEnv } from './ens.js';
import { lensResolver, type LensEnv } from './lens.js';
import { normalizeAscii, parseName, type ParsedName } from './names.js';
import { identityMessages } from './identity.messages.js';
import { safeImage, safeText } from './safe.js';
import { ShownNames } from './shown.js';
import type { Identity, IdentityFailure, IdentityResolver, IdentityService, NameResolution, ShownName, Trust } from './types.js';
import type { Web3bioEnv } from './web3bio.js';
import { safeLink } from '../internal/links.js';
import { xmtpReach, type ReachEnv } from './xmtp-reach.js';
import { ellipsize, stripBidiControls } from '../internal/clip.js';

/**
 * What the identity service needs from the kit (its port; `Kit` satisfies it):
 * the configuration it reads, a chain client, and the parent it inherits host
 * resolvers and the page's shown names from. Unit tests build one directly.
 */
export interface IdentityEnv extends EnsEnv, LensEnv, ReachEnv, Web3bioEnv {
  readonly config: Pick<KitConfig, 'ensChain' | 'lensApiUrl' | 'web3bioApiUrl' | 'ipfsGateway' | 'xmtp'>;
  readonly parent: IdentityEnv | null;
}

/** How long an answer is reused. Answers with a failed source are not reused once settled. */
const TTL_MS = 5 * 60_000;
const BUILT_IN = new Set(['ens', 'lens', 'web3bio']);
/**
 * Sources asked only when someone looks (an open card), never for a badge at rest: web3.bio sees an
 * address when a visitor opens its card, and 100 badges cost it no request.
 */
const ON_DEMAND = new Set(['web3bio']);
/**
 * How long a lookup waits for each source other than ENS (Lens, web3.bio, host resolvers),
 * from the start: one that is down must not keep a badge loading for its network timeout.
 */
export const SOURCE_TIMEOUT_MS = 4000;

addMessages('en', identityMessages as Parameters<typeof addMessages>[1]);

let fullNormalize: Promise<(name: string) => string> | undefined;

/** ENSIP-15 normalisation: plain ASCII names on the spot, the rest with viem's `normalize` (its own chunk, loaded once). */
export async function normalize(name: string): Promise<string> {
  const quick = normalizeAscii(name);
  if (quick !== undefined) return quick;
  fullNormalize ??= import('./ens-normalize.js').then((m) => m.normalize);
  return (await fullNormalize)(name);
}

/** Host resolvers per kit, so they survive `configure()` (which makes a new service) and reach child kits. */
const hostResolvers = new WeakMap<IdentityEnv, IdentityResolver[]>();

/** The names shown on the page, per root kit: they survive `configure()` and child kits (`<mask-provider>`) share them. */
const shownNames = new WeakMap<IdentityEnv, ShownNames>();

function shownOn(kit: IdentityEnv): ShownNames {
  let root = kit;
  while (root.parent) root = root.parent;
  let shown = shownNames.get(root);
  if (!shown) shownNames.set(root, (shown = new ShownNames()));
  return shown;
}

interface Entry<T> {
  promise: Promise<T>;
  expires: number;
}

/** A small keyed cache of promises: concurrent askers share one promise. */
class PromiseCache<T> {
  #entries = new Map<string, Entry<T>>();

  get(key: string, fresh: boolean, make: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && !fresh && hit.expires > Date.now()) return hit.promise;
    const entry: Entry<T> = { promise: make(), expires: Number.POSITIVE_INFINITY };
    this.#entries.set(key, entry);
    entry.promise.then(
      (value) => {
        if (this.#entries.get(key) !== entry) return;
        if (keep(value)) entry.expires = Date.now() + TTL_MS;
        else this.#entries.delete(key);
      },
      () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    );
    return entry.promise;
  }

  clear(): void {
    this.#entries.clear();
  }
}

type Asking = { fresh?: boolean; signal?: AbortSignal };

/** `make(address)` through `cache`, keyed by the checksummed address; what is no address is refused with `invalid-address`. */
function perAddress<T>(cache: PromiseCache<T>, address: Address, options: Asking, make: (address: Address) => Promise<T>, keep?: (value: T) => boolean): Promise<T> {
  const checksummed = toChecksumAddress(address);
  if (!checksummed) {
    return Promise.reject(new KitError('invalid-address', { key: 'error.invalidAddress', vars: { value: ellipsize(stripBidiControls(String(address)), 64) } }));
  }
  return untilAborted(cache.get(checksummed.toLowerCase(), !!options.fresh, () => make(checksummed), keep), options.signal);
}

export function createIdentityService(env: IdentityEnv): IdentityService {
  return new Identities(env);
}

class Identities implements IdentityService {
  readonly #env: IdentityEnv;
  readonly #builtIn: IdentityResolver[];
  readonly #reach: (address: string) => Promise<boolean>;
  readonly #lookups = new PromiseCache<Identity>();
  readonly #elsewhere = new PromiseCache<Identity | null>();
  readonly #names = new PromiseCache<NameResolution>();
  readonly #reachable = new PromiseCache<boolean>();
  readonly #trust = new PromiseCache<Trust | null>();

  constructor(env: IdentityEnv) {
    this.#env = env;
    this.#builtIn = [ensResolver(env, normalize), lensResolver(env), ...(env.config.web3bioApiUrl ? [lazyWeb3bio(env)] : [])];
    this.#reach = xmtpReach(env);
  }

  addResolver(resolver: IdentityResolver): void {
    if (!resolver || typeof resolver.id !== 'string' || !resolver.id) throw new TypeError('An identity resolver needs a string id.');
    const list = (hostResolvers.get(this.#env) ?? []).filter((r) => r.id !== resolver.id);
    hostResolvers.set(this.#env, [...list, resolver]);
    this.#lookups.clear();
    this.#elsewhere.clear();
    this.#names.clear();
    this.#trust.clear();
  }

  /** ENS, Lens (each replaceable by a host resolver with the same id), then the other host resolvers. */
  #sources(): IdentityResolver[] {
    const hosts: IdentityResolver[] = [];
    for (let k: IdentityEnv | null = this.#env; k; k = k.parent) {
      for (const r of hostResolvers.get(k) ?? []) if (!hosts.some((h) => h.id === r.id)) hosts.push(r);
    }
    const builtIn = this.#builtIn.map((b) => hosts.find((h) => h.id === b.id) ?? b);
    return [...builtIn, ...hosts.filter((h) => !BUILT_IN.has(h.id))];
  }

  resolveName(name: string, options: { fresh?: boolean; signal?: AbortSignal } = {}): Promise<NameResolution> {
    const raw = String(name ?? '').trim();
    const resolved = parseName(raw, normalize).then((parsed) => {
      const key = parsed.kind === 'lens' ? `lens/${parsed.handle}` : parsed.kind === 'ens' ? parsed.name : `?${raw}`;
      return this.#names.get(key, !!options.fresh, () => this.#resolve(raw, parsed));
    });
    return untilAborted(resolved, options.signal);
  }

  async #resolve(raw: string, parsed: ParsedName): Promise<NameResolution> {
    const sources = this.#sources();
    // Lens handles go to the Lens source; other names to host resolvers (as written), then ENS (normalised).
    const asked: Array<[IdentityResolver, string]> =
      parsed.kind === 'lens'
        ? sources.filter((s) => s.id === 'lens').map((s) => [s, `lens/${parsed.handle}`])
        : sources.filter((s) => !BUILT_IN.has(s.id)).map((s): [IdentityResolver, string] => [s, raw]);
    if (parsed.kind === 'ens') asked.push(...sources.filter((s) => s.id === 'ens').map((s): [IdentityResolver, string] => [s, parsed.name]));
    for (const [source, name] of asked) {
      const answer = await source.resolveName?.(name);
      if (answer === undefined) continue;
      const address = toChecksumAddress(answer);
      if (!address) break;
      return { name, address, source: source.id };
    }
    if (parsed.kind === 'invalid') throw new KitError('invalid-name', { key: 'badge.invalidName', vars: { value: ellipsize(stripBidiControls(raw), 64) } });
    throw new KitError('resolution-failed', { key: 'badge.noAddress', vars: { name: parsed.kind === 'lens' ? `lens/${parsed.handle}` : parsed.name } });
  }

  lookup(address: Address, options: Asking = {}): Promise<Identity> {
    const ask = (a: Address) => this.#lookup(a, this.#sources().filter((s) => !ON_DEMAND.has(s.id)));
    return perAddress(this.#lookups, address, options, ask, (identity) => !identity.failures?.length);
  }

  elsewhere(address: Address, options: Asking = {}): Promise<Identity | null> {
    const ask = async (a: Address) => {
      const sources = this.#sources().filter((s) => ON_DEMAND.has(s.id) && s.lookup);
      return sources.length ? this.#lookup(a, sources) : null;
    };
    return perAddress(this.#elsewhere, address, options, ask, (identity) => !identity?.failures?.length);
  }

  async #lookup(address: Address, sources: IdentityResolver[]): Promise<Identity> {
    // Every source but ENS gets SOURCE_TIMEOUT_MS from the start: a Lens API, web3.bio or host resolver
    // that is down must not keep the badge loading for its whole network timeout (15 s). ENS itself is
    // never cut short: its answer (the verified name) is the one a badge is for.
    const results = await Promise.allSettled(
      sources.map((s) => {
        const work = Promise.resolve().then(() => (s.lookup ? s.lookup(address) : null));
        return s.id === 'ens' ? work : withinTimeout(work, s.id);
      }),
    );
    const identity: Identity = { address, name: null, nameSource: null, verified: false, unverifiedName: null, avatar: null, texts: {}, lens: null };
    const failures: IdentityFailure[] = [];
    const gateway = this.#env.config.ipfsGateway;
    results.forEach((result, i) => {
      const source = sources[i].id;
      if (result.status === 'rejected') {
        const e = result.reason as { code?: string; message?: string };
        failures.push(
          e instanceof KitError
            ? { source, code: e.code, message: e.message, ...(e.sentence && { sentence: e.sentence }) }
            : { source, code: 'resolution-failed', message: detailOf(e) },
        );
        return;
      }
      const part = result.value;
      if (!part) return;
      // First answer wins, field by field: ENS before Lens before host resolvers.
      const name = safeText(part.name, 255);
      if (!identity.name && name) {
        identity.name = name;
        identity.nameSource = part.nameSource ?? source;
        identity.verified = !!part.verified;
      }
      if (identity.unverifiedName === null && typeof part.unverifiedName === 'string') identity.unverifiedName = safeText(part.unverifiedName, 255) ?? '';
      identity.avatar ??= safeImage(part.avatar, gateway);
      for (const [key, value] of Object.entries(part.texts ?? {})) {
        const text = safeText(value);
        if (text && !(key in identity.texts)) identity.texts[key] = text;
      }
      if (!identity.lens && part.lens && safeText(part.lens.handle)) {
        identity.lens = {
          handle: safeText(part.lens.handle, 255)!,
          name: safeText(part.lens.name, 100),
          bio: safeText(part.lens.bio, 1000),
          picture: safeImage(part.lens.picture, gateway),
          url: part.lens.url && /^https:\/\//.test(part.lens.url) ? part.lens.url : null,
          account: toChecksumAddress(part.lens.account) ?? null,
        };
      }
      for (const p of Array.isArray(part.profiles) ? part.profiles : []) {
        const platform = safeText(p?.platform, 40);
        const pname = safeText(p?.name, 255);
        if (!platform || !pname) continue;
        (identity.profiles ??= []).push({ platform, name: pname, displayName: safeText(p.displayName, 100), avatar: safeImage(p.avatar, gateway), source: p.source ?? source });
      }
      for (const l of Array.isArray(part.links) ? part.links : []) {
        const platform = safeText(l?.platform, 40);
        const handle = safeText(l?.handle, 255);
        const by = (Array.isArray(l?.verifiedBy) ? l.verifiedBy : []).map((v) => safeText(v, 40)).filter((v): v is string => !!v);
        if (!platform || !handle || !by.length) continue;
        (identity.links ??= []).push({ platform, handle, url: safeLink(l.url), verifiedBy: by, source: l.source ?? source });
      }
    });
    if (failures.length) identity.failures = failures;
    return identity;
  }

  trust(address: Address, options: Asking = {}): Promise<Trust | null> {
    const ask = async (checksummed: Address): Promise<Trust | null> => {
      const source = this.#sources().find((s) => s.id === 'web3bio');
      if (!source?.trust) return null;
      const raw = await withinTimeout(Promise.resolve().then(() => source.trust!(checksummed)), source.id);
      if (!raw) return null;
      const clean = (list: unknown) =>
        (Array.isArray(list) ? list : []).flatMap((c: { issuer?: unknown; label?: unknown; link?: unknown }) => {
          const issuer = safeText(c?.issuer, 40);
          return issuer ? [{ issuer, label: safeText(c.label, 100), link: safeLink(c.link) }] : [];
        });
      return { human: clean(raw.human), risky: clean(raw.risky), spam: clean(raw.spam), source: source.id };
    };
    return perAddress(this.#trust, address, options, ask);
  }

  noteShown(name: string, address: Address): void {
    shownOn(this.#env).note(name, address);
  }

  lookalikes(name: string, address: Address): Promise<ShownName[]> {
    return shownOn(this.#env).lookalikes(name, address);
  }

  onShown(listener: () => void): () => void {
    return shownOn(this.#env).watch(listener);
  }

  canMessage(address: Address, options: Asking = {}): Promise<boolean> {
    return perAddress(this.#reachable, address, options, (a) => this.#reach(a));
  }

}

/** The web3.bio source, loaded when first asked (an open card, a tip's recipient, a chat request): a page at rest never downloads it. */
function lazyWeb3bio(env: Web3bioEnv): IdentityResolver {
  let real: Promise<IdentityResolver> | null = null;
  const load = () => (real ??= import('./web3bio.js').then((m) => m.web3bioResolver(env)));
  return {
    id: 'web3bio',
    lookup: async (address) => (await load()).lookup?.(address) ?? null,
    trust: async (address) => (await load()).trust?.(address) ?? null,
  };
}

const FAILED_KEYS: Record<string, string> = { lens: 'badge.lensFailed', web3bio: 'badge.web3bioFailed' };

/** `work`, or a `resolution-failed` KitError naming `source` once SOURCE_TIMEOUT_MS have passed. */
function withinTimeout<T>(work: Promise<T>, source: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KitError('resolution-failed', { key: FAILED_KEYS[source] ?? 'badge.ensFailed', vars: { detail: `no answer within ${SOURCE_TIMEOUT_MS / 1000} s` } })),
      SOURCE_TIMEOUT_MS,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
