/**
 * Lens through the Lens API (GraphQL, v3 schema: `accountsAvailable`,
 * `account`). A wallet's Lens identity is the account it owns; a handle
 * (`lens/stani`) resolves to that account's owner, so names and badges stay
 * about wallets. Lookups asked for within 16 ms go out as one document with
 * one aliased field per address.
 */
import type { KitConfig } from '../config/config.js';
import { toChecksumAddress, type Address } from '../internal/address.js';
import { KitError } from '../internal/errors.js';
import { batcher } from './batch.js';
import { detailOf } from './ens.js';
import { LENS_HANDLE } from './names.js';
import type { Identity, IdentityResolver } from './types.js';

/** The account fields a badge shows. */
const ACCOUNT_FRAGMENT = 'fragment MaskBadgeAccount on Account { address owner username { localName value } metadata { name bio picture } }';

/** Where a Lens profile link points (the Lens API gives no URL of its own). */
const PROFILE_URL = 'https://hey.xyz/u/';

export interface LensAccount {
  address?: string;
  owner?: string;
  username?: { localName?: string; value?: string } | null;
  metadata?: { name?: string | null; bio?: string | null; picture?: string | null } | null;
}

/**
 * Characters that change how text reads without being seen: direction marks
 * (U+200E, U+200F, U+061C), embeddings, overrides and isolates, zero-width
 * space and non-joiner, word joiner and invisible operators, the BOM.
 */
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0e\uffa0\ufeff]/g;
/** A zero-width joiner outside an emoji sequence (inside one it draws 👩‍💻, and stays). */
const STRAY_JOINER = /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}]\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;

/** A Lens profile's display text without invisible and direction-changing characters; null when it is not text. */
export function lensText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.replace(INVISIBLE, '').replace(STRAY_JOINER, '');
}

/**
 * The username an account's `username` is, as Lens spells it
 * (`lens/stani`): a local name in Lens's charset, and a `value` that is
 * `namespace/localName` for that same local name. Anything else is not a
 * username (null): it may be shown as text, never as a verified handle.
 */
export function lensUsername(username: LensAccount['username']): string | null {
  const localName = username?.localName;
  if (typeof localName !== 'string' || !LENS_HANDLE.test(localName)) return null;
  const value = username?.value;
  if (value === undefined || value === null || value === '') return `lens/${localName}`;
  if (typeof value !== 'string') return null;
  const parts = /^([a-z0-9][a-z0-9_-]{0,62})\/([a-z0-9][a-z0-9_-]{0,62})$/.exec(value);
  return parts && parts[2] === localName ? value : null;
}

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: string; path?: Array<string | number> }>;
}

/** What the Lens source needs from the kit (its port): where the Lens API is. */
export interface LensEnv {
  readonly config: Pick<KitConfig, 'lensApiUrl'>;
}

export function lensResolver(env: LensEnv): IdentityResolver {
  const post = async (query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> => {
    let response: Response;
    try {
      response = await fetch(env.config.lensApiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (error) {
      throw failed(error);
    }
    const body = (await response.json().catch(() => null)) as GraphQLResponse | null;
    if (!response.ok || !body || (!body.data && body.errors)) {
      throw failed(new Error(body?.errors?.[0]?.message ?? `HTTP ${response.status}`));
    }
    return body;
  };
  const failed = (error: unknown) => new KitError('resolution-failed', { key: 'badge.lensFailed', vars: { detail: detailOf(error) } }, { cause: error });

  /** Owned accounts of up to 50 wallets in one request; a field that errored rejects its wallet only. */
  const ownedAccount = batcher<string, LensAccount | null | Error>(async (owners) => {
    const vars = owners.map((_, i) => `$a${i}: EvmAddress!`).join(', ');
    const fields = owners
      .map((_, i) => `a${i}: accountsAvailable(request: { managedBy: $a${i}, includeOwned: true }) { items { ... on AccountOwned { account { ...MaskBadgeAccount } } } }`)
      .join('\n  ');
    const body = await post(`query MaskBadgeAccounts(${vars}) {\n  ${fields}\n}\n${ACCOUNT_FRAGMENT}`, Object.fromEntries(owners.map((owner, i) => [`a${i}`, owner])));
    const answers = new Map<string, LensAccount | null | Error>();
    owners.forEach((owner, i) => {
      const field = body.data?.[`a${i}`] as { items?: Array<{ account?: LensAccount } | null> } | null | undefined;
      const error = body.errors?.find((e) => e.path?.[0] === `a${i}`);
      if (error || !field) {
        answers.set(owner, failed(new Error(error?.message ?? 'no data')));
        return;
      }
      const owned = (field.items ?? []).map((item) => item?.account).find((a) => a && a.owner?.toLowerCase() === owner);
      answers.set(owner, owned ?? null);
    });
    return answers;
  });

  return {
    id: 'lens',

    async resolveName(name) {
      const handle = /^lens\/(.+)$/.exec(name)?.[1];
      if (!handle) return undefined;
      const body = await post(`query MaskBadgeHandle($n: String!) {\n  account(request: { username: { localName: $n } }) { ...MaskBadgeAccount }\n}\n${ACCOUNT_FRAGMENT}`, { n: handle });
      const account = body.data?.account as LensAccount | null | undefined;
      return toChecksumAddress(account?.owner) ?? null;
    },

    async lookup(address: Address): Promise<Partial<Identity> | null> {
      const account = await ownedAccount(address.toLowerCase());
      if (account instanceof Error) throw account;
      if (!account?.username) return null;
      const picture = account.metadata?.picture ?? null;
      const profile = { name: lensText(account.metadata?.name), bio: lensText(account.metadata?.bio), picture };
      const handle = lensUsername(account.username);
      if (!handle) {
        // Not a username Lens would issue: its text appears in the Lens section, never as the badge's verified name.
        const text = lensText(account.username.value) || lensText(account.username.localName);
        return text ? { lens: { handle: text, ...profile, url: null } } : null;
      }
      return {
        name: handle,
        nameSource: 'lens',
        verified: true,
        avatar: picture,
        // The account is a smart account on Lens Chain; the badge's address is its owner (tips go there).
        lens: { handle, ...profile, url: `${PROFILE_URL}${account.username.localName}`, account: account.address ?? null },
      };
    },
  };
}
